"""Who may give the bot a plan: an admin any plan; a manager a plan of their unit or below, or a plan from
above that gives targets or duties to units in their subtree. Staff are told whom to ask."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.understand.asker_context import Asker
from storage.accounts.models import Membership
from storage.models import Unit
from storage.reminders.obligors import load_tree
from storage.units.lookup import ancestors

UPLOADER_ROLES = ("manager", "admin")


def may_upload(asker: Asker) -> bool:
    """Whether the asker manages a unit or is an admin (a file is worth reading)."""
    return asker.is_admin or any(role in UPLOADER_ROLES for _, role in asker.units)


async def may_import(session: AsyncSession, asker: Asker, issuer_id: int | None, named: Iterable[int]) -> bool:
    """Whether the asker may import a plan issued by issuer_id that names these units."""
    if asker.is_admin:
        return True
    managed = [unit.id for unit, role in asker.units if role == "manager"]
    if not managed:
        return False
    tree = await load_tree(session)
    subtree = {u for root in managed for u in tree.subtree(root)}
    return (issuer_id is not None and issuer_id in subtree) or any(u in subtree for u in named)


async def whom_to_ask(session: AsyncSession, asker: Asker) -> str:
    """ "cán bộ quản lý của Huyện Thọ Xuân": the nearest unit at or above the asker's with a manager."""
    unit = asker.unit
    if unit is None:
        return "quản trị viên của bot"
    chain: list[Unit] = [unit, *await ancestors(session, unit)]
    query = select(Membership.unit_id).where(
        Membership.role == "manager", Membership.unit_id.in_([u.id for u in chain])
    )
    managed = set((await session.execute(query)).scalars())
    for candidate in chain:
        if candidate.id in managed:
            return f"cán bộ quản lý của {candidate.full_name}"
    return "quản trị viên của bot"
