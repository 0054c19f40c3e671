"""Read a PDF with a text layer into the same lines the .docx reader gives.

The header above the kind line (BÁO CÁO, KẾ HOẠCH…) and the Nơi nhận / signature block are two
columns on paper and a layout table in a .docx: their lines are given column by column, marked
as table lines, exactly as the .docx reader flattens the table. The body's printed lines are
joined into paragraphs: a paragraph starts where a line is indented, centred, bold when the one
before was not (or the reverse), further down than the usual line spacing, or after a line
that stopped short of the right margin. A line ending in "-" (a document number "21-NQ/TW"
broken at its hyphen) is joined without a space. Bordered tables become content tables.

Each line keeps its page and its line on the page, so that findings can point there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.report import Table
from ..core import official
from ..core.errors import DocgenError, Location, error
from .headings import fold, is_upper
from .pdflayout import Row, Segment, TextArea, clean, line_step, page_rows, text_area
from .pdfopen import MAX_PAGES, open_pdf
from .reader import Line, Source

_PAGE_NUMBER = re.compile(r"^[-–]?\s*(Trang\s+)?\d{1,4}\s*[-–]?$")
_KINDS = {fold(t) for kinds in official.KINDS.values() for t in kinds.values()}
_AUTHORITIES = tuple(p.strip() + " " for system in official.SYSTEMS for p in official.AUTHORITY_PREFIXES[system])
_BULLET = re.compile(r"^[-–•+*]\s")
CELL_GAP = 0.8  # in the header and signature block, a gap this many font sizes wide separates the columns
_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")


@dataclass(frozen=True)
class PdfPage:
    number: int
    width: float
    height: float
    rows: tuple[Row, ...]  # the text, page numbers left out
    page_numbers: tuple[Row, ...]
    tables: tuple[tuple[float, Table], ...]  # (top, table)
    images: int
    fonts_used: tuple[str, ...]  # the fonts its text is printed in


@dataclass(frozen=True)
class PdfDocument:
    """What the format checks read: pages with their lines, the text area, the fonts."""

    pages: tuple[PdfPage, ...]
    area: TextArea
    fonts: dict[str, bool] = field(default_factory=dict)  # font name -> embedded

    @property
    def rows(self) -> list[Row]:
        return [row for page in self.pages for row in page.rows]

    @property
    def fonts_used(self) -> set[str]:
        return {name for page in self.pages for name in page.fonts_used}


def read_pdf(path: Path, name: str) -> Source:
    pdf = open_pdf(path, name)
    try:
        pages = tuple(_page(page, number) for number, page in enumerate(pdf.pages[:MAX_PAGES], start=1))
        fonts = _fonts(pdf.pages[:MAX_PAGES])
    except DocgenError:
        raise
    except Exception:  # untrusted input: a page pdfminer cannot take apart is damage
        raise DocgenError(error("pdf-corrupt", "Tệp PDF bị hỏng, không đọc được nội dung.", Location(name))) from None
    finally:
        pdf.close()
    if not any(page.rows or page.tables for page in pages):
        _no_text(pages, name)
    document = PdfDocument(pages, text_area([r for p in pages for r in p.rows]), fonts)
    return Source(name, "pdf", tuple(_Lines(document).lines()), (), document)


def _no_text(pages: tuple[PdfPage, ...], name: str) -> None:
    if any(page.images for page in pages):
        message = ("Tệp PDF là bản quét (chỉ có ảnh, không có lớp chữ) nên không đọc được nội dung; "
                   "hãy gửi tệp .docx, hoặc tệp PDF xuất trực tiếp từ Word (Lưu thành PDF).")
        raise DocgenError(error("pdf-scanned", message, Location(name)))
    raise DocgenError(error("empty-document", "Văn bản không có nội dung.", Location(name)))


def _page(page: Any, number: int) -> PdfPage:
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    tables = tuple((t.bbox[1], _table(t.extract())) for t in found)
    rows = page_rows(page, number, boxes)
    numbers = tuple(r for r in rows if _is_page_number(r, page.height))
    text = tuple(r for r in rows if r not in numbers)
    used = tuple(sorted({font_name(c["fontname"]) for c in page.chars if c["text"].strip()}))
    return PdfPage(number, float(page.width), float(page.height), text, numbers, tables, len(page.images), used)


def font_name(name: object) -> str:
    """"ABCDEF+TimesNewRomanPS-BoldMT" -> "TimesNewRomanPS-BoldMT" (the subset tag dropped)."""
    return str(getattr(name, "name", name)).split("+", 1)[-1]


def _is_page_number(row: Row, height: float) -> bool:
    return bool(_PAGE_NUMBER.match(row.text)) and (row.top < height * 0.12 or row.bottom > height * 0.88)


def _table(cells: list[list[str | None]]) -> Table:
    rows = [tuple(clean(" ".join((cell or "").split())) for cell in row) for row in cells]
    return Table(rows[0], tuple(rows[1:])) if rows else Table((), ())


def _fonts(pages: list[Any]) -> dict[str, bool]:
    from pdfminer.pdftypes import resolve1

    fonts: dict[str, bool] = {}
    for page in pages:
        resources = resolve1(page.page_obj.resources) or {}
        for font in (resolve1(resources.get("Font")) or {}).values():
            font = resolve1(font) or {}
            name = font_name(font.get("BaseFont", "?"))
            fonts[name] = fonts.get(name, False) or _embedded(font)
    return fonts


def _embedded(font: dict[str, Any]) -> bool:
    from pdfminer.pdftypes import resolve1

    if str(getattr(font.get("Subtype"), "name", "")) == "Type3":
        return True  # its glyphs are drawn inside the PDF
    descendants = resolve1(font.get("DescendantFonts")) or []
    for candidate in [font, *(resolve1(d) for d in descendants)]:
        descriptor = resolve1(candidate.get("FontDescriptor")) or {}
        if any(key in descriptor for key in _FONT_FILES):
            return True
    return False


class _Lines:
    """The document's lines in reading order: header columns, body paragraphs, signature columns."""

    def __init__(self, document: PdfDocument) -> None:
        self.document, self.area = document, document.area
        self.step = line_step(document.rows)
        self.index = 0

    def lines(self) -> Iterator[Line]:
        items = _items(self.document)
        rows = [item for item in items if isinstance(item, Row)]
        kind = next((i for i, r in enumerate(rows) if r.page == 1 and len(r.segments) == 1 and fold(r.text) in _KINDS), None)
        start = 0
        if kind is not None:
            yield from self.columns(rows[:kind])
            yield self.line(rows[kind], rows[kind].text, bold=rows[kind].bold, centered=self.centered(rows[kind]))
            start = items.index(rows[kind]) + 1
        signature = self.signature_rows(rows[kind or 0:])
        end = items.index(signature[0]) if signature else len(items)
        yield from self.paragraphs(items[start:end])
        if signature:
            yield from self.columns(signature)
            yield from self.paragraphs(items[items.index(signature[-1]) + 1:])

    def line(self, row: Row, text: str, **fields: Any) -> Line:
        self.index += 1
        return Line(self.index, text, page=row.page, page_line=row.number, **fields)

    def columns(self, rows: list[Row]) -> Iterator[Line]:
        """A two-column block, left column first, as the .docx reader reads a layout table; a
        paragraph wrapped inside its column ("ỦY BAN NHÂN DÂN TỈNH" / "THỪA THIÊN HUẾ") is one line."""
        for left in (True, False):
            cells = [(row, s) for row in rows for s in row.split(CELL_GAP) if ((s.x0 + s.x1) / 2 < self.area.middle) == left]
            cells = _without_braces(cells)
            block: list[tuple[Row, Segment]] = []
            for row, segment in cells:
                if block and not _wraps(*block[-1], row, segment):
                    yield self.cell_line(block)
                    block = []
                block.append((row, segment))
            if block:
                yield self.cell_line(block)

    def cell_line(self, block: list[tuple[Row, Segment]]) -> Line:
        text = block[0][1].text
        for _, segment in block[1:]:
            # "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" are two lines of one paragraph in the .docx
            text += ("\n" if text.startswith(_AUTHORITIES) else " ") + segment.text
        return self.line(block[0][0], text, bold=block[0][1].bold, in_table=True)

    def signature_rows(self, rows: list[Row]) -> list[Row]:
        """The rows of the Nơi nhận and signature block: from its first line to the end of that page."""
        for i, row in enumerate(rows):
            first = fold(row.segments[0].text)
            right = [s for s in row.segments if s.x0 >= self.area.middle - row.size * 2]
            if first.startswith("noi nhan") or any(s.text.startswith(_AUTHORITIES) for s in right):
                return [r for r in rows[i:] if r.page == row.page]
        return []

    def paragraphs(self, items: list[Row | tuple[float, Table]]) -> Iterator[Line]:
        previous: Row | None = None
        current: Line | None = None
        for item in items:
            if not isinstance(item, Row):
                if current:
                    yield current
                current, previous = None, None
                self.index += 1
                yield Line(self.index, "", table=item[1])
                continue
            if current is not None and previous is not None and not self.starts_paragraph(previous, item):
                current = Line(current.index, _glue(current.text, item.text), bold=current.bold and item.bold, centered=current.centered,
                               page=current.page, page_line=current.page_line)
            else:
                if current:
                    yield current
                current = self.line(item, item.text, bold=item.bold, centered=self.centered(item))
            previous = item
        if current:
            yield current

    def centered(self, row: Row) -> bool:
        return len(row.segments) == 1 and self.area.centered(row.x0, row.x1, row.size)

    def starts_paragraph(self, previous: Row, row: Row) -> bool:
        if len(previous.segments) > 1 or len(row.segments) > 1 or previous.bold != row.bold or previous.size != row.size:
            return True
        if self.centered(previous) or self.centered(row):  # a centred title goes on centred, its first line may be full
            together = self.area.symmetric(previous.x0, previous.x1, previous.size) and self.centered(row)
            return not (together and self.close(previous, row))
        if row.page == previous.page and not self.close(previous, row):
            return True
        indented = row.x0 > self.area.left + row.size / 2
        short = previous.x1 < self.area.right - row.size * 2
        return indented or short or bool(_BULLET.match(row.text))

    def close(self, previous: Row, row: Row) -> bool:
        """Whether `row` follows `previous` at the usual line spacing (not after a paragraph's space)."""
        return row.page != previous.page or row.top - previous.top <= self.step + 2


def _wraps(previous: Row, before: Segment, row: Row, segment: Segment) -> bool:
    """Whether a header or signature line goes on the one above it in its column: same weight and
    size, one line apart, not a new item (a recipient, "KT. …"), and both upper case or the
    second carrying on the first."""
    if segment.bold != before.bold or segment.size != before.size or not 0 < row.top - previous.top <= segment.size * 1.6:
        return False
    if segment.text.startswith(("-", "–", *_AUTHORITIES)):
        return False
    carries_on = segment.text[:1].islower() or segment.text[:1].isdigit()  # "…, ngày 05 tháng 8 năm" / "2022"
    if before.text.startswith(("-", "–")) and not before.text.endswith((",", ";", ".", ":")):
        return True  # a recipient not yet ended: "- Các đảng đoàn, …, BTV" / "Tỉnh đoàn,"
    return (is_upper(before.text) and is_upper(segment.text)) or (carries_on and not before.text.endswith((".", ":", ";")))


def _without_braces(cells: list[tuple[Row, Segment]]) -> list[tuple[Row, Segment]]:
    """A group of recipients printed with a tall "}" and one note beside it ("(để báo cáo),"):
    the brace and the note are left out, as the .docx reader leaves them out of the list."""
    braces = [(row, s) for row, s in cells if s.text in ("}", "{")]
    if not braces:
        return cells
    def beside(row: Row, segment: Segment) -> bool:
        return any(segment.x0 >= s.x0 and row.top < b.bottom and row.bottom > b.top for b, s in braces)
    return [(row, s) for row, s in cells if s.text not in ("}", "{") and not beside(row, s)]


def _items(document: PdfDocument) -> list[Row | tuple[float, Table]]:
    items: list[Row | tuple[float, Table]] = []
    for page in document.pages:
        placed: list[tuple[float, Row | tuple[float, Table]]] = [(r.top, r) for r in page.rows] + [(t[0], t) for t in page.tables]
        items.extend(item for _, item in sorted(placed, key=lambda p: p[0]))
    return items


def _glue(text: str, more: str) -> str:
    if text.endswith("\u00ad"):  # a soft hyphen: the word goes on
        return text[:-1] + more
    if text.endswith(("-", "‑")) and len(text) > 1 and not text[-2].isspace():
        return text + more  # "21-" + "NQ/TW"
    return f"{text} {more}"
