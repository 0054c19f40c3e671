"""Heading recognition in free text and tolerant title comparison.

Recognises what people type: "I.", "I-", "1.", "1-", "2.1.", "a)", "Phần thứ nhất" / "Phần II".
Titles are compared without diacritics, case or punctuation, as sets of syllables, so reworded,
reordered or unaccented titles still match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.vietnamese import VIETNAMESE_LETTERS, from_roman, repair_mojibake, strip_marks

ROMAN = re.compile(r"^(?P<n>[IVXL]{1,5})\s*(?:[.)]|-|–)\s*(?P<t>.*)$")
DECIMAL = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?\s*(?:[-–)]\s*)?(?P<t>(?!\d).*)$")
ARABIC = re.compile(r"^(?P<n>\d{1,2})\s*(?:[.)]|\s-|-(?=\s)|–)\s*(?P<t>(?!\d).*)$")
LETTER = re.compile(r"^(?P<n>[a-zđ])\)\s*(?P<t>.*)$")
PART = re.compile(r"^phan\s+(?:thu\s+)?(?P<n>nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi|[ivx]+|\d+)\b\s*[:.\-–]?\s*", re.IGNORECASE)
ORDINALS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
_ROMANS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_TRAILING = " .:;,"


@dataclass(frozen=True)
class Heading:
    kind: str  # "part", "roman", "decimal", "arabic" or "letter"
    number: str  # "II", "2.1", "3", "a"; for a part its ordinal as digits
    title: str


@lru_cache(maxsize=1 << 14)
def parse_heading(text: str) -> Heading | None:
    """The heading a paragraph starts with, or None for ordinary text (remembered: a line is asked
    about by several readers, and the immutable answer can be shared)."""
    text = text.strip()
    part = PART.match(strip_marks(text)) if strip_marks(text[:1]) in ("p", "P") else None
    if part:
        key = part.group("n").lower()
        ordinal = ORDINALS.get(key) or _ROMANS.get(key) or (int(key) if key.isdigit() else 0)
        return Heading("part", str(ordinal), text[part.end():].strip(_TRAILING))
    for kind, pattern in (("roman", ROMAN), ("decimal", DECIMAL), ("arabic", ARABIC), ("letter", LETTER)):
        m = pattern.match(text)
        if m:
            return Heading(kind, m.group("n"), m.group("t").strip())
    return None


def ordinal(heading: Heading) -> int | None:
    """The position a heading's number claims among its siblings (II → 2, 2.3 → 3, c → 3)."""
    if heading.kind == "roman":
        return from_roman(heading.number)
    if heading.kind == "letter":
        return VIETNAMESE_LETTERS.index(heading.number) + 1 if heading.number in VIETNAMESE_LETTERS else None
    own = heading.number.split(".")[-1]
    return int(own) if own.isdigit() else None


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Lower-case, unaccented, punctuation reduced to spaces: for comparing titles (each text folded once)."""
    return " ".join(_WORD.findall(strip_marks(repair_mojibake(text)).casefold()))


@lru_cache(maxsize=1 << 14)
def _syllables(text: str) -> frozenset[str]:
    return frozenset(fold(text).split())


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the syllable sets of two titles (0 unrelated … 1 same words)."""
    left, right = _syllables(a), _syllables(b)
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


@lru_cache(maxsize=1 << 14)
def is_upper(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))
    return bool(letters) and all(map(str.isupper, letters))
