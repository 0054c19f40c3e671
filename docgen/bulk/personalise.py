"""What makes one base content every unit's own: a number per unit, and a warning when the base's
body text names a particular unit (it is copied into every unit's document as written)."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..core.errors import DocgenError, Finding, Location, error, warning
from ..core.vietnamese import nfc
from ..core.yamlio import PathKey, YamlDoc
from .units import Unit

NUMBER_FIELDS = {"stt": "số thứ tự của đơn vị trong lần chạy (01, 02, …)", "ma": "mã đơn vị"}


def numbered(units: list[Unit], pattern: str) -> list[Unit]:
    """Each unit's document number made from `pattern`: {stt} is its place in the run (01, 02, …),
    {ma} its code. A number the units table gives a unit is kept."""
    _check_pattern(pattern)
    return [unit if "number" in unit.values else replace(unit, values={**unit.values, "number": pattern.format(stt=f"{i:02d}", ma=unit.code)})
            for i, unit in enumerate(units, start=1)]


def _check_pattern(pattern: str) -> None:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        fields = {"{"}
    if not fields or not fields <= set(NUMBER_FIELDS):
        known = "; ".join(f"{{{name}}}: {meaning}" for name, meaning in NUMBER_FIELDS.items())
        raise DocgenError(error(
            "number-pattern", f"Mẫu số văn bản “{pattern}” phải có {{stt}} hoặc {{ma}} và không có chỗ thay nào khác ({known}); ví dụ: “{{stt}}-BC/ĐU”."
        ))


def shared_number(base: YamlDoc, units: list[Unit]) -> Finding | None:
    """A warning when every unit's document would carry the base content's own number."""
    number = base.data.get("number") if isinstance(base.data, dict) else None
    if len(units) < 2 or not number or all("number" in unit.values for unit in units):
        return None
    return warning("bulk-shared-number",
                   f"Mọi văn bản mang cùng số “{number}” của nội dung chung; dùng --number (ví dụ “{{stt}}-BC/ĐU”) "
                   "hoặc cột number của bảng đơn vị để mỗi đơn vị có số riêng.", base.at("number"))


def named_unit(base: YamlDoc, units: list[Unit]) -> Finding | None:
    """One warning (the first place) when the base's body text names a particular unit: its own
    place, unit or organ, or a unit of the run; that text would be copied into every unit's document."""
    names = _unit_names(base, units)
    if len(units) < 2 or not names:
        return None
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
    sections = base.data.get("sections") if isinstance(base.data, dict) else None
    for path, text in _texts(sections, ("sections",)):
        found = pattern.search(nfc(text))
        if found:
            return warning(
                "bulk-base-names-unit",
                f"Nội dung chung nhắc tới đơn vị cụ thể “{found.group()}”; đoạn này sẽ được chép nguyên vào văn bản của mọi đơn vị "
                "(hãy viết chung, hoặc đưa vào tệp nội dung riêng của đơn vị đó với --overrides).",
                Location(base.file, base.line(*path)),
            )
    return None


def _unit_names(base: YamlDoc, units: list[Unit]) -> set[str]:
    data = base.data if isinstance(base.data, dict) else {}
    unit = data.get("unit") if isinstance(data.get("unit"), dict) else {}
    own = [data.get("place"), unit.get("name") if unit else None]
    names = {nfc(str(n)).strip() for n in [*own, *(u.name for u in units)] if n}
    return {n for n in names if len(n) >= 4}  # a name too short to be told from ordinary words is left out


def _texts(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))
