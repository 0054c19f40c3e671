"""The page and the whole text: paper, margins, typeface, colour, page numbers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from docx.oxml.ns import qn

from ...core import official
from .catalogue import HD05, HD36, ND30, Hit, Judged, Rule, decimal, summarise

FONT = "Times New Roman"
MARGINS_MM = {  # top, bottom, left, right: (low, high)
    official.PARTY: ((20, 20), (20, 20), (30, 30), (15, 15)),
    official.STATE: ((20, 25), (20, 25), (30, 35), (15, 20)),
}
_BLACK = {"AUTO", "000000"}
_PAGE_FIELD = re.compile(r"\bPAGE\b")
_TYPED_NUMBER = re.compile(r"\d{1,3}")


# Word prints a page size or margin the document does not set at its own default (often US Letter).
_NO_SIZE = "khổ giấy không đặt (Word dùng khổ mặc định của máy, thường là Letter 216 × 279 mm)"


def _page_size(judged: Judged) -> Iterator[Hit]:
    for section in judged.doc.sections:
        width, height = section.page_width, section.page_height
        if width is None or height is None:
            yield _NO_SIZE, None
        elif abs(width.mm - 210) > 1 or abs(height.mm - 297) > 1:
            yield f"khổ giấy {width.mm:.0f} × {height.mm:.0f} mm", None


def _margins(judged: Judged) -> Iterator[Hit]:
    names = ("trên", "dưới", "trái", "phải")
    for section in judged.doc.sections:
        values = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        for name, value, (low, high) in zip(names, values, MARGINS_MM[judged.system], strict=True):
            if value is None:
                yield f"lề {name} không đặt (Word dùng lề mặc định của máy)", None
            elif not low - 0.5 <= value.mm <= high + 0.5:
                yield f"lề {name} {decimal(value.mm)} mm", None


def _font(judged: Judged) -> Iterator[Hit]:
    wrong = Counter[str]()
    first: dict[str, int | None] = {}
    for para in judged.doc.every_paragraph():
        for run in para.runs:
            name = run.props.get("font") or "(không đặt phông)"
            if run.text.strip() and name != FONT:
                wrong[name] += 1
                first.setdefault(name, para.index)
    for name, _ in wrong.most_common(3):
        yield f"phông chữ “{name}”", first[name]


def _colour(judged: Judged) -> Iterator[Hit]:
    hits = []
    for para in judged.doc.every_paragraph():
        colours = {run.props.get("color", "AUTO") for run in para.runs if run.text.strip()} - _BLACK
        if colours:
            hits.append((f"chữ màu #{sorted(colours)[0]} ở “{para.stripped[:40]}”", para.index))
    yield from summarise(hits, "đoạn có chữ màu")


def _has_page_field(element: object) -> bool:
    instructions = "".join(t.text or "" for t in element.iter(qn("w:instrText")))  # type: ignore[attr-defined]
    simple = " ".join(f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple")))  # type: ignore[attr-defined]
    return bool(_PAGE_FIELD.search(instructions + " " + simple))


def _page_numbers(judged: Judged) -> Iterator[Hit]:
    section = judged.doc.sections[0]
    parts = judged.doc.headers_and_footers
    numbered = [(kind, para) for kind, para in parts if para.element is not None and _has_page_field(para.element)]
    if not numbered:
        yield "không có số trang (trường PAGE ở đầu trang)", None
        return
    kind, para = numbered[0]
    if kind == "footer":
        yield "số trang đặt ở chân trang", None
    elif para.setting("align", "left") != "center":
        yield "số trang không căn giữa", None
    first = section.first_page_footer if kind == "footer" else section.first_page_header
    # A first-page part the document does not define has no field (asking python-docx for its element would add an empty one).
    if not section.different_first_page_header_footer or not first.is_linked_to_previous and _has_page_field(first._element):
        yield "trang 1 có số trang", None
    typed = next((p for p in judged.body if _TYPED_NUMBER.fullmatch(p.stripped)), None)
    if typed is not None:
        yield f"số trang “{typed.stripped}” gõ vào nội dung", typed.index


RULES = (
    Rule("format-page-size", "Khổ giấy", "khổ A4 210 × 297 mm, đứng", f"{ND30}, Phụ lục I, mục I.1–2; {HD36}", _page_size, standard="#1"),
    Rule("format-margins", "Lề trang", "lề trên 20–25, dưới 20–25, trái 30–35, phải 15–20 mm", f"{ND30}, Phụ lục I, mục I.3", _margins,
         (official.STATE,), standard="#2"),
    Rule("format-margins", "Lề trang", "lề trên 20, dưới 20, trái 30, phải 15 mm", f"{HD36}; {HD05}", _margins, (official.PARTY,),
         "warning", standard="#3"),
    Rule("format-font", "Phông chữ", "phông Times New Roman cho mọi chữ (cả bảng, đầu trang, chân trang)",
         f"{ND30}, Phụ lục I, mục I.4; {HD36}", _font, standard="#4"),
    Rule("format-colour", "Màu chữ", "chữ màu đen", f"{ND30}, Phụ lục I, mục I.4; {HD36}", _colour, standard="#5"),
    Rule("format-page-numbers", "Số trang", "số trang bằng trường PAGE, căn giữa ở đầu trang, không hiện ở trang 1",
         f"{ND30}, Phụ lục I, mục I.7; {HD36}", _page_numbers, standard="#41"),
)
