"""reminders: claims and pauses

Revision ID: 0090
Revises: 0085
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0090"
down_revision = "0085"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=300), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref", "step", "kind", "recipient", name="uq_reminder_claims_key"),
    )
    op.create_index("ix_reminder_claims_recipient", "reminder_claims", ["recipient", "claimed_at"])
    op.create_table(
        "reminder_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.String(length=200), nullable=False),
        sa.Column("ref", sa.String(length=300), nullable=True),
        sa.Column("deadline_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reminder_pauses_identity", "reminder_pauses", ["identity"])


def downgrade() -> None:
    op.drop_index("ix_reminder_pauses_identity", table_name="reminder_pauses")
    op.drop_table("reminder_pauses")
    op.drop_index("ix_reminder_claims_recipient", table_name="reminder_claims")
    op.drop_table("reminder_claims")
