"""The units of a bulk run: a table (.csv or .xlsx, one row per unit) or a province of the catalogue (since July 2025, or before it).

A table's first row names its columns (ASCII ids, below). `code` and `name` are required; the
other columns fill the matching fields of each unit's content, and an empty cell keeps the base
content's value. Every problem of a table is collected and reported at once; a table with any
error is not used (nothing is generated until it is fixed).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import DocgenError, Finding, Location, error, warning
from ..core.fsio import read_failed
from ..core.vietnamese import format_number, nfc

COLUMNS = ("code", "name", "organ_parent", "organ", "place", "number", "date",
           "signer_authority", "signer_position", "signer_name", "recipients")
REQUIRED = ("code", "name")
MAX_UNITS = 20_000  # all communes before July 2025 (about 10,600) fit, with room to spare
MAX_TABLE_BYTES = 20 * 1024 * 1024
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,40}")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    values: dict[str, str] = field(default_factory=dict)  # column -> non-empty cell, other than code and name
    row: int = 0  # line in the table (1 = the header)
    source: str = ""


def load_units(path: Path) -> tuple[list[Unit], list[Finding]]:
    """Read and check a units table: the units and its warnings; DocgenError with every finding when it cannot be used."""
    name = str(path)
    rows = _read_rows(path, name)
    header, body = _split_header(rows, name)
    units, findings = _check_rows(header, body, name)
    if any(f.severity.value == "error" for f in findings):
        raise DocgenError(findings)
    return units, findings


def _read_rows(path: Path, name: str) -> list[list[str]]:
    if not path.is_file():
        raise DocgenError(error("file-not-found", f"Không tìm thấy bảng đơn vị “{name}”.", Location(name)))
    if path.stat().st_size > MAX_TABLE_BYTES:
        raise DocgenError(error("file-too-large", f"Bảng đơn vị quá lớn; giới hạn là {MAX_TABLE_BYTES // 1024 // 1024} MB.", Location(name)))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            raw = path.read_bytes()
        except OSError as exc:  # e.g. a table the user may not read
            raise read_failed(Path(name), exc) from None
        return _csv_rows(raw, name)
    if suffix == ".xlsx":
        return _xlsx_rows(path, name)
    raise DocgenError(error("units-format", f"Bảng đơn vị phải là tệp .csv hoặc .xlsx, không phải “{path.suffix or name}”.", Location(name)))


def _csv_rows(raw: bytes, name: str) -> list[list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "Bảng .csv không được mã hóa UTF-8; trong Excel hãy chọn Lưu thành “CSV UTF-8 (Comma delimited)”."
        raise DocgenError(error("not-utf8", message, Location(name, line))) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    return [[nfc(cell.strip()) for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx_rows(path: Path, name: str) -> list[list[str]]:
    from openpyxl import load_workbook  # only a .xlsx table needs it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise DocgenError(error("units-unreadable", "Không đọc được bảng .xlsx (tệp hỏng hoặc không phải bảng Excel); hãy mở và lưu lại bằng Excel.",
                                Location(name))) from None
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value).strip())


def _split_header(rows: list[list[str]], name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    numbered = [(i, row) for i, row in enumerate(rows, start=1) if any(cell for cell in row)]
    if not numbered:
        raise DocgenError(error("units-empty", "Bảng đơn vị trống: dòng đầu ghi tên cột, mỗi dòng sau là một đơn vị.", Location(name)))
    header_line, header = numbered[0]
    columns = [cell.strip().lower() for cell in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        listed = ", ".join(f"“{c}”" for c in missing)
        message = f"Bảng đơn vị thiếu cột {listed}; dòng đầu phải ghi tên cột, ví dụ: {','.join(COLUMNS[:5])}."
        raise DocgenError(error("units-missing-column", message, Location(name, header_line)))
    body = numbered[1:]
    if not body:
        raise DocgenError(error("units-empty", "Bảng đơn vị chỉ có dòng tên cột, chưa có đơn vị nào.", Location(name, header_line)))
    if len(body) > MAX_UNITS:
        message = f"Bảng có {format_number(len(body))} đơn vị, vượt giới hạn {format_number(MAX_UNITS)}; hãy chia thành nhiều bảng."
        raise DocgenError(error("units-too-many", message, Location(name)))
    return columns, body


def _check_rows(header: list[str], body: list[tuple[int, list[str]]], name: str) -> tuple[list[Unit], list[Finding]]:
    findings = [warning("units-unknown-column", f"Cột “{c}” không được dùng; các cột hợp lệ: {', '.join(COLUMNS)}.", Location(name, 1))
                for c in dict.fromkeys(header) if c and c not in COLUMNS]
    findings += [error("units-duplicate-column", f"Cột “{c}” xuất hiện nhiều lần.", Location(name, 1))
                 for c in dict.fromkeys(header) if c in COLUMNS and header.count(c) > 1]
    units: list[Unit] = []
    seen: dict[str, int] = {}
    for line, row in body:
        cells = {column: (row[i] if i < len(row) else "") for i, column in enumerate(header) if column in COLUMNS}
        unit = Unit(cells["code"], cells["name"], {k: v for k, v in cells.items() if v and k not in REQUIRED}, line, name)
        row_findings = list(_row_findings(unit, seen))
        findings += row_findings
        seen.setdefault(unit.code.lower(), line)
        units.append(unit)
    return units, findings


def _row_findings(unit: Unit, seen: dict[str, int]) -> Iterator[Finding]:
    at = Location(unit.source, unit.row)
    if not unit.code:
        yield error("units-missing-code", "Thiếu mã đơn vị (cột “code”).", at)
    elif not CODE_PATTERN.fullmatch(unit.code):
        yield error("units-invalid-code", f"Mã đơn vị “{unit.code}” chỉ được gồm chữ không dấu, số, “-” và “_” (tối đa 40 ký tự).", at)
    elif unit.code.lower() in seen:
        yield error("units-duplicate-code", f"Mã đơn vị “{unit.code}” trùng với dòng {seen[unit.code.lower()]}.", at)
    if not unit.name:
        yield error("units-missing-name", "Thiếu tên đơn vị (cột “name”).", at)
    elif "/" in unit.name or "\\" in unit.name or ".." in unit.name:
        yield warning("units-name-path", f"Tên “{unit.name}” có “/”, “\\” hoặc “..”; tên tệp chỉ dùng dạng không dấu của tên và mã đơn vị.", at)


def catalogue_units(province: str, before_2025: bool = False, organ_system: str = "") -> list[Unit]:
    """The units of a province of the bundled catalogue, by code ("68") or name ("Lâm Đồng", "lam-dong"); "all" for all.

    Since July 2025: its communes and wards (5-digit codes). `before_2025`: its districts as they were
    before the reform (huyện, quận, thị xã, thành phố thuộc tỉnh; 3-digit codes of the old numbering).
    `organ_system` ("party" or "state"): each unit's document is headed by the unit's own organ
    (`catalogue.unit_organ`) instead of the base content's.
    """
    from .catalogue import districts, unit_organ, wards  # the bundled catalogue is loaded only when asked for

    rows, source = (districts(province), "danh mục trước 01/07/2025") if before_2025 else (wards(province), "danh mục")
    units = []
    for code, name, place, province_name in rows:
        values = {"place": place}
        if organ_system:
            values["organ_parent"], values["organ"] = unit_organ(name, province_name, organ_system)
        units.append(Unit(code, name, values, 0, source))
    return units
