"""Format conformance judged on a PDF (kiểm tra thể thức trên bản PDF).

What a PDF shows can be measured: page size, margins (from where the text stands), the fonts and
whether they are embedded, the header's two columns, the italic date line, page numbers (none on
page 1), Nơi nhận on the left and the signature on the right. A rule that is also judged on a
.docx keeps the .docx rule's code; the message says what was measured and where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..core import official
from ..core.errors import Finding, Location, error, warning
from ..outline.model import Outline
from .docreport import ReadReport
from .headings import fold
from .pdflayout import Row, Segment
from .pdfreader import PdfDocument

MM = 72 / 25.4  # points per millimetre
A4 = (210.0, 297.0)
MARGINS_MM = {  # top, bottom, left, right: (low, high), as for a .docx
    official.PARTY: ((20, 20), (20, 20), (30, 30), (15, 15)),
    official.STATE: ((20, 25), (20, 25), (30, 35), (15, 20)),
}
TOLERANCE_MM = 1.5  # text positions give a margin to about a millimetre (ascenders, justification)
# Times New Roman, and the fonts made with its exact widths (a PDF from LibreOffice without it uses one)
_TIMES = re.compile(r"^(timesnewroman|liberationserif|tinos)", re.IGNORECASE)
_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_AUTHORITY = re.compile(r"^(t/m|tm|k/t|kt|t/l|tl|tuq|q) ")  # folded
PARTY_TITLE, STATE_TITLE = "dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam"

Hit = tuple[str, Row | None]  # what was found, and the printed line it was found on


@dataclass(frozen=True)
class PdfRule:
    id: str
    expected: str
    source: str
    check: Callable[[PdfDocument, ReadReport, str], Iterator[Hit]]
    systems: tuple[str, ...] = official.SYSTEMS
    severity: Callable[..., Finding] = error


def check_pdf_format(read_back: ReadReport, outline: Outline | None = None) -> list[Finding]:
    document = read_back.source.document
    system = outline.system if outline else (read_back.meta.system or official.STATE)
    findings = []
    for rule in RULES:
        if system not in rule.systems:
            continue
        for found, row in rule.check(document, read_back, system):
            where = Location(read_back.source.file, row.number if row else None, page=row.page if row else None)
            findings.append(rule.severity(rule.id, f"Thể thức: {found}; yêu cầu {rule.expected} (nguồn: {rule.source}).", where))
    return findings


def _page_size(document: PdfDocument, rb: ReadReport, system: str) -> Iterator[Hit]:
    for page in document.pages:
        size = (page.width / MM, page.height / MM)
        landscape_table = size[0] > size[1] and page.tables
        if not landscape_table and (abs(size[0] - A4[0]) > 1 or abs(size[1] - A4[1]) > 1):
            yield f"trang {page.number} khổ {size[0]:.0f} × {size[1]:.0f} mm", None
            return


def measured_margins(document: PdfDocument) -> dict[str, float]:
    """The margins in mm as the text shows them: where body lines start and justified lines end,
    the highest line of any page, the lowest line of any page (page numbers left out)."""
    page = document.pages[0]
    tops = [p.rows[0].top for p in document.pages if p.rows]
    bottoms = [p.rows[-1].bottom for p in document.pages if p.rows]
    return {"trên": min(tops) / MM, "dưới": (page.height - max(bottoms)) / MM,
            "trái": document.area.left / MM, "phải": (page.width - document.area.right) / MM}


def _margins(document: PdfDocument, rb: ReadReport, system: str) -> Iterator[Hit]:
    measured = measured_margins(document)
    limits = dict(zip(("trên", "dưới", "trái", "phải"), MARGINS_MM[system], strict=True))
    for name, value in measured.items():
        low, high = limits[name]
        # the last line of a page may stop short of the bottom margin, and the first line's
        # ascenders start a little below the top one: only text inside a margin is certain
        too_wide = name in ("trái", "phải") and value > high + TOLERANCE_MM
        if value < low - TOLERANCE_MM or too_wide:
            yield f"lề {name} khoảng {value:.1f} mm (đo theo vị trí chữ)", None


def _fonts(document: PdfDocument, rb: ReadReport, system: str) -> Iterator[Hit]:
    others = sorted(name for name in document.fonts_used if not _TIMES.match(name.replace(" ", "").replace("-", "")))
    for name in others[:3]:
        yield f"phông chữ “{name}”", None


def _embedded(document: PdfDocument, rb: ReadReport, system: str) -> Iterator[Hit]:
    for name, embedded in sorted(document.fonts.items()):
        if not embedded:
            yield f"phông “{name}” không được nhúng vào tệp", None


def _first_rows(document: PdfDocument, count: int = 12) -> list[Row]:
    return list(document.pages[0].rows[:count]) if document.pages else []


def _header_columns(document: PdfDocument, rb: ReadReport, system: str) -> Iterator[Hit]:
    title = PARTY_TITLE if system == official.PARTY else STATE_TITLE
    middle = document.area.middle
    for row in _first_rows(document, 4):
        for segment in row.split(0.8):
            if fold(segment.text) == title and (segment.x0 + segment.x1) / 2 < middle:
                yield f"“{segment.text}” nằm ở cột trái", row
            if rb.meta.organ and fold(segment.text) == fold(rb.meta.organ) and (segment.x0 + segment.x1) / 2 > middle:
                yield f"tên cơ quan “{segment.text}” nằm ở cột phải", row


def _date_style(document: PdfDocument, rb: ReadReport, system: str) -> Iterator[Hit]:
    for row in _first_rows(document):
        for segment in row.split(0.8):
            if _DATE.search(segment.text):
                if not segment.italic or segment.bold:
                    yield "dòng ngày tháng không in nghiêng" if not segment.italic else "dòng ngày tháng in đậm", row
                return


def _page_numbers(document: PdfDocument, rb: ReadReport, system: str) -> Iterator[Hit]:
    pages = document.pages
    if pages and pages[0].page_numbers:
        yield "trang 1 có số trang", pages[0].page_numbers[0]
    for page in pages[1:]:
        if not page.page_numbers:
            yield f"trang {page.number} không có số trang", None
            return
        number = page.page_numbers[0]
        if number.top > page.height / 2:
            yield f"số trang {number.text} ở chân trang", number
            return


def _tail(document: PdfDocument) -> tuple[tuple[Row, Segment] | None, tuple[Row, Segment] | None]:
    """The "Nơi nhận:" line and the signing authority line (T/M…, KT. …), the last of each in the PDF."""
    label: tuple[Row, Segment] | None = None
    authority: tuple[Row, Segment] | None = None
    for row in reversed(document.rows):
        for segment in row.split(0.8):
            text = fold(segment.text)
            if text.startswith("noi nhan") and label is None:
                label = (row, segment)
            if _AUTHORITY.match(text) and authority is None:
                authority = (row, segment)
    return label, authority


def _tail_sides(document: PdfDocument, rb: ReadReport, system: str) -> Iterator[Hit]:
    middle = document.area.middle
    label, authority = _tail(document)
    if label and label[1].x0 > middle:
        yield "“Nơi nhận:” nằm ở nửa phải trang", label[0]
    if authority and (authority[1].x0 + authority[1].x1) / 2 < middle:
        yield f"khối chữ ký (“{authority[1].text}”) nằm ở nửa trái trang", authority[0]


RULES: tuple[PdfRule, ...] = (
    PdfRule("format-page-size", "khổ A4 210 × 297 mm, đứng", "format-standards §D #1; NĐ30 PL I mục I.1–2", _page_size),
    PdfRule("format-margins", "lề trên 20–25, dưới 20–25, trái 30–35, phải 15–20 mm", "format-standards §D #2; NĐ30 PL I mục I.3", _margins,
            (official.STATE,)),
    PdfRule("format-margins", "lề trên 20, dưới 20, trái 30, phải 15 mm", "format-standards §D #3; HD36", _margins, (official.PARTY,), warning),
    PdfRule("format-font", "phông Times New Roman cho mọi chữ", "format-standards §D #4; NĐ30 PL I mục I.4", _fonts),
    PdfRule("format-font-embedded", "mọi phông chữ được nhúng vào tệp PDF (để bản in và bản lưu trữ giống bản gốc)",
            "NĐ30 PL I mục I.4; TCVN ISO 19005 (PDF/A)", _embedded),
    PdfRule("format-header-columns", "tên cơ quan ở cột trái, Quốc hiệu hoặc tiêu đề của Đảng ở cột phải",
            "format-standards §A.2, §B.2; NĐ30 PL I mục II.1–2", _header_columns),
    PdfRule("format-date-style", "dòng địa danh, ngày tháng năm in nghiêng, không đậm", "format-standards §D #19; NĐ30 PL I mục II.4", _date_style),
    PdfRule("format-page-numbers", "số trang ở đầu trang, từ trang 2, không hiện ở trang 1", "format-standards §D #41; NĐ30 PL I mục I.7",
            _page_numbers),
    PdfRule("format-tail-columns", "“Nơi nhận:” ở bên trái, khối chữ ký ở bên phải", "format-standards §A.4–A.5, §B.4; NĐ30 PL I mục II.9",
            _tail_sides),
)
