"""responsibilities.requested: a duty the plan asks of a body it cannot order ("Đề nghị ...", "Khuyến khích ...")

Revision ID: 0210
Revises: 0170
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0210"
down_revision = "0200"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not a batch copy: SQLite would drop and re-create the table and lose nothing here, but the
# house rule keeps every schema change a plain add.


def upgrade() -> None:
    op.add_column(
        "responsibilities",
        sa.Column("requested", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("responsibilities", "requested")
