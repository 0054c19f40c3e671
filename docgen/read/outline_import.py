"""`docgen outline import`: turn the đề cương inside a guidance document into an outline YAML.

The đề cương starts after a line such as "ĐỀ CƯƠNG BÁO CÁO", "Đề cương gợi ý", "MẪU BÁO CÁO" or
"Phụ lục"; without one, the body of the document is taken as the outline (a plan's own
structure). The headings are found by the reader (outline_tree); this module places the tree in
an outline: numbers, ids, kind, system, template, and the YAML text with what could not be
decided as comments. Front ends call `import_outline` (a path) or `import_outline_bytes` (an
upload) and get the YAML text and the findings.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core import official
from ..core.errors import DocgenError, Finding, Location, error, warning
from ..core.vietnamese import slugify, to_roman
from ..outline.model import Outline, Section, letter_number
from .docmeta import extract
from .headings import fold, parse_heading, similarity
from .outline_tree import Node, Tree, build_tree
from .outline_yaml import Placed, outline_yaml
from .paragraphs import paragraphs
from .reader import Line, Source, read

MAX_PARAGRAPHS = 20_000  # about 400 pages: a đề cương is a few pages; more is the wrong file
_MARKER = re.compile(r"^(de cuong|mau bao cao|mau de cuong|phu luc)\b")
_MARKER_WORDS = re.compile(r"^(?:đề cương|mẫu|phụ lục(?:\s+(?:số\s+)?[IVX\d]+\b)?)[\s.:]*", re.IGNORECASE)
MARKER_LENGTH = 400  # a marker line may carry the subtitle the extraction joined to it
_ATTACHED = re.compile(r"\s*\((kèm theo[^)]*)\)\s*", re.IGNORECASE)
_PARTY_NUMBER = re.compile(r"\b\d+\s*-\s*[A-ZĐ][A-Za-zĐđ]{1,4}/[A-ZĐ]")
_STATE_NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ]{1,4}-[A-ZĐ]")
_KIND_CODES = {fold(title): code for kinds in official.KINDS.values() for code, title in kinds.items()}
ID_WORDS = 6
ID_LENGTH = 40
REUSE_BY_POSITION = 0.3  # title similarity that keeps an existing section's id at the same place
REUSE_BY_TITLE = 0.6  # similarity that keeps an existing section's id wherever it stands


@dataclass(frozen=True)
class ImportedHeading:
    level: int
    printed: str  # the number as the document prints it: "I.", "2.1.", "a)", "Phần 2"
    title: str
    line: int  # in the source


@dataclass(frozen=True)
class ImportedOutline:
    text: str  # the outline YAML, comments included
    findings: tuple[Finding, ...]
    headings: tuple[ImportedHeading, ...]  # as read, in document order (for review and measurement)


@dataclass(frozen=True)
class Region:
    lines: list[Line]
    marker: Line | None  # the "ĐỀ CƯƠNG …" line, None when the whole body is the outline


def import_outline(path: Path, display: str | None = None, outline_id: str | None = None,
                   like: Outline | None = None) -> ImportedOutline:
    """The outline YAML of the đề cương in a .docx/.txt document, and what could not be decided.

    `like`: an existing outline whose ids are kept for the sections that match it (a new version
    of the same guidance keeps the content files working)."""
    source = _read(path, display)
    region = find_region(source)
    tree = build_tree(region.lines, source.file)
    if not tree.roots:
        raise DocgenError(_no_outline(source.file))
    findings = list(tree.findings)
    header = _header(source, region, tree, outline_id, findings)
    placed = place(tree.roots, like)
    text = outline_yaml(header, placed, source.file)
    return ImportedOutline(text, tuple(sorted(findings, key=lambda f: f.location.line or 0)), tuple(_headings(tree.roots, 1)))


def _headings(nodes: list[Node], level: int) -> Iterator[ImportedHeading]:
    for node in nodes:
        yield ImportedHeading(level, node.printed, node.title, node.line)
        yield from _headings(node.children, level + 1)


def import_outline_bytes(data: bytes, filename: str, outline_id: str | None = None,
                         like: Outline | None = None) -> ImportedOutline:
    """The same for an uploaded file: its bytes and its name (the extension chooses the reader)."""
    with tempfile.TemporaryDirectory(prefix="docgen-import-") as folder:
        path = Path(folder) / ("guidance" + Path(filename).suffix.lower())
        path.write_bytes(data)
        return import_outline(path, filename, outline_id, like)


def _read(path: Path, display: str | None) -> Source:
    try:
        source = read(path, display)
    except DocgenError as stop:
        if any(f.code == "empty-document" for f in stop.findings):
            raise DocgenError(error("outline-import-no-text", "Văn bản không có chữ (có thể là bản quét thành ảnh); hãy dùng bản "
                                    "có chữ: .docx, .txt hoặc PDF có lớp chữ.", Location(display or str(path)))) from None
        raise
    if len(source.lines) > MAX_PARAGRAPHS:
        raise DocgenError(error("outline-import-too-long", f"Văn bản quá dài ({len(source.lines):,} đoạn, giới hạn {MAX_PARAGRAPHS:,}); "
                                "hãy tách riêng phần đề cương ra một tệp rồi nhập.".replace(",", "."), Location(source.file)))
    return source


def _no_outline(file: str) -> Finding:
    return error("outline-import-not-found", "Không tìm thấy đề cương trong văn bản: không có dòng “ĐỀ CƯƠNG…”, “MẪU BÁO CÁO” hay "
                 "“Phụ lục” có đề mục theo sau, và phần thân văn bản không có đề mục đánh số (I., 1., 2.1., a), Phần thứ…).",
                 Location(file))


def find_region(source: Source) -> Region:
    """The lines of the đề cương: after its marker line, else the body of the document."""
    lines = [line for line in paragraphs(source) if not line.in_table]
    markers = [i for i, line in enumerate(lines) if _is_marker(line)]
    for n, start in enumerate(markers):
        end = markers[n + 1] if n + 1 < len(markers) else len(lines)
        inside = lines[start + 1:end]
        if any(line.table is None and parse_heading(line.text) for line in inside):
            return Region(inside, lines[start])
    meta = extract(source.lines)
    body = [line for line in lines if meta.body_start <= line.index < meta.body_end]
    if not any(line.table is None and parse_heading(line.text) for line in body):
        raise DocgenError(_no_outline(source.file))
    return Region(body, None)


def _is_marker(line: Line) -> bool:
    return line.table is None and len(line.text) <= MARKER_LENGTH and bool(_MARKER.match(fold(line.text)))


# -- the outline's header -------------------------------------------------------------------


def _header(source: Source, region: Region, tree: Tree, outline_id: str | None, findings: list[Finding]) -> dict[str, str]:
    meta = extract(source.lines)
    name, attached = _name(region, tree, " ".join(meta.summary))
    where = Location(source.file, region.marker.index if region.marker else meta.body_start or None)
    if not name:
        name = f"Đề cương nhập từ {Path(source.file).name}"
        findings.append(warning("outline-import-no-name", f"Không thấy tên đề cương; đã tạm đặt “{name}”.", where))
    system = meta.system or _system_from_numbers(source)
    if not system:
        system = official.PARTY
        findings.append(warning("outline-import-system-guessed", "Không xác định được văn bản của Đảng hay của Nhà nước; đã chọn "
                                "văn bản của Đảng (mẫu party.docx).", where))
    kind = _kind(region, name, meta.kind)
    return {"id": outline_id or _words(name, 8, 50), "name": name, "kind": kind, "system": system,
            "template": f"{system}.docx", "source": attached or Path(source.file).name}


def _name(region: Region, tree: Tree, summary: str) -> tuple[str, str]:
    """The subject the đề cương is for, and the "(kèm theo …)" note printed with it."""
    if region.marker is None:
        return summary.strip(), ""
    own = _MARKER_WORDS.sub("", region.marker.text).strip()
    text = own
    if tree.intro and (not own or fold(own) in _KIND_CODES):  # "ĐỀ CƯƠNG BÁO CÁO" with the subject on the next line
        subject = tree.intro[0]
        text = subject if fold(subject).startswith(fold(own)) else f"{own.capitalize()} {subject[:1].lower()}{subject[1:]}"
    attached = _ATTACHED.search(text)
    name = _ATTACHED.sub(" ", text).strip(" .:")
    note = attached.group(1).strip() if attached else ""
    return name[:1].upper() + name[1:], (f"Đề cương {note}" if note else "")


def _kind(region: Region, name: str, kind_line: str) -> str:
    if region.marker is None and fold(kind_line) in _KIND_CODES:
        return _KIND_CODES[fold(kind_line)]
    folded = fold(name)
    return next((code for title, code in _KIND_CODES.items() if folded.startswith(title)), "BC")


def _system_from_numbers(source: Source) -> str:
    text = "\n".join(line.text for line in source.lines)
    party, state = len(_PARTY_NUMBER.findall(text)), len(_STATE_NUMBER.findall(text))
    return official.PARTY if party > state else official.STATE if state > party else ""


# -- numbers and ids ------------------------------------------------------------------------


def place(roots: list[Node], like: Outline | None) -> list[Placed]:
    taken: set[str] = set()
    return _place(roots, 1, "", list(like.sections) if like else [], taken)


def _place(nodes: list[Node], depth: int, parent_number: str, candidates: list[Section], taken: set[str]) -> list[Placed]:
    placed = []
    for position, node in enumerate(nodes, start=1):
        number = model_number(node, depth, position, parent_number)
        reused = _reused(node, position, candidates, taken)
        section_id = reused.id if reused else unique_id(node.title, taken)
        taken.add(section_id)
        notes = list(node.notes)
        if number != node.printed:
            notes.append(f"trong văn bản in là “{node.printed}”")
        children = _place(node.children, depth + 1, number, list(reused.children) if reused else [], taken)
        placed.append(Placed(section_id, number, node, tuple(notes), tuple(children)))
    return placed


def model_number(node: Node, depth: int, position: int, parent_number: str) -> str:
    """The number the outline model expects at this place; a)/b) is kept below the second level."""
    if depth == 1:
        return f"{to_roman(position)}."
    if depth >= 3 and node.heading.kind == "letter":
        return letter_number(position)
    if depth == 2 or not parent_number[:1].isdigit():
        return f"{position}."
    return f"{parent_number.rstrip('.')}.{position}."


def unique_id(title: str, taken: set[str]) -> str:
    """A readable ASCII id from the title's first words, made unique with a suffix."""
    base = _words(title, ID_WORDS, ID_LENGTH) or "muc"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _words(text: str, count: int, length: int) -> str:
    """The slug of the first `count` words of a text, cut at a word boundary within `length`."""
    words, slug = slugify(text, 400).split("-")[:count], ""
    for word in words:
        if len(slug) + len(word) + 1 > length:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def _reused(node: Node, position: int, candidates: list[Section], taken: set[str]):  # type: ignore[no-untyped-def]
    free = [s for s in candidates if s.id not in taken]
    if not free:
        return None
    at_position = candidates[position - 1] if position <= len(candidates) and candidates[position - 1] in free else None
    if at_position is not None and similarity(node.title, at_position.title) >= REUSE_BY_POSITION:
        return at_position
    best = max(free, key=lambda s: similarity(node.title, s.title))
    return best if similarity(node.title, best.title) >= REUSE_BY_TITLE else None
