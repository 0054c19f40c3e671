"""Files of a roll-up: the tables as .xlsx (the .csv writer is docgen.rollup.completeness.write_csv), the chart as .png.
Every file is written atomically."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from ..core.fsio import atomic_write
from .collect import Rollup, completeness, main_indicators
from .completeness import SHEET as COMPLETENESS_SHEET
from .completeness import as_count, fill_sheet
from .indicators import RATE, Aggregate, format_value, parse_number

KIND_VI = {"count": "số lượng", "rate": "tỷ lệ"}
CHART_MAX_UNITS = 60
INDICATOR_SHEET = "Chỉ tiêu"


def indicator_rows(rollup: Rollup) -> tuple[list[str], list[list[str]]]:
    """Units as rows, indicators as columns (value, then target when any unit gives one), the aggregate last."""
    header = ["Đơn vị"]
    for agg in rollup.indicators:
        header.append(_label(agg))
        if _has_target(agg):
            header.append(f"{agg.name} — chỉ tiêu đề ra")
    rows = []
    for unit in rollup.units:
        row = [unit.name]
        for agg in rollup.indicators:
            value = agg.value_of(unit.name)
            row.append(value.indicator.value if value else "")
            if _has_target(agg):
                row.append(value.indicator.target if value else "")
        rows.append(row)
    rows.append(["Tổng hợp", *_cells(rollup.indicators, lambda a: format_value(a.total))])
    rows.append(["Cách tổng hợp", *_cells(rollup.indicators, lambda a: a.method)])
    rows.append(["Số đơn vị có số liệu", *_cells(rollup.indicators, lambda a: str(a.reported))])
    return header, rows


def _label(agg: Aggregate) -> str:
    unit = f" ({agg.unit})" if agg.unit else ""
    return f"{agg.name}{unit}"


def _has_target(agg: Aggregate) -> bool:
    return any(v.indicator.target for v in agg.values)


def _cells(aggregates: tuple[Aggregate, ...], cell: Callable[[Aggregate], str]) -> list[str]:
    row: list[str] = []
    for agg in aggregates:
        row.append(cell(agg))
        if _has_target(agg):
            row.append("")
    return row


def write_xlsx(path: Path, rollup: Rollup) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = COMPLETENESS_SHEET
    fill_sheet(sheet, *completeness(rollup), colour=True, typed=as_count)
    fill_sheet(book.create_sheet(INDICATOR_SHEET), *indicator_rows(rollup), colour=False, typed=_number)
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue())


def _number(value: str) -> str | float:
    """Figures as numbers ("1.200" -> 1200, "33,6" -> 33.6); text that is not a number as written."""
    number = parse_number(value)
    if number is None:
        return value
    return int(number) if number == int(number) else number


def write_chart(path: Path, rollup: Rollup) -> bool:
    """One bar panel per main indicator, units down the side; False when no unit has a number to draw."""
    aggregates = main_indicators(rollup)
    if not aggregates:
        return False
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    units = [u.name for u in rollup.units][:CHART_MAX_UNITS]
    height = max(3.0, 0.28 * len(units) + 1.5)
    figure, axes = pyplot.subplots(1, len(aggregates), figsize=(4.5 * len(aggregates) + 2, height), squeeze=False, sharey=True)
    for axis, agg in zip(axes[0], aggregates, strict=True):
        values = [_value(agg, name) for name in units]
        axis.barh(range(len(units)), values, color="#c0392b" if agg.kind == RATE else "#2e75b6")
        axis.set_title(_label(agg), fontsize=9, wrap=True)
        axis.xaxis.set_major_locator(MaxNLocator(4))
        axis.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_value(x)))
    axes[0][0].set_yticks(range(len(units)), units, fontsize=8)
    axes[0][0].invert_yaxis()  # the axes share y: invert once, so the first unit stands on top
    shown = f" ({len(units)}/{len(rollup.units)} đơn vị đầu theo thứ tự tên)" if len(rollup.units) > len(units) else ""
    figure.suptitle(f"Các chỉ tiêu chính theo đơn vị{shown}", fontsize=11)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    pyplot.close(figure)
    atomic_write(path, buffer.getvalue())
    return True


def _value(agg: Aggregate, unit: str) -> float:
    found = agg.value_of(unit)
    return found.value if found and found.value is not None else 0.0
