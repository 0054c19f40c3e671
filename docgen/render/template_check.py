"""`docgen template check`: every problem of a .docx template at once, each pointing at the
paragraph or table cell where it stands, with the text quoted.

Checks: Jinja syntax (per tag, then the whole template), names the renderer does not provide,
paragraph styles the renderer needs, tags Word split across runs, and fields or block styles
the outline needs that the template never places.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes

from ..content.report import Report
from ..core.errors import DocgenError, Finding, Location, error, warning
from ..outline.model import Outline
from .context import build_context
from .engine import jinja_env
from .template_blocks import Unbalanced, block_tags, repaired, unbalanced

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_DELIMITER = re.compile(r"\{[{%#]|[}%#]\}")
_DOCXTPL_MARK = re.compile(r"^\{%\s*[ptrc]{1,2}\s")  # {%p, {%tr, {%tc, {%r: docxtpl's paragraph/row/cell/run tags
BODY_STYLES = {  # docs/templates.md: the style of a body block and the paragraph styles it needs
    "part_label": ("DG Part Label",), "part_title": ("DG Part Title",),
    "heading1": ("DG Heading 1",), "heading2": ("DG Heading 2",), "heading3": ("DG Heading 3",),
    "text": ("DG Body",), "bullet1": ("DG Bullet 1",), "bullet2": ("DG Bullet 2",),
    "table": ("DG Table Caption", "DG Table Header", "DG Table Text"),
}
REQUIRED_FIELDS = ("organ", "number_line", "date_line", "kind_title", "summary", "body", "recipients", "signer.position", "signer.name")
QUOTE_LENGTH = 70


@dataclass(frozen=True)
class Spot:
    """One paragraph of the template: where it stands, its text and its runs' texts."""

    number: int  # 1-based, in document order over every paragraph
    where: str  # "đoạn 12" or "bảng 2, hàng 1, cột 3"
    text: str
    runs: tuple[str, ...]
    style: str

    def quote(self) -> str:
        text = self.text if len(self.text) <= QUOTE_LENGTH else self.text[:QUOTE_LENGTH] + "…"
        return f"{self.where} “{text}”"


def spots(body: Any, styles: dict[str, str]) -> list[Spot]:
    found: list[Spot] = []
    tables = [t for t in body if t.tag == f"{W}tbl"]
    body_count = 0
    for paragraph in body.iter(f"{W}p"):
        cell = next((a for a in paragraph.iterancestors(f"{W}tc")), None)
        if cell is None:
            body_count += 1
            where = f"đoạn {body_count}"
        else:
            where = _cell_where(cell, tables)
        runs = tuple("".join(t.text or "" for t in run.iter(f"{W}t")) for run in paragraph.iter(f"{W}r"))
        style_el = paragraph.find(f"{W}pPr/{W}pStyle")
        style = styles.get(style_el.get(f"{W}val"), "") if style_el is not None else ""
        found.append(Spot(len(found) + 1, where, "".join(runs), runs, style))
    return found


def _cell_where(cell: Any, tables: list[Any]) -> str:
    row = cell.getparent()
    table = row.getparent()
    outer = next((t for t in [table, *table.iterancestors(f"{W}tbl")] if t in tables), table)
    t_index = tables.index(outer) + 1 if outer in tables else 0
    r_index = list(table.iterchildren(f"{W}tr")).index(row) + 1
    c_index = list(row.iterchildren(f"{W}tc")).index(cell) + 1
    return f"bảng {t_index}, hàng {r_index}, cột {c_index}"


@dataclass(frozen=True)
class Loaded:
    path: Path
    spots: list[Spot]
    styles: set[str]
    source: str | None  # the whole template as docxtpl compiles it; None when it cannot be patched


def load_template(path: Path) -> Loaded:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    name = str(path)
    if not path.is_file():
        raise DocgenError(error("template-not-found", f"Không tìm thấy mẫu “{name}”.", Location(name)))
    try:
        document = Document(name)
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError):
        raise DocgenError(error("template-unreadable", f"Không mở được mẫu “{name}”: đây không phải là tệp .docx hợp lệ.", Location(name))) from None
    by_id = {s.style_id: s.name for s in document.styles}
    template = DocxTemplate(name)
    template.render_init()
    source = template.patch_xml(template.get_xml())
    return Loaded(path, spots(document.element.body, by_id), set(by_id.values()), source)


def check_template(path: Path, outline: Outline) -> list[Finding]:
    loaded = load_template(path)
    context = build_context(outline, Report(outline=outline.id))
    findings = [*split_tags(loaded), *tag_syntax(loaded), *unbalanced_blocks(loaded)]
    findings += whole_syntax(loaded, findings)
    findings += undefined_names(loaded, context)
    findings += missing_styles(loaded, outline)
    findings += unplaced_fields(loaded, outline)
    return findings


def _at(loaded: Loaded, spot: Spot | None = None) -> Location:
    return Location(str(loaded.path), spot.number if spot else None)


def split_tags(loaded: Loaded) -> Iterator[Finding]:
    for spot in loaded.spots:
        bounds = _run_bounds(spot.runs)
        pieces = [*TAG.finditer(spot.text), *_DELIMITER.finditer(spot.text)]
        bad = next((m for m in pieces if not _inside_one_run(bounds, m.start(), m.end())), None)
        if bad:
            yield warning("template-split-tag", f"Thẻ “{bad.group()}” bị Word tách thành nhiều đoạn chữ (run) ở {spot.quote()}; hãy gõ lại thẻ liền một lần.",
                          _at(loaded, spot))


def _run_bounds(runs: tuple[str, ...]) -> list[tuple[int, int]]:
    bounds, position = [], 0
    for run in runs:
        bounds.append((position, position + len(run)))
        position += len(run)
    return bounds


def _inside_one_run(bounds: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in bounds)


def tag_syntax(loaded: Loaded) -> Iterator[Finding]:
    """Each {{ … }} on its own, and delimiters left open in a paragraph."""
    env = jinja_env()
    for spot in loaded.spots:
        text = spot.text
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            yield error("template-syntax", f"Thẻ mở và thẻ đóng không khớp ở {spot.quote()}.", _at(loaded, spot))
            continue
        for match in TAG.finditer(text):
            if match.group().startswith("{{"):
                try:
                    env.parse(match.group())
                except TemplateSyntaxError as exc:
                    yield error("template-syntax", f"Lỗi cú pháp Jinja trong “{match.group()}” ở {spot.where}: {exc.message}.", _at(loaded, spot))


def whole_syntax(loaded: Loaded, earlier: list[Finding]) -> Iterator[Finding]:
    """Blocks ({% for %} … {% endfor %}) across paragraphs; skipped when a tag of its own already failed."""
    if loaded.source is None or any(f.code in ("template-syntax", *_BLOCK_CODES) for f in earlier):
        return
    try:
        jinja_env().parse(loaded.source)
    except TemplateSyntaxError as exc:
        line = loaded.source.splitlines()[exc.lineno - 1] if exc.lineno and exc.source is not None else ""
        snippet = " ".join(TAG.findall(re.sub(r"<[^>]+>", "", line)))
        spot = _find_spot(loaded, snippet)
        where = spot.quote() if spot else f"thẻ “{snippet}”"
        yield error("template-syntax", f"Lỗi cú pháp Jinja ở {where}: {exc.message}.", _at(loaded, spot))


_BLOCK_CODES = ("template-unclosed-block", "template-unmatched-end")


def unbalanced_blocks(loaded: Loaded) -> Iterator[Finding]:
    """{% if %} / {% for %} … left open, or an {% endif %} / {% else %} with nothing to close, named where they stand."""
    tags = [tag for spot in loaded.spots for tag in block_tags(spot.text, spot)]
    for problem in sorted(unbalanced(tags), key=lambda p: (p.tag.where.number, p.tag.start)):
        yield _block_finding(loaded, problem)


def _block_finding(loaded: Loaded, problem: Unbalanced) -> Finding:
    tag = problem.tag
    here = tag.where.where if tag.where.text.strip() == tag.text else tag.where.quote()  # quote the paragraph only when it says more
    if problem.closes:
        return error("template-unmatched-end", f"Thẻ “{tag.text}” ở {here} không khớp với thẻ mở nào.", _at(loaded, tag.where))
    until = f"trước thẻ “{problem.before.text}” ở {problem.before.where.where}" if problem.before else "trước khi hết mẫu"
    return error("template-unclosed-block", f"Thẻ “{tag.text}” ở {here} chưa được đóng: thiếu “{problem.missing}” {until}.",
                 _at(loaded, tag.where))


def _find_spot(loaded: Loaded, snippet: str) -> Spot | None:
    plain = _DOCXTPL_MARK.sub("{% ", snippet).strip()
    return next((s for s in loaded.spots if snippet and (snippet in s.text or plain in _DOCXTPL_MARK.sub("{% ", s.text))), None)


def _parsed(loaded: Loaded) -> nodes.Template | None:
    if loaded.source is None:
        return None
    for source in (loaded.source, repaired(loaded.source)):  # names are still checked when a block is left open
        try:
            return jinja_env().parse(source)
        except TemplateSyntaxError:
            continue
    return None


def undefined_names(loaded: Loaded, context: dict[str, Any]) -> Iterator[Finding]:
    tree = _parsed(loaded)
    if tree is None:
        return
    for name in sorted(meta.find_undeclared_variables(tree) - set(context)):
        spot = _spot_using(loaded, name)
        where = spot.quote() if spot else "mẫu"
        yield error("template-undefined-name", f"Tên “{name}” không có trong dữ liệu mà chương trình cung cấp, ở {where}.", _at(loaded, spot))
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and isinstance(context.get(node.node.name), dict) and node.attr not in context[node.node.name]:
            name = f"{node.node.name}.{node.attr}"
            spot = _spot_using(loaded, name)
            where = spot.quote() if spot else "mẫu"
            yield error("template-undefined-name", f"Tên “{name}” không có trong dữ liệu mà chương trình cung cấp, ở {where}.", _at(loaded, spot))


def _spot_using(loaded: Loaded, name: str) -> Spot | None:
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])")
    return next((s for s in loaded.spots if any(pattern.search(tag) for tag in TAG.findall(s.text))), None)


def _needed_styles(outline: Outline) -> list[str]:
    depth = max((s.depth for s in outline.walk()), default=1)
    return ["part_label", "part_title", *[f"heading{d}" for d in range(1, min(depth, 3) + 1)], "text", "bullet1", "bullet2", "table"]


def missing_styles(loaded: Loaded, outline: Outline) -> Iterator[Finding]:
    for block in _needed_styles(outline):
        for style in BODY_STYLES[block]:
            if style not in loaded.styles:
                yield error("template-missing-style", f"Mẫu thiếu kiểu đoạn “{style}” (dùng cho khối “{block}”).", _at(loaded))


def unplaced_fields(loaded: Loaded, outline: Outline) -> Iterator[Finding]:
    tags = " ".join(tag for spot in loaded.spots for tag in TAG.findall(spot.text))
    for field in REQUIRED_FIELDS:
        if not re.search(rf"(?<![\w.]){re.escape(field)}(?!\w)", tags):
            yield error("template-field-not-placed", f"Mẫu không đặt trường “{field}” ở đâu cả.", _at(loaded))
    for block in _needed_styles(outline):
        if block != "text" and not re.search(rf"['\"]{block}['\"]", tags):
            yield error("template-block-not-placed",
                        f"Mẫu không có nhánh cho khối “{block}” (b.style == '{block}') mà đề cương “{outline.id}” cần.", _at(loaded))
