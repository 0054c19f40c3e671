"""Alembic environment: migrations run on the connection `docgen.storage.migrate` hands over."""

from alembic import context

import docgen.storage  # noqa: F401  (every model module, so the metadata is complete)
from docgen.storage.db import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Migrations are run by docgen itself (docgen.storage.open_database), not by the alembic command.")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
