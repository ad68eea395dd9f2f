"""outbox: reply parts in order, their buttons, and the files they send

Revision ID: 0100
Revises: 0090
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0100"
down_revision = "0090"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("choices", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("after_id", sa.Integer(), nullable=True))
    op.create_table(
        "outbox_files",
        sa.Column("outbox_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("mime_type", sa.String(length=120), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("public_name", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["outbox_id"], ["outbox.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("outbox_id"),
        sa.UniqueConstraint("public_name", name="uq_outbox_files_public_name"),
    )


def downgrade() -> None:
    op.drop_table("outbox_files")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("after_id")
        batch_op.drop_column("choices")
