"""Who is asking: a registered user's units, or the --unit hint read as "a staff member of U"."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import IncomingMessage
from handlers.snapshot import Snapshot
from handlers.understand.asker_context import Asker
from handlers.understand.entities import resolve_name
from storage.accounts.groups import linked_unit
from storage.accounts.operations import memberships_of
from storage.models import Unit
from storage.probe import Membership_


async def load_asker(
    session: AsyncSession, message: IncomingMessage, snap: Snapshot, memberships: list[Membership_] | None = None
) -> Asker:
    """The asker of message (memberships as the probe read them, else read here); a stranger without a
    hint has no unit."""
    if memberships is None:
        memberships = await memberships_of(session, message.identity)
    asker = Asker(identity=message.identity, group=message.group)
    if message.group is not None:
        asker.group_unit = await linked_unit(session, message.group)
    if memberships:
        asker.units = [(detached_unit(snap, uid), role) for uid, role, _ in memberships if uid in snap.units]
        asker.post = next((p for uid, _, p in memberships if uid is not None and p), None)
        asker.registered = True
    elif message.unit_hint and message.unit_hint.strip():
        ranked = resolve_name(snap, message.unit_hint, today=message.now.date())
        if ranked:
            asker.units = [(detached_unit(snap, ranked[0][1]), "staff")]
    return asker


def detached_unit(snap: Snapshot, unit_id: int) -> Unit:
    """A Unit object built from the snapshot row, not attached to any session (no query needed)."""
    row = snap.units[unit_id]
    return Unit(**{column.key: getattr(row, column.key) for column in Unit.__table__.columns})
