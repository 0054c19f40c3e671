"""Where the signature block is in a PDF: the position line (chức vụ) above the space left for the
signature and the signer's name below it, found from the text's positions on the page.

The block is the last run of lines standing in the right-hand part of the page on the last page
that has one (Nơi nhận sits to its left, the body above it). The space for the signature is the
widest vertical gap inside that run. Rows and their column segments are the PDF reader's own
(read/pdflayout.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

from ..core.errors import DocgenError, error
from ..read.pdflayout import Row, page_rows

RIGHT_START = 0.45  # a line of the signature block starts beyond this share of the page width
BODY_END = 0.75  # a row with nothing in the right column that reaches beyond this share of the width is the body's
PAGES_SEARCHED = 3  # the signature block is on one of the last pages


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page, in points
    bottom: float


@dataclass(frozen=True)
class Place:
    """The signature block on page `page` (0-based) of a page `height` points high."""

    page: int
    height: float
    position: Line  # the last line above the space for the signature (chức vụ)
    name: Line  # the signer's name, below it
    centre: float  # the block's horizontal centre

    @property
    def gap(self) -> tuple[float, float]:
        """The space for the signature, as (top, bottom) from the top of the page."""
        return self.position.bottom, self.name.top


def find_place(pdf: bytes, source: str) -> Place:
    """The signature block of the document, or the error that says none was found."""
    try:
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            pages = list(document.pages)
            for number in range(len(pages) - 1, max(-1, len(pages) - 1 - PAGES_SEARCHED), -1):
                page = pages[number]
                place = _place_on(number, float(page.width), float(page.height), page_rows(page, number + 1, []))
                if place:
                    return place
    except DocgenError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise DocgenError(error("pdf-unreadable", f"Không đọc được tệp PDF “{source}” ({type(exc).__name__}).")) from None
    raise DocgenError(error("signature-block-not-found",
                            f"Không tìm thấy khối chữ ký (chức vụ, khoảng trống để ký, họ tên người ký) ở bên phải trang cuối của “{source}”."))


def _place_on(number: int, width: float, height: float, rows: list[Row]) -> Place | None:
    right = _right_lines(rows, width)
    if len(right) < 2:
        return None
    gaps = [(right[i + 1].top - right[i].bottom, i) for i in range(len(right) - 1)]
    widest, at = max(gaps)
    if widest < 2 * (right[at].bottom - right[at].top):  # no room left for a signature
        return None
    block = right[: at + 2]
    centre = sorted((line.x0 + line.x1) / 2 for line in block)[len(block) // 2]
    return Place(number, height, right[at], right[at + 1], centre)


def _right_lines(rows: list[Row], width: float) -> list[Line]:
    """The last run of right-column lines on the page: a row's segments from the first that starts
    in the right part; a row of the body (across the page) ends the run."""
    run: list[Line] = []
    for row in rows:
        right = [s for s in row.segments if s.x0 >= width * RIGHT_START]
        if right:
            run.append(Line(" ".join(s.text for s in right), right[0].x0, right[-1].x1, row.top, row.bottom))
        elif row.x1 > width * BODY_END:
            run = []
    return run
