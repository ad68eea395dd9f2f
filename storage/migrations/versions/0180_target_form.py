"""targets.form: what kind of goal a target is (reduce_by, reduce_to, increase_by, reach, at_least, at_most)

Revision ID: 0180
Revises: 0170
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0180"
down_revision = "0170"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not a batch copy: SQLite would drop and re-create targets, and the progress reports
# pointing at them would go with it (ON DELETE CASCADE).


def upgrade() -> None:
    op.add_column("targets", sa.Column("form", sa.String(length=20), nullable=True))
    # Old rows knew only a direction. "đạt" is a level to reach; "giảm" with a baseline went from one level to
    # another. A bare "giảm" or "tăng" may be a change by N or a level: left NULL until the plan is imported again.
    op.execute("UPDATE targets SET form = 'reach' WHERE direction = 'đạt'")
    op.execute("UPDATE targets SET form = 'reduce_to' WHERE direction = 'giảm' AND baseline IS NOT NULL")


def downgrade() -> None:
    op.drop_column("targets", "form")
