"""The bundled catalogue of administrative units since July 2025 (34 provinces, 3,321 communes
and wards), from the `vietnam-provinces` package."""

from __future__ import annotations

from ..core.errors import DocgenError, error
from ..core.vietnamese import nfc, slugify, sort_key

_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ")


def _provinces() -> list[object]:
    from vietnam_provinces import Province

    return list(Province.iter_all())


def _matches(province: object, wanted: str) -> bool:
    code = int(province.code)  # type: ignore[attr-defined]
    name: str = province.name  # type: ignore[attr-defined]
    codename: str = province.codename  # type: ignore[attr-defined]
    if wanted.isdigit():
        return int(wanted) == code
    slug = slugify(wanted)
    return slug in {slugify(name), codename.replace("_", "-")}


def place_of(name: str) -> str:
    """The place on the date line: "Phường Xuân Hương - Đà Lạt" -> "Xuân Hương - Đà Lạt" ("Phường 1 Bảo Lộc" stays)."""
    for prefix in _PREFIXES:
        if name.startswith(prefix) and not name[len(prefix):][:1].isdigit():
            return name[len(prefix):]
    return name


def wards(province: str) -> list[tuple[str, str, str]]:
    """(code, name, place) of every commune and ward of `province`, in Vietnamese order by name."""
    from vietnam_provinces import Ward

    wanted = province.strip()
    chosen = _provinces() if wanted.lower() in {"all", "tat-ca", "tất cả"} else [p for p in _provinces() if _matches(p, wanted)]
    if not chosen:
        message = f"Không có tỉnh, thành phố “{province}” trong danh mục; ghi mã (ví dụ 68) hoặc tên (ví dụ “Lâm Đồng”, lam-dong)."
        raise DocgenError(error("province-not-found", message))
    rows = []
    for item in chosen:
        units = sorted(Ward.iter_by_province(item.code), key=lambda w: sort_key(w.name))  # type: ignore[attr-defined]
        rows += [(f"{int(w.code):05d}", nfc(w.name), nfc(place_of(w.name))) for w in units]
    return rows
