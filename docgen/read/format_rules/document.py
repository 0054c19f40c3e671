"""A read .docx with its formatting resolved once: every paragraph the reader numbered (body and
layout tables), the paragraphs of content tables, headers and footers, each with the properties
Word would show (see styles.py). The rules only look things up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from docx.oxml.ns import nsmap, qn
from docx.section import Section
from lxml import etree

from ...core.vietnamese import nfc
from ..docxview import DocxView, rulebook_runs, style_id
from ..reader import Line, docx_blocks
from .styles import Props, StyleSheet

_W_P, _W_PPR, _W_TYPE, _R_ID = qn("w:p"), qn("w:pPr"), qn("w:type"), qn("r:id")
# The section properties python-docx lists (CT_Document.sectPr_lst), in document order.
_SECTION_PROPERTIES = etree.XPath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr", namespaces={"w": nsmap["w"]})
# Header and footer references of a section, in python-docx's order (header, first-page header,
# even-page header, then the footers).
_REFERENCES = tuple((kind, qn(f"w:{kind}Reference"), which) for kind in ("header", "footer") for which in ("default", "first", "even"))


@dataclass(frozen=True)
class Run:
    text: str
    props: Props


@dataclass(frozen=True)
class Para:
    index: int | None  # the reader's line number; None for content-table, header and footer paragraphs
    text: str  # as typed (not stripped), NFC: its runs' texts joined
    runs: tuple[Run, ...]
    props: Props  # paragraph properties
    in_table: bool = False
    element: Any = field(default=None, compare=False, repr=False)
    stripped: str = field(init=False, compare=False, repr=False)  # the text without surrounding spaces, asked by every rule
    # Answers of value(), asked by several rules; not copied by dataclasses.replace (a changed copy starts afresh).
    _values: dict[tuple[str, Any], Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stripped", self.text.strip())  # frozen: set once, here

    def value(self, key: str, default: Any = None) -> Any:
        """The value of a run property over most of the visible text."""
        if len(self.runs) == 1:  # the usual paragraph: its run's value, when the run shows any text (the paragraph's text is the run's)
            return self.runs[0].props.get(key, default) if self.stripped else default
        if (key, default) in self._values:
            return self._values[key, default]
        counts: dict[Any, int] = {}
        for run in self.runs:
            weight = len(run.text.strip())
            if weight:
                value = run.props.get(key, default)
                counts[value] = counts.get(value, 0) + weight
        # Of values with the same weight the one met first wins, as with Counter.most_common(1).
        found = self._values[key, default] = max(counts, key=counts.__getitem__) if counts else default
        return found

    def values(self, key: str, default: Any = None) -> set[Any]:
        return {run.props.get(key, default) for run in self.runs if run.text.strip()}

    def setting(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


class FormattedDocument:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.lines: dict[int, Para] = {}
        self.table_paragraphs: list[Para] = []
        if document is not None:
            self._read(document)

    @classmethod
    def plain(cls, lines: tuple[Line, ...]) -> FormattedDocument:
        """A .txt report: its lines as paragraphs without formatting, for the rules on words."""
        plain = cls(None)
        plain.lines = {line.index: Para(line.index, line.text, (Run(line.text, {}),), {}, line.in_table) for line in lines}
        return plain

    def _read(self, document: Any) -> None:
        self.view = DocxView.of(document)
        self.sheet = StyleSheet.of(document, self.view.styles_fingerprint)
        for index, block, in_table in docx_blocks(document):
            if in_table is None:
                self.table_paragraphs += [self.para(p, None) for p in block._tbl.iter(_W_P)]
            else:
                self.lines[index] = self.para(block._p, index, in_table)

    def para(self, p: Any, index: int | None, in_table: bool = False) -> Para:
        read = self.view.read_paragraph(p)  # the reader's walk of a numbered paragraph, shared
        if read is not None:
            ppr, style, walked = read.ppr, read.style_id, read.rulebook_runs()
        else:
            ppr = p.find(_W_PPR)
            style, walked = style_id(ppr), rulebook_runs(p)
        inherited, props = self.sheet.paragraph(ppr, style)
        runs = tuple(Run(nfc(text), self.sheet.run(rpr, inherited)) for text, _, rpr in walked)
        return Para(index, "".join(run.text for run in runs), runs, props, in_table, p)

    def line(self, index: int | None) -> Para | None:
        return self.lines.get(index) if index is not None else None

    @cached_property
    def sections(self) -> list[Any]:
        """python-docx's sections (document.sections, whose every listing compiles its search anew)."""
        return [Section(sectPr, self.document.part) for sectPr in _SECTION_PROPERTIES(self.document.element)]

    @cached_property
    def headers_and_footers(self) -> list[tuple[str, Para]]:
        """("header" or "footer", paragraph) for every header and footer part a section defines (as
        python-docx's section.header, first_page_header… not linked to the previous section), each once."""
        found = []
        seen: set[Any] = set()
        for section in self.sections:
            for kind, tag, which in _REFERENCES:
                reference = next((r for r in section._sectPr.iterchildren(tag) if r.get(_W_TYPE) == which), None)
                element = self.document.part.related_parts[reference.get(_R_ID)].element if reference is not None else None
                if element is None or element in seen:
                    continue
                seen.add(element)
                found += [(kind, self.para(p, None)) for p in element.iter(_W_P)]
        return found

    def every_paragraph(self) -> list[Para]:
        return [*self.lines.values(), *self.table_paragraphs, *(p for _, p in self.headers_and_footers)]

