"""Reminder tables: one claim per (deadline, step, kind, recipient), and users' pauses and stops."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Date, DateTime, Index, Integer, String, UniqueConstraint, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Deadline, Plan

REF_LENGTH = 300


class ReminderClaim(Base):
    """A reminder taken for sending: its unique key makes it go out at most once."""

    __tablename__ = "reminder_claims"
    __table_args__ = (
        UniqueConstraint("ref", "step", "kind", "recipient", name="uq_reminder_claims_key"),
        Index("ix_reminder_claims_recipient", "recipient", "claimed_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(REF_LENGTH))  # the deadline's natural key: scope|due date|title key
    step: Mapped[int] = mapped_column(Integer)  # days after the due date; negative before it
    kind: Mapped[str] = mapped_column(String(20))  # "staff" | "summary"
    recipient: Mapped[str] = mapped_column(String(200))  # identity "tg:1001"
    deadline_id: Mapped[int] = mapped_column(Integer)  # no foreign key: a re-import must not resend
    unit_id: Mapped[int | None] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReminderPause(Base):
    """A user's pause of every reminder (ref None) or stop of one deadline's reminders, until a time or for good."""

    __tablename__ = "reminder_pauses"
    __table_args__ = (Index("ix_reminder_pauses_identity", "identity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(String(200))
    ref: Mapped[str | None] = mapped_column(String(REF_LENGTH))  # None: every deadline
    deadline_id: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(300))  # what was stopped, for the confirmation
    until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # None: until resumed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


async def add_pause(
    session: AsyncSession,
    identity: str,
    now: datetime,
    until: datetime | None,
    *,
    ref: str | None = None,
    deadline_id: int | None = None,
    title: str | None = None,
) -> ReminderPause:
    """Pause every reminder of identity (ref None) or stop one deadline's, until a time or for good."""
    pause = ReminderPause(identity=identity, ref=ref, deadline_id=deadline_id, title=title, until=until, created_at=now)
    session.add(pause)
    await session.flush()
    return pause


async def resume(session: AsyncSession, identity: str) -> int:
    """Lift every pause and stop of identity; the number lifted."""
    result = await session.execute(delete(ReminderPause).where(ReminderPause.identity == identity))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def active_pauses(session: AsyncSession, now: datetime) -> dict[str, set[str | None]]:
    """identity -> the refs paused at now (None in the set: every reminder)."""
    query = select(ReminderPause.identity, ReminderPause.ref).where(
        or_(ReminderPause.until.is_(None), ReminderPause.until > now)
    )
    paused: dict[str, set[str | None]] = {}
    for identity, ref in (await session.execute(query)).all():
        paused.setdefault(identity, set()).add(ref)
    return paused


async def last_claim(session: AsyncSession, identity: str) -> ReminderClaim | None:
    """The latest reminder taken for identity, if any."""
    query = (
        select(ReminderClaim)
        .where(ReminderClaim.recipient == identity)
        .order_by(ReminderClaim.claimed_at.desc(), ReminderClaim.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def deadline_title(session: AsyncSession, deadline_id: int) -> str | None:
    """The title of a deadline, or None when it is gone (claims keep no foreign key)."""
    return (await session.execute(select(Deadline.title).where(Deadline.id == deadline_id))).scalar()


class DatedDeadline(NamedTuple):
    """A deadline with a due date, with the unit that issued its plan."""

    id: int
    scope_unit_id: int | None
    issuer_unit_id: int | None
    title: str
    key: str
    due_date: date


async def dated_deadline_rows(session: AsyncSession) -> list[DatedDeadline]:
    """Every deadline with a due date."""
    query = (
        select(
            Deadline.id, Deadline.scope_unit_id, Plan.issuer_unit_id, Deadline.title, Deadline.key, Deadline.due_date
        )
        .join(Plan, Plan.id == Deadline.plan_id)
        .where(Deadline.due_date.is_not(None))
    )
    rows = (await session.execute(query)).all()
    return [DatedDeadline(i, scope, issuer, title, key, due) for i, scope, issuer, title, key, due in rows if due]


async def last_staff_reminder(session: AsyncSession, identity: str, since: datetime) -> ReminderClaim | None:
    """The newest reminder of a deadline sent to this person since then (what a bare "xong rồi" answers)."""
    query = (
        select(ReminderClaim)
        .where(ReminderClaim.recipient == identity, ReminderClaim.kind == "staff", ReminderClaim.claimed_at >= since)
        .order_by(ReminderClaim.claimed_at.desc(), ReminderClaim.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()
