"""funding_sources: the sources of money a plan names without an amount (kinh phí từ ngân sách tỉnh, xã hội hóa ...)

Revision ID: 0190
Revises: 0170
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0190"
down_revision = "0180"
branch_labels = None
depends_on = None


# A new table: the budgets table is left as it is (a batch copy of it on SQLite would cascade-delete its parts).


def upgrade() -> None:
    op.create_table(
        "funding_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["section_id"], ["sections.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_funding_sources_plan_id", "funding_sources", ["plan_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_funding_sources_plan_id", table_name="funding_sources")
    op.drop_table("funding_sources")
