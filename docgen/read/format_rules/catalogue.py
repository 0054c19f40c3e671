"""What a format rule is, what it sees, and how its findings read.

A rule has a stable id (the finding code), a severity, the systems it applies to, the expected
value in Vietnamese, its source in the official text, and a check that yields what it found with
the line it found it on. docs/format-rules.md is generated from these definitions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from ...core import official
from ...core.errors import Finding, Location, error, warning
from ..docreport import ReadReport
from ..headings import parse_heading
from .document import FormattedDocument, Para

Hit = tuple[str, int | None]  # what was found (Vietnamese), and its line
ND30 = "Nghị định 30/2020/NĐ-CP"
HD36 = "Hướng dẫn 36-HD/VPTW"
HD05 = "Hướng dẫn 05-HD/VPTW"
SEVERITIES = {"error": error, "warning": warning}
SEVERITY_NAMES = {"error": "lỗi", "warning": "cảnh báo"}
BODY_TEXT_MIN = 40  # characters: shorter body lines are headings, list stubs or signatures, not running text


@dataclass(frozen=True)
class Judged:
    """One document under judgement: the read report, its system and its resolved formatting."""

    read_back: ReadReport
    system: str
    doc: FormattedDocument

    @property
    def meta(self):  # type: ignore[no-untyped-def]
        return self.read_back.meta

    def at(self, key: str) -> Para | None:
        return self.doc.line(self.meta.lines.get(key))

    @cached_property
    def header(self) -> list[Para]:
        """The paragraphs before the body (the header table, kind, summary); a plain-text line holding
        both header columns ("ĐẢNG BỘ …      ĐẢNG CỘNG SẢN VIỆT NAM") counts as one paragraph per column."""
        limit = self.meta.body_start or 40
        found = [p for i, p in sorted(self.doc.lines.items()) if i < limit or p.in_table and i <= limit]
        if self.doc.document is not None:
            return found
        return [replace(p, text=cell, runs=()) for p in found for cell in plain_cells(p.text)]

    @cached_property
    def body(self) -> list[Para]:
        meta = self.meta
        return [p for i, p in sorted(self.doc.lines.items())
                if meta.body_start <= i < meta.body_end and not p.in_table and p.stripped]

    @cached_property
    def heading_lines(self) -> set[int]:
        detected = self.read_back.detected
        lines = {a.line for a in detected.answers.values()} | {p.line for p in detected.parts if p.line}
        return lines | {line + 1 for line in (p.line for p in detected.parts) if line}  # a part's title line

    @cached_property
    def body_text(self) -> list[Para]:
        """Running text: body paragraphs long enough to be prose, not headings nor bold titles (a table's caption)."""
        return [p for p in self.body if p.index not in self.heading_lines and len(p.stripped) >= BODY_TEXT_MIN
                and not (parse_heading(p.stripped) and len(p.stripped) < 120) and not p.value("bold", False)]


def plain_cells(text: str) -> list[str]:
    """The columns of a plain-text line (runs of 3+ spaces or a tab between them), Markdown bold and
    table pipes of a crawled copy dropped; a lone "*" is kept (the Party asterisk)."""
    found = [c.strip() for c in re.split(r"\s{3,}|\t", text)]
    return [c if c == "*" else c.replace("**", "").strip(" |*") for c in found if c.strip(" |") and c != "**"]


Check = Callable[[Judged], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # what is judged, for the rulebook
    expected: str  # Vietnamese, for the message
    source: str  # where the official text says so
    check: Check
    systems: tuple[str, ...] = official.SYSTEMS
    severity: str = "error"
    standard: str = ""  # the item(s) of the project's format standards (§D), for maintainers
    layout: bool = True  # judges formatting (a .docx only); False: judges the words (a .txt too)

    def findings(self, judged: Judged) -> Iterator[Finding]:
        make = SEVERITIES[self.severity]
        for found, line in self.check(judged):
            message = f"Thể thức: {found}; yêu cầu {self.expected} (nguồn: {self.source})."
            yield make(self.id, message, Location(judged.read_back.source.file, line))


def summarise(hits: list[Hit], what: str) -> Iterator[Hit]:
    """Many paragraphs with one slip: one finding, at the first, with the count."""
    if len(hits) == 1:
        yield hits[0]
    elif hits:
        yield f"{len(hits)} {what}, đầu tiên: {hits[0][0]}", hits[0][1]


def decimal(value: float, places: int = 1) -> str:
    """A measure as Vietnamese writes it: "25,4"."""
    return f"{value:.{places}f}".replace(".", ",")


def points(value: float) -> str:
    """A size without trailing zeros, Vietnamese decimal comma: "14", "10,5"."""
    return f"{value:g}".replace(".", ",")


def quote(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit].rstrip() + '…'}”"
