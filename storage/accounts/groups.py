"""Group chats linked to a unit by an admin: only there may progress and reports of that unit be shown."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Unit


class GroupLink(Base):
    """A group chat ("tg:-1001234") whose members may see the data of one unit and the units below it."""

    __tablename__ = "group_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat: Mapped[str] = mapped_column(String(200), unique=True)  # "CHANNEL:CHAT_ID"
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    linked_by: Mapped[str] = mapped_column(String(200))
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


async def link_group(session: AsyncSession, chat: str, unit: Unit, linked_by: str, now: datetime) -> GroupLink:
    """Link chat to unit (a chat already linked is moved to this unit)."""
    link = (await session.execute(select(GroupLink).where(GroupLink.chat == chat))).scalar_one_or_none()
    if link is None:
        link = GroupLink(chat=chat, unit_id=unit.id, linked_by=linked_by, linked_at=now)
        session.add(link)
    else:
        link.unit_id, link.linked_by, link.linked_at = unit.id, linked_by, now
    await session.flush()
    return link


async def unlink_group(session: AsyncSession, chat: str) -> bool:
    """Remove chat's link; False when it had none."""
    result = await session.execute(delete(GroupLink).where(GroupLink.chat == chat))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def linked_unit(session: AsyncSession, chat: str) -> Unit | None:
    """The unit chat is linked to, if any."""
    query = select(Unit).join(GroupLink, GroupLink.unit_id == Unit.id).where(GroupLink.chat == chat)
    return (await session.execute(query)).scalar_one_or_none()


async def group_links(session: AsyncSession) -> list[tuple[GroupLink, Unit]]:
    """Every link with its unit, by chat."""
    query = select(GroupLink, Unit).join(Unit, Unit.id == GroupLink.unit_id).order_by(GroupLink.chat)
    return [(link, unit) for link, unit in (await session.execute(query)).all()]
