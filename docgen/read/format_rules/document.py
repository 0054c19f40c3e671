"""A read .docx with its formatting resolved once: every paragraph the reader numbered (body and
layout tables), the paragraphs of content tables, headers and footers, each with the properties
Word would show (see styles.py). The rules only look things up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from docx.oxml.ns import qn

from ...core.vietnamese import nfc
from ..docxview import DocxView, rulebook_runs, style_id
from ..reader import Line, docx_blocks
from .styles import Props, StyleSheet

_W_P, _W_PPR = qn("w:p"), qn("w:pPr")


@dataclass(frozen=True)
class Run:
    text: str
    props: Props


@dataclass(frozen=True)
class Para:
    index: int | None  # the reader's line number; None for content-table, header and footer paragraphs
    text: str  # as typed (not stripped), NFC
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
    def headers_and_footers(self) -> list[tuple[str, Any, Para]]:
        """("header" or "footer", its section, paragraph) for every header and footer part in use."""
        found = []
        seen: set[Any] = set()
        for section in self.document.sections:
            for kind, parts in (("header", (section.header, section.first_page_header, section.even_page_header)),
                                ("footer", (section.footer, section.first_page_footer, section.even_page_footer))):
                for part in parts:
                    if part.is_linked_to_previous or part._element in seen:
                        continue
                    seen.add(part._element)
                    found += [(kind, part, self.para(p, None)) for p in part._element.iter(_W_P)]
        return found

    def every_paragraph(self) -> list[Para]:
        return [*self.lines.values(), *self.table_paragraphs, *(p for _, _, p in self.headers_and_footers)]

