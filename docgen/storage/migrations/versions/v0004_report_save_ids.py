"""A report's versions keep the id the browser gave each save, as drafts do, so a retried save is recognised.

Revision ID: 0004_report_save_ids
Revises: 0003_rounds
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_report_save_ids"
down_revision = "0003_rounds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("report_versions", sa.Column("save_id", sa.String(64), nullable=True))
    op.create_index("uq_report_versions_report_id_save_id", "report_versions", ["report_id", "save_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_report_versions_report_id_save_id", table_name="report_versions")
    with op.batch_alter_table("report_versions") as batch:
        batch.drop_column("save_id")
