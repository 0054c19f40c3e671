"""Rules on the author's words rather than the layout: whitespace, dashes, capitals, tone-mark
style, names of organs that no longer exist after 1 July 2025. Their codes carry no "format-"
prefix: a faithful copy of a real report keeps its author's slips, and these find them."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from ..headings import fold, is_upper
from .catalogue import HD05, ND30, Hit, Judged, Rule, quote, summarise
from .document import Para

_SPACE_BEFORE = re.compile(r"[\w)”][ \u00a0]+(?:[,;:)]|\.(?![/.]))")
_SPACE_THEN_MARK = re.compile(r"[ \u00a0][,;:).]")  # in every match of _SPACE_BEFORE, and quick to look for
_SPACED_HYPHEN = re.compile(r"\w - \w")
_SPACED_DASH = re.compile(r"\w+ ?[–—] ?\w+")
# Fixed capitals of Phụ lục II (NĐ 30): the form written, the right form
CAPITALS = (
    (re.compile(r"\bBan [Cc]hấp [Hh]ành\b"), "Ban Chấp hành"),
    (re.compile(r"\bBộ [Cc]hính [Tt]rị\b"), "Bộ Chính trị"),
    (re.compile(r"\bBan [Bb]í [Tt]hư\b"), "Ban Bí thư"),
    (re.compile(r"\bMặt [Tt]rận [Tt]ổ [Qq]uốc\b"), "Mặt trận Tổ quốc"),
    (re.compile(r"\b(?:Ủ|Uỷ|Ủy) [Bb]an [Nn]hân [Dd]ân\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bHội [Đđ]ồng [Nn]hân [Dd]ân\b"), "Hội đồng nhân dân"),
)
# Old style puts the tone on the second vowel of oa, oe, uy at the end of a syllable ("hoá",
# "khoẻ", "uỷ"); the new style on the first ("hóa", "khỏe", "ủy"). "quý" is written one way.
# A word ending so (not after "q"), matched on the reversed text: the search jumps from one candidate
# last letter to the next (a pattern starting with one character set is searched for in C) instead of
# trying every word from its start. The look-behind keeps the letters paired ("oá", not "uá").
OLD_TONES_REVERSED = re.compile(r"[àáảãạèéẻẽẹỳýỷỹỵ][oOuU](?<=[àáảãạèéẻẽẹ][oO]|[ỳýỷỹỵ][uU])(?![qQ])\w*")
NEW_TONES_REVERSED = re.compile(r"[aAeEyY][òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ](?<=[aAeE][òóỏõọÒÓỎÕỌ]|[yY][ùúủũụÙÚỦŨỤ])(?![qQ])\w*")
_WORD_CHARACTER = re.compile(r"\w")
# Every pattern of CAPITALS starts with one of these words: a paragraph without any is not searched.
_CAPITAL_WORDS = re.compile(r"(?:Ban|Bộ|Mặt|Ủ|Uỷ|Ủy|Hội) ")
REFORM_DATE = dt.date(2025, 7, 1)
GONE = ("huyen uy", "quan uy", "thi uy", "uy ban nhan dan huyen", "ubnd huyen", "thi tran")
GONE_RECIPIENTS = (*GONE, "ban tuyen giao tinh uy", "ban tuyen giao thanh uy")
# An abbreviation: two or more capitals (digits, "&" and inner hyphens allowed), not part of a
# longer word nor of a số ký hiệu ("21-NQ/TW", "165/KH-UBND": a "/" or "-" joins it to the rest).
# (The look-behind follows the first capital, so that the search jumps from capital to capital;
# the look-ahead passes over a word with one capital, "Trên", which is not one: no other match can
# start inside it, so the matches are those of the pattern without it, less those.)
ABBREVIATION = re.compile(r"[A-ZĐ](?<![\w/&-].)(?=[0-9&-]*[A-ZĐ])[A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*(?![\w/&]|-\w)")
ROMAN = re.compile(r"[IVXLC]+")
# "full words (ABBR)", or "(sau đây gọi tắt là ABBR)"
DEFINITION = re.compile(r"\(\s*(?:(?:sau đây )?(?:gọi|viết) tắt là\s+)?([A-ZĐ][A-ZĐ0-9&-]*)\s*\)")
# Used unexpanded in official documents of both systems, and in every reference document: the
# local organs of State power (Hiến pháp 2013, ch. IX; in every số ký hiệu "…/QĐ-UBND"), the
# Fatherland Front, socialism; and the international economic measures official statistics print
# as they are (GDP, GRDP, FDI, ODA) and the pandemic's official name.
KNOWN_ABBREVIATIONS = frozenset({"UBND", "HĐND", "MTTQ", "MTTQVN", "CNXH", "GDP", "GRDP", "FDI", "ODA", "COVID-19"})


def _texts(judged: Judged) -> list[Para]:
    return [p for p in judged.body if not p.in_table]


def _recipient_lines(judged: Judged) -> list[Para]:
    lines = sorted(index for key, index in judged.meta.lines.items() if key.startswith("recipients."))
    return [p for p in (judged.doc.line(i) for i in lines) if p is not None]


def _whitespace(judged: Judged) -> Iterator[Hit]:
    hits = []
    for para in [*_texts(judged), *_recipient_lines(judged)]:
        if para.text[:1] in (" ", "\t", "\u00a0") and judged.doc.document is not None:
            hits.append((f"{quote(para.stripped, 30)} bắt đầu bằng dấu cách hoặc tab", para.index))
        elif _SPACE_THEN_MARK.search(para.text) and (m := _SPACE_BEFORE.search(para.text)):
            hits.append((f"dấu cách trước “{m.group()[-1]}” ở {quote(para.stripped, 30)}", para.index))
    yield from summarise(hits, "đoạn có dấu cách sai chỗ")


def _dashes(judged: Judged) -> Iterator[Hit]:
    texts = _texts(judged)
    if not any(_SPACED_HYPHEN.search(p.text) for p in texts):
        return
    # Only the first paragraph with a dash is named; "–" and "—" are looked for first (rarer, and a plain find).
    dash = next(((m.group(), p) for p in texts if ("–" in p.text or "—" in p.text) and (m := _SPACED_DASH.search(p.text))), None)
    if dash is not None:
        written, para = dash
        yield f"vừa dùng gạch nối “-” vừa dùng gạch dài (“{written}”)", para.index


def _capitals(judged: Judged) -> Iterator[Hit]:
    hits = []
    for para in _texts(judged):
        # Each pattern is tried only where one of its first words stands (as finditer would find it, faster).
        starts = [m.start() for m in _CAPITAL_WORDS.finditer(para.text)]
        if not starts or is_upper(para.stripped):
            continue
        for pattern, right in CAPITALS:
            found = (m.group() for start in starts if (m := pattern.match(para.text, start)))
            wrong = next((written for written in found if written not in (right, "Uỷ ban nhân dân")), None)
            if wrong:
                hits.append((f"viết “{wrong}” thay cho “{right}”", para.index))
    yield from summarise(hits, "chỗ viết hoa sai")


def words_ending(reversed_pattern: re.Pattern[str], text: str) -> list[tuple[str, int]]:
    """The whole words of a text, in order, whose reversed form `reversed_pattern` matches (its
    start is the word's end), each with where it starts in the text."""
    backwards = text[::-1]
    found = [(m.group()[::-1], len(text) - m.end()) for m in reversed_pattern.finditer(backwards)
             if not (m.start() and _WORD_CHARACTER.match(backwards, m.start() - 1))]  # the ending ends the word
    return found[::-1]


def _tone_marks(judged: Judged) -> Iterator[Hit]:
    texts = _texts(judged)
    # One search over the paragraphs joined by line breaks (no word runs across one), not one per paragraph.
    joined = "\n".join(p.text for p in texts)
    old = words_ending(OLD_TONES_REVERSED, joined)
    new = words_ending(NEW_TONES_REVERSED, joined) if old else []
    if old and new:
        minority = min(old, new, key=len)
        majority = new if minority is old else old
        word, start = minority[0]
        starts = list(accumulate((len(p.text) + 1 for p in texts[:-1]), initial=0))
        para = texts[bisect_right(starts, start) - 1]
        yield f"vừa bỏ dấu kiểu “{majority[0][0]}” vừa kiểu “{word}” ({len(minority)} chỗ)", para.index


def _abbreviations_in(text: str, before: str) -> Iterator[tuple[str, int]]:
    """The abbreviations used in a paragraph and where; `before` is the paragraph before it, since a
    copy from a PDF may break a số ký hiệu across lines ("…/NQ-" then "HĐND) …")."""
    for m in ABBREVIATION.finditer(text):
        name = m.group()
        if sum(c.isupper() for c in name) < 2 or ROMAN.fullmatch(name) or name in KNOWN_ABBREVIATIONS:
            continue
        if not (text[: m.start()].rstrip() or before.rstrip()).endswith(("/", "-")):
            yield name, m.start()


def _abbreviations(judged: Judged) -> Iterator[Hit]:
    """#48: an abbreviation used before the words it stands for, followed by it in parentheses."""
    defined: set[str] = set()
    before = ""
    for para in _texts(judged):
        if is_upper(para.stripped):  # a heading in capitals: its words are not abbreviations
            before = para.text
            continue
        here = {m.group(1): m.start() for m in reversed(list(DEFINITION.finditer(para.text)))}
        for name, start in _abbreviations_in(para.text, before):
            if name not in defined and here.get(name, len(para.text)) > start:
                defined.add(name)  # one finding per abbreviation
                yield f"chữ viết tắt “{name}” dùng trước khi được viết đầy đủ ở {quote(para.stripped, 40)}", para.index
        defined |= here.keys()
        before = para.text


def _post_reform(judged: Judged) -> Iterator[Hit]:
    meta = judged.meta
    if meta.date is None or meta.date < REFORM_DATE:
        return
    issuer = fold(f"{meta.organ_parent} {meta.organ}")
    gone = next((name for name in GONE if name in issuer), None)
    if gone or meta.number.endswith("/HU"):
        yield f"cơ quan ban hành “{meta.organ}” không còn từ 01/7/2025", meta.lines.get("organ")
    for i, recipient in enumerate(meta.recipients):
        if any(name in fold(recipient) for name in GONE_RECIPIENTS):
            yield f"nơi nhận “{recipient}” không còn từ 01/7/2025", meta.lines.get(f"recipients.{i}")


RULES = (
    Rule("misplaced-space", "Dấu cách", "không có dấu cách trước , ; : . ) và không thụt đầu đoạn bằng dấu cách hoặc tab",
         f"{ND30}, Phụ lục I (kỹ thuật trình bày)", _whitespace, severity="warning", layout=False, standard="#44"),
    Rule("mixed-dashes", "Gạch nối", "một loại gạch nối “-” trong các cụm như “chính trị - xã hội”", f"{ND30}, Phụ lục I",
         _dashes, severity="warning", layout=False, standard="#45"),
    Rule("capitalisation", "Viết hoa", "viết hoa theo Phụ lục II (ví dụ “Ban Chấp hành Trung ương”, “Mặt trận Tổ quốc”)",
         f"{ND30}, Phụ lục II", _capitals, severity="warning", layout=False, standard="#46"),
    Rule("mixed-tone-marks", "Cách bỏ dấu thanh", "một cách bỏ dấu thanh trong cả văn bản (“hóa”, “ủy” hoặc “hoá”, “uỷ”)",
         f"{HD05} (viết “ủy”); thống nhất trong văn bản", _tone_marks, severity="warning", layout=False, standard="#47"),
    Rule("post-reform-name", "Tên cơ quan sau 01/7/2025", "không ghi cơ quan cấp huyện, thị trấn hay Ban Tuyên giáo (cũ) "
         "làm cơ quan ban hành hoặc nơi nhận trong văn bản từ 01/7/2025", "Quy định 298-QĐ/TW, Hướng dẫn 31-HD/BTCTW (2025)",
         _post_reform, severity="warning", layout=False, standard="#50"),
    Rule("abbreviation-first-use", "Chữ viết tắt", "viết đầy đủ ở lần dùng đầu, chữ viết tắt trong ngoặc đơn ngay sau, "
         "ví dụ “Dân số - Kế hoạch hóa gia đình (DS-KHHGĐ)”", f"{HD05}; thông lệ soạn thảo văn bản hành chính",
         _abbreviations, severity="warning", layout=False, standard="#48"),
)
