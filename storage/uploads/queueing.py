"""Many messages queued at once under their keys (notices of a plan, an announcement): one statement per
chunk, a key already queued is skipped, so a national plan's notices cost seconds, not minutes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.outbox.queue import OutboxMessage
from storage.reminders.schedule import to_local

CHUNK = 2000


class Queued(NamedTuple):
    """One message to queue: to whom, what, under which key."""

    recipient: str
    text: str
    key: str


async def queue_keyed(session: AsyncSession, messages: Sequence[Queued], kind: str, now: datetime) -> int:
    """Queue the messages (pending, due now); how many were new (a key queued before is left as it was)."""
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(OutboxMessage)
    statement = insert.on_conflict_do_nothing(index_elements=["key"]).returning(OutboxMessage.id)
    local, queued = to_local(now), 0
    for start in range(0, len(messages), CHUNK):
        rows = [
            {
                "recipient": m.recipient,
                "text": m.text,
                "kind": kind,
                "key": m.key,
                "status": "pending",
                "attempts": 0,
                "created_at": local,
                "next_attempt_at": local,
            }
            for m in messages[start : start + CHUNK]
        ]
        queued += len((await session.execute(statement, rows)).all())
    return queued
