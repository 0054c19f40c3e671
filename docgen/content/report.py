"""The Report model (one unit's content: metadata and answers by section id) and its loader.

Loading never stops at a malformed field: it records a finding and keeps what is usable, so the
validator can report every problem at once. Only an unreadable file stops it (DocgenError).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..core.errors import DocgenError, Finding, Location, error
from ..core.vietnamese import parse_date
from ..core.yamlio import YamlDoc, load_yaml, parse_yaml
from .plan_text import DEADLINE_LABEL, deadline_text, indicator_phrase, join_phrases, lead_line

_TOP_KEYS = {"outline", "profile", "unit", "organ", "number", "place", "date", "summary", "opening",
             "parts", "sections", "closing", "recipients", "signer", "indicators"}
_PLAN_KEYS = {"appendix", "numbering"}  # accepted; not listed in the unknown-key message, which tests pin
_SECTION_KEYS = {"title", "text", "blocks", "extra", "parent"}
_INDICATOR_KEYS = {"id", "name", "value", "unit", "year", "target", "numerator", "denominator", "kind"}


@dataclass(frozen=True)
class Paragraph:
    text: str
    level: int = 0  # 0 a paragraph, 1 a "- " item, 2 a "+ " sub-item


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Deadline(Paragraph):
    """"Thời gian thực hiện: …" of a task; `due` when the content gives a date."""

    due: dt.date | None = None


@dataclass(frozen=True)
class IndicatorLine(Paragraph):
    """A line of a plan's targets written from structured indicators (`ids`, in order)."""

    ids: tuple[str, ...] = ()


Block = Paragraph | Table


@dataclass(frozen=True)
class RecipientGroup:
    """Recipients `start` … `start + count - 1` share one bracketed note, e.g. "(để báo cáo)"."""

    start: int
    count: int
    note: str


@dataclass(frozen=True)
class Appendix:
    """An outline attached after the signature (the ĐỀ CƯƠNG of a plan), rendered from the outline."""

    outline: str
    title: str = ""


@dataclass(frozen=True)
class SectionAnswer:
    id: str
    blocks: tuple[Block, ...] = ()
    title: str | None = None  # the unit's own wording of the heading
    extra: bool = False  # a section the outline does not have, declared on purpose
    parent: str | None = None
    line: int | None = None

    @property
    def is_empty(self) -> bool:
        return not any(isinstance(b, Table) or b.text.strip() for b in self.blocks)


@dataclass(frozen=True)
class Organ:
    parent: str = ""
    name: str = ""


@dataclass(frozen=True)
class Signer:
    authority: str = ""
    position: str = ""
    name: str = ""


@dataclass(frozen=True)
class Part:
    label: str
    title: str
    sections: tuple[str, ...]
    line: int | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    value: str
    unit: str = ""
    year: str = ""
    line: int | None = None
    target: str = ""
    numerator: str = ""  # for a rate: the part counted ...
    denominator: str = ""  # ... out of this total
    kind: str = ""  # "count" or "rate"; empty: inferred (a "%" unit or a numerator/denominator is a rate)


@dataclass(frozen=True)
class Report:
    outline: str = ""
    profile: str = ""
    unit_code: str = ""
    unit_name: str = ""
    organ: Organ = Organ()
    number: str = ""
    place: str = ""
    date: dt.date | None = None
    date_text: str = ""
    summary: tuple[str, ...] = ()
    opening: tuple[Block, ...] = ()
    parts: tuple[Part, ...] = ()
    sections: dict[str, SectionAnswer] = field(default_factory=dict)
    closing: tuple[Block, ...] = ()
    recipients: tuple[str, ...] = ()
    recipient_groups: tuple[RecipientGroup, ...] = ()
    appendix: Appendix | None = None
    numbering: str = ""  # "hyphen": headings printed "I-", "1-" (a consistent Party variant); default "I.", "1."
    signer: Signer = Signer()
    indicators: tuple[Indicator, ...] = ()
    doc: YamlDoc = field(default_factory=lambda: YamlDoc({}, "", {}))
    load_findings: tuple[Finding, ...] = ()

    @property
    def file(self) -> str:
        return self.doc.file

    def at(self, *path: str | int, section: str | None = None, title: str | None = None) -> Location:
        return self.doc.at(*path, section=section, title=title)


@functools.lru_cache(maxsize=4096)
def parse_text(text: str) -> tuple[Paragraph, ...]:
    """One paragraph per non-empty line; "- " and "+ " start list items of level 1 and 2.

    Cached (the result is immutable): a bulk run parses the shared section texts once per process."""
    blocks = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- "):
            blocks.append(Paragraph(line[2:].strip(), 1))
        elif line.startswith("+ "):
            blocks.append(Paragraph(line[2:].strip(), 2))
        else:
            blocks.append(Paragraph(line))
    return tuple(blocks)


def load_report(path: Path, display: str | None = None) -> Report:
    return build_report(load_yaml(path, display))


def parse_report(text: str, name: str) -> Report:
    return build_report(parse_yaml(text, name))


def build_report(doc: YamlDoc) -> Report:
    data = doc.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DocgenError(error("content-invalid", "Tệp nội dung phải là một bảng khóa: giá trị (mapping).", doc.at()))
    reader = _Reader(doc)
    for key in data:
        if key not in _TOP_KEYS | _PLAN_KEYS:
            reader.fail("unknown-key", f"Khóa “{key}” không được hỗ trợ; các khóa hợp lệ: {', '.join(sorted(_TOP_KEYS))}.", key)
    unit = reader.mapping("unit")
    organ = reader.mapping("organ")
    signer = reader.mapping("signer")
    date_text = reader.text("date")
    report = Report(
        outline=reader.text("outline"),
        profile=reader.text("profile"),
        unit_code=reader.text("unit", "code", mapping=unit),
        unit_name=reader.text("unit", "name", mapping=unit),
        organ=Organ(reader.text("organ", "parent", mapping=organ), reader.text("organ", "name", mapping=organ)),
        number=_strip_number_prefix(reader.text("number")),
        place=reader.text("place"),
        date=reader.date(date_text),
        date_text=date_text,
        summary=tuple(line.strip() for line in reader.text("summary").splitlines() if line.strip()),
        opening=parse_text(reader.text("opening")),
        parts=reader.parts(),
        sections=reader.sections(),
        closing=parse_text(reader.text("closing")),
        recipients=reader.recipients(),
        recipient_groups=reader.recipient_groups(),
        appendix=reader.appendix(),
        numbering=reader.numbering(),
        signer=Signer(*(reader.text("signer", k, mapping=signer) for k in ("authority", "position", "name"))),
        indicators=reader.indicators(),
        doc=doc,
        load_findings=(*doc.warnings, *reader.findings),
    )
    return report


# The fields read from each top-level key a units table sets (bulk/run.py's row_patch), for build_report_over.
_UNIT_KEYS: dict[str, Callable[[_Reader], dict[str, Any]]] = {}


def build_report_over(base: Report, doc: YamlDoc, keys: Collection[str]) -> Report | None:
    """The report of `doc`, a content that differs from `base.doc` only under the top-level `keys`
    (a bulk unit's row over the run's base content): the fields of those keys read from `doc`,
    every other one taken from `base` as it is (sections, parts, indicators: shared, not copied).

    None when that shortcut cannot give build_report(doc) exactly: a key it does not know, or a
    finding in `base` or in the fields read (build_report then orders the findings as it reads)."""
    if len(base.load_findings) != len(base.doc.warnings) or tuple(doc.warnings) != tuple(base.doc.warnings):
        return None
    if not isinstance(doc.data, dict) or any(key not in _UNIT_KEYS for key in keys):
        return None
    reader = _Reader(doc)
    fields: dict[str, Any] = {}
    for key in keys:
        fields.update(_UNIT_KEYS[key](reader))
    if reader.findings:
        return None
    return replace(base, doc=doc, load_findings=tuple(doc.warnings), **fields)


class _Reader:
    """Reads fields of a content YAML, recording a finding for each malformed one."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data or {}
        self.findings: list[Finding] = []

    def fail(self, code: str, message: str, *path: str | int, section: str | None = None) -> None:
        self.findings.append(error(code, message, self.doc.at(*path, section=section)))

    def mapping(self, key: str, message: str = "") -> dict[str, Any]:
        """The mapping under `key` ({} when absent or empty); anything else is a finding (`message`, or a general one)."""
        value = self.data.get(key, {})
        if value in ("", None):
            return {}
        if not isinstance(value, dict):
            self.fail("invalid-field", message or f"“{key}” phải là một bảng khóa: giá trị.", key)
            return {}
        return value

    def sequence(self, key: str, message: str) -> list[Any]:
        """The list under `key` ([] when absent or empty); anything else is the finding `message`."""
        value = self.data.get(key, [])
        if value in ("", None):
            return []
        if not isinstance(value, list):
            self.fail("invalid-field", message, key)
            return []
        return value

    def text(self, *path: str, mapping: dict[str, Any] | None = None) -> str:
        value = (mapping if mapping is not None else self.data).get(path[-1], "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail("invalid-field", f"“{'.'.join(path)}” phải là văn bản.", *path)
            return ""
        return value.strip()

    def date(self, text: str) -> dt.date | None:
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            reason = "không tồn tại" if str(exc) != "format" else "không đúng dạng (viết 2022-08-05 hoặc 05/08/2022)"
            self.fail("invalid-date", f"Ngày “{text}” {reason}.", "date")
            return None

    def parts(self) -> tuple[Part, ...]:
        parts = []
        for i, item in enumerate(self.sequence("parts", "“parts” phải là một danh sách.")):
            if not isinstance(item, dict) or not isinstance(item.get("sections", []), list):
                self.fail("invalid-field", "Mỗi phần cần “label”, “title” và danh sách “sections”.", "parts", i)
                continue
            ids = tuple(str(s) for s in item.get("sections", []))
            parts.append(Part(str(item.get("label", "")), str(item.get("title", "")), ids, self.doc.line("parts", i)))
        return tuple(parts)

    def sections(self) -> dict[str, SectionAnswer]:
        raw = self.mapping("sections", "“sections” phải là một bảng: mã mục → nội dung.")
        return {key: self._section(key, value) for key, value in raw.items()}

    def _section(self, key: str, value: Any) -> SectionAnswer:
        line = self.doc.line("sections", key)
        if value is None or isinstance(value, str):
            return SectionAnswer(key, parse_text(value or ""), line=line)
        if isinstance(value, list):
            return SectionAnswer(key, self._blocks(value, ("sections", key)), line=line)
        if not isinstance(value, dict):
            self.fail("invalid-field", "Nội dung mục phải là văn bản hoặc bảng khóa.", "sections", key)
            return SectionAnswer(key, line=line)
        for k in value:
            if k not in _SECTION_KEYS:
                allowed = ", ".join(sorted(_SECTION_KEYS))
                self.fail("unknown-key", f"Khóa “{k}” không được hỗ trợ trong một mục; các khóa hợp lệ: {allowed}.", "sections", key, k)
        if "text" in value and "blocks" in value:
            self.fail("invalid-field", "Một mục chỉ dùng “text” hoặc “blocks”, không dùng cả hai.", "sections", key)
        blocks: tuple[Block, ...] = ()
        if isinstance(value.get("blocks"), list):
            blocks = self._blocks(value["blocks"], ("sections", key, "blocks"))
        elif isinstance(value.get("text"), str):
            blocks = parse_text(value["text"])
        elif value.get("text") or value.get("blocks"):
            self.fail("invalid-field", "“text” phải là văn bản và “blocks” phải là danh sách.", "sections", key)
        title = value.get("title")
        extra = str(value.get("extra", "false")).strip().lower() in {"true", "yes", "có"}
        parent = value.get("parent")
        return SectionAnswer(key, blocks, str(title).strip() if title else None, extra,
                             str(parent) if parent else None, line)

    def _blocks(self, items: list[Any], path: tuple[str, ...]) -> tuple[Block, ...]:
        blocks: list[Block] = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                blocks += parse_text(item)
            elif isinstance(item, dict) and isinstance(item.get("table"), dict):
                table = self._table(item["table"], (*path, i, "table"))
                if table:
                    blocks.append(table)
            elif isinstance(item, dict) and "deadline" in item:
                blocks += self._deadline(item, (*path, i))
            elif isinstance(item, dict) and isinstance(item.get("indicators"), dict):
                blocks += self._indicator_lines(item["indicators"], (*path, i, "indicators"))
            else:
                self.fail("invalid-field", "Mỗi khối phải là văn bản hoặc một “table”.", *path, i)
        return tuple(blocks)

    def _table(self, raw: dict[str, Any], path: tuple[str | int, ...]) -> Table | None:
        header, rows = raw.get("header", []), raw.get("rows", [])
        if not isinstance(header, list) or not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            self.fail("invalid-table", "Bảng cần “header” (danh sách) và “rows” (danh sách các dòng).", *path)
            return None
        width = len(header)
        for i, row in enumerate(rows):
            if len(row) != width:
                self.fail("invalid-table", f"Dòng {i + 1} của bảng có {len(row)} ô, tiêu đề có {width} cột.", *path, "rows", i)
                return None
        cells = tuple(tuple(str(c) if c is not None else "" for c in row) for row in rows)
        return Table(tuple(str(h) for h in header), cells, str(raw.get("caption", "") or ""))

    def recipients(self) -> tuple[str, ...]:
        raw = self.data.get("recipients", [])
        if raw in ("", None):
            return ()
        if not isinstance(raw, list) or not all(isinstance(r, str) or is_recipient_group(r) for r in raw):
            self.fail("invalid-field", "“recipients” phải là danh sách, mỗi dòng một nơi nhận (hoặc một nhóm “group” kèm “note”).", "recipients")
            return ()
        lines = [line for r in raw for line in ([r] if isinstance(r, str) else r["group"])]
        return tuple(clean_recipient(r) for r in lines if r.strip())

    def recipient_groups(self) -> tuple[RecipientGroup, ...]:
        raw = self.data.get("recipients", [])
        groups, start = [], 0
        for item in raw if isinstance(raw, list) else []:
            if is_recipient_group(item):
                count = sum(1 for r in item["group"] if r.strip())
                groups.append(RecipientGroup(start, count, str(item.get("note", "")).strip().strip("()")))
                start += count
            elif isinstance(item, str) and item.strip():
                start += 1
        return tuple(groups)

    def numbering(self) -> str:
        value = self.text("numbering")
        if value not in ("", "hyphen"):
            self.fail("invalid-field", f"“numbering” chỉ nhận “hyphen” (đề mục “I-”, “1-”), không phải “{value}”.", "numbering")
            return ""
        return value

    def appendix(self) -> Appendix | None:
        raw = self.mapping("appendix")
        if not raw:
            return None
        outline = self.text("appendix", "outline", mapping=raw)
        if not outline:
            self.fail("invalid-field", "“appendix” cần “outline”: mã đề cương được in kèm.", "appendix")
            return None
        return Appendix(outline, self.text("appendix", "title", mapping=raw))

    def _deadline(self, item: dict[str, Any], path: tuple[str | int, ...]) -> list[Block]:
        """{deadline: "Thường xuyên"} or {deadline: 2022-11-15, label: "Thời gian", level: 1}."""
        value = item.get("deadline")
        if not isinstance(value, str) or not value.strip():
            self.fail("invalid-field", "“deadline” phải là văn bản (ví dụ “Thường xuyên”) hoặc một ngày.", *path)
            return []
        try:
            due: dt.date | None = parse_date(value.strip())
        except ValueError:
            due = None
        label = str(item.get("label") or DEADLINE_LABEL)
        level = 1 if str(item.get("level", "0")) == "1" else 0
        return [Deadline(deadline_text(label, value.strip(), due), level, due)]

    def _indicator_lines(self, raw: dict[str, Any], path: tuple[str | int, ...]) -> list[Block]:
        """{lead: "Đến năm {year}:", lines: [[id, {id: …, text: "… {value} {unit}"}], …]}: one "- " line each."""
        known = self._known_indicators()
        lines = raw.get("lines", [])
        if not isinstance(lines, list):
            self.fail("invalid-field", "“indicators.lines” phải là danh sách các dòng chỉ tiêu.", *path)
            return []
        blocks: list[Block] = []
        used: list[Indicator] = []
        for i, line in enumerate(lines):
            refs = line if isinstance(line, list) else [line]
            phrases, ids = [], []
            for j, ref in enumerate(refs):
                ref_id, text = (ref.get("id", ""), ref.get("text", "")) if isinstance(ref, dict) else (str(ref), "")
                indicator = known.get(str(ref_id))
                if indicator is None:
                    self.fail("unknown-indicator", f"Không có chỉ tiêu mã “{ref_id}” trong “indicators”.", *path, "lines", i, j)
                    continue
                used.append(indicator)
                ids.append(indicator.id)
                phrases.append(indicator_phrase(indicator.name, indicator.value, indicator.unit, str(text)))
            if phrases:
                blocks.append(IndicatorLine(join_phrases(phrases), 1, tuple(ids)))
        lead = lead_line(str(raw.get("lead", "")), {i.year for i in used})
        return [Paragraph(lead), *blocks] if lead else blocks

    def _known_indicators(self) -> dict[str, Indicator]:
        """The content's indicators by id (their own findings are reported once, by indicators())."""
        kept = len(self.findings)
        known = {i.id: i for i in self.indicators() if i.id}
        del self.findings[kept:]
        return known

    def indicators(self) -> tuple[Indicator, ...]:
        result = []
        for i, item in enumerate(self.sequence("indicators", "“indicators” phải là một danh sách chỉ tiêu.")):
            if not isinstance(item, dict) or not item.get("name") or "value" not in item:
                self.fail("invalid-indicator", f"Chỉ tiêu thứ {i + 1} cần ít nhất tên (“name”) và giá trị (“value”).", "indicators", i)
                continue
            for k in item:
                if k not in _INDICATOR_KEYS:
                    self.fail("unknown-key", f"Khóa “{k}” không được hỗ trợ trong chỉ tiêu.", "indicators", i, k)
            extra = {k: str(item.get(k) or "") for k in ("target", "numerator", "denominator", "kind")}
            result.append(Indicator(str(item.get("id", "")), str(item["name"]), str(item["value"]),
                                    str(item.get("unit", "")), str(item.get("year", "")), self.doc.line("indicators", i), **extra))
        return tuple(result)


def is_recipient_group(item: Any) -> bool:
    """{group: [...], note: ...} in a content's recipients: members sharing one bracketed note."""
    return isinstance(item, dict) and isinstance(item.get("group"), list) and all(isinstance(r, str) for r in item["group"])


def clean_recipient(text: str) -> str:
    """"- Ban TG Tỉnh ủy," -> "Ban TG Tỉnh ủy": the list punctuation is added when rendering."""
    text = text.strip()
    if text.startswith("- "):
        text = text[2:].strip()
    return text.rstrip(",;.").rstrip()



def _strip_number_prefix(text: str) -> str:
    """"Số: 165/KH-UBND" and "Số 184-BC/HU" -> the number and symbol alone."""
    for prefix in ("Số:", "Số"):
        if text.startswith(prefix):
            return text[len(prefix):].strip()
    return text


def _unit_fields(reader: _Reader) -> dict[str, Any]:
    unit = reader.mapping("unit")
    return {"unit_code": reader.text("unit", "code", mapping=unit), "unit_name": reader.text("unit", "name", mapping=unit)}


def _organ_fields(reader: _Reader) -> dict[str, Any]:
    organ = reader.mapping("organ")
    return {"organ": Organ(reader.text("organ", "parent", mapping=organ), reader.text("organ", "name", mapping=organ))}


def _signer_fields(reader: _Reader) -> dict[str, Any]:
    signer = reader.mapping("signer")
    return {"signer": Signer(*(reader.text("signer", k, mapping=signer) for k in ("authority", "position", "name")))}


def _date_fields(reader: _Reader) -> dict[str, Any]:
    date_text = reader.text("date")
    return {"date": reader.date(date_text), "date_text": date_text}


_UNIT_KEYS.update({
    "unit": _unit_fields,
    "organ": _organ_fields,
    "signer": _signer_fields,
    "number": lambda reader: {"number": _strip_number_prefix(reader.text("number"))},
    "place": lambda reader: {"place": reader.text("place")},
    "date": _date_fields,
    "recipients": lambda reader: {"recipients": reader.recipients(), "recipient_groups": reader.recipient_groups()},
})
