"""The visual lines of a PDF page, from the position and font of every word.

A row is one printed line. Where a row holds text far apart (the header's two columns, Nơi nhận
beside the signature), it is split into segments. Bold and italic come from the font's name
(PDF fonts are named like "TimesNewRomanPS-BoldMT" or "ABCDEF+LiberationSerif-Italic"); a row is
centred when its middle is the text area's middle.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..core.vietnamese import nfc, repair_mojibake

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
COLUMN_GAP = 2.5  # a gap wider than this many font sizes splits a row into segments


@dataclass(frozen=True)
class Word:
    """Text on one row with its extent and font: a word, or a Segment."""

    text: str
    x0: float
    x1: float
    bold: bool
    italic: bool
    size: float


Segment = Word  # words of one row that stand together (one column of the row), read as one


@dataclass(frozen=True)
class Row:
    page: int  # 1-based
    number: int  # the line's number on its page, 1-based
    top: float
    bottom: float
    size: float
    words: tuple[Word, ...]

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        """Split where the gap is wider than a body line's widest (the header's columns, for one)."""
        return self.split(COLUMN_GAP)

    def split(self, gap: float) -> tuple[Segment, ...]:
        groups: list[list[Word]] = [[self.words[0]]]
        for word in self.words[1:]:
            if word.x0 - groups[-1][-1].x1 > gap * self.size:
                groups.append([word])
            else:
                groups[-1].append(word)
        return tuple(_segment(g, self.size) for g in groups)

    @cached_property
    def text(self) -> str:
        return "     ".join(s.text for s in self.segments)  # docmeta reads runs of spaces as columns

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def italic(self) -> bool:
        return all(w.italic for w in self.words)


@dataclass(frozen=True)
class TextArea:
    """Where the body's lines start and end on the page (the margins seen from the text)."""

    left: float
    right: float

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2

    def symmetric(self, x0: float, x1: float, size: float) -> bool:
        return abs((x0 + x1) / 2 - self.middle) <= max(size / 2, 3)

    def centered(self, x0: float, x1: float, size: float) -> bool:
        return x0 > self.left + size and self.symmetric(x0, x1, size)


def clean(text: str) -> str:
    """NFC, and the legacy-font damage PDF text layers carry ("ƣ" for "ư")."""
    return repair_mojibake(nfc(text))


def page_rows(page: Any, page_number: int, skip: list[tuple[float, float, float, float]]) -> list[Row]:
    """The rows of a pdfplumber page, top to bottom; words inside `skip` boxes (tables) are left out."""
    words = [w for w in page.extract_words(extra_attrs=["fontname", "size"]) if not _inside(w, skip)]
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        row = next((r for r in reversed(rows[-3:]) if _level(r[0], word)), None)
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    return [_row(r, page_number, n) for n, r in enumerate(rows, start=1)]


def _level(first: dict[str, Any], word: dict[str, Any]) -> bool:
    """Whether two words stand on one line: each one's middle is within the other's height (a
    brace "}" two lines tall beside a list stands on neither of its lines)."""
    def middle(w: dict[str, Any]) -> float:
        return (w["top"] + w["bottom"]) / 2
    return first["top"] <= middle(word) <= first["bottom"] and word["top"] <= middle(first) <= word["bottom"]


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes)


def _row(words: list[dict[str, Any]], page: int, number: int) -> Row:
    words.sort(key=lambda w: w["x0"])
    size = Counter(round(w["size"], 1) for w in words).most_common(1)[0][0]
    kept = tuple(Word(w["text"], w["x0"], w["x1"], bool(_BOLD.search(w["fontname"])), bool(_ITALIC.search(w["fontname"])), round(w["size"], 1))
                 for w in words)
    return Row(page, number, min(w["top"] for w in words), max(w["bottom"] for w in words), size, kept)


def _segment(words: list[Word], size: float) -> Segment:
    text = words[0].text
    for before, word in zip(words, words[1:], strict=False):
        glue = "" if word.x0 - before.x1 < size * 0.1 else " "  # a font change inside a word splits it
        text += glue + word.text
    return Segment(clean(text), words[0].x0, words[-1].x1, all(w.bold for w in words), all(w.italic for w in words), max(w.size for w in words))


def text_area(rows: list[Row]) -> TextArea:
    """The left edge most lines start at, and the right edge no line passes (where justified lines end)."""
    if not rows:
        return TextArea(0, 0)
    lefts = Counter(round(r.x0) for r in rows if len(r.segments) == 1)
    left = float(lefts.most_common(1)[0][0]) if lefts else min(r.x0 for r in rows)
    return TextArea(left, max(r.x1 for r in rows))


def line_step(rows: list[Row]) -> float:
    """The usual distance between the tops of two lines of one paragraph, on this document."""
    steps = Counter(round(b.top - a.top) for a, b in zip(rows, rows[1:], strict=False) if a.page == b.page and b.top > a.top)
    return float(steps.most_common(1)[0][0]) if steps else 0.0
