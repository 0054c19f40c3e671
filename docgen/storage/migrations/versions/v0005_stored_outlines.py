"""Outlines imported from a guidance document and reviewed in the web page; a round may use one instead of a bundled outline.

Revision ID: 0005_stored_outlines
Revises: 0004_report_save_ids
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_stored_outlines"
down_revision = "0004_report_save_ids"
branch_labels = None
depends_on = None

_FK = "fk_rounds_stored_outline_id_stored_outlines"


def upgrade() -> None:
    op.create_table("stored_outlines",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("outline_id", sa.String(length=120), nullable=False),
    sa.Column("name", sa.String(length=300), nullable=False),
    sa.Column("source_name", sa.String(length=300), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_stored_outlines_created_by_users"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_outlines"))
    )
    # a plain ADD COLUMN, never a batch copy of `rounds`: on SQLite the copy drops the old table, and with foreign keys on
    # that deletes every report of every round (ON DELETE CASCADE); SQLite takes the named reference inside ADD COLUMN
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE rounds ADD COLUMN stored_outline_id INTEGER CONSTRAINT {_FK} REFERENCES stored_outlines (id)")
    else:
        op.add_column("rounds", sa.Column("stored_outline_id", sa.Integer(), nullable=True))
        op.create_foreign_key(_FK, "rounds", "stored_outlines", ["stored_outline_id"], ["id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot drop a column that references another table, and a batch copy would delete the reports (see upgrade):
        # the column stays, empty, and is ignored by the previous revision's code
        op.execute("UPDATE rounds SET stored_outline_id = NULL")
    else:
        op.drop_constraint(_FK, "rounds", type_="foreignkey")
        op.drop_column("rounds", "stored_outline_id")
    op.drop_table("stored_outlines")
