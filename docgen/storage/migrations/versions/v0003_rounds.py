"""Accounts, reporting rounds, their reports, versions, transitions and comments (docgen.storage.accounts, .rounds).

Revision ID: 0003_rounds
Revises: 0002_save_ids
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_rounds"
down_revision = "0002_save_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("sign_in_attempts",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("username", sa.String(length=80), nullable=False),
    sa.Column("address", sa.String(length=64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempts"))
    )
    with op.batch_alter_table("sign_in_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_sign_in_attempts_address_at", ["address", "at"], unique=False)
        batch_op.create_index("ix_sign_in_attempts_username_at", ["username", "at"], unique=False)

    op.create_table("users",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("username", sa.String(length=80), nullable=False),
    sa.Column("display_name", sa.String(length=200), nullable=False),
    sa.Column("role", sa.String(length=20), nullable=False),
    sa.Column("unit_code", sa.String(length=40), nullable=False),
    sa.Column("password_hash", sa.String(length=300), nullable=False),
    sa.Column("must_change_password", sa.Boolean(), nullable=False),
    sa.Column("session_epoch", sa.Integer(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    sa.UniqueConstraint("username", name=op.f("uq_users_username"))
    )
    op.create_table("rounds",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("title", sa.String(length=300), nullable=False),
    sa.Column("outline", sa.String(length=120), nullable=False),
    sa.Column("deadline", sa.Date(), nullable=False),
    sa.Column("source", sa.String(length=300), nullable=False),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_rounds_created_by_users"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds"))
    )
    op.create_table("round_reports",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("round_id", sa.Integer(), nullable=False),
    sa.Column("unit_code", sa.String(length=40), nullable=False),
    sa.Column("unit_name", sa.String(length=200), nullable=False),
    sa.Column("district", sa.String(length=200), nullable=False),
    sa.Column("status", sa.String(length=20), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("content", sa.Text(), nullable=False),
    sa.Column("first_submitted", sa.DateTime(timezone=True), nullable=True),
    sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_round_reports_round_id_rounds"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_round_reports")),
    sa.UniqueConstraint("round_id", "unit_code", name=op.f("uq_round_reports_round_id_unit_code"))
    )
    with op.batch_alter_table("round_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_reports_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_round_reports_unit_code"), ["unit_code"], unique=False)

    op.create_table("round_reviewers",
    sa.Column("round_id", sa.Integer(), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_round_reviewers_round_id_rounds"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_round_reviewers_user_id_users"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("round_id", "user_id", name=op.f("pk_round_reviewers"))
    )
    op.create_table("report_events",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("action", sa.String(length=20), nullable=False),
    sa.Column("from_status", sa.String(length=20), nullable=False),
    sa.Column("to_status", sa.String(length=20), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("by", sa.Integer(), nullable=True),
    sa.Column("comment", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["by"], ["users.id"], name=op.f("fk_report_events_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["report_id"], ["round_reports.id"], name=op.f("fk_report_events_report_id_round_reports"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_report_events"))
    )
    with op.batch_alter_table("report_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_events_report_id"), ["report_id"], unique=False)

    op.create_table("report_versions",
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("content", sa.Text(), nullable=False),
    sa.Column("saved", sa.DateTime(timezone=True), nullable=False),
    sa.Column("saved_by", sa.Integer(), nullable=True),
    sa.Column("note", sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(["report_id"], ["round_reports.id"], name=op.f("fk_report_versions_report_id_round_reports"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["saved_by"], ["users.id"], name=op.f("fk_report_versions_saved_by_users"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("report_id", "version", name=op.f("pk_report_versions"))
    )
    op.create_table("section_comments",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("event_id", sa.Integer(), nullable=False),
    sa.Column("section", sa.String(length=120), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["event_id"], ["report_events.id"], name=op.f("fk_section_comments_event_id_report_events"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_section_comments"))
    )
    with op.batch_alter_table("section_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_section_comments_event_id"), ["event_id"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("section_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_section_comments_event_id"))

    op.drop_table("section_comments")
    op.drop_table("report_versions")
    with op.batch_alter_table("report_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_events_report_id"))

    op.drop_table("report_events")
    op.drop_table("round_reviewers")
    with op.batch_alter_table("round_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_reports_unit_code"))
        batch_op.drop_index(batch_op.f("ix_round_reports_round_id"))

    op.drop_table("round_reports")
    op.drop_table("rounds")
    op.drop_table("users")
    with op.batch_alter_table("sign_in_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_sign_in_attempts_username_at")
        batch_op.drop_index("ix_sign_in_attempts_address_at")

    op.drop_table("sign_in_attempts")
