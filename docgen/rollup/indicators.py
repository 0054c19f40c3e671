"""Indicators of many units side by side: parsing, the aggregate that makes sense, consistency checks.

Counts are summed. Rates are never summed: they are recomputed from the summed numerators and
denominators when every unit gives both, else averaged weighted by the denominators when every
unit gives one, else averaged plainly (and the method says so).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..content.report import Indicator
from ..core.errors import Finding, Location, error, warning
from ..core.vietnamese import format_number, slugify

COUNT, RATE = "count", "rate"
KINDS = (COUNT, RATE)
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
RATE_TOLERANCE = 0.5  # percentage points between a stated rate and numerator/denominator


def parse_number(text: str) -> float | None:
    """ "186.974" -> 186974, "901,79" -> 901.79, "1.234,5" -> 1234.5, "33.6" -> 33.6, "12 %" -> 12."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if not raw:
        return None
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(raw):
        raw = raw.replace(".", "")
    return float(raw) if _NUMBER.match(raw) else None


def indicator_key(indicator: Indicator) -> str:
    return indicator.id or slugify(indicator.name)


def indicator_kind(indicator: Indicator) -> str:
    if indicator.kind in KINDS:
        return indicator.kind
    is_rate = indicator.unit.strip() == "%" or bool(indicator.numerator or indicator.denominator)
    return RATE if is_rate else COUNT


@dataclass(frozen=True)
class UnitValue:
    unit: str  # the unit's name
    file: str
    indicator: Indicator
    value: float | None
    numerator: float | None
    denominator: float | None
    target: float | None


@dataclass(frozen=True)
class Aggregate:
    key: str
    name: str
    unit: str
    kind: str
    values: tuple[UnitValue, ...]
    total: float | None
    method: str  # Vietnamese: how `total` was obtained

    @property
    def reported(self) -> int:
        return sum(v.value is not None for v in self.values)

    def value_of(self, unit: str) -> UnitValue | None:
        return next((v for v in self.values if v.unit == unit), None)


def unit_value(unit: str, file: str, indicator: Indicator) -> UnitValue:
    return UnitValue(unit, file, indicator, parse_number(indicator.value), parse_number(indicator.numerator),
                     parse_number(indicator.denominator), parse_number(indicator.target))


def aggregate(key: str, values: list[UnitValue]) -> Aggregate:
    first = values[0].indicator
    kind = indicator_kind(first)
    total, method = _rate_total(values) if kind == RATE else _count_total(values)
    return Aggregate(key, first.name, first.unit, kind, tuple(values), total, method)


def _count_total(values: list[UnitValue]) -> tuple[float | None, str]:
    numbers = [v.value for v in values if v.value is not None]
    return (sum(numbers), "cộng") if numbers else (None, "không có số liệu")


def _rate_total(values: list[UnitValue]) -> tuple[float | None, str]:
    usable = [v for v in values if v.value is not None or (v.numerator is not None and v.denominator)]
    if not usable:
        return None, "không có số liệu"
    if all(v.numerator is not None and v.denominator for v in usable):
        numerator = sum(v.numerator or 0 for v in usable)
        denominator = sum(v.denominator or 0 for v in usable)
        return 100 * numerator / denominator, "tính lại từ tử số và mẫu số"
    rated = [v for v in usable if v.value is not None]
    if rated and all(v.denominator for v in rated):
        weight = sum(v.denominator or 0 for v in rated)
        return sum((v.value or 0) * (v.denominator or 0) for v in rated) / weight, "bình quân gia quyền theo mẫu số"
    if not rated:
        return None, "không có số liệu"
    return sum(v.value or 0 for v in rated) / len(rated), "bình quân giản đơn (thiếu mẫu số)"


def format_value(value: float | None) -> str:
    if value is None:
        return ""
    return format_number(round(value, 2) if value != int(value) else int(value))


def checks(values: list[UnitValue]) -> Iterator[Finding]:
    """A part larger than its total, a rate over 100 %, a rate that does not match its parts, text that is not a number."""
    for v in values:
        where = Location(v.file, v.indicator.line)
        name = v.indicator.name
        if v.value is None:
            yield warning("indicator-not-number", f"{v.unit}: chỉ tiêu “{name}” có giá trị “{v.indicator.value}” không phải là số.", where)
        if v.indicator.kind and v.indicator.kind not in KINDS:
            yield error("indicator-invalid-kind", f"{v.unit}: “kind” của chỉ tiêu “{name}” phải là “count” hoặc “rate”.", where)
        if v.numerator is not None and v.denominator is not None and v.numerator > v.denominator:
            yield error("indicator-part-exceeds-total",
                        f"{v.unit}: chỉ tiêu “{name}” có tử số {format_value(v.numerator)} lớn hơn mẫu số {format_value(v.denominator)}.", where)
        yield from _rate_checks(v, where)


def _rate_checks(v: UnitValue, where: Location) -> Iterator[Finding]:
    if indicator_kind(v.indicator) != RATE or v.value is None:
        return
    name = v.indicator.name
    if v.value > 100:
        yield error("indicator-rate-over-100", f"{v.unit}: tỷ lệ “{name}” là {format_value(v.value)} %, vượt quá 100 %.", where)
    if v.numerator is not None and v.denominator:
        computed = 100 * v.numerator / v.denominator
        if abs(computed - v.value) > RATE_TOLERANCE:
            yield warning("indicator-rate-mismatch",
                          f"{v.unit}: tỷ lệ “{name}” ghi {format_value(v.value)} % nhưng tử số/mẫu số cho {format_value(computed)} %.", where)


def mixed_kinds(aggregate: Aggregate) -> Iterator[Finding]:
    """The same indicator declared as a count in one unit and a rate in another, or with different units of measure."""
    kinds = {indicator_kind(v.indicator) for v in aggregate.values}
    units = {v.indicator.unit.strip() for v in aggregate.values}
    if len(kinds) > 1 or len(units) > 1:
        where = Location(aggregate.values[0].file, aggregate.values[0].indicator.line)
        listed = ", ".join(f"“{u}”" for u in sorted(units))
        yield warning("indicator-inconsistent-unit",
                      f"Chỉ tiêu “{aggregate.name}” không cùng loại hoặc đơn vị tính giữa các đơn vị ({listed}); tổng hợp theo đơn vị đầu tiên.", where)
