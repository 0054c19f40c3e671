"""The Outline model (the đề cương: a tree of sections) and its loader with checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import official
from ..core.errors import DocgenError, Finding, Location, error
from ..core.vietnamese import to_roman
from ..core.yamlio import YamlDoc, load_yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_OUTLINE_KEYS = {"id", "version", "name", "kind", "system", "template", "source", "corrections", "sections", "profile"}
_REQUIRED_OUTLINE_KEYS = ("id", "version", "name", "kind", "system", "template", "sections")
_SECTION_KEYS = {"id", "number", "title", "required", "guidance", "sections"}
_TRUE = {"true", "yes", "có", "co"}
_FALSE = {"false", "no", "không", "khong"}


@dataclass(frozen=True)
class Section:
    id: str
    number: str  # as printed: "I.", "1.", "2.1."
    ref: str  # the path used in messages: "II.2.1"
    title: str
    required: bool
    guidance: tuple[str, ...] = ()
    children: tuple[Section, ...] = ()
    depth: int = 1
    line: int | None = None

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class Outline:
    id: str
    version: str
    name: str
    kind: str
    system: str
    template: str
    sections: tuple[Section, ...]
    file: str = ""
    source: str = ""
    profile: str = "hd36"
    corrections: tuple[dict[str, str], ...] = ()
    _index: dict[str, Section] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({s.id: s for s in self.walk()})

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def find(self, section_id: str) -> Section | None:
        return self._index.get(section_id)

    def parent_of(self, section_id: str) -> Section | None:
        return next((s for s in self.walk() if any(c.id == section_id for c in s.children)), None)

    @property
    def kind_title(self) -> str:
        return official.kind_title(self.kind, self.system) or self.kind

    def template_path(self) -> Path:
        """The template next to the outline's project, else the bundled one."""
        here = Path(self.file).resolve().parent.parent / "templates" / self.template if self.file else None
        if here is not None and here.is_file():
            return here
        return PROJECT_ROOT / "templates" / self.template


def find_outline(ref: str, near: Path | None = None) -> Path:
    """Resolve an outline id or path, looking beside the content first, then the bundled outlines."""
    candidates: list[Path] = []
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        candidates.append((near / ref) if near else Path(ref))
        candidates.append(Path(ref))
    elif ID_PATTERN.match(ref):
        if near is not None:
            candidates += [near.parent / "outlines" / f"{ref}.yaml", near / "outlines" / f"{ref}.yaml"]
        candidates.append(PROJECT_ROOT / "outlines" / f"{ref}.yaml")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise DocgenError(error("outline-not-found", f"Không tìm thấy đề cương “{ref}”."))


def load_outline(path: Path, display: str | None = None, chain: tuple[Path, ...] = ()) -> Outline:
    """Load and check an outline; every problem is reported at once, with file and line.

    An outline with `extends` is first resolved against its parent (docgen.outline.extend);
    `chain` holds the files already being loaded, to catch an `extends` cycle."""
    doc = load_yaml(path, display)
    data = doc.data
    if not isinstance(data, dict):
        raise DocgenError(error("outline-invalid", "Đề cương phải là một bảng khóa: giá trị (mapping).", doc.at()))
    findings: list[Finding] = []
    if "extends" in data:
        from .extend import resolve_extends

        doc, findings = resolve_extends(doc, path, chain, load_outline)
        data = doc.data
    findings += _check_header(doc, data)
    kind, system, profile = str(data.get("kind", "")), str(data.get("system", "")), str(data.get("profile", "hd36"))
    raw_sections = data.get("sections")
    sections: tuple[Section, ...] = ()
    if isinstance(raw_sections, list) and raw_sections:
        sections = _sections(doc, raw_sections, ("sections",), depth=1, parent=None, findings=findings)
        findings += _duplicate_ids(doc, sections)
    elif "sections" in data:
        findings.append(error("outline-invalid", "“sections” phải là một danh sách mục.", doc.at("sections")))
    if findings:
        raise DocgenError(findings)
    corrections = tuple(c for c in data.get("corrections", []) if isinstance(c, dict))
    outline = Outline(
        id=data["id"], version=str(data["version"]), name=data["name"], kind=kind, system=system,
        template=data["template"], sections=sections, file=str(path), source=str(data.get("source", "")),
        profile=profile, corrections=corrections,
    )
    if not outline.template_path().is_file():
        raise DocgenError(error("template-not-found", f"Không tìm thấy mẫu “{outline.template}”.", doc.at("template")))
    return outline


def _check_header(doc: YamlDoc, data: dict[str, Any]) -> list[Finding]:
    findings = _unknown_keys(doc, data, (), _OUTLINE_KEYS)
    for key in _REQUIRED_OUTLINE_KEYS:
        if not data.get(key):
            findings.append(error("outline-missing-key", f"Đề cương thiếu khóa “{key}”.", doc.at()))
    system = str(data.get("system", ""))
    if data.get("system") and system not in official.SYSTEMS:
        findings.append(error("outline-invalid-system", f"“system” phải là “party” hoặc “state”, không phải “{system}”.", doc.at("system")))
    kind = str(data.get("kind", ""))
    if system in official.SYSTEMS and kind and kind not in official.KINDS[system]:
        system_name = official.SYSTEM_NAMES_VI[system]
        findings.append(error("outline-invalid-kind", f"Loại văn bản “{kind}” không có trong bảng chữ viết tắt của {system_name}.", doc.at("kind")))
    if str(data.get("profile", "hd36")) not in official.PROFILES:
        findings.append(error("outline-invalid-profile", f"“profile” phải là một trong {', '.join(official.PROFILES)}.", doc.at("profile")))
    return findings


def _sections(doc: YamlDoc, items: list[Any], path: tuple[str | int, ...], depth: int,
              parent: Section | None, findings: list[Finding]) -> tuple[Section, ...]:
    result = []
    for index, item in enumerate(items):
        here = (*path, index)
        if not isinstance(item, dict):
            findings.append(error("outline-invalid", "Mỗi mục phải là một bảng khóa: giá trị.", doc.at(*here)))
            continue
        findings += _unknown_keys(doc, item, here, _SECTION_KEYS)
        section_id = str(item.get("id", ""))
        number = str(item.get("number", ""))
        title = str(item.get("title", "")).strip()
        expected = expected_number(depth, index + 1, parent)
        ref = _ref(parent, number or expected)
        if not ID_PATTERN.match(section_id):
            message = f"Mã mục “{section_id}” không hợp lệ: chỉ dùng chữ thường không dấu, số và “-”."
            findings.append(error("outline-invalid-id", message, doc.at(*here, "id", section=ref)))
        allowed = (expected, letter_number(index + 1)) if depth >= 3 else (expected,)
        if number not in allowed:
            findings.append(error("outline-numbering", f"Số thứ tự “{number}” không đúng; mong đợi “{expected}”.", doc.at(*here, "number", section=ref)))
        if not title:
            findings.append(error("outline-missing-title", "Mục thiếu tiêu đề.", doc.at(*here, section=ref)))
        required = _boolean(item.get("required", "true"))
        if required is None:
            findings.append(error("outline-invalid-required", "“required” phải là true hoặc false.", doc.at(*here, "required", section=ref)))
        guidance = item.get("guidance", [])
        if isinstance(guidance, str):
            guidance = [guidance]
        section = Section(section_id, number, ref, title, bool(required), tuple(str(g).strip() for g in guidance),
                          (), depth, doc.line(*here))
        children = item.get("sections")
        if isinstance(children, list):
            kids = _sections(doc, children, (*here, "sections"), depth + 1, section, findings)
            section = Section(section_id, number, ref, title, bool(required), section.guidance, kids, depth, section.line)
        result.append(section)
    return tuple(result)


def expected_number(depth: int, position: int, parent: Section | None) -> str:
    """I. II. … at the top, 1. 2. … below, then 2.1. 2.2. … (the parent's number + position).

    From the third level down a đề cương may also print letters, a) b) … (`letter_number`)."""
    if depth == 1:
        return f"{to_roman(position)}."
    if depth == 2 or parent is None or not parent.number[:1].isdigit():
        return f"{position}."
    return f"{parent.number.rstrip('.')}.{position}."


def letter_number(position: int) -> str:
    """"a)", "b)" … "đ)" …: the Vietnamese alphabet's letters, as points are lettered."""
    return f"{VIETNAMESE_LETTERS[(position - 1) % len(VIETNAMESE_LETTERS)]})"


def _ref(parent: Section | None, number: str) -> str:
    own = number.rstrip(".)").split(".")[-1]
    return f"{parent.ref}.{own}" if parent else own


def _boolean(value: Any) -> bool | None:
    text = str(value).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else None


def _unknown_keys(doc: YamlDoc, data: dict[str, Any], path: tuple[str | int, ...], allowed: set[str]) -> list[Finding]:
    return [
        error("unknown-key", f"Khóa “{key}” không được hỗ trợ; các khóa hợp lệ: {', '.join(sorted(allowed))}.", doc.at(*path, key))
        for key in data if key not in allowed
    ]


def _duplicate_ids(doc: YamlDoc, sections: tuple[Section, ...]) -> list[Finding]:
    seen: dict[str, Section] = {}
    found = []
    for top in sections:
        for section in top.walk():
            if section.id in seen:
                first = seen[section.id]
                found.append(error("duplicate-section-id", f"Mã mục “{section.id}” bị trùng với mục {first.ref} (dòng {first.line}).",
                                   Location(doc.file, section.line, section.ref)))
            else:
                seen[section.id] = section
    return found


def format_tree(outline: Outline) -> str:
    """The outline as an indented tree, for `docgen outline show`."""
    lines = [f"{outline.name}", f"({outline.kind_title} · {official.SYSTEM_NAMES_VI[outline.system]} · mẫu {outline.template})"]
    for section in outline.walk():
        mark = "" if section.required else " (không bắt buộc)"
        lines.append(f"{'  ' * (section.depth - 1)}{section.number} {section.title}  [{section.id}]{mark}")
    return "\n".join(lines)
