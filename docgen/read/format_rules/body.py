"""The body: running text (size, alignment, indent, spacing, line spacing) and headings."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from docx.oxml.ns import qn

from ...core import official
from ..headings import Heading, is_upper, parse_heading
from .catalogue import HD05, HD36, ND30, Hit, Judged, Rule, decimal, points, quote, summarise
from .document import Para
from .typography import DEFAULT_SIZE, Look, differences

BODY_SIZES = {official.PARTY: (14.0, 15.0), official.STATE: (13.0, 14.0)}
FIRST_LINE_TWIPS = {official.PARTY: (510, 770), official.STATE: (537, 750)}  # 1 cm or 1.27 cm, ±0.5 mm
MIN_GAP_TWIPS = 120  # 6 pt
PARTY_LINE_PT = (18.0, 22.5)  # Exactly 18 pt (HD 36) to 22 pt (HD 05)
STATE_LINE_MULTIPLE = (1.0, 1.5)
SINGLE_LINE = 1.15  # a single line of Times New Roman is about 1.15 × its size


def _size(para: Para) -> float:
    return float(para.value("size", DEFAULT_SIZE))


def _body_size(judged: Judged) -> Iterator[Hit]:
    sized = [(_size(p), p) for p in judged.body_text]
    if not sized:
        return
    low, high = BODY_SIZES[judged.system]
    usual = Counter(size for size, _ in sized).most_common(1)[0][0]
    hits = [(f"cỡ chữ {points(size)} ở {quote(p.stripped, 30)}", p.index) for size, p in sized
            if not low <= size <= high or size != usual]
    yield from summarise(hits, "đoạn có cỡ chữ sai hoặc khác phần còn lại")


def _alignment(judged: Judged) -> Iterator[Hit]:
    hits = [(f"{quote(p.stripped, 30)} không căn đều hai bên", p.index) for p in judged.body_text if p.setting("align", "left") != "justify"]
    yield from summarise(hits, "đoạn nội dung không căn đều hai bên")


_P_PR, _NUM_PR = qn("w:pPr"), qn("w:numPr")


def _listed(para: Para) -> bool:
    ppr = para.element.find(_P_PR) if para.element is not None else None
    return ppr is not None and ppr.find(_NUM_PR) is not None


def _indent(judged: Judged) -> Iterator[Hit]:
    low, high = FIRST_LINE_TWIPS[judged.system]
    hits = []
    for para in judged.body_text:
        first_line = int(para.setting("first_line", 0))
        if not low <= first_line <= high and not _listed(para):
            hits.append((f"{quote(para.stripped, 30)} thụt đầu dòng {decimal(first_line / 567, 2)} cm", para.index))
    yield from summarise(hits, "đoạn thụt đầu dòng sai")


def _spacing(judged: Judged) -> Iterator[Hit]:
    hits = []
    for para in judged.body_text:
        gap = max(int(para.setting("before", 0)), int(para.setting("after", 0)))
        if gap < MIN_GAP_TWIPS:
            hits.append((f"{quote(para.stripped, 30)} cách đoạn {decimal(gap / 20)} pt", para.index))
    yield from summarise(hits, "đoạn cách đoạn dưới 6 pt")


def line_height(para: Para) -> tuple[str, float]:
    """("auto", multiple) or ("exact"/"atLeast", points)."""
    rule, line = para.setting("lineRule", "auto"), int(para.setting("line", 240))
    return (rule, line / 240) if rule == "auto" else (rule, line / 20)


def _line_ok(system: str, rule: str, value: float, size: float) -> bool:
    if system == official.PARTY:
        points = value * SINGLE_LINE * size if rule == "auto" else value
        return PARTY_LINE_PT[0] <= points + 0.01 and (rule == "atLeast" or points <= PARTY_LINE_PT[1])
    multiple = value if rule == "auto" else value / (SINGLE_LINE * size)
    return STATE_LINE_MULTIPLE[0] - 0.15 <= multiple <= STATE_LINE_MULTIPLE[1] + 0.01


def _line_spacing(judged: Judged) -> Iterator[Hit]:
    hits = []
    for para in judged.body_text:
        rule, value = line_height(para)
        if not _line_ok(judged.system, rule, value, _size(para)):
            shown = f"{decimal(value, 2)} dòng" if rule == "auto" else f"{'chính xác' if rule == 'exact' else 'tối thiểu'} {decimal(value)} pt"
            hits.append((f"{quote(para.stripped, 30)} giãn dòng {shown}", para.index))
    yield from summarise(hits, "đoạn giãn dòng sai")


def _level(heading: Heading) -> str:
    return f"decimal{heading.number.count('.')}" if heading.kind == "decimal" else heading.kind


def _look(para: Para) -> tuple[bool, bool, bool, float]:
    return (bool(para.value("bold", False)), bool(para.value("italic", False)), is_upper(para.stripped), _size(para))


def _punctuation(text: str, heading: Heading) -> str:
    """The characters between a heading's number and its title ("." in "I. ", "-" in "I- ")."""
    rest = text.strip()[len(heading.number):]
    return rest[: len(rest) - len(rest.lstrip(".)-– "))].strip()


def _heading_consistency(judged: Judged) -> Iterator[Hit]:
    levels: dict[str, list[tuple[Para, Heading]]] = defaultdict(list)
    for para in judged.body:
        heading = parse_heading(para.stripped) if para.index in judged.heading_lines else None
        if heading and heading.kind != "part":
            levels[_level(heading)].append((para, heading))
    for members in levels.values():
        for describe in (_look, lambda p: _punctuation(p.stripped, parse_heading(p.stripped))):  # type: ignore[arg-type]
            yield from _odd_one_out([(describe(p), p) for p, _ in members])


def _odd_one_out(values: list[tuple[object, Para]]) -> Iterator[Hit]:
    counts = Counter(value for value, _ in values)
    if len(counts) < 2:
        return
    usual = counts.most_common(1)[0][0]
    odd = [p for value, p in values if value != usual]
    yield f"đề mục {quote(odd[0].stripped, 30)} trình bày khác các đề mục cùng cấp ({len(odd)} đề mục như vậy)", odd[0].index


PART_LABEL = Look(bold=True, align="center")
PART_TITLE = Look(caps=True, bold=True, align="center")


def _part_lines(judged: Judged) -> Iterator[Hit]:
    for part in judged.read_back.detected.parts:
        for index, look in ((part.line, PART_LABEL), ((part.line or 0) + 1, PART_TITLE)):
            para = judged.doc.line(index)
            wrong = differences(para, look) if para is not None and para.stripped else []
            if wrong:
                yield f"{quote(para.stripped)} {', '.join(wrong)}", index  # type: ignore[union-attr]


_BASIS_END = {official.STATE: (";", "."), official.PARTY: (";", ",.")}


def _basis(judged: Judged) -> Iterator[Hit]:
    """Căn cứ lines at the start of the body: State italic, ending ";" and the last "."; Party
    upright, starting "- ", ending ";" and the last "," or "."."""
    lines = []
    for para in judged.body:
        if not para.stripped.lstrip("- ").startswith("Căn cứ"):
            break
        lines.append(para)
    look = Look(italic=judged.system == official.STATE)
    middle, last = _BASIS_END[judged.system]
    for position, para in enumerate(lines):
        wrong = differences(para, look)
        ends = last if position == len(lines) - 1 else middle
        if not para.stripped.endswith(tuple(ends)):
            wrong.append(f"không kết thúc bằng “{ends[0]}”")
        if judged.system == official.PARTY and not para.stripped.startswith("- "):
            wrong.append("không bắt đầu bằng “- ”")
        if wrong:
            yield f"{quote(para.stripped, 30)} {', '.join(wrong)}", para.index


_APPENDIX_LABEL = re.compile(r"^Phụ lục( [IVXLC\d]+)?$", re.IGNORECASE)
APPENDIX_LABEL, APPENDIX_NOTE = Look((14, 14), bold=True, align="center"), Look(italic=True, align="center")


def _appendix(judged: Judged) -> Iterator[Hit]:
    for para in judged.doc.lines.values():
        text = para.stripped
        note = text[:1] == "(" and text.lower().startswith("(kèm theo")
        look = APPENDIX_LABEL if _APPENDIX_LABEL.match(text) else APPENDIX_NOTE if note else None
        wrong = differences(para, look) if look else []
        if wrong:
            yield f"{quote(text, 30)} {', '.join(wrong)}", para.index


RULES = (
    Rule("format-body-size", "Cỡ chữ nội dung", "cỡ chữ nội dung 13–14, một cỡ cho cả văn bản", f"{ND30}, Phụ lục I, mục II.6.e", _body_size,
         (official.STATE,), standard="#7"),
    Rule("format-body-size", "Cỡ chữ nội dung", "cỡ chữ nội dung 14–15, một cỡ cho cả văn bản", f"{HD36}, Phụ lục 3", _body_size,
         (official.PARTY,), standard="#7"),
    Rule("format-body-alignment", "Căn lề đoạn nội dung", "đoạn nội dung căn đều hai bên", f"{ND30}, Phụ lục I, mục II.6.e; {HD36}",
         _alignment, standard="#8"),
    Rule("format-body-indent", "Thụt đầu dòng", "thụt đầu dòng 1 cm hoặc 1,27 cm", f"{ND30}, Phụ lục I, mục II.6.e", _indent,
         (official.STATE,), standard="#8"),
    Rule("format-body-indent", "Thụt đầu dòng", "thụt đầu dòng khoảng 1 cm", HD36, _indent, (official.PARTY,), "warning", standard="#8"),
    Rule("format-paragraph-spacing", "Khoảng cách đoạn", "cách đoạn tối thiểu 6 pt", f"{ND30}, Phụ lục I, mục II.6.e; {HD36}", _spacing,
         standard="#9"),
    Rule("format-line-spacing", "Giãn dòng", "giãn dòng từ 1 dòng đến 1,5 dòng", f"{ND30}, Phụ lục I, mục II.6.e", _line_spacing,
         (official.STATE,), standard="#10"),
    Rule("format-line-spacing", "Giãn dòng", "giãn dòng chính xác (Exactly) từ 18 pt đến 22 pt", f"{HD36}; {HD05}", _line_spacing,
         (official.PARTY,), standard="#10"),
    Rule("format-heading-consistency", "Đề mục cùng cấp", "các đề mục cùng cấp cùng kiểu chữ (đậm, nghiêng, in hoa, cỡ) và cùng dấu sau số",
         f"{ND30}, Phụ lục I, mục V; {HD36}, Phụ lục 3", _heading_consistency, severity="warning", standard="#26"),
    Rule("format-part-lines", "Dòng “Phần”", "dòng “Phần …” đậm, căn giữa; tên phần in hoa, đậm, căn giữa",
         f"{ND30}, Phụ lục I, mục II.6.đ; {HD36}, Phụ lục 3", _part_lines, standard="#27"),
    Rule("format-basis-lines", "Căn cứ ban hành", "mỗi căn cứ một dòng, in nghiêng, kết thúc “;”, căn cứ cuối kết thúc “.”",
         f"{ND30}, Phụ lục I, mục II.6.a", _basis, (official.STATE,), standard="#24"),
    Rule("format-basis-lines", "Căn cứ ban hành", "mỗi căn cứ một dòng, chữ đứng, bắt đầu “- ”, kết thúc “;”, căn cứ cuối kết thúc “,” hoặc “.”",
         f"Quy định 399-QĐ/TW; {HD36}", _basis, (official.PARTY,), standard="#24"),
    Rule("format-appendix", "Phụ lục", f"dòng “Phụ lục” {APPENDIX_LABEL.describe()}; dòng “(Kèm theo …)” {APPENDIX_NOTE.describe()}",
         f"{ND30}, Phụ lục I, mục III.1; {HD05}", _appendix, standard="#42"),
)
