"""Who may see what: each check uses the role of the membership of the unit concerned, and where it was asked.

A staff member sees their own unit; a manager their unit and every unit below it (the manager role of one
membership never extends to another unit the person belongs to); an admin everything. In a group chat
nothing of a unit's progress is shown unless an admin linked the group to a unit, and then only that unit's
subtree.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import Reply
from handlers.understand.asker_context import Asker
from storage.models import Unit
from storage.units.lookup import is_within

PRIVATE_ONLY = (
    "Tiến độ, báo cáo, đăng ký và duyệt đăng ký chỉ trả lời trong tin nhắn riêng, để số liệu của đơn vị không "
    "hiện cho mọi người trong nhóm. Bạn hãy nhắn riêng cho bot."
)


async def in_place(session: AsyncSession, asker: Asker, unit: Unit) -> bool:
    """Whether unit may be shown where the asker wrote: anywhere in a private chat; in a group only inside
    the subtree of the unit the group is linked to."""
    if asker.group is None:
        return True
    return asker.group_unit is not None and await is_within(session, unit, asker.group_unit)


async def manages(session: AsyncSession, asker: Asker, unit: Unit) -> bool:
    """Whether the asker may see every unit below unit: an admin, or a manager of unit or of a unit above it."""
    if not await in_place(session, asker, unit):
        return False
    if asker.is_admin:
        return True
    for own, role in asker.units:
        if role == "manager" and await is_within(session, unit, own):
            return True
    return False


async def may_see(session: AsyncSession, asker: Asker, unit: Unit) -> bool:
    """Whether the asker may see or report for unit: their own, one they manage, any for an admin."""
    if not await in_place(session, asker, unit):
        return False
    if asker.is_admin or any(own.id == unit.id for own, _ in asker.units):
        return True
    return await manages(session, asker, unit)


async def home_unit(session: AsyncSession, asker: Asker) -> Unit | None:
    """The asker's unit for a message that names none: the first of theirs that may be shown where they wrote."""
    for own, _ in asker.units:
        if await in_place(session, asker, own):
            return own
    return asker.unit


def private_only() -> Reply:
    """What a group gets for progress, reports and accounts when it is not linked to a unit."""
    return Reply(PRIVATE_ONLY)


async def place_refusal(session: AsyncSession, asker: Asker, unit: Unit) -> Reply | None:
    """The refusal when unit may not be shown where the asker wrote (a group); None when it may."""
    if await in_place(session, asker, unit):
        return None
    if asker.group_unit is None:
        return private_only()
    return Reply(
        f"Nhóm này chỉ xem và báo cáo số liệu của {asker.group_unit.full_name} và các đơn vị cấp dưới, "
        f"không có {unit.full_name}. Bạn hãy nhắn riêng cho bot."
    )


def own_scope(asker: Asker) -> str:
    """What the asker may report for and see, in words: "Xã Xuân Bái", "Huyện Thọ Xuân và các đơn vị cấp dưới"."""
    parts = [
        f"{own.full_name} và các đơn vị cấp dưới" if role == "manager" else own.full_name for own, role in asker.units
    ]
    return "; ".join(parts) if parts else "đơn vị của bạn"


def reported_by(unit: Unit) -> str:
    """Who reports a unit's figures: "cán bộ xã Thọ Lâm (hoặc cán bộ quản lý cấp trên)"."""
    return f"cán bộ {unit.full_name[:1].lower()}{unit.full_name[1:]} (hoặc cán bộ quản lý cấp trên)"
