"""Drafts in SQLite (WAL): one row per draft and one per saved version of its content YAML.

Every save names the version it was based on; a save based on an older version is refused
(`Conflict`), so two tabs editing one draft never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    outline TEXT NOT NULL,
    version INTEGER NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    content TEXT NOT NULL,
    saved TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (draft_id, version)
);
"""


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


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys=ON")
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def create(self, title: str, outline: str, content: str, note: str = "") -> Draft:
        now = _now()
        with self._transaction() as db:
            cursor = db.execute("INSERT INTO drafts (title, outline, version, created, updated) VALUES (?, ?, 1, ?, ?)",
                                (title, outline, now, now))
            draft_id = int(cursor.lastrowid or 0)
            db.execute("INSERT INTO versions (draft_id, version, content, saved, note) VALUES (?, 1, ?, ?, ?)",
                       (draft_id, content, now, note))
        return Draft(draft_id, title, outline, 1, now, now, content)

    def get(self, draft_id: int) -> Draft | None:
        with self._connect() as db:
            row = db.execute("SELECT d.*, v.content FROM drafts d JOIN versions v ON v.draft_id = d.id AND v.version = d.version "
                             "WHERE d.id = ?", (draft_id,)).fetchone()
        return _draft(row) if row else None

    def drafts(self) -> list[Draft]:
        with self._connect() as db:
            rows = db.execute("SELECT *, '' AS content FROM drafts ORDER BY updated DESC, id DESC").fetchall()
        return [_draft(row) for row in rows]

    def save(self, draft_id: int, base_version: int, title: str, content: str, note: str = "") -> Draft:
        """Store `content` as the next version; refuse when `base_version` is not the latest."""
        with self._transaction() as db:
            row = db.execute("SELECT d.*, v.content FROM drafts d JOIN versions v ON v.draft_id = d.id AND v.version = d.version "
                             "WHERE d.id = ?", (draft_id,)).fetchone()
            if row is None:
                raise KeyError(draft_id)
            current = _draft(row)
            if current.version != base_version:
                raise Conflict(current.version)
            if current.content == content and current.title == title:
                return current
            now, version = _now(), current.version + 1
            db.execute("INSERT INTO versions (draft_id, version, content, saved, note) VALUES (?, ?, ?, ?, ?)",
                       (draft_id, version, content, now, note))
            db.execute("UPDATE drafts SET version = ?, title = ?, updated = ? WHERE id = ?", (version, title, now, draft_id))
        return Draft(draft_id, title, current.outline, version, current.created, now, content)

    def versions(self, draft_id: int) -> list[Version]:
        with self._connect() as db:
            rows = db.execute("SELECT version, saved, note, length(content) AS size FROM versions WHERE draft_id = ? "
                              "ORDER BY version DESC", (draft_id,)).fetchall()
        return [Version(row["version"], row["saved"], row["note"], row["size"]) for row in rows]

    def version(self, draft_id: int, version: int) -> str | None:
        with self._connect() as db:
            row = db.execute("SELECT content FROM versions WHERE draft_id = ? AND version = ?", (draft_id, version)).fetchone()
        return str(row["content"]) if row else None


def _draft(row: sqlite3.Row) -> Draft:
    return Draft(row["id"], row["title"], row["outline"], row["version"], row["created"], row["updated"], row["content"])
