"""group_links (a group chat linked to a unit) and at most one pending registration request per person

Revision ID: 0160
Revises: 0150
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0160"
down_revision = "0150"
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    op.create_table(
        "group_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("linked_by", sa.String(length=200), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat"),
    )
    # Older pending duplicates (a race could leave them) are marked replaced, keeping the newest.
    op.execute(
        "UPDATE registration_requests SET status = 'replaced' WHERE status = 'pending' AND id < "
        "(SELECT MAX(r.id) FROM registration_requests r WHERE r.identity = registration_requests.identity "
        "AND r.status = 'pending')"
    )
    op.create_index(
        "uq_registration_requests_pending",
        "registration_requests",
        ["identity"],
        unique=True,
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )


def downgrade() -> None:
    op.drop_index("uq_registration_requests_pending", table_name="registration_requests")
    op.drop_table("group_links")
