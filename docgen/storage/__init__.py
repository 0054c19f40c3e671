"""Persistent storage: SQLAlchemy models and sessions (SQLite by default, PostgreSQL by URL)."""
