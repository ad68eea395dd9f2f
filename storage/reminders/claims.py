"""Claiming reminders under a unique key and queueing them in the outbox, in one transaction.

The words are not written here: the caller passes the renderer (handlers.render.reminders) that turns
a reminder's data into its text, so the text is queued in the same transaction as its claim.

A claim is an INSERT ... ON CONFLICT DO NOTHING on (ref, step, kind, recipient): whichever
process inserts first owns the reminder; a restart, a second process or a repeated run gets
nothing back and sends nothing. Claim and outbox row commit together, so nothing is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts.models import Membership
from storage.models import Deadline, Unit, UnitLink
from storage.outbox.queue import OutboxMessage
from storage.reminders.due import DueDeadline, Reminder, build_reminders, dated_deadlines, due_reminders
from storage.reminders.models import ReminderClaim, ReminderPause
from storage.reminders.notices import ReminderData
from storage.reminders.schedule import ReminderSchedule, to_local
from storage.reporting.reports import DeadlineCompletion

log = logging.getLogger(__name__)
OUTBOX_KIND = "reminder"
CLAIM_KEY = ["ref", "step", "kind", "recipient"]
Render = Callable[[ReminderData], str]  # a reminder's data -> the message text


@dataclass
class EnqueueResult:
    """What one run did: reminders queued now, already sent earlier, older ones skipped."""

    queued: list[Reminder] = field(default_factory=list)
    already: int = 0
    skipped: int = 0
    outbox_ids: dict[tuple[str, int, str, str], int] = field(default_factory=dict)


def _insert(session: AsyncSession, table):  # type: ignore[no-untyped-def]
    """The dialect's INSERT, which has on_conflict_do_nothing (SQLite and PostgreSQL alike)."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


async def claim(session: AsyncSession, reminders: list[Reminder], now: datetime) -> dict[tuple, int]:
    """Claim each reminder; the claim id of those this call won (others were taken before)."""
    if not reminders:
        return {}
    table = ReminderClaim.__table__
    rows = [
        {
            "ref": r.ref,
            "step": r.step,
            "kind": r.kind,
            "recipient": r.recipient,
            "deadline_id": r.deadline_id,
            "unit_id": r.unit_id,
            "due_date": r.due_date,
            "claimed_at": to_local(now),
        }
        for r in reminders
    ]
    stmt = (
        _insert(session, table)
        .on_conflict_do_nothing(index_elements=CLAIM_KEY)
        .returning(table.c.id, table.c.ref, table.c.step, table.c.kind, table.c.recipient)
    )
    won: dict[tuple, int] = {}
    for start in range(0, len(rows), 2000):
        result = await session.execute(stmt, rows[start : start + 2000])
        won.update({(ref, step, kind, recipient): cid for cid, ref, step, kind, recipient in result.all()})
    return won


async def enqueue(
    session: AsyncSession, claimed: list[tuple[int, Reminder]], now: datetime, render: Render
) -> dict[int, int]:
    """Queue claimed reminders in the outbox (the one place that talks to it); claim id -> outbox id."""
    if not claimed:
        return {}
    table = OutboxMessage.__table__
    local = to_local(now)
    texts: dict[ReminderData, str] = {}  # every staff member of a unit gets the same notice: write it once
    rows = [
        {
            "recipient": r.recipient,
            "text": texts.get(r.data) or texts.setdefault(r.data, render(r.data)),
            "kind": OUTBOX_KIND,
            "key": f"reminder:{cid}",
            "status": "pending",
            "attempts": 0,
            "created_at": local,
            "next_attempt_at": local,
        }
        for cid, r in claimed
    ]
    stmt = _insert(session, table).on_conflict_do_nothing(index_elements=["key"]).returning(table.c.id, table.c.key)
    ids: dict[int, int] = {}
    for start in range(0, len(rows), 2000):
        result = await session.execute(stmt, rows[start : start + 2000])
        ids.update({int(key.split(":")[1]): oid for oid, key in result.all()})
    return ids


async def enqueue_due(
    session: AsyncSession,
    now: datetime,
    schedule: ReminderSchedule,
    render: Render,
    *,
    commit_every: int | None = None,
) -> EnqueueResult:
    """Claim the reminders due at now and queue their texts (written by render); the caller commits the rest."""
    due = await due_reminders(session, now, schedule, include_sent=True)
    fresh = [r for r in due if not r.sent]
    result = EnqueueResult()
    size = commit_every or max(len(fresh), 1)
    for start in range(0, len(fresh), size):
        chunk = fresh[start : start + size]
        won = await claim(session, chunk, now)
        claimed = [(won[r.key], r) for r in chunk if r.key in won]
        outbox = await enqueue(session, claimed, now, render)
        result.queued.extend(r for _, r in claimed)
        result.outbox_ids.update({r.key: outbox[cid] for cid, r in claimed if cid in outbox})
        if commit_every:  # each chunk's claims and outbox rows commit together: short write locks
            await session.commit()
    result.already = len(due) - len(result.queued)
    return result


async def fingerprint(session: AsyncSession, now: datetime, schedule: ReminderSchedule) -> tuple[object, ...]:
    """A cheap summary of everything that decides who is due today; equal values mean nothing new is due."""
    local = to_local(now)
    counts = []
    for column in (Membership.id, DeadlineCompletion.id, ReminderPause.id, Deadline.id, UnitLink.id, Unit.id):
        counts.append(tuple((await session.execute(select(func.count(column), func.max(column)))).one()))
    active = or_(ReminderPause.until.is_(None), ReminderPause.until > local)
    paused = (await session.execute(select(func.count(ReminderPause.id)).where(active))).scalar()
    return (local.date(), schedule.is_open(now), paused, *counts)


async def missed_count(session: AsyncSession, now: datetime, schedule: ReminderSchedule, lookback: int = 31) -> int:
    """Reminders of each deadline's previous step (before today) that never went out: skipped, for the log."""
    today = schedule.local(now).date()

    def previous(due: date) -> int | None:
        found = schedule.previous_step(due, today, lookback)
        return found[0] if found else None

    dues = await dated_deadlines(session, previous)
    by_day: dict[date, list[DueDeadline]] = {}
    for due in dues:
        found = schedule.previous_step(due.due, today, lookback)
        if found:
            by_day.setdefault(found[1], []).append(due)
    total = 0
    for group in by_day.values():
        total += len(await build_reminders(session, now, group))
    return total
