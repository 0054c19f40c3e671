"""The declarative base, engines and sessions shared by every storage module."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

DB_NAME = "docgen.sqlite3"


class Base(DeclarativeBase):
    pass


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back when it raises."""
    with sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
        yield session


def sqlite_url(data_dir: Path) -> str:
    """The embedded default: one SQLite file in the data folder (the web page's drafts live there too)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data_dir / DB_NAME).resolve()}"


class Database:
    """An engine with read and write sessions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session


def open_database(url: str) -> Database:
    """A database with every table in place."""
    from . import accounts, rounds  # noqa: F401  (their tables join Base's metadata)

    engine = make_engine(url)
    Base.metadata.create_all(engine)
    return Database(engine)
