"""A unit of the loaded plans to show in examples ("đăng ký xã …"), so prompts name this deployment's units."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Plan, Target, Unit

NEUTRAL = "xã <tên xã>"  # when no plan is loaded yet: a placeholder, never a real place


async def example_unit(session: AsyncSession) -> Unit | None:
    """The first unit a plan gives a quota (the lowest level first: what staff register as), else the first
    plan issuer, else None."""
    quota_units = select(Target.unit_id).where(Target.unit_id.is_not(None))
    found = await session.scalar(
        select(Unit).where(Unit.id.in_(quota_units)).order_by(Unit.level.desc().nulls_last(), Unit.id).limit(1)
    )
    if found is not None:
        return found
    issuers = select(Plan.issuer_unit_id).where(Plan.issuer_unit_id.is_not(None))
    return await session.scalar(select(Unit).where(Unit.id.in_(issuers)).order_by(Unit.id).limit(1))


async def example_name(session: AsyncSession, with_parent: bool = False) -> str:
    """ "xã Thọ Lâm" (with ", huyện Thọ Xuân" when asked) for a unit of the loaded plans; NEUTRAL otherwise."""
    unit = await example_unit(session)
    if unit is None:
        return NEUTRAL
    parent = await session.get(Unit, unit.parent_id) if with_parent and unit.parent_id else None
    return f"{in_sentence(unit)}, {in_sentence(parent)}" if parent is not None else in_sentence(unit)


def in_sentence(unit: Unit) -> str:
    """ "xã Thọ Lâm": the full name with its kind word in lower case, as written inside a sentence."""
    name = unit.full_name
    return name[:1].lower() + name[1:] if unit.kind else name
