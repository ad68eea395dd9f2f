"""Conversation state kept in the database: pending confirmations, menus, the last report.

One row per (identity, kind); the payload is a small JSON object. State survives restarts
and separate `kehoach ask` processes. Kinds in use: "confirm" (a pending yes/no),
"register" (a registration being confirmed), "undo" (the last report), "menu" (numbered choices).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint, delete, event, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from storage.models import Base

DEFAULT_TTL = timedelta(hours=24)


class ConversationState(Base):
    """A piece of conversation state of one user."""

    __tablename__ = "conversation_state"
    __table_args__ = (UniqueConstraint("identity", "kind", name="uq_conversation_state_identity_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def note_kinds(session: AsyncSession, identity: str, kinds: set[str]) -> None:
    """Tell this session which kinds of state the identity has (a probe read them): no query for them."""
    session.info.setdefault("state_kinds", {})[identity] = set(kinds)


async def _kinds(session: AsyncSession, identity: str) -> set[str]:
    """The kinds of state the identity has, read once per session: most messages have none, so most
    lookups below need no query at all (one session is one message)."""
    memo = session.info.setdefault("state_kinds", {})
    if identity not in memo:
        query = select(ConversationState.kind).where(ConversationState.identity == identity)
        memo[identity] = set((await session.execute(query)).scalars())
    return memo[identity]


@event.listens_for(Session, "after_soft_rollback")
def _forget_kinds(session: Session, _previous: object) -> None:
    # A rollback may undo a save or a clear: read the kinds again next time.
    session.info.pop("state_kinds", None)


async def _row(session: AsyncSession, identity: str, kind: str) -> ConversationState | None:
    if kind not in await _kinds(session, identity):
        return None
    query = select(ConversationState).where(ConversationState.identity == identity, ConversationState.kind == kind)
    return (await session.execute(query)).scalar_one_or_none()


async def save_state(
    session: AsyncSession,
    identity: str,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    ttl: timedelta | None = DEFAULT_TTL,
) -> None:
    """Store payload (JSON-able) as the identity's state of this kind, replacing any older one."""
    await clear_state(session, identity, kind)  # a fresh row: the newest state has the highest id
    row = {
        "identity": identity,
        "kind": kind,
        "payload": json.dumps(payload, ensure_ascii=False),
        "updated_at": now,
        "expires_at": now + ttl if ttl is not None else None,
    }
    await session.execute(insert(ConversationState).values(row))  # a statement, not a unit-of-work flush
    (await _kinds(session, identity)).add(kind)


async def load_state(
    session: AsyncSession, identity: str, kind: str, now: datetime | None = None
) -> dict[str, Any] | None:
    """The identity's state of this kind, or None when there is none or it expired at now."""
    row = await _row(session, identity, kind)
    if row is None:
        return None
    if now is not None and row.expires_at is not None and _aware(row.expires_at, now) <= now:
        return None
    return json.loads(row.payload)


async def clear_state(session: AsyncSession, identity: str, kind: str | None = None) -> None:
    """Forget the identity's state of this kind (every kind when kind is None)."""
    kinds = await _kinds(session, identity)
    if kind is not None and kind not in kinds:
        return
    query = delete(ConversationState).where(ConversationState.identity == identity)
    if kind is not None:
        query = query.where(ConversationState.kind == kind)
    await session.execute(query)
    kinds.difference_update(kinds if kind is None else {kind})


def _aware(value: datetime, like: datetime) -> datetime:
    """SQLite returns naive datetimes; read them in the clock's zone."""
    return value if value.tzinfo is not None else value.replace(tzinfo=like.tzinfo)


async def newest_kind(session: AsyncSession, identity: str, kinds: list[str]) -> str | None:
    """Which of these kinds of state the identity saved last (None when it has none of them)."""
    if not (await _kinds(session, identity)).intersection(kinds):
        return None
    query = (
        select(ConversationState.kind)
        .where(ConversationState.identity == identity, ConversationState.kind.in_(kinds))
        .order_by(ConversationState.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()
