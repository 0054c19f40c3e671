"""The header block and title: Quốc hiệu / Tiêu ngữ or the Party title, the issuing organ, the
number, the date line, the kind and the summary, with the rules and marks under them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docx.oxml.ns import qn

from ...core import official
from ..headings import fold
from .catalogue import HD36, ND30, Hit, Judged, Rule, quote
from .document import Para
from .letter import is_letter
from .typography import Look, header_text, look_rule, meta_line

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_TITLES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
MOTTO = "Độc lập - Tự do - Hạnh phúc"
_DATE_LINE = re.compile(r"^[A-ZĐÂĂÊÔƠƯ][^,]*, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
_NUMBER_LINE = {official.PARTY: re.compile(r"^Số (\S|\s+-)"), official.STATE: re.compile(r"^Số: ")}  # a blank form too
_BLANK_DATE = re.compile(r"^\S.*, ngày … tháng … năm …$")
_DRAWINGS = (qn("w:drawing"), qn("w:pict"))
S, P = (official.STATE,), (official.PARTY,)


def _title(judged: Judged) -> Iterator[Hit]:
    texts = [(p.stripped, p.index) for p in judged.header]
    if judged.doc.document is None:  # a title wrapped over two lines of an extraction
        texts += [(f"{a} {b}", i) for (a, i), (b, _) in zip(texts, texts[1:], strict=False)]
    if judged.system == official.PARTY:
        near = [(t, i) for t, i in texts if fold(t) == fold(PARTY_TITLE)]
        if not near:
            yield "không có tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", None
        elif near[0][0] != PARTY_TITLE:
            yield f"tiêu đề viết “{near[0][0]}”", near[0][1]
        return
    if not any(t in STATE_TITLES for t, _ in texts):
        yield "không có Quốc hiệu", None
    if not any(t == MOTTO for t, _ in texts):
        yield "không có Tiêu ngữ đúng dạng", None


def _mixing(judged: Judged) -> Iterator[Hit]:
    folded = [fold(p.stripped) for p in judged.header]
    if fold(PARTY_TITLE) in folded and any(f.startswith(fold(STATE_TITLES[0])) for f in folded):
        yield "có cả Quốc hiệu và tiêu đề của Đảng", None


def _drawn(para: Para) -> bool:
    return para.element is not None and any(para.element.iter(*_DRAWINGS))


def has_rule_below(judged: Judged, para: Para, underline_counts: bool = False) -> bool:
    """A solid line under a paragraph: its bottom border, an empty paragraph right after it with
    one, a drawn line in either, or (for the Party title) the title's own underline."""
    if para.setting("rule_below") or _drawn(para) or underline_counts and para.value("underline", False):
        return True
    after = judged.doc.line((para.index or 0) + 1)
    return after is not None and not after.stripped and bool(after.setting("rule_below") or _drawn(after))


def _rule_under(locate, what: str, underline_counts: bool = False):  # type: ignore[no-untyped-def]
    def check(judged: Judged) -> Iterator[Hit]:
        for para in locate(judged):
            if not has_rule_below(judged, para, underline_counts):
                yield f"không có đường kẻ dưới {what}", para.index
    return check


def _organ_parents(judged: Judged) -> list[Para]:
    parent, organ_line = judged.meta.organ_parent, judged.meta.lines.get("organ", 0)
    return [p for p in judged.header if parent and p.stripped and p.stripped in parent and (p.index or 0) < organ_line]


def _summary_lines(judged: Judged) -> list[Para]:
    start, end = judged.meta.lines.get("summary"), judged.meta.body_start
    if start is None:
        return []
    return [p for p in judged.header if start <= (p.index or 0) < end and p.stripped and not re.fullmatch(r"-{3,}", p.stripped)]


def _asterisk(judged: Judged) -> Iterator[Hit]:
    if not any(p.stripped == "*" for p in judged.header):
        yield "không có dấu “*” dưới tên cơ quan", judged.meta.lines.get("organ")


def _number_line(judged: Judged) -> Iterator[Hit]:
    lines = [p for p in judged.header if p.stripped.startswith("Số")]
    if not lines:
        yield "không có dòng số và ký hiệu", None
    elif not _NUMBER_LINE[judged.system].match(lines[0].stripped):
        yield f"dòng số viết “{lines[0].stripped}”", lines[0].index


def _date_line(judged: Judged) -> Iterator[Hit]:
    text = judged.meta.date_text.strip()
    if not text and not any(_BLANK_DATE.match(p.stripped) for p in judged.header):
        yield "không có dòng địa danh, ngày tháng năm", None
    elif text and not _DATE_LINE.match(text):
        yield f"dòng ngày viết “{text}”", judged.meta.lines.get("date")


def _kind(judged: Judged) -> Iterator[Hit]:
    if not judged.meta.kind and not is_letter(judged):  # a công văn has no kind line
        yield "không có tên loại văn bản (BÁO CÁO, KẾ HOẠCH…)", None


SEPARATOR_REACH = 8  # lines after the body's start still looked at: an extraction may take the summary for the body


def _separator(judged: Judged) -> Iterator[Hit]:
    if is_letter(judged):  # its trích yếu sits under the number, with no "-----"
        return
    start, end = judged.meta.lines.get("kind", 0), (judged.meta.body_start or 0) + SEPARATOR_REACH
    lines = [p for i, p in sorted(judged.doc.lines.items()) if start < i < end and re.fullmatch(r"-{3,}", p.stripped)]
    if not lines:
        yield "không có dòng “-----” dưới trích yếu", judged.meta.lines.get("summary")
    elif lines[0].stripped != "-----":
        yield f"dòng phân cách “{lines[0].stripped}”", lines[0].index


def _last(locate):  # type: ignore[no-untyped-def]
    return lambda judged: locate(judged)[-1:]


_STATE_TITLE, _MOTTO = header_text(*STATE_TITLES), header_text(MOTTO)
_PARTY_TITLE = header_text(PARTY_TITLE)
_ORGAN, _NUMBER, _DATE, _KIND = meta_line("organ"), meta_line("number"), meta_line("date"), meta_line("kind")
PL1 = f"{ND30}, Phụ lục I"
PL3 = f"{HD36}, Phụ lục 3"


RULES = (
    Rule("format-header-title", "Quốc hiệu và Tiêu ngữ", "“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” và “Độc lập - Tự do - Hạnh phúc”",
         f"{PL1}, mục II.1", _title, S, layout=False, standard="#11"),
    Rule("format-header-title", "Tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”", "“ĐẢNG CỘNG SẢN VIỆT NAM” (mỗi chữ cách một dấu cách)",
         f"{HD36}, điểm 1.1", _title, P, layout=False, standard="#12"),
    look_rule("format-title-style", "Kiểu chữ Quốc hiệu", _STATE_TITLE, Look((12, 13), bold=True, italic=False, caps=True),
               f"{PL1}, mục II.1.a", S, "#11"),
    look_rule("format-motto-style", "Kiểu chữ Tiêu ngữ", _MOTTO, Look((13, 14), bold=True, italic=False), f"{PL1}, mục II.1.b", S, "#11"),
    look_rule("format-title-style", "Kiểu chữ tiêu đề của Đảng", _PARTY_TITLE, Look((15, 15), bold=True, italic=False, caps=True),
               f"{HD36}, điểm 1.1.2 và Phụ lục 3", P, "#12"),
    Rule("format-title-rule", "Đường kẻ dưới Tiêu ngữ", "đường kẻ ngang nét liền dưới Tiêu ngữ", f"{PL1}, mục II.1.c",
         _rule_under(_MOTTO, "Tiêu ngữ"), S, standard="#11"),
    Rule("format-title-rule", "Đường kẻ dưới tiêu đề", "đường kẻ ngang nét liền dưới tiêu đề, dài bằng tiêu đề", f"{HD36}, điểm 1.1.2",
         _rule_under(_PARTY_TITLE, "tiêu đề", underline_counts=True), P, standard="#12"),
    Rule("format-header-mixing", "Quốc hiệu và tiêu đề của Đảng", "chỉ Quốc hiệu hoặc chỉ tiêu đề của Đảng",
         f"{ND30}, Điều 1 (phạm vi); {HD36}", _mixing, layout=False, standard="#13"),
    look_rule("format-organ-parent-style", "Tên cơ quan chủ quản", _organ_parents, Look((12, 13), bold=False, caps=True),
               f"{PL1}, mục II.2", S, "#14"),
    look_rule("format-organ-parent-style", "Tên cơ quan cấp trên", _organ_parents, Look((14, 14), bold=False, caps=True), PL3, P, "#15"),
    look_rule("format-organ-style", "Tên cơ quan ban hành", _ORGAN, Look((12, 13), bold=True, caps=True), f"{PL1}, mục II.2.b", S, "#14"),
    look_rule("format-organ-style", "Tên cơ quan ban hành", _ORGAN, Look((14, 14), bold=True, caps=True), PL3, P, "#15"),
    Rule("format-organ-rule", "Đường kẻ dưới tên cơ quan", "đường kẻ ngang nét liền dưới tên cơ quan ban hành", f"{PL1}, mục II.2.b",
         _rule_under(_ORGAN, "tên cơ quan ban hành"), S, standard="#14"),
    Rule("format-asterisk", "Dấu sao", "dấu “*” căn giữa dưới tên cơ quan ban hành", PL3, _asterisk, P, layout=False, standard="#15"),
    Rule("format-number-line", "Số và ký hiệu", "“Số: 12/BC-UBND” (có dấu hai chấm)", f"{PL1}, mục II.3", _number_line, S, layout=False, standard="#16"),
    Rule("format-number-line", "Số và ký hiệu", "“Số 184-BC/HU” (không có dấu hai chấm)", f"{HD36}, điểm 1.3", _number_line, P,
         layout=False, standard="#17"),
    look_rule("format-number-style", "Kiểu chữ số và ký hiệu", _NUMBER, Look((13, 13), bold=False, italic=False), f"{PL1}, mục II.3.c",
               S, "#16"),
    look_rule("format-number-style", "Kiểu chữ số và ký hiệu", _NUMBER, Look((14, 14), bold=False, italic=False), PL3, P, "#17"),
    Rule("format-date-line", "Địa danh, ngày tháng năm", "“<Địa danh>, ngày 05 tháng 8 năm 2022” (ngày dưới 10 và tháng 1, 2 thêm số 0)",
         f"{PL1}, mục II.4; {PL3}", _date_line, layout=False, standard="#19"),
    look_rule("format-date-style", "Kiểu chữ dòng ngày", _DATE, Look((13, 14), italic=True, bold=False), f"{PL1}, mục II.4.c", S, "#19"),
    look_rule("format-date-style", "Kiểu chữ dòng ngày", _DATE, Look((14, 14), italic=True, bold=False), PL3, P, "#19"),
    Rule("format-kind", "Tên loại văn bản", "tên loại văn bản in hoa trên một dòng riêng", f"{PL1}, mục II.5; {PL3}", _kind, layout=False, standard="#21"),
    look_rule("format-kind-style", "Kiểu chữ tên loại", _KIND, Look((13, 14), bold=True, caps=True, align="center"), f"{PL1}, mục II.5.b",
               S, "#21"),
    look_rule("format-kind-style", "Kiểu chữ tên loại", _KIND, Look((15, 16), bold=True, caps=True, align="center"), PL3, P, "#21"),
    look_rule("format-summary-style", "Kiểu chữ trích yếu", _summary_lines, Look((13, 14), bold=True, italic=False, align="center"),
               f"{PL1}, mục II.5.b", S, "#22"),
    look_rule("format-summary-style", "Kiểu chữ trích yếu", _summary_lines, Look((14, 15), bold=True, italic=False, align="center"),
               PL3, P, "#22"),
    Rule("format-summary-rule", "Đường kẻ dưới trích yếu", "đường kẻ ngang nét liền dưới trích yếu", f"{PL1}, mục II.5.b",
         _rule_under(_last(_summary_lines), "trích yếu"), S, standard="#22"),
    Rule("format-summary-separator", "Dòng phân cách dưới trích yếu", "đúng 5 dấu gạch “-----” dưới trích yếu", PL3, _separator, P,
         layout=False, standard="#22"),
)

__all__ = ["RULES", "has_rule_below", "quote"]
