"""Persistent data of the web service: one schema through SQLAlchemy, kept current by Alembic.

`open_database(url)` opens (and upgrades) a SQLite file or a PostgreSQL database; the models
live in modules beside this one, each table's module importing `Base` from `db` and imported
here. A new or changed table needs a new revision in `migrations/versions/` (on top of the
latest): the schema is made by the migrations, never by `create_all`.
"""

from . import accounts, outlines, rounds  # noqa: F401  (their tables join Base's metadata)
from .db import Base, Database, open_database, session_scope, sqlite_url
from .drafts import Conflict, Draft, DraftStore, Version

__all__ = ["Base", "Conflict", "Database", "Draft", "DraftStore", "Version", "open_database", "session_scope", "sqlite_url"]
