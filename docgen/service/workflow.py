"""A report's life: draft (đang soạn) → submitted (đã nộp) → returned (trả lại, with comments) →
submitted again → accepted (đã duyệt). Every saved version and every transition is kept with who
and when. Submitting is refused while error-level findings remain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import DocgenError, Finding, error, has_errors
from ..core.vietnamese import nfc
from ..storage.accounts import User
from ..storage.rounds import ACCEPTED, DRAFT, RETURNED, SUBMITTED, ReportEvent, ReportVersion, RoundReport, SectionComment
from .documents import findings_of
from .outlines import round_outline
from .permissions import EDIT, REVIEW, report_for

STATUS_VI = {DRAFT: "đang soạn", SUBMITTED: "đã nộp", RETURNED: "trả lại", ACCEPTED: "đã duyệt"}
SUBMIT, RETURN, ACCEPT = "submit", "return", "accept"
ACTION_VI = {SUBMIT: "nộp", RETURN: "trả lại", ACCEPT: "duyệt"}
TRANSITIONS = {(SUBMIT, DRAFT): SUBMITTED, (SUBMIT, RETURNED): SUBMITTED, (RETURN, SUBMITTED): RETURNED, (ACCEPT, SUBMITTED): ACCEPTED}
EDITABLE = (DRAFT, RETURNED)
MAX_COMMENT = 5_000


class Conflict(Exception):
    """The save was based on an older version than the one stored."""

    def __init__(self, current: int) -> None:
        super().__init__(f"stale save: current version is {current}")
        self.current = current


class Refused(Exception):
    """A transition the report's state does not allow, or a submission with errors (the findings say which)."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.findings = findings


def content_name(report: RoundReport) -> str:
    """How findings name a report's content: its unit code, as a file name."""
    return f"{report.unit_code}.yaml"


def save(session: Session, user: User, report_id: int, base_version: int, content: str, now: dt.datetime, note: str = "",
         save_id: str | None = None) -> RoundReport:
    """The next version; refused while the report is submitted or accepted, `Conflict` when `base_version` is stale.
    A save whose `save_id` is already stored (a retry after a lost reply) is acknowledged, not saved twice."""
    report = report_for(session, user, report_id, EDIT)
    if save_id and session.scalar(select(ReportVersion.version).where(ReportVersion.report_id == report_id,
                                                                       ReportVersion.save_id == save_id)) is not None:
        return report
    if report.status not in EDITABLE:
        raise Refused(f"Báo cáo {STATUS_VI[report.status]}; chỉ sửa được khi đang soạn hoặc được trả lại.")
    if report.version != base_version:
        raise Conflict(report.version)
    if report.content == content:
        return report
    report.version += 1
    report.content = content
    report.updated = now
    session.add(ReportVersion(report_id=report.id, version=report.version, content=content, saved=now, saved_by=user.id, note=note,
                              save_id=save_id))
    return report


def submit(session: Session, user: User, report_id: int, now: dt.datetime) -> RoundReport:
    report = report_for(session, user, report_id, EDIT)
    _allowed(report, SUBMIT)
    findings = findings_of(report.content, content_name(report), round_outline(report.round))
    if has_errors(findings):
        errors = tuple(f for f in findings if f.severity.value == "error")
        raise Refused(f"Chưa nộp được: báo cáo còn {len(errors)} lỗi cần sửa.", errors)
    if report.first_submitted is None:
        report.first_submitted = now
    _record(session, report, user, SUBMIT, now)
    return report


def return_report(session: Session, user: User, report_id: int, comment: str, sections: Mapping[str, str], now: dt.datetime) -> RoundReport:
    """Back to the secretary with a comment for the whole report and/or per section (at least one of them)."""
    report = report_for(session, user, report_id, REVIEW)
    _allowed(report, RETURN)
    per_section = {k: nfc(v.strip()) for k, v in sections.items() if v.strip()}
    comment = nfc(comment.strip())
    if not comment and not per_section:
        raise Refused("Khi trả lại, hãy ghi ý kiến cho cả báo cáo hoặc cho ít nhất một mục.")
    if len(comment) > MAX_COMMENT or any(len(v) > MAX_COMMENT for v in per_section.values()):
        raise Refused(f"Mỗi ý kiến dài tối đa {MAX_COMMENT} ký tự.")
    event = _record(session, report, user, RETURN, now, comment)
    session.add_all(SectionComment(event_id=event.id, section=k, text=v) for k, v in per_section.items())
    return report


def accept(session: Session, user: User, report_id: int, now: dt.datetime, comment: str = "") -> RoundReport:
    report = report_for(session, user, report_id, REVIEW)
    _allowed(report, ACCEPT)
    _record(session, report, user, ACCEPT, now, nfc(comment.strip()))
    return report


def _allowed(report: RoundReport, action: str) -> None:
    if (action, report.status) not in TRANSITIONS:
        raise Refused(f"Không thể {ACTION_VI[action]} báo cáo đang ở trạng thái “{STATUS_VI[report.status]}”.")


def _record(session: Session, report: RoundReport, user: User, action: str, now: dt.datetime, comment: str = "") -> ReportEvent:
    before, after = report.status, TRANSITIONS[(action, report.status)]
    report.status = after
    report.updated = now
    event = ReportEvent(report_id=report.id, action=action, from_status=before, to_status=after, version=report.version, at=now,
                        by=user.id, comment=comment)
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class Return:
    """The latest return of a report: its comment for the whole report and per section id."""

    comment: str
    sections: dict[str, str]


def last_return(session: Session, report: RoundReport) -> Return | None:
    event = session.scalar(select(ReportEvent).where(ReportEvent.report_id == report.id, ReportEvent.action == RETURN)
                           .order_by(ReportEvent.id.desc()).limit(1))
    if event is None:
        return None
    comments = session.scalars(select(SectionComment).where(SectionComment.event_id == event.id).order_by(SectionComment.id))
    return Return(event.comment, {c.section: c.text for c in comments})


def events(session: Session, report: RoundReport) -> list[ReportEvent]:
    return list(session.scalars(select(ReportEvent).where(ReportEvent.report_id == report.id).order_by(ReportEvent.id)))


def versions(session: Session, report: RoundReport) -> list[ReportVersion]:
    return list(session.scalars(select(ReportVersion).where(ReportVersion.report_id == report.id).order_by(ReportVersion.version.desc())))


def version_content(session: Session, report: RoundReport, version: int) -> str:
    found = session.get(ReportVersion, (report.id, version))
    if found is None:
        raise DocgenError(error("version-not-found", f"Báo cáo không có phiên bản {version}."))
    return found.content
