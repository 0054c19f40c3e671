"""Bring a database to the current schema with the Alembic migrations shipped in `migrations/`.

A database made before migrations existed (the single-file SQLite storage of `docgen serve`,
tables `drafts` and `versions`) is recognised and marked as the first revision, then upgraded
in place like any other: every draft and version is kept.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from .db import Database

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001_drafts"  # the schema of the storage before migrations
_MIGRATION_LOCK = 74_201_212  # PostgreSQL advisory lock: one process migrates at a time


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "v%%(rev)s")  # a new revision: --rev-id 0004_what gives v0004_what.py
    return config


def upgrade(database: Database) -> None:
    config = alembic_config()
    if database.is_sqlite:
        with database.write() as session:  # BEGIN IMMEDIATE: one migrating writer per file
            _upgrade(config, session.connection())
        return
    with database.engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        _upgrade(config, connection)


def _upgrade(config: Config, connection: Connection) -> None:
    config.attributes["connection"] = connection
    tables = set(inspect(connection).get_table_names())
    if "drafts" in tables and "alembic_version" not in tables:
        command.stamp(config, BASELINE)
    command.upgrade(config, "head")


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
