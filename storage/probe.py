"""One query before a message is answered: the fact version, the asker's memberships, their state kinds.

Most messages need nothing else from the database when the cached plan snapshot is current, so
this one round trip replaces three (each costs far more in driver overhead than in SQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, bindparam, cast, func, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts.models import Membership, User
from storage.conversation.state import ConversationState
from storage.revision import FACT_MODELS, FACTS, FactRevision

Membership_ = tuple[int | None, str, str | None]  # (unit id, role, post)


@dataclass(frozen=True)
class Probe:
    """What the probe query found."""

    facts: tuple[Any, ...]  # moves whenever units or plan facts change: (counter, newest id of each table)
    memberships: list[Membership_]  # first membership first; empty for a stranger
    state_kinds: set[str]  # the kinds of conversation state the identity has


def _blank(count: int, kind: type) -> list[Any]:
    return [cast(null(), kind()) for _ in range(count)]


def _query() -> Any:
    counter = select(func.max(FactRevision.value)).where(FactRevision.id == FACTS).scalar_subquery()
    newest = [select(func.max(model.id)).scalar_subquery() for model in FACT_MODELS]
    width = 1 + len(newest)
    facts = select(literal("f"), counter, *newest, *_blank(1, Integer), *_blank(2, String), literal(0))
    members = (
        select(literal("m"), *_blank(width, Integer), Membership.unit_id, Membership.role, Membership.post)
        .add_columns(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(User.identity == bindparam("identity"))
    )
    states = select(
        literal("s"), *_blank(width + 1, Integer), ConversationState.kind, *_blank(1, String), literal(0)
    ).where(ConversationState.identity == bindparam("identity"))
    return union_all(facts, members, states)


_QUERY = _query()  # built once: constructing it cost more than running it


async def probe(session: AsyncSession, identity: str) -> Probe:
    """The probe for identity ("" for none)."""
    rows = (await session.execute(_QUERY, {"identity": identity})).all()
    facts: tuple[Any, ...] = ()
    members: list[tuple[int, Membership_]] = []
    kinds: set[str] = set()
    for row in rows:
        tag, unit_id, role, post, order = row[0], row[-4], row[-3], row[-2], row[-1]
        if tag == "f":
            facts = tuple(row[1:-4])
        elif tag == "m":
            members.append((int(order), (unit_id, str(role), post)))
        else:
            kinds.add(str(role))
    return Probe(facts=facts, memberships=[m for _, m in sorted(members)], state_kinds=kinds)
