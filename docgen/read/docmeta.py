"""The metadata of a read document: header block, kind and summary, recipients and signature.

Works on the raw lines of a .docx (layout tables flattened column by column) or a .txt, where an
extraction may have put the two header columns on one line separated by runs of spaces.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..core import official
from .headings import fold, is_upper, parse_heading
from .reader import Line

_DATE = re.compile(r"(?P<place>[^,*|]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<n>\S.*?)\s*$")
_BLANK_NUMBER = re.compile(r"^Số:?\s+[-/]")  # "Số      -BC/": a form left to fill in
_COLUMNS = re.compile(r"\s{3,}")
_SEPARATOR = re.compile(r"^-{3,}$")
_BODY_START = re.compile(r"^(Căn cứ|Thực hiện|Kính gửi|Kính trình|Để |Nhằm|Theo |Sau |Trên cơ sở)")
_AUTHORITIES = tuple(p.strip() + " " for system in official.SYSTEMS for p in official.AUTHORITY_PREFIXES[system])
_KIND_TITLES = {fold(t): t for kinds in official.KINDS.values() for t in kinds.values()}
HEADER_LIMIT = 40


@dataclass
class Meta:
    system: str = ""
    organ_parent: str = ""
    organ: str = ""
    number: str = ""
    place: str = ""
    date: dt.date | None = None
    date_text: str = ""
    kind: str = ""
    summary: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    authority: str = ""
    position: str = ""
    signer: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # field -> line
    body_start: int = 0  # first line index of the body
    body_end: int = 1 << 30  # first line index after the body


def cells(line: Line) -> list[str]:
    return list(_cells(line.text))


@lru_cache(maxsize=1 << 12)
def _cells(text: str) -> tuple[str, ...]:
    """The columns of a line (split once per text: the header and tail passes ask again)."""
    return tuple(c.strip() for c in _COLUMNS.split(text.replace("**", "")) if c.strip(" *|"))


def extract(lines: tuple[Line, ...] | list[Line]) -> Meta:
    meta = Meta()
    kind_at = _header(lines, meta)
    if kind_at is not None:
        meta.body_start = _summary(lines, kind_at, meta)
    _tail(lines, meta)
    return meta


def _header(lines: tuple[Line, ...] | list[Line], meta: Meta) -> int | None:
    """Read the header up to the kind line; returns the position of the kind line (or None)."""
    head = list(lines[:HEADER_LIMIT])
    joined = " ".join(line.text for line in head)
    # fold(joined), from each line's folded text (remembered, shared with the other passes): folding
    # works character by character and keeps only words, so it splits at the spaces joining the lines.
    folded = " ".join(f for f in (fold(line.text) for line in head) if f)
    if "dang cong san viet nam" in folded:
        meta.system = official.PARTY
    elif "cong hoa xa hoi chu nghia viet nam" in folded:
        meta.system = official.STATE
    date = next((m for line in head for cell in cells(line) if (m := _DATE.search(cell))), None) or _DATE.search(joined.replace("*", " "))
    if date:
        _set_date(meta, date, head)
    organs: list[tuple[str, int]] = []
    for position, line in enumerate(head):
        if _BLANK_NUMBER.match(line.text):
            meta.lines.setdefault("number", line.index)
            continue
        for cell in cells(line):
            if fold(cell) in _KIND_TITLES and not line.in_table:
                meta.kind, meta.lines["kind"] = _KIND_TITLES[fold(cell)], line.index
                _set_organ(meta, organs)
                return position
            _header_cell(meta, cell, line, organs)
    _set_organ(meta, organs)
    return None


def _header_cell(meta: Meta, cell: str, line: Line, organs: list[tuple[str, int]]) -> None:
    number = _NUMBER.match(cell)
    if number and not meta.number:
        meta.number, meta.lines["number"] = re.sub(r"\s+", " ", number.group("n")), line.index
        return
    f = fold(cell)
    if "number" not in meta.lines and is_upper(cell) and not any(t in f for t in ("dang cong san", "cong hoa", "chu nghia", "doc lap")) and f:
        organs.append((cell, line.index))


def _set_organ(meta: Meta, organs: list[tuple[str, int]]) -> None:
    if organs:
        meta.organ, meta.lines["organ"] = organs[-1]
        if len(organs) > 1:
            meta.organ_parent = " ".join(o for o, _ in organs[:-1])


def _set_date(meta: Meta, m: re.Match[str], head: list[Line]) -> None:
    meta.place = _COLUMNS.split(m.group("place").strip())[-1].strip()
    meta.date_text = m.group()
    meta.lines["date"] = next((line.index for line in head if meta.place in line.text), head[0].index)
    try:
        meta.date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        meta.date = None


def _summary(lines: tuple[Line, ...] | list[Line], kind_at: int, meta: Meta) -> int:
    """Summary lines after the kind; returns the line index where the body starts."""
    for line in lines[kind_at + 1:]:
        text = line.text.replace("**", "").strip()
        if _SEPARATOR.match(text):
            return line.index + 1
        if not text or text in ("|",):
            continue
        if _ends_summary(line, text, meta):
            return line.index
        if not meta.summary:
            meta.lines["summary"] = line.index
        meta.summary.extend(part.strip() for part in text.splitlines() if part.strip())
    return lines[-1].index + 1


def _ends_summary(line: Line, text: str, meta: Meta) -> bool:
    """A .docx or PDF summary is centred or bold; in plain text the body starts with its usual words."""
    if parse_heading(text) is not None or len(meta.summary) >= 4:
        return True
    if line.style or line.page:
        return not (line.centered or line.bold)
    return bool(_BODY_START.match(text))


def _tail(lines: tuple[Line, ...] | list[Line], meta: Meta) -> None:
    """Nơi nhận and the signature block, after the body."""
    after_body = [line for line in lines if line.index >= meta.body_start]
    for position, line in enumerate(after_body):
        first = cells(line)[:1]
        if first and fold(first[0]).startswith("noi nhan"):
            meta.body_end = min(meta.body_end, line.index)
            _recipients(after_body[position:], meta)
        if any(c.startswith(_AUTHORITIES) for c in cells(line)) and not meta.authority:
            meta.body_end = min(meta.body_end, line.index)
            _signer(after_body[position:], meta)
        if line.in_table and line.index > meta.body_start:
            meta.body_end = min(meta.body_end, line.index)


def _recipients(lines: list[Line], meta: Meta) -> None:
    if meta.recipients:
        return
    meta.lines["recipients"] = lines[0].index
    raw = ""  # the current item as written, to tell a wrapped item from the end of the list
    for line in lines[1:]:
        first = cells(line)[:1]
        if not first or first[0].startswith(("}", "{")):  # the brace of a group and its note "} (để báo cáo),"
            continue
        if not re.match(r"^[-–]\s*", first[0]):
            if meta.recipients and _wrapped_item(raw, first[0]):
                raw = f"{raw} {first[0]}"
                meta.recipients[-1] = _item(raw)
                continue
            if meta.recipients:
                break
            continue
        raw = re.sub(r"^[-–]\s*", "", first[0])
        meta.recipients.append(_item(raw))
        meta.lines[f"recipients.{len(meta.recipients) - 1}"] = line.index


def _item(raw: str) -> str:
    return raw.rstrip(",;.").strip()


def _wrapped_item(previous: str, text: str) -> bool:
    """A line that carries on the recipient above it: it starts in lower case ("cáo),", "đảng ủy
    trực thuộc …"), or the item above left a bracket open ("(để báo")."""
    return text[:1].islower() or text[:1] == ")" or previous.count("(") > previous.count(")")


def _signer(lines: list[Line], meta: Meta) -> None:
    texts = [(c, line.index) for line in lines for c in cells(line) if not c.startswith(("-", "–"))]
    start = next(i for i, (c, _) in enumerate(texts) if c.startswith(_AUTHORITIES))
    meta.authority, meta.lines["signer.authority"] = texts[start]
    rest = texts[start + 1:]
    if rest and is_upper(rest[0][0]):
        meta.position, meta.lines["signer.position"] = rest[0]
        rest = rest[1:]
    names = [(c, i) for c, i in rest if not is_upper(c) and len(c) < 60 and not fold(c).startswith("noi nhan")]
    if names:
        meta.signer, meta.lines["signer.name"] = names[-1]
