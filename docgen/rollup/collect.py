"""Roll-up for the level above: read every unit's report in a folder, see who is complete,
put the indicators side by side, and gather a draft report in the same outline.

Units are content files (.yaml) and, through the reader of hand-written documents, .docx,
.pdf and .txt files (.doc, .odt, .rtf through LibreOffice): every kind `docgen check` reads. A
file that cannot be read becomes a `Failure` with its reason: it is listed in the
completeness table and reported as a finding, never skipped silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..content.report import Report, load_report
from ..core.errors import DocgenError, Finding, Location, error, warning
from ..core.parallel import ordered_results
from ..core.vietnamese import sort_key
from ..outline.model import Outline
from ..read.documents import READABLE_SUFFIXES, is_document
from .completeness import Entry, completeness_table, unit_name, unreadable_note
from .indicators import Aggregate, UnitValue, aggregate, checks, indicator_key, mixed_kinds, unit_value

UNIT_SUFFIXES = READABLE_SUFFIXES  # every kind `docgen check` reads


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
        raise DocgenError(error("rollup-no-units", f"Thư mục “{folder}” không có báo cáo nào ({', '.join(UNIT_SUFFIXES)}).", Location(str(folder))))
    return files


def read_unit(path: Path, outline: Outline) -> Report:
    if is_document(path):
        from ..read.docreport import read_report  # the reader of hand-written reports (.docx, .pdf, .txt…)

        return read_report(path, outline).report
    return load_report(path)


def read_or_reason(outline: Outline, path: Path) -> Report | str:
    """A unit's report, or why it cannot be read."""
    try:
        return read_unit(path, outline)
    except DocgenError as exc:
        return "; ".join(f.message for f in exc.findings)


def collect(folder: Path, outline: Outline, jobs: int | None = 1, done: Callable[[], None] | None = None) -> Rollup:
    """Every unit of `folder`, read in `jobs` processes (None: one per core); `done()` after each file."""
    units: list[Unit] = []
    failures: list[Failure] = []
    findings: list[Finding] = []
    files = unit_files(folder)
    for path, report in zip(files, ordered_results(partial(read_or_reason, outline), files, jobs, done), strict=True):
        if isinstance(report, str):
            reason = report
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


def completeness(rollup: Rollup) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per unit (then per unreadable file), one column per outline section."""
    entries = [Entry(u.name, Path(u.file).name, u.report) for u in rollup.units]
    entries += [Entry(f.name, f.name, None, unreadable_note(f.reason)) for f in rollup.failures]
    return completeness_table(rollup.outline, entries)


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
