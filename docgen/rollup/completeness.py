"""The completeness table: units × outline sections (present / empty / missing / renamed), as .xlsx and .csv.

`docgen rollup` builds it over the unit reports of a folder (with an indicators sheet beside it);
`docgen check DIR --table OUTDIR` builds it over the files it checked, with a count of format
findings per unit. Units stand in Vietnamese alphabetical order, unreadable files last, each with
its reason. Every file is written atomically.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.report import Report
from ..core.errors import Finding
from ..core.fsio import atomic_write
from ..core.vietnamese import nfc, sort_key
from ..outline.model import Outline, Section

PRESENT, EMPTY, MISSING, RENAMED = "present", "empty", "missing", "renamed"
STATUS_VI = {PRESENT: "có", EMPTY: "trống", MISSING: "thiếu", RENAMED: "đổi tên"}
STATUS_FILLS = {"thiếu": "F4CCCC", "trống": "FFF2CC", "đổi tên": "DDEBF7"}
SHEET = "Mức độ đầy đủ"
TABLE_XLSX, TABLE_CSV = "muc-do-day-du.xlsx", "muc-do-day-du.csv"
FORMAT_HEADER = "Số lỗi thể thức"


@dataclass(frozen=True)
class Entry:
    """One row of the table: a unit and its report, or a file that could not be read (report None)."""

    name: str
    file: str  # the file name shown in the table
    report: Report | None
    note: str = ""
    extra: tuple[str, ...] = ()  # values of the extra columns, in their order


@dataclass(frozen=True)
class Checked:
    """One file `docgen check` went through: its report (None when it could not be read) and its findings."""

    path: Path
    report: Report | None
    findings: Sequence[Finding]


def unit_name(report: Report, path: Path) -> str:
    return nfc(report.unit_name or report.organ.name or path.stem)


def _fold(text: str) -> str:
    return re.sub(r"[\s.:;,]+", " ", text).strip().casefold()


def section_status(section: Section, report: Report) -> str:
    answer = report.sections.get(section.id)
    has_children = any(c.id in report.sections for c in section.walk() if c is not section)
    if answer is None:
        return PRESENT if has_children else MISSING
    if answer.title and _fold(answer.title) != _fold(section.title):
        return RENAMED
    if answer.is_empty and not has_children:
        return EMPTY
    return PRESENT


def completeness_table(outline: Outline, entries: Sequence[Entry], extra_header: Sequence[str] = ()) -> tuple[list[str], list[list[str]]]:
    """Header and rows, in the order of `entries`: one column per outline section, then the counts,
    the extra columns and a note."""
    sections = list(outline.walk())
    header = ["Đơn vị", "Tệp", *[f"{s.ref}. {s.title}" for s in sections], "Số mục thiếu", "Số mục trống", *extra_header, "Ghi chú"]
    rows = []
    for entry in entries:
        extra = [*entry.extra, *[""] * (len(extra_header) - len(entry.extra))]
        if entry.report is None:
            rows.append([entry.name, entry.file, *[""] * len(sections), "", "", *extra, entry.note])
            continue
        statuses = [section_status(s, entry.report) for s in sections]
        missing = sum(st == MISSING and s.required for st, s in zip(statuses, sections, strict=True))
        empty = sum(st == EMPTY for st in statuses)
        rows.append([entry.name, entry.file, *[STATUS_VI[st] for st in statuses], str(missing), str(empty), *extra, entry.note])
    return header, rows


def unreadable_note(reason: str) -> str:
    return f"Không đọc được: {reason}"


def check_table(outline: Outline, checked: Sequence[Checked]) -> tuple[list[str], list[list[str]]]:
    """The table of `docgen check DIR`: units in Vietnamese order, then unreadable files by name.
    The format count is given for .docx files only: the format of .yaml and .txt is not checked."""
    units, failures = [], []
    for item in checked:
        name = item.path.name
        if item.report is None:
            failures.append(Entry(name, name, None, unreadable_note("; ".join(f.message for f in item.findings))))
            continue
        count = str(sum(f.code.startswith("format-") for f in item.findings)) if item.path.suffix.lower() in (".docx", ".pdf") else ""
        units.append(Entry(unit_name(item.report, item.path), name, item.report, extra=(count,)))
    units.sort(key=lambda e: (sort_key(e.name), e.file))
    failures.sort(key=lambda e: e.file)
    return completeness_table(outline, [*units, *failures], (FORMAT_HEADER,))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """UTF-8 with a byte order mark, so a spreadsheet program opens the Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    atomic_write(path, buffer.getvalue().encode("utf-8-sig"))


def fill_sheet(ws: Any, header: list[str], rows: list[list[str]], colour: bool, typed: Callable[[str], str | float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append([row[0], *[typed(value) for value in row[1:]]])
    if colour:
        for row_cells in ws.iter_rows(min_row=2):
            for cell in row_cells:
                fill = STATUS_FILLS.get(str(cell.value or ""))
                if fill:
                    cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 32
    for index in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(index)].width = 14


def as_count(value: str) -> str | float:
    """Counts of sections as numbers, so a spreadsheet can sort and sum them; everything else as written."""
    return int(value) if value.isdigit() and len(value) < 10 else value


def write_table(out: Path, header: list[str], rows: list[list[str]]) -> tuple[Path, Path]:
    """The table alone, as OUT/muc-do-day-du.xlsx (one sheet) and OUT/muc-do-day-du.csv."""
    from openpyxl import Workbook

    out.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    fill_sheet(sheet, header, rows, colour=True, typed=as_count)
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(out / TABLE_XLSX, buffer.getvalue())
    write_csv(out / TABLE_CSV, header, rows)
    return out / TABLE_XLSX, out / TABLE_CSV
