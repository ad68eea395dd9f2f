"""Who is asking: a registered user's units, or the --unit hint read as "a staff member of U"."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.cache import Snapshot
from handlers.context import Asker
from handlers.entities import resolve_name
from handlers.messages import IncomingMessage
from storage.models import Unit
from storage.users import Membership, User


async def load_asker(session: AsyncSession, message: IncomingMessage, snap: Snapshot) -> Asker:
    """The asker of message; a stranger without a hint has no unit."""
    memberships = await _memberships(session, message.identity)
    units = [(unit, role) for unit, role, _ in memberships if unit is not None]
    if memberships:
        post = next((p for unit, _, p in memberships if unit is not None and p), None)
        return Asker(identity=message.identity, registered=True, units=units, post=post)
    asker = Asker(identity=message.identity)
    if message.unit_hint and message.unit_hint.strip():
        ranked = resolve_name(snap, message.unit_hint)
        if ranked:
            asker.units = [(detached_unit(snap, ranked[0][1]), "staff")]
    return asker


async def _memberships(session: AsyncSession, identity: str) -> list[tuple[Unit | None, str, str | None]]:
    """The user's (unit, role, post) rows, first membership first; empty for a stranger."""
    rows = await session.execute(
        select(Unit, Membership.role, Membership.post)
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .outerjoin(Unit, Unit.id == Membership.unit_id)
        .where(User.identity == identity)
        .order_by(Membership.id)
    )
    return [(unit, role, post) for unit, role, post in rows.all()]


def detached_unit(snap: Snapshot, unit_id: int) -> Unit:
    """A Unit object built from the snapshot row, not attached to any session (no query needed)."""
    row = snap.units[unit_id]
    return Unit(
        id=row.id,
        name=row.name,
        kind=row.kind,
        level=row.level,
        key=row.key,
        parent_id=row.parent_id,
        code=row.code,
        source=row.source,
    )


def asker_roles(asker: Asker) -> set[str]:
    """The roles the asker holds anywhere."""
    return {role for _, role in asker.units}
