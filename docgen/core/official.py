"""Facts of the two official formats (Party: HD 36-HD/VPTW; State: ND 30/2020/ND-CP).

Values only, no logic beyond small look-ups: the validator, the context builder and the reader
of hand-written documents share them. Sources are the sections of shared/format-standards.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARTY = "party"
STATE = "state"
SYSTEMS = (PARTY, STATE)
SYSTEM_NAMES_VI = {PARTY: "văn bản của Đảng", STATE: "văn bản hành chính nhà nước"}

# Profiles of the Party guide (format-standards §B.9): HD05 (2026) ends content with "." only.
PROFILES = ("hd36", "hd05")

# Document kinds by abbreviation (format-standards §C.1, §C.2).
KINDS: dict[str, dict[str, str]] = {
    PARTY: {
        "NQ": "NGHỊ QUYẾT", "QĐ": "QUYẾT ĐỊNH", "QĐi": "QUY ĐỊNH", "CT": "CHỈ THỊ", "KL": "KẾT LUẬN",
        "QC": "QUY CHẾ", "TT": "THÔNG TRI", "BB": "BIÊN BẢN", "BC": "BÁO CÁO", "KH": "KẾ HOẠCH",
        "CTr": "CHƯƠNG TRÌNH", "TTr": "TỜ TRÌNH", "TB": "THÔNG BÁO", "HD": "HƯỚNG DẪN",
        "CV": "CÔNG VĂN", "ĐA": "ĐỀ ÁN", "PA": "PHƯƠNG ÁN",
    },
    STATE: {
        "NQ": "NGHỊ QUYẾT", "QĐ": "QUYẾT ĐỊNH", "CT": "CHỈ THỊ", "QC": "QUY CHẾ", "QyĐ": "QUY ĐỊNH",
        "TC": "THÔNG CÁO", "TB": "THÔNG BÁO", "HD": "HƯỚNG DẪN", "CTr": "CHƯƠNG TRÌNH",
        "KH": "KẾ HOẠCH", "PA": "PHƯƠNG ÁN", "ĐA": "ĐỀ ÁN", "DA": "DỰ ÁN", "BC": "BÁO CÁO",
        "BB": "BIÊN BẢN", "TTr": "TỜ TRÌNH", "CĐ": "CÔNG ĐIỆN", "GM": "GIẤY MỜI",
    },
}

_UPPER = "A-ZĐÂĂÊÔƠƯ"
_LETTERS = "A-Za-zĐđÂâĂăÊêÔôƠơƯư"
# Số và ký hiệu without the leading "Số" (format-standards §D #16, #17).
NUMBER_PATTERNS = {
    PARTY: re.compile(rf"^(?P<n>0[1-9]|[1-9]\d*)-(?P<kind>[{_UPPER}][{_LETTERS}]*)/[{_UPPER}][{_LETTERS}]*(-[{_UPPER}][{_LETTERS}]*)*$"),
    STATE: re.compile(rf"^(?P<n>0[1-9]|[1-9]\d*)/(?P<kind>[{_UPPER}][{_LETTERS}]*)-[{_UPPER}][{_LETTERS}0-9.]*(-[{_UPPER}0-9][{_LETTERS}0-9.]*)*$"),
}
NUMBER_EXAMPLES = {PARTY: "184-BC/HU", STATE: "165/KH-UBND"}
NUMBER_PREFIX = {PARTY: "Số ", STATE: "Số: "}

# A document number written with spaces around its hyphen or slash: "184 - BC/HU", "21 -NQ/TW".
SPACED_NUMBER = re.compile(rf"\b\d+(\s+-\s*|-\s+|\s+/\s*|/\s+)[{_UPPER}][{_LETTERS}]*[/-][{_UPPER}][{_LETTERS}]*")

# Signing authority prefixes (format-standards §B.5, §A.5).
AUTHORITY_PREFIXES = {PARTY: ("T/M ", "K/T ", "T/L ", "Q. "), STATE: ("TM. ", "KT. ", "TL. ", "TUQ. ", "Q. ")}
COLLECTIVE_AUTHORITY = {PARTY: "T/M BAN THƯỜNG VỤ", STATE: "TM. ỦY BAN NHÂN DÂN"}  # a draft's signature before it is known

# The archive line that ends the recipients list (format-standards §D #32, #33).
ARCHIVE_PATTERNS = {
    PARTY: re.compile(r"^Lưu [^:].*$"),
    STATE: re.compile(r"^Lưu: VT(, ?[^,]+)*$"),
}
ARCHIVE_EXAMPLES = {PARTY: "Lưu VPTU", STATE: "Lưu: VT, VH"}
RECIPIENT_SEPARATOR = {PARTY: ",", STATE: ";"}


# Hyphens inside a number or symbol (184-BC/HU, 21-NQ/TW, NĐ-CP, 2021-2025, COVID-19) are printed as
# non-breaking hyphens so that no line ends in the middle of one; the renderer writes them as Word's
# <w:noBreakHyphen/>, which Word and LibreOffice draw with the font's own hyphen.
NON_BREAKING_HYPHEN = "\u2011"
_JOINING_HYPHEN = re.compile(rf"(?<=[0-9{_UPPER}])-(?=[0-9{_UPPER}])|(?<=[^\W_])-(?=\d)")


def keep_together(text: str) -> str:
    """`text` with the hyphens inside numbers and symbols made non-breaking."""
    return _JOINING_HYPHEN.sub(NON_BREAKING_HYPHEN, text) if "-" in text else text


def plain_hyphens(text: str) -> str:
    """`text` with non-breaking hyphens read as the hyphens they stand for (the rules accept both)."""
    return text.replace(NON_BREAKING_HYPHEN, "-")


@dataclass(frozen=True)
class NumberParts:
    number: int
    kind: str


def parse_document_number(text: str, system: str) -> NumberParts | None:
    m = NUMBER_PATTERNS[system].match(plain_hyphens(text))
    if not m:
        return None
    return NumberParts(int(m.group("n")), m.group("kind"))


def kind_title(kind: str, system: str) -> str | None:
    return KINDS[system].get(kind)
