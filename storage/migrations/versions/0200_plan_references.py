"""plan_references: the documents a plan is based on, and the plan an appendix belongs to; plans.issuer_kind

Revision ID: 0200
Revises: 0170
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0200"
down_revision = "0190"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy: SQLite would re-create plans and cascade-delete their facts).
    op.add_column("plans", sa.Column("issuer_kind", sa.String(length=40), nullable=True))
    # Plans already stored get their references and issuer kind when they are imported again.
    op.create_table(
        "plan_references",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("number", sa.String(length=80), nullable=True),
        sa.Column("number_key", sa.String(length=80), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=True),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_references_plan_id", "plan_references", ["plan_id"])
    op.create_index("ix_plan_references_number", "plan_references", ["number_key"])


def downgrade() -> None:
    op.drop_index("ix_plan_references_number", table_name="plan_references")
    op.drop_index("ix_plan_references_plan_id", table_name="plan_references")
    op.drop_table("plan_references")
    op.drop_column("plans", "issuer_kind")
