"""Persistent data of the web service: one schema through SQLAlchemy, kept current by Alembic.

`open_database(url)` opens (and upgrades) a SQLite file or a PostgreSQL database; the models
live in modules beside this one, each table's module importing `Base` from `db`.
"""

from .db import Base, Database, open_database, sqlite_url
from .drafts import Conflict, Draft, DraftStore, Version

__all__ = ["Base", "Conflict", "Database", "Draft", "DraftStore", "Version", "open_database", "sqlite_url"]
