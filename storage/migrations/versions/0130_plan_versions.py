"""plan_versions: every import of a plan's document, with its counts and what changed

Revision ID: 0130
Revises: 0120
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0130"
down_revision = "0120"
branch_labels = None
depends_on = None

# Plans imported before this table existed get their current state as version 1.
_BACKFILL = """
INSERT INTO plan_versions (plan_id, version, checksum, source_file, imported_at, sections, targets, duties,
    deadlines, budgets, helpers, added, changed, removed, lost_reports, lost_completions, changes)
SELECT p.id, 1, p.checksum, p.source_file, p.imported_at,
    (SELECT count(*) FROM sections s WHERE s.plan_id = p.id),
    (SELECT count(*) FROM targets t WHERE t.plan_id = p.id AND t.parent_id IS NULL),
    (SELECT count(*) FROM responsibilities r WHERE r.plan_id = p.id),
    (SELECT count(*) FROM deadlines d WHERE d.plan_id = p.id),
    (SELECT count(*) FROM budgets b WHERE b.plan_id = p.id AND b.parent_id IS NULL),
    (SELECT count(*) FROM helper_assignments h WHERE h.plan_id = p.id),
    0, 0, 0, 0, 0, ''
FROM plans p
"""


def upgrade() -> None:
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("source_file", sa.String(length=500), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("sections", "targets", "duties", "deadlines", "budgets", "helpers")
        ),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("added", "changed", "removed", "lost_reports", "lost_completions")
        ),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "version", name="uq_plan_versions_plan_version"),
    )
    op.execute(_BACKFILL)


def downgrade() -> None:
    op.drop_table("plan_versions")
