"""Who may do what, checked here and nowhere else.

Administrator: everything. Reviewer: reads and judges every report of the rounds assigned to
them. Secretary: reads and edits her own unit's reports only. Anything an account may not see is
`NotFound` (a 404 on the web): a secretary who changes an id in a URL learns nothing, not even
that the report exists.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..storage.accounts import ADMIN, REVIEWER, SECRETARY, RoundReviewer, User
from ..storage.rounds import Round, RoundReport

READ, EDIT, REVIEW = "read", "edit", "review"  # what is done to a report
VIEW_ROUND, MANAGE = "view-round", "manage"  # what is done to a round (dashboard, exports) or to the whole system

# (role, action) -> whose objects: "all", "assigned" (a reviewer's rounds) or "own-unit" (a secretary's unit)
SCOPES: dict[tuple[str, str], str] = {
    (ADMIN, READ): "all", (ADMIN, REVIEW): "all", (ADMIN, VIEW_ROUND): "all", (ADMIN, MANAGE): "all",
    (REVIEWER, READ): "assigned", (REVIEWER, REVIEW): "assigned", (REVIEWER, VIEW_ROUND): "assigned",
    (SECRETARY, READ): "own-unit", (SECRETARY, EDIT): "own-unit",
}


class NotFound(Exception):
    """Absent, or not this account's to see: the two are never told apart."""


def may(user: User, action: str) -> bool:
    return (user.role, action) in SCOPES


def require(user: User, action: str) -> None:
    if not may(user, action):
        raise NotFound(action)


def _assigned(session: Session, user: User, round_id: int) -> bool:
    return session.get(RoundReviewer, (round_id, user.id)) is not None


def _allowed(session: Session, user: User, action: str, round_id: int, unit_code: str | None) -> bool:
    scope = SCOPES.get((user.role, action))
    if scope == "all":
        return True
    if scope == "assigned":
        return _assigned(session, user, round_id)
    return scope == "own-unit" and unit_code is not None and unit_code == user.unit_code


def report_for(session: Session, user: User, report_id: int, action: str) -> RoundReport:
    report = session.get(RoundReport, report_id)
    if report is None or not _allowed(session, user, action, report.round_id, report.unit_code):
        raise NotFound(report_id)
    return report


def round_for(session: Session, user: User, round_id: int, action: str = VIEW_ROUND) -> Round:
    found = session.get(Round, round_id)
    if found is None or not _allowed(session, user, action, round_id, None):
        raise NotFound(round_id)
    return found


def visible_rounds(session: Session, user: User) -> list[Round]:
    """Rounds an account sees in its list: all, the assigned ones, or those asking a report of her unit."""
    query = select(Round).order_by(Round.deadline.desc(), Round.id.desc())
    if user.role == REVIEWER:
        query = query.join(RoundReviewer, RoundReviewer.round_id == Round.id).where(RoundReviewer.user_id == user.id)
    elif user.role == SECRETARY:
        query = query.join(RoundReport, RoundReport.round_id == Round.id).where(RoundReport.unit_code == user.unit_code)
    return list(session.scalars(query))


def own_reports(session: Session, user: User) -> list[RoundReport]:
    """A secretary's reports, newest round first."""
    if user.role != SECRETARY:
        return []
    query = select(RoundReport).join(Round).where(RoundReport.unit_code == user.unit_code).order_by(Round.deadline.desc())
    return list(session.scalars(query))
