"""The database connection: `Base` for every model, and `Database`, which hands out read and
write sessions on SQLite (the default, a file) or PostgreSQL (a URL).

SQLite allows one writer at a time. Writers here take the write lock at the start of their
transaction (BEGIN IMMEDIATE) behind a lock of this process, wait up to `BUSY_TIMEOUT_MS` for
another process, and are retried with backoff if SQLite still reports the database locked, so
a request never fails with "database is locked". PostgreSQL runs each write in its own
transaction; rows a writer updates are locked with SELECT … FOR UPDATE by the store.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from ..core import budget
from ..core.errors import DocgenError, error

log = logging.getLogger(__name__)
DB_NAME = "docgen.sqlite3"
BUSY_TIMEOUT_MS = 30_000
WRITE_ATTEMPTS = 8
MAX_ID = 2**31 - 1  # ids are 32-bit on every backend; a larger number names no row
_WRITE_OPTION = "docgen_write"

# Named constraints, so that migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def valid_id(number: int) -> bool:
    return 1 <= number <= MAX_ID


def sqlite_url(data_dir: Path) -> str:
    """The embedded default: the SQLite file docgen.sqlite3 in the data folder."""
    return URL.create("sqlite+pysqlite", database=str((data_dir / DB_NAME).resolve())).render_as_string()


class Database:
    """An engine with the session helpers every store uses."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writer_sessions = sessionmaker(engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False)
        self._write_lock = threading.Lock()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, committed at the end of the block, rolled back on an exception or
        when the work's time budget (core.budget) ran out before the commit. Once committed, the work
        is no longer stopped by its budget: what was written is answered."""
        if not self.is_sqlite:
            with self._writer_sessions() as session, session.begin():
                yield session
                budget.check()
        else:
            with self._write_lock, self._writer_sessions() as session, session.begin():
                yield session
                budget.check()
        budget.stop()

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back when it raises. On SQLite it
    takes the write lock at its start (BEGIN IMMEDIATE), waiting for another writer rather than
    failing when a read turns into a write."""
    writer = engine.execution_options(**{_WRITE_OPTION: True})
    with sessionmaker(writer, expire_on_commit=False)() as session, session.begin():
        yield session


def run_write(database: Database, work: Any) -> Any:
    """`work(session)` in a write transaction, retried with backoff while SQLite reports a lock
    held by another process beyond the busy timeout (a single process never meets it)."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            with database.write() as session:
                return work(session)
        except OperationalError as exc:
            if not (database.is_sqlite and _is_locked(exc)) or attempt == WRITE_ATTEMPTS - 1:
                raise
            delay = min(2.0, 0.05 * 2**attempt) * (0.5 + random.random())
            log.warning("database locked, retrying in %.2f s", delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def _is_locked(exc: OperationalError) -> bool:
    return "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """The database at `url` (sqlite:///path or postgresql://…), upgraded to the current schema."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DocgenError(error("bad-database-url", f"Địa chỉ cơ sở dữ liệu không hợp lệ: “{url}”.")) from None
    database = Database(make_engine(parsed))
    if migrate:
        from .migrate import upgrade

        try:
            upgrade(database)
        except OperationalError as exc:
            database.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise DocgenError(error("database-unavailable", f"Không mở được cơ sở dữ liệu “{parsed.render_as_string()}”: {reason}")) from None
    return database


def make_engine(url: URL | str) -> Engine:
    """An engine on SQLite (WAL, busy timeout, write transactions begun IMMEDIATE) or PostgreSQL
    (psycopg 3), without touching the schema; `open_database` is what the programs use."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=True)
    raise DocgenError(error("bad-database-url", f"Chỉ hỗ trợ SQLite (sqlite:///…) và PostgreSQL (postgresql://…), không hỗ trợ “{parsed.drivername}”."))


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url.set(drivername="sqlite+pysqlite"), connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions begun below, not by the driver
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
