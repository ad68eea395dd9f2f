"""inbox_updates: every received update, stored before it is acknowledged, until it is handled

Revision ID: 0140
Revises: 0130
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0140"
down_revision = "0130"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("update_id", sa.String(length=200), nullable=False),
        sa.Column("chat", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "update_id", name="uq_inbox_updates_channel_update"),
    )
    op.create_index("ix_inbox_updates_heads", "inbox_updates", ["channel", "status", "chat", "id"])


def downgrade() -> None:
    op.drop_index("ix_inbox_updates_heads", table_name="inbox_updates")
    op.drop_table("inbox_updates")
