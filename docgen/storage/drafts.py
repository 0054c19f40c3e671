"""Drafts of the web page: one row per draft, one per saved version of its content YAML.

Every save names the version it was based on; a save based on an older version is refused
(`Conflict`), so two tabs editing one draft never silently overwrite each other. A save may
carry an id made by the browser: the same save sent again (its reply was lost) is recognised
and acknowledged with the version it made, never taken for a conflict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ForeignKey, Index, Integer, String, Text, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column

from .db import Base, Database, run_write, valid_id

SAVE_ID_LENGTH = 64


class DraftRecord(Base):
    __tablename__ = "drafts"
    __table_args__ = {"sqlite_autoincrement": True}  # ids of deleted drafts are never given again

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    outline: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    created: Mapped[str] = mapped_column(Text)  # ISO 8601, UTC
    updated: Mapped[str] = mapped_column(Text)


class VersionRecord(Base):
    __tablename__ = "versions"
    __table_args__ = (Index("uq_versions_draft_id_save_id", "draft_id", "save_id", unique=True),)

    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    content: Mapped[str] = mapped_column(Text)
    saved: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    save_id: Mapped[str | None] = mapped_column(String(SAVE_ID_LENGTH), default=None)


@dataclass(frozen=True)
class Draft:
    id: int
    title: str
    outline: str
    version: int
    created: str
    updated: str
    content: str = ""


@dataclass(frozen=True)
class Version:
    version: int
    saved: str
    note: str
    size: int


class Conflict(Exception):
    """The save was based on an older version than the one stored."""

    def __init__(self, current: int) -> None:
        super().__init__(f"stale save: current version is {current}")
        self.current = current


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _draft(record: DraftRecord, content: str = "", version: int | None = None) -> Draft:
    return Draft(record.id, record.title, record.outline, record.version if version is None else version,
                 record.created, record.updated, content)


class DraftStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    def create(self, title: str, outline: str, content: str, note: str = "") -> Draft:
        def work(session: Session) -> Draft:
            now = _now()
            record = DraftRecord(title=title, outline=outline, version=1, created=now, updated=now)
            session.add(record)
            session.flush()
            session.add(VersionRecord(draft_id=record.id, version=1, content=content, saved=now, note=note))
            return _draft(record, content)

        result: Draft = run_write(self.database, work)
        return result

    def get(self, draft_id: int) -> Draft | None:
        if not valid_id(draft_id):
            return None
        with self.database.read() as session:
            record = session.get(DraftRecord, draft_id)
            return _draft(record, _content(session, draft_id, record.version)) if record else None

    def drafts(self) -> list[Draft]:
        with self.database.read() as session:
            records = session.scalars(select(DraftRecord).order_by(DraftRecord.updated.desc(), DraftRecord.id.desc()))
            return [_draft(record) for record in records]

    def save(self, draft_id: int, base_version: int, title: str, content: str, note: str = "", save_id: str | None = None) -> Draft:
        """Store `content` as the next version; refuse when `base_version` is not the latest, unless
        `save_id` names a save already stored (then that save's version is returned)."""
        if not valid_id(draft_id):
            raise KeyError(draft_id)

        def work(session: Session) -> Draft:
            record = session.scalars(select(DraftRecord).where(DraftRecord.id == draft_id).with_for_update()).one_or_none()
            if record is None:
                raise KeyError(draft_id)
            landed = _landed(session, draft_id, save_id)
            if landed is not None:
                return _draft(record, landed.content, landed.version)
            if record.version != base_version:
                raise Conflict(record.version)
            current = _content(session, draft_id, record.version)
            if current == content and record.title == title:
                return _draft(record, content)
            now = _now()
            record.version, record.title, record.updated = record.version + 1, title, now
            session.add(VersionRecord(draft_id=draft_id, version=record.version, content=content, saved=now, note=note, save_id=save_id))
            return _draft(record, content)

        result: Draft = run_write(self.database, work)
        return result

    def ping(self) -> bool:
        """Whether the database answers a query now."""
        try:
            with self.database.read() as session:
                session.execute(select(func.count()).select_from(DraftRecord).where(DraftRecord.id == 0))
        except SQLAlchemyError:
            return False
        return True

    def versions(self, draft_id: int) -> list[Version]:
        query = (select(VersionRecord.version, VersionRecord.saved, VersionRecord.note, func.length(VersionRecord.content))
                 .where(VersionRecord.draft_id == draft_id).order_by(VersionRecord.version.desc()))
        if not valid_id(draft_id):
            return []
        with self.database.read() as session:
            return [Version(version, saved, note, size) for version, saved, note, size in session.execute(query)]

    def version(self, draft_id: int, version: int) -> str | None:
        if not (valid_id(draft_id) and valid_id(version)):
            return None
        with self.database.read() as session:
            record = session.get(VersionRecord, (draft_id, version))
            return record.content if record else None


def _content(session: Session, draft_id: int, version: int) -> str:
    return session.scalars(select(VersionRecord.content).where(VersionRecord.draft_id == draft_id, VersionRecord.version == version)).one()


def _landed(session: Session, draft_id: int, save_id: str | None) -> VersionRecord | None:
    if not save_id:
        return None
    return session.scalars(select(VersionRecord).where(VersionRecord.draft_id == draft_id, VersionRecord.save_id == save_id)).one_or_none()
