"""Vietnamese text rules: official dates, numerals, NFC, mojibake, slugs and sorting."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from babel.numbers import format_decimal

# Legacy-font damage seen in real documents: U+01A1/U+01A2/U+01A3 (OI) standing for ư/Ư.
MOJIBAKE = {"ƣ": "ư", "Ƣ": "Ư"}
_TCVN3_HINTS = re.compile(r"[©¬µ¸¹»¼¾Æ]{1}[a-zA-Z]|nh©n|Uû ban")


def format_date(day: dt.date) -> str:
    """ "ngày 05 tháng 02 năm 2025": day < 10 and months 1-2 take a leading zero (ND30, HD36)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str, day: dt.date) -> str:
    return f"{place}, {format_date(day)}"


def parse_date(text: str) -> dt.date:
    """Accept 2022-08-05, 05/08/2022 and 5/8/2022. Raises ValueError (with the reason)."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if not m:
            raise ValueError("format")
        day, month, year = (int(g) for g in m.groups())
    return dt.date(year, month, day)  # ValueError for 30/02 and friends


VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the letters points are lettered with: a) … đ) … y)


def to_roman(n: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in values:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(text: str) -> int | None:
    text = text.upper()
    for n in range(1, 40):
        if to_roman(n) == text:
            return n
    return None


def format_number(value: float | int | str, locale: str = "vi_VN") -> str:
    """186974 -> "186.974", 33.6 -> "33,6" (Vietnamese grouping and decimal comma)."""
    if isinstance(value, str):
        return value
    return format_decimal(value, locale=locale)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def find_mojibake(text: str) -> list[str]:
    """The damaged sequences found in `text` (empty when clean)."""
    found = [ch for ch in MOJIBAKE if ch in text]
    found += [m.group() for m in _TCVN3_HINTS.finditer(text)]
    return found


def repair_mojibake(text: str) -> str:
    for bad, good in MOJIBAKE.items():
        text = text.replace(bad, good)
    return nfc(text)


class _MarkFreeTable(dict[int, str]):
    """A str.translate table from a character to its letters without diacritics ("ộ" -> "o",
    "Đ" -> "D", a lone combining mark -> ""), each character worked out once, on first sight.
    (Character by character, so the 25 spacing combining marks of a few scripts keep their place
    rather than being reordered as a whole-text decomposition would.)"""

    def __missing__(self, code: int) -> str:
        char = {"đ": "d", "Đ": "D"}.get(chr(code), chr(code))
        bare = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
        self[code] = bare
        return bare


_MARK_FREE = _MarkFreeTable()


def strip_marks(text: str) -> str:
    """Remove diacritics: "Đức Trọng" -> "Duc Trong"."""
    return text.translate(_MARK_FREE)


def slugify(text: str, max_length: int = 60) -> str:
    """A file-name-safe ASCII slug: "Phường Xuân Hương - Đà Lạt" -> "phuong-xuan-huong-da-lat".

    Only [a-z0-9-] survive, so "/", "..", and reserved Windows names cannot reach a path.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", strip_marks(text).lower()).strip("-")
    return slug[:max_length].rstrip("-") or "van-ban"


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# tones ordered unmarked, huyền, hỏi, ngã, sắc, nặng, compared after the letters.
_BASE_ORDER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Key that sorts names the way Vietnamese readers expect ("Ân" after "An", "Đ" after "D")."""
    text = re.sub(r"\d+", lambda m: m.group().zfill(8), text)  # "Phường 2" before "Phường 10"
    ranks = [_character_rank(ch) for ch in unicodedata.normalize("NFC", text.lower())]
    return tuple(letter for letter, _ in ranks), tuple(tone for _, tone in ranks)


@functools.cache  # names use a few hundred distinct characters: each is decomposed once
def _character_rank(ch: str) -> tuple[int, int]:
    """A character's letter rank and tone (1: unmarked)."""
    decomposed = unicodedata.normalize("NFD", ch)
    letter_marks = "".join(m for m in decomposed[1:] if m in _LETTER_MARKS)
    letter = unicodedata.normalize("NFC", decomposed[0] + letter_marks)
    tone = next((_TONES[m] for m in decomposed[1:] if m in _TONES), 1)
    return _letter_rank(letter), tone


def _letter_rank(letter: str) -> int:
    if letter.isspace() or letter in "-,.":
        return 0  # word boundaries first: "Bà Rịa" before "Bảo Lộc"
    if letter.isdigit():
        return 10 + int(letter)
    index = _BASE_ORDER.find(letter)
    return 100 + index if index >= 0 else 1000 + ord(letter)
