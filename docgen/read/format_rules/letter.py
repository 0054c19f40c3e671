"""The công văn (an official letter: no kind word in its title): its trích yếu under the number,
"V/v …" upright in a State letter, italic without "V/v" in a Party one (format-standards §D #23).

A read document is taken for a công văn when no kind line was found and either a header line
starts with "V/v" or its number carries no kind abbreviation ("Số: 123/UBND-VX") or the Party's
"CV" ("Số 45-CV/ĐU").
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core import official
from ..headings import is_upper
from .catalogue import HD36, ND30, Hit, Judged, Rule, quote
from .document import Para
from .typography import Look, look_rule

V_V = "V/v"
PARTY_LETTER = "CV"
S, P = (official.STATE,), (official.PARTY,)


def _number_kind(judged: Judged) -> str | None:
    """The kind abbreviation of the document's number, "" when it has none; None when the number is unreadable."""
    found = official.NUMBER_PATTERNS[judged.system].match(official.plain_hyphens(judged.meta.number))
    if found is None:
        return None
    return found.group("kind") if found.group("kind") in official.KINDS[judged.system] else ""


def is_letter(judged: Judged) -> bool:
    if judged.meta.kind:
        return False
    if any(p.stripped.startswith(V_V) for p in judged.header):
        return True
    return _number_kind(judged) in ("", PARTY_LETTER)


def letter_summary(judged: Judged) -> list[Para]:
    """A công văn's trích yếu: the "V/v" line, else the line right under the number (not a title, nor the date)."""
    if not is_letter(judged):
        return []
    marked = [p for p in judged.header if p.stripped.startswith(V_V)]
    if marked:
        return marked[:1]
    number_line = judged.meta.lines.get("number")
    under = judged.doc.line(number_line + 1) if number_line is not None else None
    if under is None or not under.stripped or is_upper(under.stripped) or under.stripped == judged.meta.date_text.strip():
        return []
    return [under]


def _state_v_v(judged: Judged) -> Iterator[Hit]:
    if not is_letter(judged):
        return
    found = letter_summary(judged)
    if not found:
        yield "công văn không có trích yếu “V/v …” dưới số và ký hiệu", judged.meta.lines.get("number")
    elif not found[0].stripped.startswith(f"{V_V} "):
        yield f"trích yếu công văn viết {quote(found[0].stripped)}", found[0].index


def _party_no_v_v(judged: Judged) -> Iterator[Hit]:
    for para in letter_summary(judged):
        if para.stripped.startswith(V_V):
            yield f"trích yếu công văn viết {quote(para.stripped)}", para.index


PL1 = f"{ND30}, Phụ lục I, mục II.5.b"
Q_A = f"{HD36}, Phụ lục 3"

RULES = (
    Rule("format-letter-summary", "Trích yếu công văn", "trích yếu công văn bắt đầu bằng “V/v” (ví dụ “V/v báo cáo kết quả”), đặt dưới số và ký hiệu",
         PL1, _state_v_v, S, layout=False, standard="#23"),
    Rule("format-letter-summary", "Trích yếu công văn", "trích yếu công văn đặt dưới số và ký hiệu, không có “V/v”",
         Q_A, _party_no_v_v, P, layout=False, standard="#23"),
    look_rule("format-letter-summary-style", "Kiểu chữ trích yếu công văn", letter_summary,
              Look((12, 13), italic=False, caps=False, align="center"), PL1, S, "#23"),
    look_rule("format-letter-summary-style", "Kiểu chữ trích yếu công văn", letter_summary,
              Look((12, 12), italic=True, caps=False), Q_A, P, "#23"),
)
