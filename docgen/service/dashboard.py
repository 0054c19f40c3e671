"""The reviewer's view of a round, as DHIS2 reports a data set: expected, submitted, on time, late,
returned, accepted (counts and rates), the units × status table in Vietnamese order, and the
completeness matrix units × sections that `docgen check --table` and `docgen rollup` make."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..content.report import Report, parse_report
from ..core.errors import DocgenError
from ..core.vietnamese import format_number, sort_key, strip_marks
from ..rollup.completeness import Entry, completeness_table, unreadable_note
from ..storage.rounds import ACCEPTED, RETURNED, STATUSES, SUBMITTED, Round, RoundReport
from .clock import aware, deadline_end, local_text
from .outlines import round_outline
from .workflow import STATUS_VI, content_name

ON_TIME, LATE = "on-time", "late"
TIMELINESS_VI = {ON_TIME: "đúng hạn", LATE: "trễ hạn"}
SORTS = ("unit", "status", "submitted")


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    rate: str  # "66,7 %" of the expected reports; "" for the expected count itself


@dataclass(frozen=True)
class Row:
    report_id: int
    unit_code: str
    unit_name: str
    district: str
    status: str
    status_vi: str
    submitted: str  # first submission, Vietnam time
    timeliness: str  # ON_TIME, LATE or ""


def timeliness(report: RoundReport, deadline: dt.date) -> str:
    if report.first_submitted is None:
        return ""
    return ON_TIME if aware(report.first_submitted) < deadline_end(deadline) else LATE


def counts(owner: Round) -> list[Count]:
    reports = owner.reports
    expected = len(reports)
    timely = [timeliness(r, owner.deadline) for r in reports]
    figures = [
        ("Dự kiến", expected),
        ("Đã nộp", sum(r.first_submitted is not None for r in reports)),
        ("Đúng hạn", timely.count(ON_TIME)),
        ("Trễ hạn", timely.count(LATE)),
        ("Đang trả lại", sum(r.status == RETURNED for r in reports)),
        ("Đã duyệt", sum(r.status == ACCEPTED for r in reports)),
        ("Chờ duyệt", sum(r.status == SUBMITTED for r in reports)),
    ]
    return [Count(label, count, _rate(count, expected) if i else "") for i, (label, count) in enumerate(figures)]


def _rate(count: int, expected: int) -> str:
    return f"{format_number(round(100 * count / expected, 1))} %" if expected else "–"


def rows(owner: Round, status: str = "", search: str = "", sort: str = "unit") -> list[Row]:
    """The units of a round, filtered by status and by words of the unit's name or place, sorted in Vietnamese order."""
    found = [_row(r, owner.deadline) for r in owner.reports if (not status or r.status == status)]
    if search.strip():
        found = [r for r in found if _contains(r, search)]
    found.sort(key=lambda r: sort_key(r.unit_name))
    if sort == "status":
        found.sort(key=lambda r: STATUSES.index(r.status))
    elif sort == "submitted":
        found.sort(key=lambda r: (r.submitted == "", r.submitted))
    return found


def _contains(row: Row, search: str) -> bool:
    needle = strip_marks(search.strip()).casefold()
    return needle in strip_marks(f"{row.unit_name} {row.district} {row.unit_code}").casefold()


def _row(report: RoundReport, deadline: dt.date) -> Row:
    return Row(report.id, report.unit_code, report.unit_name, report.district, report.status, STATUS_VI[report.status],
               local_text(report.first_submitted), timeliness(report, deadline))


def _report(report: RoundReport) -> Report | None:
    try:
        return parse_report(report.content, content_name(report))
    except DocgenError:
        return None


def completeness(session: Session, owner: Round, reports: list[RoundReport] | None = None) -> tuple[list[str], list[list[str]]]:
    """Units × sections (có / trống / thiếu / đổi tên), units in Vietnamese order, with each report's status."""
    chosen = sorted(owner.reports if reports is None else reports, key=lambda r: sort_key(r.unit_name))
    entries = []
    for report in chosen:
        parsed = _report(report)
        note = "" if parsed else unreadable_note("nội dung không đọc được")
        entries.append(Entry(report.unit_name, content_name(report), parsed, note, (STATUS_VI[report.status],)))
    return completeness_table(round_outline(owner), entries, ("Trạng thái",))
