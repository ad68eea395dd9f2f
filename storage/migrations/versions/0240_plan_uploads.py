"""plan_uploads: plan files sent in chat, kept from the preview to the confirmation and afterwards

Revision ID: 0240
Revises: 0170
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0240"
down_revision = "0210"
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    op.create_table(
        "plan_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.String(length=200), nullable=False),
        sa.Column("sender_name", sa.String(length=200), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("ocr_text", sa.Text(), nullable=True),
        sa.Column("ocr", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("preview", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_uploads_plan", "plan_uploads", ["plan_id"])
    op.create_index(
        "uq_plan_uploads_pending",
        "plan_uploads",
        ["identity"],
        unique=True,
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )


def downgrade() -> None:
    op.drop_index("uq_plan_uploads_pending", table_name="plan_uploads")
    op.drop_index("ix_plan_uploads_plan", table_name="plan_uploads")
    op.drop_table("plan_uploads")
