"""Leases on outbox rows: who is sending a row and until when, so that no two senders send it.

A holder (an OutboxSender pass, or an adapter sending the reply it has just committed) writes its
owner name and an expiry on the rows it takes; only a row whose lease is absent or has run out can
be taken. The holder renews the expiry while it works (bot.lease) and the recorded outcome
(storage.outbox.queue.mark_sent / mark_failed) ends the lease. A holder that dies simply stops renewing:
its rows are taken again once the expiry has passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.outbox.queue import OutboxMessage, lease_free


def hold_new(rows: Iterable[OutboxMessage], owner: str, until: datetime) -> None:
    """Lease rows being queued to the one who queues them (committed with them: no one can take them first)."""
    for row in rows:
        row.lease_owner, row.lease_until = owner, until


async def take(session: AsyncSession, ids: Sequence[int], owner: str, now: datetime, until: datetime) -> list[int]:
    """Lease those of ids that are pending, due and free at now to owner until until; the ids won."""
    due = or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now)
    query = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.status == "pending", due, lease_free(now))
        .values(lease_owner=owner, lease_until=until)
        .returning(OutboxMessage.id)
    )
    return sorted((await session.execute(query)).scalars())


async def renew(session: AsyncSession, ids: Sequence[int], owner: str, until: datetime) -> set[int]:
    """Push owner's lease on ids to until; the ids owner still holds (a row settled meanwhile is not)."""
    if not ids:
        return set()
    query = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.lease_owner == owner, OutboxMessage.status == "pending")
        .values(lease_until=until)
        .returning(OutboxMessage.id)
    )
    return set((await session.execute(query)).scalars())


async def release(session: AsyncSession, ids: Sequence[int], owner: str, next_attempt: datetime) -> None:
    """Give back owner's lease on the pending rows among ids; they are due again at next_attempt."""
    if ids:
        query = update(OutboxMessage).where(
            OutboxMessage.id.in_(ids), OutboxMessage.lease_owner == owner, OutboxMessage.status == "pending"
        )
        await session.execute(query.values(lease_owner=None, lease_until=None, next_attempt_at=next_attempt))
