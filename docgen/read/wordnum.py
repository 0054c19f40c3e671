"""Word's automatic numbering: the label ("I.", "2.1.", "a)") Word shows before a numbered paragraph.

Word stores only the list and level of a paragraph; the label is computed by counting, as Word
does, with the level formats of word/numbering.xml. Bullets and unknown formats give "".
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from docx.oxml.ns import qn

from ..core.vietnamese import to_roman

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_P_PR, _NUM_PR, _NUM_ID, _ILVL, _VAL = qn("w:pPr"), qn("w:numPr"), qn("w:numId"), qn("w:ilvl"), qn("w:val")


def _format(value: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        roman = to_roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = _LETTERS[(value - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    return ""


class NumberingCounter:
    """Counts numbered paragraphs in reading order; `label(paragraph)` gives Word's label."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.counts: dict[str, list[int]] = {}
        # The paragraphs that name a list (most reports have none): the others are answered at once.
        self._numbered = {num_pr.getparent().getparent() for num_pr in document.element.iter(_NUM_PR)
                          if num_pr.getparent().tag == _P_PR}

    @cached_property
    def levels(self) -> dict[str, dict[int, tuple[str, str, int]]]:
        """The level formats of each list, read from word/numbering.xml when a paragraph first needs them."""
        levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return levels
        abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None and ref.get(qn("w:val")) in abstract:
                levels[str(num.get(qn("w:numId")))] = _levels(abstract[ref.get(qn("w:val"))])
        return levels

    def label(self, paragraph: Any) -> str:
        if paragraph._p not in self._numbered:
            return ""
        num_id, level = _num_pr(paragraph)
        if num_id is None or num_id not in self.levels or level not in self.levels[num_id]:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        fmt, text, _ = self.levels[num_id][level]
        for i in range(level + 1):
            lvl_fmt, _, start = self.levels[num_id].get(i, ("decimal", "", 1))
            shown = counts[i] + start - 1 if counts[i] else start
            text = text.replace(f"%{i + 1}", _format(shown, lvl_fmt))
        return "" if fmt in ("bullet", "none", "") else text


def _levels(abstract: Any) -> dict[int, tuple[str, str, int]]:
    levels = {}
    for lvl in abstract.findall(qn("w:lvl")):
        fmt = lvl.find(qn("w:numFmt"))
        text = lvl.find(qn("w:lvlText"))
        start = lvl.find(qn("w:start"))
        levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
            fmt.get(qn("w:val")) if fmt is not None else "decimal",
            text.get(qn("w:val")) if text is not None else "",
            int(start.get(qn("w:val"))) if start is not None else 1,
        )
    return levels


def _num_pr(paragraph: Any) -> tuple[str | None, int]:
    ppr = paragraph._p.find(_P_PR)
    num_pr = ppr.find(_NUM_PR) if ppr is not None else None
    num_id = num_pr.find(_NUM_ID) if num_pr is not None else None
    if num_pr is None or num_id is None:
        return None, 0
    level = num_pr.find(_ILVL)
    return str(int(num_id.get(_VAL))), int(level.get(_VAL)) if level is not None else 0
