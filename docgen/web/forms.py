"""The form of a draft, generated from the outline, and its conversion to content YAML.

The stored draft is a content YAML text (docs/content-format.md). A save applies the submitted
fields to it (section tables and the indicators table through `tables`) and leaves everything the
form does not show (parts, an indicator's numerator, denominator and kind, extra sections) as it
was. A section whose field is left empty is removed, so it counts as missing and the document
prints no empty heading for it, exactly as with a content file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content.report import is_recipient_group
from ..core.yamlio import YamlDoc, dump_yaml
from ..outline.model import Outline
from . import tables

# Metadata fields in the order the form shows them: (name, Vietnamese label, hint, multi-line).
METADATA: tuple[tuple[str, str, str, bool], ...] = (
    ("unit.name", "Tên đơn vị", "Ví dụ: Huyện Đức Trọng (dùng để đặt tên bản nháp)", False),
    ("organ.parent", "Cơ quan cấp trên trực tiếp", "Ví dụ: ĐẢNG BỘ TỈNH LÂM ĐỒNG (có thể để trống)", False),
    ("organ.name", "Cơ quan ban hành", "Ví dụ: HUYỆN ỦY ĐỨC TRỌNG", False),
    ("number", "Số và ký hiệu", "Không ghi chữ “Số”", False),
    ("place", "Địa danh", "Ví dụ: Đức Trọng", False),
    ("date", "Ngày ban hành", "Viết 2025-02-05 hoặc 05/02/2025", False),
    ("summary", "Trích yếu", "Mỗi dòng là một dòng in của trích yếu", True),
    ("opening", "Đoạn mở đầu", "Đoạn văn trước mục thứ nhất (không bắt buộc)", True),
)
CLOSING: tuple[tuple[str, str, str, bool], ...] = (
    ("closing", "Đoạn kết", "Ví dụ: Trên đây là báo cáo …", True),
    ("recipients", "Nơi nhận", "Mỗi dòng một nơi nhận; dòng cuối là dòng lưu. Dấu “-” và dấu câu cuối dòng được thêm khi in. "
     "Nhóm nơi nhận có chung một ghi chú (in với dấu ngoặc “}”): đặt giữa một dòng “{” và một dòng “} ghi chú”, "
     "ví dụ “} để báo cáo”.", True),
    ("signer.authority", "Thẩm quyền ký", "Ví dụ: T/M BAN THƯỜNG VỤ (để trống nếu không có)", False),
    ("signer.position", "Chức vụ người ký", "Ví dụ: PHÓ BÍ THƯ", False),
    ("signer.name", "Họ và tên người ký", "", False),
)
_NESTED = ("unit", "organ", "signer")
_TOP_ORDER = ("outline", "profile", "unit", "organ", "number", "place", "date", "summary", "opening", "parts",
              "sections", "closing", "recipients", "signer", "indicators")


@dataclass(frozen=True)
class SectionField:
    id: str
    name: str  # the form field name, "sections.<id>"
    number: str
    title: str
    required: bool
    guidance: tuple[str, ...]
    depth: int
    text: str
    editable: bool  # False when the section holds tables or other structured blocks: then `blocks` are edited one by one
    blocks: tuple[tables.BlockField, ...]
    has_children: bool = False


def field_id(name: str) -> str:
    """The HTML id of a field: "sections.ket-qua" -> "f-sections-ket-qua"."""
    return "f-" + name.replace(".", "-")


def empty_content(outline: Outline, unit_name: str = "") -> dict[str, Any]:
    """Every key of a content file, empty, with one entry per outline section."""
    return {
        "outline": outline.id,
        "unit": {"code": "", "name": unit_name},
        "organ": {"parent": "", "name": ""},
        "number": "", "place": "", "date": "", "summary": "", "opening": "",
        "sections": {},  # an unwritten section stays absent: the document does not print an empty heading
        "closing": "", "recipients": [],
        "signer": {"authority": "", "position": "", "name": ""},
    }


def merged(outline: Outline, data: Any) -> dict[str, Any]:
    """The stored data on top of the empty content, in the usual key order."""
    base = empty_content(outline)
    stored = data if isinstance(data, dict) else {}
    result: dict[str, Any] = {}
    for key in (*_TOP_ORDER, *stored):
        if key in stored or key in base:
            result[key] = _merge_value(base.get(key), stored.get(key), key in stored)
    return result


def _merge_value(base: Any, stored: Any, present: bool) -> Any:
    if isinstance(base, dict) and isinstance(stored, dict):
        return {**base, **stored}
    return stored if present else base


def values(data: dict[str, Any]) -> dict[str, str]:
    """The text of each metadata field, for the form."""
    result: dict[str, str] = {}
    for name, *_ in (*METADATA, *CLOSING):
        value = _get(data, name)
        if name == "recipients":
            value = recipients_text(value) if isinstance(value, list) else str(value or "")
        result[name] = value if isinstance(value, str) else ""
    return result


def section_fields(outline: Outline, data: dict[str, Any]) -> list[SectionField]:
    raw = data.get("sections")
    sections: dict[str, Any] = raw if isinstance(raw, dict) else {}
    fields = []
    for s in outline.walk():
        value = sections.get(s.id)
        text = section_text(value)
        blocks = tables.block_fields(value) if text is None else ()
        fields.append(SectionField(s.id, f"sections.{s.id}", s.number, s.title, s.required, s.guidance, s.depth,
                                   text or "", text is not None, blocks, bool(s.children)))
    return fields


def section_text(value: Any) -> str | None:
    """The editable text of a section answer; None when it holds tables or other structured blocks (edited block by block)."""
    if tables.by_block(value):
        return None
    if isinstance(value, dict):
        if isinstance(value.get("blocks"), list):
            return "\n".join(str(b) for b in value["blocks"])
        value = value.get("text")
    return value if isinstance(value, str) else ""


def apply(outline: Outline, data: dict[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
    """Apply submitted fields; a field absent from the form is left unchanged."""
    result = merged(outline, data)
    for name, *_ in (*METADATA, *CLOSING):
        if name in form:
            _set(result, name, _clean(form[name]))
    sections = result["sections"] if isinstance(result.get("sections"), dict) else {}
    result["sections"] = sections
    for section in outline.walk():
        name = f"sections.{section.id}"
        if tables.by_block(sections.get(section.id)):
            sections[section.id] = tables.apply_blocks(section.id, sections[section.id], form)
        elif name in form:
            _set_section(sections, section.id, _clean(form[name]))
    if any(name.startswith("indicators.") for name in form):
        indicators = tables.apply_indicators(result.get("indicators"), form)
        if indicators:
            result["indicators"] = indicators
        else:
            result.pop("indicators", None)  # every row emptied: no indicators, as in a content file without them
    return result


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def recipients_text(items: list[Any]) -> str:
    """The recipients as the form shows them: a line each, a group between "{" and "} note"."""
    lines: list[str] = []
    for item in items:
        if is_recipient_group(item):
            note = str(item.get("note", "")).strip()
            lines += ["{", *(str(member) for member in item["group"]), f"}} {note}".rstrip()]
        else:
            lines.append(str(item))
    return "\n".join(lines)


def recipients_list(text: str) -> list[Any]:
    """The form's text back to the content's list; a "{" never closed leaves its lines as plain recipients."""
    result: list[Any] = []
    group: list[str] | None = None
    for raw in text.split("\n"):
        line = raw.strip()
        if line == "{":
            result += group or []
            group = []
        elif line.startswith("}") and group is not None:
            note = line[1:].strip()
            result.append({"group": group, "note": note} if note else {"group": group})
            group = None
        elif line:
            (result if group is None else group).append(line)
    return result + (group or [])


def _get(data: dict[str, Any], name: str) -> Any:
    head, _, tail = name.partition(".")
    value = data.get(head)
    if tail:
        return value.get(tail, "") if isinstance(value, dict) else ""
    return value


def _set(data: dict[str, Any], name: str, text: str) -> None:
    head, _, tail = name.partition(".")
    if name == "recipients":
        data["recipients"] = recipients_list(text)
    elif tail:
        inner = data.get(head)
        data[head] = {**(inner if isinstance(inner, dict) else {}), tail: text}
    else:
        data[head] = text


def _set_section(sections: dict[str, Any], section_id: str, text: str) -> None:
    current = sections.get(section_id)
    if not isinstance(current, dict):
        if text.strip():
            sections[section_id] = text
        else:
            sections.pop(section_id, None)  # left empty: missing, as in a content file without it
        return
    sections[section_id] = {**{k: v for k, v in current.items() if k != "blocks"}, "text": text}


def to_yaml(data: dict[str, Any]) -> str:
    return dump_yaml(data)


def field_of_path(path: tuple[str | int, ...]) -> str | None:
    """The form field a YAML key path belongs to: ("sections", "x", "text") -> "sections.x"."""
    if not path:
        return None
    head = str(path[0])
    if head == "indicators":  # a row of the indicators table, or the table itself
        return f"indicators.{path[1]}" if len(path) >= 2 and isinstance(path[1], int) else "indicators"
    if head in ("sections", *_NESTED) and len(path) >= 2:
        return f"{head}.{path[1]}"
    if head in {name for name, *_ in (*METADATA, *CLOSING)}:
        return head
    return None


def line_fields(doc: YamlDoc) -> dict[int, str]:
    """Line number -> the form field whose key starts on that line (the deepest key wins)."""
    result: dict[int, tuple[int, str]] = {}
    for path, line in doc.lines.items():
        name = field_of_path(path)
        if name and (line not in result or len(path) > result[line][0]):
            result[line] = (len(path), name)
    return {line: name for line, (_, name) in result.items()}
