"""Each version may keep the id the browser gave its save, so that a retried save is recognised.

Revision ID: 0002_save_ids
Revises: 0001_drafts
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_save_ids"
down_revision = "0001_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("versions", sa.Column("save_id", sa.String(64), nullable=True))
    op.create_index("uq_versions_draft_id_save_id", "versions", ["draft_id", "save_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_versions_draft_id_save_id", table_name="versions")
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("save_id")
