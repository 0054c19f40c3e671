"""One reading of a .docx, shared by the reader and the format checks.

python-docx answers `paragraph.style` with an XPath search of the style sheet, and a run's text,
bold or font by walking its XML, each time it is asked. The reader and every format rule ask the
same questions of the same paragraphs, so a view asks python-docx once per style and once per
paragraph and keeps the answers (the same values python-docx gives, from python-docx itself):

    view = DocxView.of(document)  # the document's one view (made on first use)
    info = view.paragraph(p)      # p: a python-docx Paragraph or its w:p element
    info.text, info.alignment, info.runs[0].font_name, info.style.name, info.style.bold
    info.rulebook_runs()          # every w:r with its text as the format checks read it
    view.table_paragraphs(table)  # a table's cell paragraphs, column by column, merged cells once
    reader.docx_blocks(document)  # the reader's numbered blocks, walked once per document

A paragraph's XML is walked once for both readers: they read text differently (python-docx's runs
are the direct ones, its text adds those of hyperlinks; the format checks take every nested w:r),
but in the usual paragraph (its runs direct children holding text, tabs, line breaks and hyphens
only) both read the same runs the same way, and the second reading is the first one's. A run's
formatting is asked of its XML only when someone wants it.
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
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..core.memo import BoundedMemo

_P_PR, _P_STYLE, _JC, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:jc"), qn("w:val")
_R, _R_PR, _HYPERLINK, _T, _BR, _TYPE = qn("w:r"), qn("w:rPr"), qn("w:hyperlink"), qn("w:t"), qn("w:br"), qn("w:type")
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SPANS = (qn("w:vMerge"), qn("w:gridSpan"))  # a cell over several rows or columns
_ON_OFF = {"1": True, "true": True, "on": True, "0": False, "false": False, "off": False}
UNKNOWN_ALIGNMENT = "unknown"  # a w:jc value python-docx does not know ("start", "end")
_TAB, _NB_HYPHEN, _B = qn("w:tab"), qn("w:noBreakHyphen"), qn("w:b")
_FIXED_TEXT = {qn("w:cr"): "\n", _NB_HYPHEN: "-", qn("w:ptab"): "\t", _TAB: "\t"}
# What the format checks read in a run (every one anywhere inside it): a tab, any break as a new
# line, a non-breaking hyphen as "-" (it keeps a số ký hiệu together).
_RULEBOOK_MARKS = {_TAB: "\t", _BR: "\n", _NB_HYPHEN: "-"}
# A run's children that both readings read alike (a w:br only when it is a line break, see _run_text).
_SHARED_RUN_PARTS = frozenset({_R_PR, _T, _TAB, _NB_HYPHEN})
# A paragraph's children holding no run: they change neither reading.
_RUNLESS = frozenset({_P_PR, qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:proofErr")})


@dataclass(frozen=True)
class StyleInfo:
    """A paragraph style's own settings (python-docx's `style.font.bold`, `style.paragraph_format.alignment`)."""

    name: str
    bold: bool | None
    alignment: Any  # WD_PARAGRAPH_ALIGNMENT or None
    element: Any = field(compare=False, repr=False)  # its w:style


Walked = tuple[str, Any, Any]  # a run: its text, its w:r, its w:rPr (or None)


class RunInfo:
    """A run as python-docx reads it: its text, and `run.bold`, `run.font.name`, `run.font.size`,
    asked of its w:rPr (what those properties read) when wanted."""

    def __init__(self, text: str, rpr: Any) -> None:
        self.text = text
        self._rpr = rpr

    @property
    def bold(self) -> bool | None:
        """The run's own setting; None inherits from the style."""
        return own_bold(self._rpr)

    @property
    def font_name(self) -> str | None:
        return self._rpr.rFonts_ascii if self._rpr is not None else None

    @property
    def font_size(self) -> Any:  # Length or None
        return self._rpr.sz_val if self._rpr is not None else None


@dataclass(frozen=True)
class ParagraphInfo:
    text: str
    style: StyleInfo | None  # the paragraph's style or the document's default paragraph style
    alignment: Any  # the paragraph's own alignment or None
    walked: tuple[Walked, ...]  # python-docx's runs (Paragraph.runs: the direct ones)
    paragraph: Paragraph
    ppr: Any = field(default=None, repr=False)  # the w:pPr
    style_id: str | None = None  # its w:pStyle, as written
    shared: bool = field(default=False, repr=False)  # the format checks read the same runs alike

    @property
    def runs(self) -> tuple[RunInfo, ...]:
        return tuple(RunInfo(text, rpr) for text, _, rpr in self.walked)

    def rulebook_runs(self) -> tuple[Walked, ...]:
        """Every run inside the paragraph, as the format checks read them (see rulebook_runs())."""
        return self.walked if self.shared else rulebook_runs(self.paragraph._p)


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

    def read_paragraph(self, element: Any) -> ParagraphInfo | None:
        """A paragraph's info when it has been read already (a paragraph the reader numbered), else None."""
        return self._paragraphs.get(element)

    def _read(self, paragraph: Paragraph) -> ParagraphInfo:
        ppr, text, runs, shared = _walk(paragraph._p)
        named, jc = _style_and_alignment(ppr)
        alignment = None if jc is None else _alignment_of(jc.get(_VAL))
        return ParagraphInfo(text, self.style(named), alignment, runs, paragraph, ppr, named, shared)

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
        return _SHARED_TABLES.made(fingerprint, lambda: cls(document))

    def style(self, style_id: str | None) -> StyleInfo | None:
        if style_id in self._by_id:
            return self._by_id[style_id]
        element = self._elements.get(style_id) if style_id is not None else None
        paragraph_style = element is not None and element.get(_TYPE) == "paragraph"  # element.type, without the enum's slow lookup
        found = self._by_id[style_id] = _style_info(element) if paragraph_style else self._default
        return found


# Few are kept: each holds the style tree of the first document read with its fingerprint.
_SHARED_TABLES: BoundedMemo[bytes, _StyleTable] = BoundedMemo(16)


def _style_info(element: Any) -> StyleInfo:
    """What a paragraph style's python-docx proxy answers (name, font.bold, paragraph_format.alignment),
    asked of its w:style element directly."""
    rpr, name = element.find(_R_PR), element.name_val
    return StyleInfo(BabelFish.internal2ui(name) if name is not None else None, rpr._get_bool_val("b") if rpr is not None else None,  # type: ignore[arg-type]
                     _alignment(element.find(_P_PR)), element)


# The runs python-docx sees and their text (Paragraph.runs, Run.text, Paragraph.text), read
# straight from the XML children.
def _walk(p: Any) -> tuple[Any, str, tuple[Walked, ...], bool]:
    """A paragraph's w:pPr, its text (its direct runs' and its hyperlinks'), its direct runs, and
    whether those are all the runs inside it, each read alike by the format checks (then
    rulebook_runs() would give the same)."""
    ppr = None
    parts: list[str] = []
    runs: list[Walked] = []
    shared = True
    for child in p:
        tag = child.tag
        if tag == _R:
            text, rpr, alike = _run_text(child)
            parts.append(text)
            runs.append((text, child, rpr))
            shared = shared and alike
        elif tag == _P_PR and ppr is None:  # the first, as find() gives
            ppr = child
        elif tag == _HYPERLINK:
            parts.extend(_run_text(r)[0] for r in child.iterchildren(_R))
            shared = False
        elif tag not in _RUNLESS:
            shared = False
    return ppr, "".join(parts), tuple(runs), shared


def _run_text(r: Any) -> tuple[str, Any, bool]:
    """python-docx's text of a run, its w:rPr, and whether the format checks read the run the same
    (see _SHARED_RUN_PARTS)."""
    parts = []
    rpr = None
    alike = True
    for child in r:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _R_PR and rpr is None:
            rpr = child
        elif tag == _BR:
            line_break = child.get(_TYPE, "textWrapping") == "textWrapping"
            parts.append("\n" if line_break else "")
            alike = alike and line_break
        else:
            if tag in _FIXED_TEXT:
                parts.append(_FIXED_TEXT[tag])
            alike = alike and tag in _SHARED_RUN_PARTS
    return "".join(parts), rpr, alike


def rulebook_runs(p: Any) -> tuple[Walked, ...]:
    """Every w:r inside a paragraph, nested ones included, with the text of every w:t, and of tabs,
    breaks and non-breaking hyphens, anywhere inside it."""
    return tuple((_rulebook_text(r), r, r.find(_R_PR)) for r in p.iter(_R))


def _rulebook_text(r: Any) -> str:
    parts = []
    for child in r.iter(_T, _TAB, _BR, _NB_HYPHEN):
        parts.append(child.text or "" if child.tag == _T else _RULEBOOK_MARKS[child.tag])
    return "".join(parts)


def own_bold(rpr: Any) -> bool | None:
    """python-docx's `run.bold` from a run's w:rPr: None without a w:b, else its w:val as a switch."""
    b = rpr.find(_B) if rpr is not None else None
    if b is None:
        return None
    value = b.get(_VAL)
    if value is None or value in _ON_OFF:
        return value is None or _ON_OFF[value]
    return rpr._get_bool_val("b")  # python-docx's own answer to a value it does not know


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


def style_id(ppr: Any) -> str | None:
    """The style a w:pPr names (its first w:pStyle), None without one."""
    pstyle = ppr.find(_P_STYLE) if ppr is not None else None
    return pstyle.get(_VAL) if pstyle is not None else None


def _style_and_alignment(ppr: Any) -> tuple[str | None, Any]:
    """style_id(ppr), and ppr's first w:jc (or None), in one pass over its children."""
    pstyle = jc = None
    for child in ppr if ppr is not None else ():
        tag = child.tag
        if tag == _P_STYLE and pstyle is None:
            pstyle = child
        elif tag == _JC and jc is None:
            jc = child
    return pstyle.get(_VAL) if pstyle is not None else None, jc


def _cell_paragraphs(table: Any) -> Iterator[Paragraph]:
    # The set holds the lxml elements themselves: keeping them alive keeps their proxies (and
    # identities) stable, which bare id()s do not.
    seen: set[Any] = set()
    rows = _row_cells(table)
    for column in range(len(table.columns)):
        for cells in rows:
            if column >= len(cells) or cells[column]._tc in seen:
                continue
            seen.add(cells[column]._tc)
            yield from _inner_paragraphs(cells[column])


def _row_cells(table: Any) -> list[tuple[_Cell, ...]]:
    """python-docx's `row.cells` of each row; when no cell spans columns or rows (the usual header and
    signature table), each w:tc is one cell, and python-docx's reading of spans is not needed."""
    if next(table._tbl.iter(*_SPANS), None) is not None:
        return [row.cells for row in table.rows]
    return [tuple(_Cell(tc, table) for tc in tr.iterchildren(_TC)) for tr in table._tbl.iterchildren(_TR)]


def _inner_paragraphs(cell: Any) -> Iterator[Paragraph]:
    """A cell's paragraphs, those of a table nested in it included (a group of recipients beside its
    brace); its w:p and w:tbl children in order, as python-docx's `cell.iter_inner_content()`."""
    for child in cell._tc.iterchildren(_P, _TBL):
        if child.tag == _TBL:
            yield from _cell_paragraphs(Table(child, cell))
        else:
            yield Paragraph(child, cell)
