"""Column widths of content tables sized to what they hold.

docxtpl gives a table whose columns come from a loop (`{%tc for … %}`) equal columns, so a
"STT" column is as wide as the indicator names beside it. Word re-fits an auto-fit table when
it opens it, LibreOffice (and so every PDF) does not. Tables the template marks as full-width
auto-fit (`w:tblW` of type `pct`: our content tables; layout tables have fixed widths) get their
grid recomputed here: the text width shared in proportion to the length of each column's
longest cell, no column narrower than its longest word, and short columns ("Năm 2020") kept on
one line.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHAR_TWIPS = 130  # average width of a character of 13 pt Times New Roman, in twentieths of a point
WORD_CHAR_TWIPS = 180  # per character of a word that must not break: bold capitals ("STT") are wide
PADDING_TWIPS = 230  # left and right cell margins and a little air
LONG_CELL_CHARS = 60  # a cell longer than this wraps anyway; it does not claim more width
SHORT_CELL_CHARS = 16  # a column whose cells are all this short ("Năm 2020", "186.974") stays on one line


def fit_columns(body: Any) -> None:
    """Resize the grid of every full-width auto-fit table in `body` (an lxml w:body or w:document)."""
    text_width = _text_width(body)
    if text_width is None:
        return
    for table in body.iter(f"{_W}tbl"):
        width = table.find(f"{_W}tblPr/{_W}tblW")
        grid = table.findall(f"{_W}tblGrid/{_W}gridCol")
        if width is None or width.get(f"{_W}type") != "pct" or len(grid) < 2:
            continue
        columns = _column_texts(table, len(grid))
        if columns is None:
            continue
        scale = int(width.get(f"{_W}w") or 5000) / 5000
        for col, twips in zip(grid, column_widths(columns, int(text_width * scale)), strict=True):
            col.set(f"{_W}w", str(twips))


def column_widths(columns: list[list[str]], total: int) -> list[int]:
    """Widths in twips summing to `total`, in proportion to each column's longest cell (up to
    LONG_CELL_CHARS), none narrower than its longest word, short columns on one line."""
    least = [WORD_CHAR_TWIPS * _least_chars(texts) + PADDING_TWIPS for texts in columns]
    wanted = [CHAR_TWIPS * min(max((len(t) for t in texts), default=1), LONG_CELL_CHARS) + PADDING_TWIPS for texts in columns]
    if sum(least) >= total:
        widths = [w * total / sum(least) for w in least]
    else:
        floored: set[int] = set()
        while True:  # a column held at its least width leaves the rest to the others, in proportion
            free = [i for i in range(len(columns)) if i not in floored]
            share = (total - sum(least[i] for i in floored)) / sum(wanted[i] for i in free)
            newly = {i for i in free if wanted[i] * share < least[i]}
            if not newly:
                break
            floored |= newly
        widths = [least[i] if i in floored else wanted[i] * share for i in range(len(columns))]
    rounded = [int(w) for w in widths]
    rounded[max(range(len(rounded)), key=lambda i: widths[i])] += total - sum(rounded)
    return rounded


def _least_chars(texts: list[str]) -> int:
    longest = max((len(t) for t in texts), default=1)
    if longest <= SHORT_CELL_CHARS:
        return longest
    return max((len(w) for text in texts for w in text.split()), default=1)


def _column_texts(table: Any, count: int) -> list[list[str]] | None:
    """Each column's cell texts; None when a row spans or merges cells (the grid is not a plain one)."""
    columns: list[list[str]] = [[] for _ in range(count)]
    for row in table.findall(f"{_W}tr"):
        cells = row.findall(f"{_W}tc")
        if len(cells) != count or row.find(f"{_W}tc/{_W}tcPr/{_W}gridSpan") is not None:
            return None
        for column, cell in zip(columns, cells, strict=True):
            column.append("".join(t.text or "" for t in cell.iter(f"{_W}t")))
    return columns


def _text_width(body: Any) -> int | None:
    """Page width less the left and right margins of the body's (last) section, in twips."""
    sections = list(body.iter(f"{_W}sectPr"))
    if not sections:
        return None
    size, margin = sections[-1].find(f"{_W}pgSz"), sections[-1].find(f"{_W}pgMar")
    if size is None or margin is None:
        return None
    try:
        return int(size.get(f"{_W}w", "0")) - int(margin.get(f"{_W}left", "0")) - int(margin.get(f"{_W}right", "0"))
    except ValueError:
        return None
