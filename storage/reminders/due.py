"""Reminders due at an instant: deadlines x units that must meet them x their registered staff.

Computed from the database in a handful of set-based queries (no per-reminder jobs): the dated
deadlines whose step falls today, the unit tree, memberships, completions, pauses and claims.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts.models import Membership, User
from storage.language.obligors import obligor_levels
from storage.language.text import fold
from storage.models import Deadline, Plan
from storage.reminders.models import REF_LENGTH, ReminderClaim, active_pauses
from storage.reminders.notices import LateUnits, ManagerSummary, ReminderData, StaffNotice
from storage.reminders.obligors import UnitTree, load_tree
from storage.reminders.progress import ProgressBook
from storage.reminders.schedule import ReminderSchedule, to_local
from storage.reporting.reports import DeadlineCompletion

MEMBER_IN_LIMIT = 500  # above this many units, read every membership and filter in Python
CLAIM_CHUNK = 500  # deadline refs per claims query


class Reminder(NamedTuple):
    """One message to one person about one deadline at one step (a tuple: 100,000 are cheap to make)."""

    recipient: str
    data: ReminderData  # what it says; the words are written by the layer that renders (handlers.render)
    kind: str  # "staff" | "summary"
    ref: str
    step: int
    deadline_id: int
    unit_id: int | None
    due_date: date
    sent: bool = False  # already claimed earlier (shown only when asked for)

    @property
    def key(self) -> tuple[str, int, str, str]:
        """The unique claim key: (deadline ref, step, kind, recipient)."""
        return (self.ref, self.step, self.kind, self.recipient)


@dataclass
class DueDeadline:
    """A deadline (the rows of one plan duty, grouped by natural key) at the step that falls on a day."""

    ids: list[int]
    ref: str
    title: str
    due: date
    step: int
    scope: int
    obligor: str | None
    recipient: str | None
    units: list[int] = field(default_factory=list)  # obliged units, filled from the tree
    direct: list[int] = field(default_factory=list)  # obliged units before old -> new links

    @property
    def id(self) -> int:
        """The representative deadline id."""
        return self.ids[0]


def deadline_ref(scope: int, due: date, key: str) -> str:
    """A deadline's natural key, stable across re-imports: scope unit | due date | folded title."""
    return f"{scope}|{due.isoformat()}|{key}"[:REF_LENGTH]


async def dated_deadlines(session: AsyncSession, step_of: Callable[[date], int | None]) -> list[DueDeadline]:
    """Every dated deadline whose step_of(due date) is not None, grouped by natural key."""
    query = (
        select(
            Deadline.id,
            Deadline.scope_unit_id,
            Plan.issuer_unit_id,
            Deadline.title,
            Deadline.key,
            Deadline.due_date,
            Deadline.obligor,
            Deadline.recipient,
        )
        .join(Plan, Plan.id == Deadline.plan_id)
        .where(Deadline.due_date.is_not(None))
        .order_by(Deadline.id)
    )
    groups: dict[str, DueDeadline] = {}
    for row in (await session.execute(query)).all():
        scope, step = row.scope_unit_id or row.issuer_unit_id, step_of(row.due_date)
        if scope is None or step is None:
            continue
        ref = deadline_ref(scope, row.due_date, row.key or row.title)
        if ref in groups:
            groups[ref].ids.append(row.id)
            continue
        groups[ref] = DueDeadline([row.id], ref, row.title, row.due_date, step, scope, row.obligor, row.recipient)
    return list(groups.values())


async def due_reminders(
    session: AsyncSession, now: datetime, schedule: ReminderSchedule, *, include_sent: bool = False
) -> list[Reminder]:
    """The reminders due at now (none in quiet hours or before the daily hour); sent ones only if asked."""
    if not schedule.is_open(now):
        return []
    day = schedule.local(now).date()
    dues = await dated_deadlines(session, lambda due: schedule.step(due, day))
    return await build_reminders(session, now, dues, include_sent=include_sent)


async def build_reminders(
    session: AsyncSession, now: datetime, dues: list[DueDeadline], *, include_sent: bool = False
) -> list[Reminder]:
    """Staff reminders for every due deadline, plus managers' summaries on the first overdue day."""
    if not dues:
        return []
    tree = await load_tree(session)
    for due in dues:
        _fill_units(tree, due)
    wanted = {u for d in dues for u in d.units} | {tree.parent.get(u) for d in dues for u in d.direct}
    members = await _members(session, {u for u in wanted if u is not None})
    done = await _done(session, dues)
    paused = await active_pauses(session, to_local(now))
    sent = await _claimed(session, dues)
    book = await ProgressBook.load(session, [u for u in members if any(r != "manager" for _, r in members[u])])
    out: list[Reminder] = []
    for due in dues:
        batch = _staff(due, tree, members, done.get(due.ref, set()), paused, book)
        if due.step == 1:
            batch += _summaries(due, tree, members, done.get(due.ref, set()), paused)
        if not sent:  # nothing claimed yet (the first scan of a day): no key to look up
            out.extend(batch)
            continue
        out.extend(r if r.key not in sent else _as_sent(r) for r in batch if include_sent or r.key not in sent)
    return out


def _fill_units(tree: UnitTree, due: DueDeadline) -> None:
    """The units that must meet due: by the obligor's levels, plus the new units old ones merged into."""
    due.direct = tree.obliged(due.scope, obligor_levels(due.obligor, tree.level.get(due.scope)))
    known = set(due.direct)
    extra = [n for u in due.direct for n in tree.successors.get(u, ()) if n not in known]
    due.units = due.direct + list(dict.fromkeys(extra))


def _is_paused(paused: dict[str, set[str | None]], identity: str, ref: str) -> bool:
    refs = paused.get(identity)
    return refs is not None and (None in refs or ref in refs)


def _staff(
    due: DueDeadline,
    tree: UnitTree,
    members: dict[int, list[tuple[str, str]]],
    done: set[int],
    paused: dict[str, set[str | None]],
    book: ProgressBook,
) -> list[Reminder]:
    """One reminder per registered member of each obliged unit that has not marked the deadline done."""
    out: list[Reminder] = []
    seen: set[str] = set()
    ref, step, first_id, day = due.ref, due.step, due.id, due.due  # hoisted: this loop runs once per staff member
    for unit in due.units:
        staff = members.get(unit)
        if not staff or unit in done:
            continue
        notice: StaffNotice | None = None
        for identity, _role in staff:
            if identity in seen or (paused and _is_paused(paused, identity, ref)):
                continue
            seen.add(identity)
            notice = notice or _notice(due, tree.name.get(unit, ""), book.lines(unit, day.year))
            out.append(Reminder(identity, notice, "staff", ref, step, first_id, unit, day))
    return out


def _notice(due: DueDeadline, unit_name: str, progress: list[str]) -> StaffNotice:
    """The notice every staff member of one obliged unit gets for due."""
    return StaffNotice(due.title, due.due, due.step, unit_name, due.recipient, tuple(progress))


def _summaries(
    due: DueDeadline,
    tree: UnitTree,
    members: dict[int, list[tuple[str, str]]],
    done: set[int],
    paused: dict[str, set[str | None]],
) -> list[Reminder]:
    """For each parent of obliged units, one summary of its late units to its managers."""
    by_parent: dict[int, list[int]] = {}
    for unit in due.direct:
        parent = tree.parent.get(unit)
        if parent is not None:
            by_parent.setdefault(parent, []).append(unit)
    merged: dict[str, Reminder] = {}
    for parent, units in by_parent.items():
        late_units = sorted((u for u in units if u not in done), key=lambda u: fold(tree.bare.get(u, "")))
        late = tuple(tree.name.get(u, "") for u in late_units)
        managers = [
            i for i, role in members.get(parent, ()) if role == "manager" and not _is_paused(paused, i, due.ref)
        ]
        if not late or not managers:
            continue
        part = LateUnits(due.title, due.due, due.step, late, len(units), tree.noun(units))
        for identity in managers:
            old = merged.get(identity)
            earlier = old.data.parts if old is not None and isinstance(old.data, ManagerSummary) else ()
            summary = ManagerSummary((*earlier, part))
            merged[identity] = Reminder(identity, summary, "summary", due.ref, due.step, due.id, parent, due.due)
    return list(merged.values())


def _as_sent(reminder: Reminder) -> Reminder:
    return reminder._replace(sent=True)


async def _members(session: AsyncSession, units: set[int]) -> dict[int, list[tuple[str, str]]]:
    """unit id -> [(identity, role)] of its registered members."""
    member, user = Membership.__table__, User.__table__  # Core columns: plain rows, no ORM loading
    query = (
        select(member.c.unit_id, user.c.identity, member.c.role)
        .join(user, user.c.id == member.c.user_id)
        .order_by(member.c.id)
    )
    if len(units) <= MEMBER_IN_LIMIT:
        query = query.where(member.c.unit_id.in_(units))
    found: dict[int, list[tuple[str, str]]] = {}
    for unit_id, identity, role in (await session.execute(query)).all():
        if unit_id in units:
            found.setdefault(unit_id, []).append((identity, role))
    return found


async def _done(session: AsyncSession, dues: list[DueDeadline]) -> dict[str, set[int]]:
    """ref -> the units that marked any of its deadline rows done."""
    ref_of = {i: d.ref for d in dues for i in d.ids}
    query = select(DeadlineCompletion.deadline_id, DeadlineCompletion.unit_id).where(
        DeadlineCompletion.deadline_id.in_(list(ref_of))
    )
    done: dict[str, set[int]] = {}
    for deadline_id, unit_id in (await session.execute(query)).all():
        done.setdefault(ref_of[deadline_id], set()).add(unit_id)
    return done


async def _claimed(session: AsyncSession, dues: list[DueDeadline]) -> set[tuple[str, int, str, str]]:
    """The claim keys already taken for these deadlines at their current steps (refs read in chunks)."""
    steps = {(d.ref, d.step) for d in dues}
    refs = sorted({ref for ref, _ in steps})
    columns = (ReminderClaim.ref, ReminderClaim.step, ReminderClaim.kind, ReminderClaim.recipient)
    found: set[tuple[str, int, str, str]] = set()
    at_steps = ReminderClaim.step.in_(sorted({step for _, step in steps}))
    for start in range(0, len(refs), CLAIM_CHUNK):  # one OR per deadline overflows SQLite's expression depth
        query = select(*columns).where(at_steps, ReminderClaim.ref.in_(refs[start : start + CLAIM_CHUNK]))
        rows = (await session.execute(query)).all()
        found |= {(ref, step, kind, who) for ref, step, kind, who in rows if (ref, step) in steps}
    return found
