"""The bundled catalogues of administrative units.

- Since July 2025 (the default): 34 provinces, 3,321 communes and wards, from the `vietnam-provinces` package.
- Before July 2025 (`--before-2025`): 63 provinces and their districts (huyện, quận, thị xã, thành phố
  thuộc tỉnh), from data/districts-2024.csv, derived once from vietnam-provinces 0.6.0 by
  tools/derive_districts.py (the file's first lines name the source).

Both catalogues share how a province is chosen (code, name or slug; "all") and how its units are sorted.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from ..core.errors import DocgenError, error
from ..core.vietnamese import nfc, slugify, sort_key

_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Huyện ", "Quận ", "Thị xã ", "Thành phố ")
_PROVINCE_PREFIXES = ("Tỉnh ", "Thành phố ")
_ALL = {"all", "tat-ca", "tất cả"}
DISTRICTS_FILE = "districts-2024.csv"
DISTRICT_COLUMNS = ("province_code", "province_name", "district_code", "district_name", "place")

Row = tuple[str, str, str, str]  # (code, name, place, province name) of one unit


@dataclass(frozen=True)
class Province:
    code: int
    name: str  # as printed: "Tỉnh Lâm Đồng", "Thành phố Hà Nội", "Lâm Đồng"
    codename: str = ""  # the source's id, e.g. "lam_dong", "tinh_lam_dong"


@dataclass(frozen=True)
class Catalogue:
    title: str  # how messages name it: "danh mục từ ngày 01/07/2025 (34 tỉnh, thành phố)"
    provinces: Callable[[], list[Province]]  # in the catalogue's order
    units: Callable[[Province], list[tuple[str, str, str]]]  # (code, name, place), any order: sorted by name when chosen


def short_name(name: str) -> str:
    """A province's name without "Tỉnh" or "Thành phố": "Tỉnh Lâm Đồng" -> "Lâm Đồng"."""
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _matches(province: Province, wanted: str) -> bool:
    if wanted.isdigit():
        return int(wanted) == province.code
    slug = slugify(wanted)
    return slug in {slugify(province.name), slugify(short_name(province.name)), province.codename.replace("_", "-")}


def place_of(name: str) -> str:
    """The place on the date line: "Phường Xuân Hương - Đà Lạt" -> "Xuân Hương - Đà Lạt", "Huyện Đức Trọng" -> "Đức Trọng".

    A numbered unit keeps its name: "Phường 1 Bảo Lộc", "Quận 1".
    """
    for prefix in _PREFIXES:
        if name.startswith(prefix) and not name[len(prefix):][:1].isdigit():
            return name[len(prefix):]
    return name


def _choose(catalogue: Catalogue, other: Catalogue, province: str, hint: str) -> list[Row]:
    """(code, name, place, province) of every unit of `province` in `catalogue`, each province's units in Vietnamese order by name."""
    wanted = province.strip()
    provinces = catalogue.provinces()
    chosen = provinces if wanted.lower() in _ALL else [p for p in provinces if _matches(p, wanted)]
    if not chosen:
        message = f"Không có tỉnh, thành phố “{province}” trong {catalogue.title}; "
        if wanted and any(_matches(p, wanted) for p in other.provinces()):
            message += f"“{wanted}” có trong {other.title}: {hint}."
        else:
            message += "ghi mã (ví dụ 68) hoặc tên (ví dụ “Lâm Đồng”, lam-dong)."
        raise DocgenError(error("province-not-found", message))
    rows: list[Row] = []
    for item in chosen:
        rows += [(*row, item.name) for row in sorted(catalogue.units(item), key=lambda row: (sort_key(row[1]), row[0]))]
    return rows


def _current_provinces() -> list[Province]:
    from vietnam_provinces import Province as Source

    return [Province(int(p.code), nfc(p.name), p.codename) for p in Source.iter_all()]


def _current_units(province: Province) -> list[tuple[str, str, str]]:
    from vietnam_provinces import ProvinceCode, Ward

    return [(f"{int(w.code):05d}", nfc(w.name), nfc(place_of(w.name))) for w in Ward.iter_by_province(ProvinceCode(province.code))]


@functools.cache
def district_rows() -> tuple[dict[str, str], ...]:
    """The rows of data/districts-2024.csv (its "#" lines, the source, skipped)."""
    text = resources.files(__package__).joinpath("data", DISTRICTS_FILE).read_text(encoding="utf-8")
    return tuple(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _old_provinces() -> list[Province]:
    seen = {int(r["province_code"]): r["province_name"] for r in district_rows()}  # the file's order
    return [Province(code, name) for code, name in seen.items()]


def _old_units(province: Province) -> list[tuple[str, str, str]]:
    return [(r["district_code"], r["district_name"], r["place"]) for r in district_rows() if int(r["province_code"]) == province.code]


CURRENT = Catalogue("danh mục từ ngày 01/07/2025 (34 tỉnh, thành phố)", _current_provinces, _current_units)
BEFORE_2025 = Catalogue("danh mục trước ngày 01/07/2025 (63 tỉnh, thành phố)", _old_provinces, _old_units)


def wards(province: str) -> list[Row]:
    """(code, name, place, province) of every commune and ward (since July 2025) of `province`, in Vietnamese order by name."""
    return _choose(CURRENT, BEFORE_2025, province, "thêm --before-2025 để tạo văn bản cho các huyện, quận, thị xã, thành phố thuộc tỉnh của tỉnh đó")


def districts(province: str) -> list[Row]:
    """(code, name, place, province) of every district (before July 2025) of `province`, in Vietnamese order by name."""
    return _choose(BEFORE_2025, CURRENT, province, "bỏ --before-2025 để tạo văn bản cho các xã, phường của tỉnh đó")


_DISTRICT_COMMITTEES = (("Huyện ", "HUYỆN ỦY "), ("Thành phố ", "THÀNH ỦY "), ("Thị xã ", "THỊ ỦY "), ("Quận ", "QUẬN ỦY "))


def unit_organ(name: str, province: str, system: str) -> tuple[str, str]:
    """(parent, organ) heading a unit's own document, by HD36 / ND30 practice.

    Party: the provincial party organisation over the unit's committee — "ĐẢNG BỘ TỈNH LÂM ĐỒNG" /
    "HUYỆN ỦY ĐỨC TRỌNG" (a district: huyện ủy, thành ủy, thị ủy, quận ủy) or "ĐẢNG ỦY XÃ ĐẠ HUOAI"
    (a commune or ward). State: the unit's People's Committee, "ỦY BAN NHÂN DÂN XÃ ĐẠ HUOAI", without
    a parent line.
    """
    if system != "party":
        return "", f"ỦY BAN NHÂN DÂN {name.upper()}"
    parent = province if province.startswith(_PROVINCE_PREFIXES) else f"Tỉnh {province}"
    for prefix, committee in _DISTRICT_COMMITTEES:
        if name.startswith(prefix):
            rest = name[len(prefix):]
            return f"ĐẢNG BỘ {parent.upper()}", f"{committee}{(name if rest[:1].isdigit() else rest).upper()}"  # "QUẬN ỦY QUẬN 1"
    return f"ĐẢNG BỘ {parent.upper()}", f"ĐẢNG ỦY {name.upper()}"
