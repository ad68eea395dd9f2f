"""Announcements a manager sends to the registered staff below them: kept from preview to confirmation,
queued through the outbox once per person, and recorded (who, when, to how many, how many delivered)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base
from storage.outbox.queue import OutboxMessage
from storage.reminders.obligors import load_tree
from storage.uploads.notices import members
from storage.uploads.queueing import Queued, queue_keyed

ANNOUNCEMENT_KIND = "announcement"
PENDING, SENT, CANCELLED = "pending", "sent", "cancelled"


class Announcement(Base):
    """One message from a manager to the staff of the units below theirs."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(String(200), index=True)  # who sends it
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))  # whose subtree hears it
    level: Mapped[int | None] = mapped_column(Integer)  # only units of this level ("các xã": 3); None: all below
    text: Mapped[str] = mapped_column(Text)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default=PENDING)  # pending | sent | cancelled
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


async def audience(session: AsyncSession, unit_id: int, level: int | None, skip: str) -> list[str]:
    """The registered people of the units strictly below unit_id (of one level when given), but skip."""
    tree = await load_tree(session)
    units = {u for u in tree.subtree(unit_id) if u != unit_id and (level is None or tree.level.get(u) == level)}
    return [identity for identity in await members(session, units) if identity != skip]


def outbox_key(announcement_id: int, identity: str) -> str:
    """The outbox key of one announcement to one person: queued once."""
    return f"{ANNOUNCEMENT_KIND}:{announcement_id}:{identity}"


async def queue(session: AsyncSession, announcement: Announcement, text: str, now: datetime) -> int:
    """Queue the announcement's text to everyone in its audience now; how many were queued."""
    people = await audience(session, announcement.unit_id, announcement.level, announcement.identity)
    messages = [Queued(identity, text, outbox_key(announcement.id, identity)) for identity in people]
    await queue_keyed(session, messages, ANNOUNCEMENT_KIND, now)
    announcement.status, announcement.sent_at, announcement.recipients = SENT, now, len(people)
    return len(people)


async def delivered(session: AsyncSession, announcement_id: int) -> int:
    """How many of the announcement's messages were sent."""
    query = select(func.count()).where(
        OutboxMessage.key.like(f"{ANNOUNCEMENT_KIND}:{announcement_id}:%"), OutboxMessage.status == "sent"
    )
    return int(await session.scalar(query) or 0)


async def sent_by(session: AsyncSession, identity: str, limit: int = 5) -> list[Announcement]:
    """The latest announcements the identity sent, newest first."""
    query = (
        select(Announcement)
        .where(Announcement.identity == identity, Announcement.status == SENT)
        .order_by(Announcement.id.desc())
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())
