"""plans.period_start and plans.period_end: the first and last year a plan covers (its title, else its issue year)

Revision ID: 0170
Revises: 0160
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0170"
down_revision = "0160"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not a batch copy: SQLite would drop and re-create plans, and its targets, duties and
# deadlines would go with it (ON DELETE CASCADE).


def upgrade() -> None:
    op.add_column("plans", sa.Column("period_start", sa.Integer(), nullable=True))
    op.add_column("plans", sa.Column("period_end", sa.Integer(), nullable=True))
    # A plan stored before knew one year: it covered that year.
    op.execute("UPDATE plans SET period_start = year, period_end = year WHERE year IS NOT NULL")


def downgrade() -> None:
    op.drop_column("plans", "period_end")
    op.drop_column("plans", "period_start")
