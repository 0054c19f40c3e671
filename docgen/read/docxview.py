"""One reading of a .docx, shared by the reader and the format checks.

python-docx answers `paragraph.style` with an XPath search of the style sheet, and a run's text,
bold or font by walking its XML, each time it is asked. The reader and every format rule ask the
same questions of the same paragraphs, so a view asks python-docx once per style and once per
paragraph and keeps the answers (the same values python-docx gives, from python-docx itself):

    view = DocxView.of(document)  # the document's one view (made on first use)
    info = view.paragraph(p)      # p: a python-docx Paragraph or its w:p element
    info.text, info.alignment, info.runs[0].font_name, info.style.name, info.style.bold
    view.style_font(info.style)   # (font name, size): the first set up the chain of base styles
    view.table_paragraphs(table)  # a table's cell paragraphs, column by column, merged cells once
    view.all_paragraphs()         # the body's paragraphs, then every table cell's, as python-docx lists them
    reader.docx_blocks(document)  # the reader's numbered blocks, walked once per document
"""

from __future__ import annotations

import hashlib
import weakref
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.text.paragraph import Paragraph

_P_PR, _P_STYLE, _JC, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:jc"), qn("w:val")
_R, _R_PR, _HYPERLINK, _T, _BR, _TYPE = qn("w:r"), qn("w:rPr"), qn("w:hyperlink"), qn("w:t"), qn("w:br"), qn("w:type")
_STYLE_PARTS = (RT.STYLES, RT.THEME)
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
    def of(cls, document: Any) -> DocxView:
        """The view of a python-docx Document: one per document, shared by whoever reads it."""
        view = cls._views.get(id(document))
        if view is None or view.document is not document:
            view = cls._views[id(document)] = cls(document)
        return view

    def __init__(self, document: Any) -> None:
        self.document = document
        self._styles: dict[str, Any] = {}
        for element in document.styles.element.style_lst:
            self._styles.setdefault(element.styleId, element)  # the first of a repeated id wins, as in python-docx
        self._by_id: dict[str | None, StyleInfo | None] = {}
        self._fonts: dict[Any, tuple[str | None, Any]] = {}
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._default = self._info(default.element) if default is not None else None
        self._paragraphs: dict[Any, ParagraphInfo] = {}
        self._tables: dict[Any, tuple[Paragraph, ...]] = {}
        self.blocks: list[tuple[int, Any, bool | None]] | None = None  # the reader's, see reader.docx_blocks
        self.styles_fingerprint: bytes | None = None  # set by the reader, see styles_fingerprint()

    def paragraph(self, paragraph: Any) -> ParagraphInfo:
        element = paragraph._p if isinstance(paragraph, Paragraph) else paragraph
        info = self._paragraphs.get(element)
        if info is None:
            proxy = paragraph if isinstance(paragraph, Paragraph) else Paragraph(element, self.document._body)
            info = self._paragraphs[element] = self._read(proxy)
        return info

    def style(self, style_id: str | None) -> StyleInfo | None:
        """What python-docx's `paragraph.style` gives for this style id, resolved once per style."""
        if style_id in self._by_id:
            return self._by_id[style_id]
        element = self._styles.get(style_id) if style_id is not None else None
        paragraph_style = element is not None and element.get(_TYPE) == "paragraph"  # element.type, without the enum's slow lookup
        found = self._by_id[style_id] = self._info(element) if paragraph_style else self._default
        return found

    def style_font(self, style: StyleInfo | None) -> tuple[str | None, Any]:
        """(font name, size) of a style: each the first set up its chain of base styles, or None."""
        if style is None:
            return None, None
        if style.element not in self._fonts:
            python_style = StyleFactory(style.element)
            self._fonts[style.element] = (_inherited(python_style, "name"), _inherited(python_style, "size"))
        return self._fonts[style.element]

    def table_paragraphs(self, table: Any) -> tuple[Paragraph, ...]:
        """A table's cell paragraphs, column by column; a merged cell (listed once per grid column
        it spans) once."""
        found = self._tables.get(table._tbl)
        if found is None:
            found = self._tables[table._tbl] = tuple(_cell_paragraphs(table))
        return found

    def all_paragraphs(self) -> Iterator[ParagraphInfo]:
        """The body's paragraphs, then each table's cells row by row (as python-docx lists them)."""
        for paragraph in self.document.paragraphs:
            yield self.paragraph(paragraph)
        for table in self.document.tables:
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        yield self.paragraph(paragraph)

    def _read(self, paragraph: Paragraph) -> ParagraphInfo:
        p = paragraph._p
        ppr = p.find(_P_PR)
        runs = tuple(_run_info(r) for r in p.iterchildren(_R))
        return ParagraphInfo(_paragraph_text(p), self.style(_style_id(ppr)), _alignment(ppr), runs, paragraph)

    def _info(self, element: Any) -> StyleInfo:
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


def _inherited(style: Any, attribute: str) -> Any:
    """python-docx's value of `style.font.<attribute>`, or its base style's, and so on."""
    while style is not None:
        value = getattr(style.font, attribute)
        if value is not None:
            return value
        style = style.base_style
    return None


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


def styles_fingerprint(path: Path, document: Any) -> bytes | None:
    """A digest of the bytes a document's formatting is resolved from (its styles and theme parts as
    stored in the .docx): documents made from one template share it, and so can share their resolved
    style sheet. None when it cannot be told (no styles part of its own, an unreadable part)."""
    rels = [rel for rel in document.part.rels.values() if not rel.is_external and rel.reltype in _STYLE_PARTS]
    if not any(rel.reltype == RT.STYLES for rel in rels):
        return None
    parts = sorted({rel.target_part for rel in rels}, key=lambda part: str(part.partname))
    digest = hashlib.blake2b(digest_size=20)
    try:
        with zipfile.ZipFile(path) as package:
            for part in parts:
                digest.update(str(part.partname).encode() + b"\0")
                digest.update(package.read(part.partname.membername))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return digest.digest()
