"""Read a report docgen did not write (.docx or .txt) into a flat list of lines.

A line is one paragraph of a .docx (numbered in reading order, table cells included) or one
non-empty line of a .txt file (numbered as in the file). Each line keeps what heading detection
needs: text, style, bold, alignment and Word's automatic numbering label. Bad input stops with a
DocgenError carrying a Vietnamese message; nothing here touches the network or runs macros.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.report import Table
from ..core import budget
from ..core.errors import DocgenError, Finding, Location, error
from ..core.official import plain_hyphens
from ..core.vietnamese import nfc
from ..core.yamlio import read_text, strip_controls
from .docxpackage import open_docx
from .docxview import UNKNOWN_ALIGNMENT, DocxView, own_bold
from .wordnum import NumberingCounter

# Bounds on the body of a .docx from outside (its package's own bounds: docxpackage), far beyond any
# real report: the largest real report at hand (Đức Trọng, 9 pages; the 35 KB Đồng Tháp plan as
# text) has under 500 paragraphs, 36,000 characters and a 40 KB word/document.xml.
MAX_PARAGRAPHS = 5_000  # about 150 pages; reading costs about 5 ms per paragraph today
MAX_CHARACTERS = 1_000_000  # about 300 pages
MAX_TABLE_CELLS = 50_000
SUPPORTED = (".docx", ".txt", ".pdf", ".doc", ".odt", ".rtf")


@dataclass(frozen=True)
class Line:
    index: int  # paragraph number (.docx) or text line (.txt), 1-based
    text: str
    style: str = ""
    bold: bool = False
    centered: bool = False
    numbering: str = ""  # Word's automatic label, e.g. "I." or "2.1."
    in_table: bool = False  # a paragraph of a layout table (header, signature)
    table: Table | None = None  # a content table of the body
    page: int = 0  # PDF: the page the paragraph starts on (0 for .docx and .txt)
    page_line: int = 0  # PDF: the printed line on that page where it starts


@dataclass(frozen=True)
class Source:
    file: str
    kind: str  # "docx", "txt" or "pdf"
    lines: tuple[Line, ...]
    findings: tuple[Finding, ...] = ()
    document: Any = None  # the python-docx Document (or the read PdfDocument), for format checks
    view: DocxView | None = None  # a .docx's paragraphs and styles read once, for whoever reads them again


def read(path: Path, display: str | None = None) -> Source:
    name = display or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        message = f"Chỉ đọc được tệp .docx, .pdf, .txt (và .doc, .odt, .rtf qua LibreOffice), không đọc được “{path.name}”."
        raise DocgenError(error("unsupported-format", message, Location(name)))
    source = _READERS[suffix](path, name)
    if not any(line.text.strip() or line.table for line in source.lines):
        raise DocgenError(error("empty-document", "Văn bản không có nội dung.", Location(name)))
    return source


def _text(raw: str) -> str:
    """A line as the rules read it: NFC, and a typed non-breaking hyphen (U+2011) as a hyphen."""
    return plain_hyphens(nfc(raw))


def read_txt(path: Path, name: str) -> Source:
    text, found = strip_controls(read_text(path, name), name)
    lines = tuple(Line(i, _text(raw.rstrip())) for i, raw in enumerate(text.splitlines(), start=1) if raw.strip())
    return Source(name, "txt", lines, tuple(found))


def read_docx(path: Path, name: str) -> Source:
    opened = open_docx(path, name)
    document = opened.document
    _refuse_oversized_body(document, Location(name), opened.body_bytes)
    counter = NumberingCounter(document)
    view = DocxView.of(document, opened.styles_fingerprint)
    lines = tuple(_docx_lines(view, counter))
    return Source(name, "docx", lines, opened.findings, document, view)


def read_pdf(path: Path, name: str) -> Source:
    from .pdfreader import read_pdf as read_pdf_file  # pdfplumber is imported only for PDFs

    return read_pdf_file(path, name)


def read_office(path: Path, name: str) -> Source:
    from .office import read_office as read_office_file  # converted through LibreOffice, then read as .docx

    return read_office_file(path, name)


_READERS = {".docx": read_docx, ".txt": read_txt, ".pdf": read_pdf, ".doc": read_office, ".odt": read_office, ".rtf": read_office}


# The fewest bytes of XML each counted thing takes ("<p/>", "<tc/>", a byte per character; python-docx
# does not expand entities): a body whose part is smaller than (limit + 1) × that cannot pass the
# limit, and is not counted.
_FEWEST_BYTES = {"đoạn văn": 4, "ký tự": 1, "ô bảng": 5}


def _refuse_oversized_body(document: Any, where: Location, part_bytes: int | None = None) -> None:
    """Paragraphs, characters and table cells beyond what a real report reaches stop the reading
    before heading detection and the format checks walk them. `part_bytes`: the unpacked size of the
    XML the body was parsed from, when known."""
    from docx.oxml.ns import qn

    body = document.element.body
    counts: tuple[tuple[Callable[[], int], int, str], ...] = (
        (lambda: sum(1 for _ in body.iter(qn("w:p"))), MAX_PARAGRAPHS, "đoạn văn"),
        (lambda: sum(len(t.text or "") for t in body.iter(qn("w:t"))), MAX_CHARACTERS, "ký tự"),
        (lambda: sum(1 for _ in body.iter(qn("w:tc"))), MAX_TABLE_CELLS, "ô bảng"),
    )
    for count, limit, what in counts:
        if part_bytes is not None and part_bytes < (limit + 1) * _FEWEST_BYTES[what]:
            continue
        found = count()
        if found > limit:
            raise DocgenError(error(
                "docx-too-large", f"Văn bản có {_thousands(found)} {what}, quá giới hạn {_thousands(limit)}; không đọc.", where
            ))


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _docx_lines(view: DocxView, counter: NumberingCounter) -> Iterator[Line]:
    for index, block, in_table in docx_blocks(view.document, view):
        if in_table is None:
            yield Line(index, "", table=_table(block))
        else:
            yield _line(view, block, index, counter, in_table=in_table)


def docx_blocks(document: Any, view: DocxView | None = None) -> Iterator[tuple[int, Any, bool | None]]:
    """(line index, block, in layout table) in reading order: a paragraph (in_table True or False)
    or a content table (in_table None). The format rules walk the same order to find a line's paragraph.
    Walked once per document (kept in its view)."""
    view = view or DocxView.of(document)
    if view.blocks is None:
        view.blocks = list(_walk_blocks(view))
    return iter(view.blocks)


def _walk_blocks(view: DocxView) -> Iterator[tuple[int, Any, bool | None]]:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    index = 0
    for block in view.document.iter_inner_content():
        budget.check()  # an uploaded document's length is the reader's; the web request's budget stops it
        if isinstance(block, DocxParagraph):
            index += 1
            yield index, block, False
        elif isinstance(block, DocxTable):
            if _is_layout_table(view, block):
                for paragraph in view.table_paragraphs(block):
                    index += 1
                    yield index, paragraph, True
            else:
                index += 1
                yield index, block, None


def _line(view: DocxView, paragraph: Any, index: int, counter: NumberingCounter, in_table: bool = False) -> Line:
    info = view.paragraph(paragraph)
    style = info.style
    own = [own_bold(rpr) for text, _, rpr in info.walked if text.strip()]  # python-docx's run.bold of each run with text
    style_bold = bool(style is not None and style.bold)
    bold = bool(own) and all(b or (b is None and style_bold) for b in own)
    return Line(index, _text(info.text.strip()), style.name if style is not None else "", bold,
                _centered(info.alignment, style.alignment if style is not None else None),
                counter.label(paragraph), in_table)


def _centered(own: Any, styled: Any) -> bool:
    for alignment in (own, styled):
        if alignment is UNKNOWN_ALIGNMENT:  # "start"/"end" (as LibreOffice writes them) are unknown to python-docx: not centred
            return False
        if alignment is not None:
            return int(alignment) == 1
    return False


_LAYOUT_MARKERS = re.compile(r"ĐẢNG CỘNG SẢN|CỘNG H[ÒO]A XÃ HỘI|Nơi nhận|Độc lập|^(T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.) ", re.IGNORECASE)


def _is_layout_table(view: DocxView, table: Any) -> bool:
    """The header and signature tables are layout (a signature table is one even without its "Nơi nhận"); any other table is content."""
    return any(_LAYOUT_MARKERS.search(view.paragraph(p).text) for p in view.table_paragraphs(table))


def _table(table: Any) -> Table:
    rows = [tuple(_text(cell.text.strip()) for cell in row.cells) for row in table.rows]
    if not rows:
        return Table((), ())
    return Table(rows[0], tuple(rows[1:]))
