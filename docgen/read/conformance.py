"""Format conformance of a .docx (kiểm tra thể thức), Party (HD 36) or State (NĐ 30) profile.

Each rule has a stable id (the finding code), the expected value in Vietnamese and the place in
shared/format-standards.md it comes from. The system is the outline's, or the one the header
shows. Rules only read the document; the validator judges number, recipients and signer texts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..core import official
from ..core.errors import Finding, Location, error, warning
from ..outline.model import Outline
from .docreport import ReadReport
from .headings import fold

FONT = "Times New Roman"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_TITLES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
MOTTO = "Độc lập - Tự do - Hạnh phúc"
_DATE_LINE = re.compile(r"^[A-ZĐÂĂÊÔƠƯ][^,]*, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
_NUMBER_LINE = {official.PARTY: re.compile(r"^Số \S"), official.STATE: re.compile(r"^Số: ")}
MARGINS_MM = {  # top, bottom, left, right: (low, high)
    official.PARTY: ((20, 20), (20, 20), (30, 30), (15, 15)),
    official.STATE: ((20, 25), (20, 25), (30, 35), (15, 20)),
}
BODY_SIZES = {official.PARTY: (14, 15), official.STATE: (13, 14)}


@dataclass(frozen=True)
class Rule:
    id: str
    expected: str  # Vietnamese, for the message
    source: str  # where the rule comes from
    check: Callable[[ReadReport, str], Iterator[tuple[str, int | None]]]  # yields (what was found, line)
    systems: tuple[str, ...] = official.SYSTEMS
    severity: Callable[..., Finding] = error


def check_format(read_back: ReadReport, outline: Outline | None = None) -> list[Finding]:
    system = outline.system if outline else (read_back.meta.system or official.STATE)
    findings = []
    for rule in RULES:
        if system not in rule.systems:
            continue
        for found, line in rule.check(read_back, system):
            message = f"Thể thức: {found}; yêu cầu {rule.expected} (nguồn: {rule.source})."
            findings.append(rule.severity(rule.id, message, Location(read_back.source.file, line)))
    return findings


def _page_size(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    for section in rb.source.document.sections:
        width, height = section.page_width.mm, section.page_height.mm
        if abs(width - 210) > 1 or abs(height - 297) > 1:
            yield f"khổ giấy {width:.0f} × {height:.0f} mm", None


def _margins(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    names = ("trên", "dưới", "trái", "phải")
    for section in rb.source.document.sections:
        values = (section.top_margin.mm, section.bottom_margin.mm, section.left_margin.mm, section.right_margin.mm)
        for name, value, (low, high) in zip(names, values, MARGINS_MM[system], strict=True):
            if not low - 0.5 <= value <= high + 0.5:
                yield f"lề {name} {value:.1f} mm", None


def _style_value(style: Any, attribute: str) -> Any:
    while style is not None:
        value = getattr(style.font, attribute)
        if value is not None:
            return value
        style = style.base_style
    return None


def _font(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    view = rb.source.view
    assert view is not None  # a .docx
    default = _style_value(view.document.styles["Normal"], "name")
    wrong = Counter[str]()
    for paragraph in view.all_paragraphs():
        for run in paragraph.runs:
            if run.text.strip():
                name = run.font_name or view.style_font(paragraph.style)[0] or default
                if name != FONT:
                    wrong[str(name)] += 1
    for name, _ in wrong.most_common(3):
        yield f"phông chữ “{name}”", None


def _body_size(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    view = rb.source.view
    assert view is not None  # a .docx
    sizes = Counter[float]()
    for paragraph in map(view.paragraph, view.document.paragraphs):
        if len(paragraph.text) >= 80:
            for run in paragraph.runs:
                size = run.font_size or view.style_font(paragraph.style)[1]
                if size is not None and run.text.strip():
                    sizes[size.pt] += len(run.text)
    low, high = BODY_SIZES[system]
    if sizes:
        size = sizes.most_common(1)[0][0]
        if not low <= size <= high:
            yield f"cỡ chữ nội dung {size:g}", None


def _header_texts(rb: ReadReport) -> list[tuple[str, int]]:
    limit = rb.meta.body_start or 40
    return [(line.text, line.index) for line in rb.source.lines if line.index < limit or line.in_table and line.index <= limit]


def _title(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    texts = _header_texts(rb)
    if system == official.PARTY:
        near = [(t, i) for t, i in texts if fold(t) == fold(PARTY_TITLE)]
        if not near:
            yield "không có tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", None
        elif near[0][0] != PARTY_TITLE:
            yield f"tiêu đề viết “{near[0][0]}”", near[0][1]
        return
    if not any(t in STATE_TITLES for t, _ in texts):
        yield "không có Quốc hiệu", None
    if not any(t == MOTTO for t, _ in texts):
        yield "không có Tiêu ngữ đúng dạng", None


def _mixing(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    folded = [fold(t) for t, _ in _header_texts(rb)]
    if fold(PARTY_TITLE) in folded and any(f.startswith(fold(STATE_TITLES[0])) for f in folded):
        yield "có cả Quốc hiệu và tiêu đề của Đảng", None


def _asterisk(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    if not any(t == "*" for t, _ in _header_texts(rb)):
        yield "không có dấu “*” dưới tên cơ quan", rb.meta.lines.get("organ")


def _number_line(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    lines = [(t, i) for t, i in _header_texts(rb) if t.startswith("Số")]
    if not lines:
        yield "không có dòng số và ký hiệu", None
    elif not _NUMBER_LINE[system].match(lines[0][0]):
        yield f"dòng số viết “{lines[0][0]}”", lines[0][1]


def _date_line(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    text = rb.meta.date_text
    if not text:
        yield "không có dòng địa danh, ngày tháng năm", None
    elif not _DATE_LINE.match(text):
        yield f"dòng ngày viết “{text}”", rb.meta.lines.get("date")


def _kind(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    if not rb.meta.kind:
        yield "không có tên loại văn bản (BÁO CÁO, KẾ HOẠCH…)", None


def _separator(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    start = rb.meta.lines.get("kind", 0)
    lines = [line for line in rb.source.lines if start < line.index < (rb.meta.body_start or 0) + 1 and re.fullmatch(r"-{3,}", line.text)]
    if not lines:
        yield "không có dòng “-----” dưới trích yếu", rb.meta.lines.get("summary")
    elif lines[0].text != "-----":
        yield f"dòng phân cách “{lines[0].text}”", lines[0].index


def _recipients_label(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    if not any(fold(line.text).startswith("noi nhan") for line in rb.source.lines):
        yield "không có “Nơi nhận:”", None


def _signature(rb: ReadReport, system: str) -> Iterator[tuple[str, int | None]]:
    if not rb.meta.authority and not rb.meta.position:
        yield "không có khối chữ ký (quyền hạn, chức vụ người ký)", None
    elif not rb.meta.signer:
        yield "không có họ tên người ký", rb.meta.lines.get("signer.authority")


RULES: tuple[Rule, ...] = (
    Rule("format-page-size", "khổ A4 210 × 297 mm, đứng", "format-standards §D #1; NĐ30 PL I mục I.1–2", _page_size),
    Rule("format-margins", "lề trên 20–25, dưới 20–25, trái 30–35, phải 15–20 mm", "format-standards §D #2; NĐ30 PL I mục I.3", _margins,
         (official.STATE,)),
    Rule("format-margins", "lề trên 20, dưới 20, trái 30, phải 15 mm", "format-standards §D #3; HD36", _margins, (official.PARTY,), warning),
    Rule("format-font", "phông Times New Roman cho mọi chữ", "format-standards §D #4; NĐ30 PL I mục I.4", _font),
    Rule("format-body-size", "cỡ chữ nội dung 13–14", "format-standards §D #7; NĐ30 PL I mục II.6.e", _body_size, (official.STATE,)),
    Rule("format-body-size", "cỡ chữ nội dung 14–15", "format-standards §D #7; HD36 Phụ lục 3", _body_size, (official.PARTY,)),
    Rule("format-header-title", "“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” và “Độc lập - Tự do - Hạnh phúc”", "format-standards §D #11; NĐ30 PL I mục II.1",
         _title, (official.STATE,)),
    Rule("format-header-title", "“ĐẢNG CỘNG SẢN VIỆT NAM” (mỗi chữ cách một dấu cách)", "format-standards §D #12; HD36 điểm 1.1", _title, (official.PARTY,)),
    Rule("format-header-mixing", "chỉ Quốc hiệu hoặc chỉ tiêu đề của Đảng", "format-standards §D #13", _mixing),
    Rule("format-asterisk", "dấu “*” căn giữa dưới tên cơ quan ban hành", "format-standards §D #15; HD36 Phụ lục 3", _asterisk, (official.PARTY,)),
    Rule("format-number-line", "“Số: 12/BC-UBND” (có dấu hai chấm)", "format-standards §D #16; NĐ30 PL I mục II.3", _number_line, (official.STATE,)),
    Rule("format-number-line", "“Số 184-BC/HU” (không có dấu hai chấm)", "format-standards §D #17; HD36 điểm 1.3", _number_line, (official.PARTY,)),
    Rule("format-date-line", "“<Địa danh>, ngày 05 tháng 8 năm 2022” (ngày dưới 10 và tháng 1, 2 thêm số 0)", "format-standards §D #19", _date_line),
    Rule("format-kind", "tên loại văn bản in hoa trên một dòng riêng", "format-standards §D #21", _kind),
    Rule("format-summary-separator", "đúng 5 dấu gạch “-----” dưới trích yếu", "format-standards §D #22; HD36", _separator, (official.PARTY,)),
    Rule("format-recipients-label", "nhãn “Nơi nhận:”", "format-standards §D #30, #31", _recipients_label),
    Rule("format-signature", "quyền hạn, chức vụ và họ tên người ký", "format-standards §D #40; NĐ30 Điều 8", _signature),
)
