"""One reading of a .docx, shared by the reader and the format checks.

python-docx answers `paragraph.style` with an XPath search of the style sheet, and a run's text,
bold or font by walking its XML, each time it is asked. The reader and every format rule ask the
same questions of the same paragraphs, so a view asks python-docx once per style and once per
paragraph and keeps the answers (the same values python-docx gives, from python-docx itself):

    view = DocxView.of(document)  # the document's one view (made on first use)
    info = view.paragraph(p)      # p: a python-docx Paragraph or its w:p element
    info.text, info.alignment, info.runs[0].font_name, info.style.name, info.style.bold
    view.table_paragraphs(table)  # a table's cell paragraphs, column by column, merged cells once
    reader.docx_blocks(document)  # the reader's numbered blocks, walked once per document
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.styles import BabelFish
from docx.text.paragraph import Paragraph

_P_PR, _P_STYLE, _JC, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:jc"), qn("w:val")
_R, _R_PR, _HYPERLINK, _T, _BR, _TYPE = qn("w:r"), qn("w:rPr"), qn("w:hyperlink"), qn("w:t"), qn("w:br"), qn("w:type")
UNKNOWN_ALIGNMENT = "unknown"  # a w:jc value python-docx does not know ("start", "end")
_FIXED_TEXT = {qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-", qn("w:ptab"): "\t", qn("w:tab"): "\t"}


@dataclass(frozen=True)
class StyleInfo:
    """A paragraph style's own settings (python-docx's `style.font.bold`, `style.paragraph_format.alignment`)."""

    name: str
    bold: bool | None
    alignment: Any  # WD_PARAGRAPH_ALIGNMENT or None
    element: Any = field(compare=False, repr=False)  # its w:style


@dataclass(frozen=True)
class RunInfo:
    text: str
    bold: bool | None  # the run's own setting; None inherits from the style
    font_name: str | None
    font_size: Any  # Length or None


@dataclass(frozen=True)
class ParagraphInfo:
    text: str
    style: StyleInfo | None  # the paragraph's style or the document's default paragraph style
    alignment: Any  # the paragraph's own alignment or None
    runs: tuple[RunInfo, ...]
    paragraph: Paragraph


class DocxView:
    # By id() of the Document (Documents are not hashable). A view holds its document, so while a
    # view is in use its id cannot be reused; a view nobody holds any more leaves on its own.
    _views: weakref.WeakValueDictionary[int, DocxView] = weakref.WeakValueDictionary()

    @classmethod
    def of(cls, document: Any, styles_fingerprint: bytes | None = None) -> DocxView:
        """The view of a python-docx Document: one per document, shared by whoever reads it. The reader
        makes it first, with the fingerprint of the document's styles (docxpackage.styles_fingerprint)."""
        view = cls._views.get(id(document))
        if view is None or view.document is not document:
            view = cls._views[id(document)] = cls(document, styles_fingerprint)
        return view

    def __init__(self, document: Any, styles_fingerprint: bytes | None = None) -> None:
        self.document = document
        self.styles_fingerprint = styles_fingerprint
        self._styles = _StyleTable.of(document, styles_fingerprint)
        self._paragraphs: dict[Any, ParagraphInfo] = {}
        self._tables: dict[Any, tuple[Paragraph, ...]] = {}
        self.blocks: list[tuple[int, Any, bool | None]] | None = None  # the reader's, see reader.docx_blocks

    def paragraph(self, paragraph: Any) -> ParagraphInfo:
        element = paragraph._p if isinstance(paragraph, Paragraph) else paragraph
        info = self._paragraphs.get(element)
        if info is None:
            proxy = paragraph if isinstance(paragraph, Paragraph) else Paragraph(element, self.document._body)
            info = self._paragraphs[element] = self._read(proxy)
        return info

    def style(self, style_id: str | None) -> StyleInfo | None:
        """What python-docx's `paragraph.style` gives for this style id, resolved once per style."""
        return self._styles.style(style_id)

    def table_paragraphs(self, table: Any) -> tuple[Paragraph, ...]:
        """A table's cell paragraphs, column by column; a merged cell (listed once per grid column
        it spans) once."""
        found = self._tables.get(table._tbl)
        if found is None:
            found = self._tables[table._tbl] = tuple(_cell_paragraphs(table))
        return found

    def _read(self, paragraph: Paragraph) -> ParagraphInfo:
        p = paragraph._p
        ppr = p.find(_P_PR)
        runs = tuple(_run_info(r) for r in p.iterchildren(_R))
        return ParagraphInfo(_paragraph_text(p), self.style(_style_id(ppr)), _alignment(ppr), runs, paragraph)

class _StyleTable:
    """A style sheet's paragraph styles as python-docx answers for them, resolved on first use; one
    table per styles fingerprint (documents of one template share it), or per document without one."""

    def __init__(self, document: Any) -> None:
        self._elements: dict[str, Any] = {}
        for element in document.styles.element.style_lst:
            self._elements.setdefault(element.styleId, element)  # the first of a repeated id wins, as in python-docx
        self._by_id: dict[str | None, StyleInfo | None] = {}
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._default = _style_info(default.element) if default is not None else None

    @classmethod
    def of(cls, document: Any, fingerprint: bytes | None) -> _StyleTable:
        shared = _SHARED_TABLES.get(fingerprint) if fingerprint is not None else None
        if shared is not None:
            return shared
        table = cls(document)
        if fingerprint is not None:
            if len(_SHARED_TABLES) >= SHARED_TABLES_KEPT:
                del _SHARED_TABLES[next(iter(_SHARED_TABLES))]  # the oldest
            _SHARED_TABLES[fingerprint] = table
        return table

    def style(self, style_id: str | None) -> StyleInfo | None:
        if style_id in self._by_id:
            return self._by_id[style_id]
        element = self._elements.get(style_id) if style_id is not None else None
        paragraph_style = element is not None and element.get(_TYPE) == "paragraph"  # element.type, without the enum's slow lookup
        found = self._by_id[style_id] = _style_info(element) if paragraph_style else self._default
        return found


# Few are kept: each holds the style tree of the first document read with its fingerprint.
SHARED_TABLES_KEPT = 16
_SHARED_TABLES: dict[bytes, _StyleTable] = {}


def _style_info(element: Any) -> StyleInfo:
    """What a paragraph style's python-docx proxy answers (name, font.bold, paragraph_format.alignment),
    asked of its w:style element directly."""
    rpr, name = element.find(_R_PR), element.name_val
    return StyleInfo(BabelFish.internal2ui(name) if name is not None else None, rpr._get_bool_val("b") if rpr is not None else None,  # type: ignore[arg-type]
                     _alignment(element.find(_P_PR)), element)


# The text python-docx gives (Paragraph.text, Run.text), read straight from the XML children.
def _paragraph_text(p: Any) -> str:
    parts = []
    for child in p:
        if child.tag == _R:
            parts.append(_run_text(child))
        elif child.tag == _HYPERLINK:
            parts.extend(_run_text(r) for r in child.iterchildren(_R))
    return "".join(parts)


def _run_text(r: Any) -> str:
    parts = []
    for child in r:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _BR:
            parts.append("\n" if child.get(_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag in _FIXED_TEXT:
            parts.append(_FIXED_TEXT[tag])
    return "".join(parts)


def _run_info(r: Any) -> RunInfo:
    """A run's text and python-docx's `run.bold`, `run.font.name`, `run.font.size`, asked of its
    w:rPr directly (what those properties read) rather than through a proxy per run."""
    rpr = r.find(_R_PR)
    if rpr is None:  # no formatting of its own: everything inherited
        return RunInfo(_run_text(r), None, None, None)
    return RunInfo(_run_text(r), rpr._get_bool_val("b"), rpr.rFonts_ascii, rpr.sz_val)


def _alignment(ppr: Any) -> Any:
    jc = ppr.find(_JC) if ppr is not None else None
    return None if jc is None else _alignment_of(jc.get(_VAL))


@lru_cache(maxsize=64)
def _alignment_of(value: str | None) -> Any:
    """A w:jc value as python-docx's enumeration (its lookup is slow, and there are few values)."""
    try:
        return WD_ALIGN_PARAGRAPH.from_xml(value)
    except ValueError:
        return UNKNOWN_ALIGNMENT


def _style_id(ppr: Any) -> str | None:
    pstyle = ppr.find(_P_STYLE) if ppr is not None else None
    return pstyle.get(_VAL) if pstyle is not None else None


def _cell_paragraphs(table: Any) -> Iterator[Paragraph]:
    # The set holds the lxml elements themselves: keeping them alive keeps their proxies (and
    # identities) stable, which bare id()s do not.
    seen: set[Any] = set()
    rows = [row.cells for row in table.rows]
    for column in range(len(table.columns)):
        for cells in rows:
            if column >= len(cells) or cells[column]._tc in seen:
                continue
            seen.add(cells[column]._tc)
            yield from _inner_paragraphs(cells[column])


def _inner_paragraphs(cell: Any) -> Iterator[Paragraph]:
    """A cell's paragraphs, those of a table nested in it included (a group of recipients beside its brace)."""
    from docx.table import Table as DocxTable

    for block in cell.iter_inner_content():
        if isinstance(block, DocxTable):
            yield from _cell_paragraphs(block)
        else:
            yield block
