"""The inbox: every update a channel receives is stored here before the platform is told it arrived.

A channel stores a batch with `store_updates` and only then confirms it (the next getUpdates
offset, or the webhook's HTTP 200); a replay of the same (channel, update id) is ignored. Workers
take rows with `take_heads`: per chat only the oldest pending row, and only when no other worker
holds its lease, so one user's messages are handled one at a time, in the order received. The
lease is about order and liveness only: exactly-once comes from the claim in
storage.inbox.processed, committed with the update's effects. `finish` closes a row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, Text, UniqueConstraint, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, aliased, mapped_column

from storage.models import Base, unleased

PENDING, DONE, FAILED = "pending", "done", "failed"
LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 5  # an update taken this often without being finished (it keeps killing its worker) is given up


class InboxUpdate(Base):
    """One update as the platform sent it, and whether it has been handled."""

    __tablename__ = "inbox_updates"
    __table_args__ = (
        UniqueConstraint("channel", "update_id", name="uq_inbox_updates_channel_update"),
        Index("ix_inbox_updates_heads", "channel", "status", "chat", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the order of receipt
    channel: Mapped[str] = mapped_column(String(20))  # "tg", "zalo"
    update_id: Mapped[str] = mapped_column(String(200))  # Telegram update_id, Zalo message_id
    chat: Mapped[str] = mapped_column(String(200))  # the chat whose order this update keeps ("" if none)
    payload: Mapped[str] = mapped_column(Text)  # the update as JSON
    status: Mapped[str] = mapped_column(String(20), default=PENDING)  # pending | done | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # times a worker took it
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # a worker holds it until then
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def update(self) -> dict[str, Any]:
        """The stored update, decoded."""
        return dict(json.loads(self.payload))


@dataclass(frozen=True)
class Received:
    """An update as a channel adapter hands it over: its id, its chat and its payload."""

    update_id: str
    chat: str
    payload: dict[str, Any]


def _insert(session: AsyncSession):  # type: ignore[no-untyped-def]
    """The dialect's INSERT, which has on_conflict_do_nothing (SQLite and PostgreSQL alike)."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(InboxUpdate)


async def store_updates(session: AsyncSession, channel: str, received: Sequence[Received], now: datetime) -> int:
    """Add the updates not stored yet, in order (the caller commits); how many were new."""
    if not received:
        return 0
    rows = [
        {
            "channel": channel,
            "update_id": item.update_id,
            "chat": item.chat,
            "payload": json.dumps(item.payload, ensure_ascii=False),
            "status": PENDING,
            "attempts": 0,
            "received_at": now,
        }
        for item in received
    ]
    new = 0
    for row in rows:  # one by one: a batch insert does not promise the ids follow the list's order
        stmt = _insert(session).on_conflict_do_nothing(index_elements=["channel", "update_id"])
        result = await session.execute(stmt.returning(InboxUpdate.id), [row])
        new += len(result.all())
    return new


async def take_heads(
    session: AsyncSession, channel: str, now: datetime, limit: int, lease: timedelta = LEASE
) -> list[InboxUpdate]:
    """Lease the oldest pending update of up to limit chats that no worker holds (the caller commits).

    PostgreSQL: rows another transaction is taking are skipped (FOR UPDATE SKIP LOCKED);
    SQLite: the transaction holds the write lock from its start, so takers run one at a time.
    """
    earlier = aliased(InboxUpdate)
    waits = exists().where(
        earlier.channel == InboxUpdate.channel,
        earlier.chat == InboxUpdate.chat,
        earlier.status == PENDING,
        earlier.id < InboxUpdate.id,
    )
    query = (
        select(InboxUpdate)
        .where(InboxUpdate.channel == channel, InboxUpdate.status == PENDING, ~waits)
        .where(unleased(InboxUpdate.lease_until, now))
        .order_by(InboxUpdate.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=InboxUpdate)
    )
    rows = list((await session.execute(query)).scalars())
    for row in rows:
        row.lease_until = now + lease
        row.attempts += 1
    await session.flush()
    return rows


async def finish(session: AsyncSession, row_id: int, now: datetime, status: str = DONE) -> None:
    """Close a pending update as done or failed; its chat's next update becomes takeable (the caller commits)."""
    stmt = (
        update(InboxUpdate)
        .where(InboxUpdate.id == row_id, InboxUpdate.status == PENDING)
        .values(status=status, finished_at=now, lease_until=None)
    )
    await session.execute(stmt)


async def pending_count(session: AsyncSession, channel: str | None = None) -> int:
    """How many stored updates still wait to be handled."""
    query = select(InboxUpdate.id).where(InboxUpdate.status == PENDING)
    if channel is not None:
        query = query.where(InboxUpdate.channel == channel)
    return len((await session.execute(query)).all())
