"""Roll-up for the level above: read every unit's report in a folder, see who is complete,
put the indicators side by side, and gather a draft report in the same outline.

Units are content files (.yaml) and, through the reader of hand-written documents, .docx
files. A file that cannot be read becomes a `Failure` with its reason: it is listed in the
completeness table and reported as a finding, never skipped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .errors import DocgenError, Finding, Location, error, warning
from .outline import Outline, Section
from .report import Report, load_report
from .rollup_indicators import Aggregate, UnitValue, aggregate, checks, indicator_key, mixed_kinds, unit_value
from .vietnamese import nfc, sort_key

UNIT_SUFFIXES = (".yaml", ".yml", ".docx")
PRESENT, EMPTY, MISSING, RENAMED = "present", "empty", "missing", "renamed"
STATUS_VI = {PRESENT: "có", EMPTY: "trống", MISSING: "thiếu", RENAMED: "đổi tên"}


@dataclass(frozen=True)
class Unit:
    name: str
    file: str
    report: Report


@dataclass(frozen=True)
class Failure:
    name: str  # the file name: the unit could not be read, so its name is unknown
    file: str
    reason: str


@dataclass(frozen=True)
class Rollup:
    outline: Outline
    units: tuple[Unit, ...]  # Vietnamese alphabetical order
    failures: tuple[Failure, ...]
    indicators: tuple[Aggregate, ...]
    findings: tuple[Finding, ...]


def unit_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise DocgenError(error("rollup-no-folder", f"Không tìm thấy thư mục “{folder}”.", Location(str(folder))))
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in UNIT_SUFFIXES and not p.name.startswith((".", "~$")))
    if not files:
        raise DocgenError(error("rollup-no-units", f"Thư mục “{folder}” không có báo cáo nào (.yaml hoặc .docx).", Location(str(folder))))
    return files


def read_unit(path: Path, outline: Outline) -> Report:
    if path.suffix.lower() == ".docx":
        from .docreport import read_report  # the reader of hand-written reports

        return read_report(path, outline).report
    return load_report(path)


def unit_name(report: Report, path: Path) -> str:
    return nfc(report.unit_name or report.organ.name or path.stem)


def collect(folder: Path, outline: Outline) -> Rollup:
    units: list[Unit] = []
    failures: list[Failure] = []
    findings: list[Finding] = []
    for path in unit_files(folder):
        try:
            report = read_unit(path, outline)
        except DocgenError as exc:
            reason = "; ".join(f.message for f in exc.findings)
            failures.append(Failure(path.name, str(path), reason))
            findings.append(error("rollup-unreadable-unit", f"Không đọc được báo cáo “{path.name}”: {reason}", Location(str(path))))
            continue
        units.append(Unit(unit_name(report, path), str(path), report))
        if report.outline and report.outline != outline.id:
            findings.append(warning("rollup-other-outline", f"Báo cáo “{path.name}” theo đề cương “{report.outline}”, không phải “{outline.id}”.",
                                    Location(str(path))))
    units = _distinct_names(units, findings)
    units.sort(key=lambda u: sort_key(u.name))
    aggregates = indicator_table(units)
    for agg in aggregates:
        findings += [*checks(list(agg.values)), *mixed_kinds(agg)]
    return Rollup(outline, tuple(units), tuple(failures), tuple(aggregates), tuple(findings))


def _distinct_names(units: list[Unit], findings: list[Finding]) -> list[Unit]:
    """Two files with the same unit name keep both, told apart by the file name."""
    counts = Counter(u.name for u in units)
    result = []
    for unit in units:
        if counts[unit.name] > 1:
            findings.append(warning("rollup-duplicate-unit", f"Nhiều báo cáo cùng tên đơn vị “{unit.name}”; ghi kèm tên tệp để phân biệt.",
                                    Location(unit.file)))
            unit = Unit(f"{unit.name} ({Path(unit.file).name})", unit.file, unit.report)
        result.append(unit)
    return result


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


def completeness(rollup: Rollup) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per unit (then per unreadable file), one column per outline section."""
    sections = list(rollup.outline.walk())
    header = ["Đơn vị", "Tệp", *[f"{s.ref}. {s.title}" for s in sections], "Số mục thiếu", "Số mục trống", "Ghi chú"]
    rows = []
    for unit in rollup.units:
        statuses = [section_status(s, unit.report) for s in sections]
        missing = sum(st == MISSING and s.required for st, s in zip(statuses, sections, strict=True))
        empty = sum(st == EMPTY for st in statuses)
        rows.append([unit.name, Path(unit.file).name, *[STATUS_VI[st] for st in statuses], str(missing), str(empty), ""])
    for failure in rollup.failures:
        rows.append([failure.name, failure.name, *[""] * len(sections), "", "", f"Không đọc được: {failure.reason}"])
    return header, rows


def indicator_table(units: list[Unit]) -> list[Aggregate]:
    """One aggregate per indicator, in the order indicators first appear."""
    by_key: dict[str, list[UnitValue]] = {}
    for unit in units:
        for indicator in unit.report.indicators:
            by_key.setdefault(indicator_key(indicator), []).append(unit_value(unit.name, unit.file, indicator))
    return [aggregate(key, values) for key, values in by_key.items()]


def main_indicators(rollup: Rollup, limit: int = 4) -> list[Aggregate]:
    """The indicators reported by the most units (ties: first seen)."""
    ranked = sorted(rollup.indicators, key=lambda a: -a.reported)
    return [a for a in ranked if a.reported][:limit]
