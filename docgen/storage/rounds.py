"""Reporting rounds, each unit's report in a round, and the report's history (transitions, comments, versions)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base
from .outlines import StoredOutline

DRAFT, SUBMITTED, RETURNED, ACCEPTED = "draft", "submitted", "returned", "accepted"
STATUSES = (DRAFT, SUBMITTED, RETURNED, ACCEPTED)


class Round(Base):
    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    outline: Mapped[str] = mapped_column(String(120))
    deadline: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")  # where the units came from, in words
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # an outline imported from a guidance document (docgen.storage.outlines); None: `outline` is a bundled outline's id
    stored_outline_id: Mapped[int | None] = mapped_column(ForeignKey("stored_outlines.id"), nullable=True, default=None)
    stored_outline: Mapped[StoredOutline | None] = relationship()
    reports: Mapped[list[RoundReport]] = relationship(back_populates="round", order_by="RoundReport.id")


class RoundReport(Base):
    """One unit's report in a round: its current content, status and version."""

    __tablename__ = "round_reports"
    __table_args__ = (UniqueConstraint("round_id", "unit_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    unit_code: Mapped[str] = mapped_column(String(40), index=True)
    unit_name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    version: Mapped[int] = mapped_column(Integer, default=1)
    content: Mapped[str] = mapped_column(Text)
    first_submitted: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    round: Mapped[Round] = relationship(back_populates="reports")


class ReportVersion(Base):
    """Every saved content of a report, with who saved it and the id the browser gave the save."""

    __tablename__ = "report_versions"
    __table_args__ = (Index("uq_report_versions_report_id_save_id", "report_id", "save_id", unique=True),)

    report_id: Mapped[int] = mapped_column(ForeignKey("round_reports.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    content: Mapped[str] = mapped_column(Text)
    saved: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    saved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    save_id: Mapped[str | None] = mapped_column(String(64), default=None)


class ReportEvent(Base):
    """A transition of a report's status (submit, return, accept), with who, when, on which version, and the comments."""

    __tablename__ = "report_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("round_reports.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")  # about the whole report


class SectionComment(Base):
    """A reviewer's comment on one section, given when returning a report."""

    __tablename__ = "section_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("report_events.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
