"""Updates already handled per channel, so a webhook retry is answered once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base


class ProcessedUpdate(Base):
    """One update a channel delivered and the bot handled: (channel, update id) is unique."""

    __tablename__ = "processed_updates"
    __table_args__ = (UniqueConstraint("channel", "update_id", name="uq_processed_updates_channel_update"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))  # "tg", "zalo"
    update_id: Mapped[str] = mapped_column(String(200))  # Telegram update_id, Zalo message_id
    handled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


async def was_processed(session: AsyncSession, channel: str, update_id: str) -> bool:
    """Whether this update has already been handled."""
    query = select(ProcessedUpdate.id).where(ProcessedUpdate.channel == channel, ProcessedUpdate.update_id == update_id)
    return (await session.execute(query)).first() is not None


async def claim_update(session: AsyncSession, channel: str, update_id: str, now: datetime) -> bool:
    """Record the update as handled in the session's transaction; False when it already was.

    Call it first in the transaction: on a race lost to another worker the session is rolled back.
    (No SAVEPOINT here: on SQLite a savepoint opening the transaction commits when released.)
    """
    if await was_processed(session, channel, update_id):
        return False
    session.add(ProcessedUpdate(channel=channel, update_id=update_id, handled_at=now))
    try:
        await session.flush()
    except IntegrityError:  # another worker claimed it first
        await session.rollback()
        return False
    return True


async def ensure_claimed(session: AsyncSession, channel: str, update_id: str, now: datetime) -> None:
    """Claim the update again if a rollback since claim_update dropped the claim."""
    if not await was_processed(session, channel, update_id):
        session.add(ProcessedUpdate(channel=channel, update_id=update_id, handled_at=now))
        await session.flush()
