"""Pairing the targets and deadlines of a plan's new version with the stored ones, by a stable identity.

A re-import keeps the id of every row it can pair, so the progress reports, deadline completions,
pending confirmations and reminder stops that point at that id stay with it.

Identities, tried from the strictest to the loosest; each pass pairs rows left over by the one
before, in document order, so duplicates pair one to one:

- a target: unit, kind, folded indicator, measure and year, among the parts of the same (paired)
  parent. Passes: also the same value, baseline, direction, form and sentence; also the same value;
  the identity alone (the value changed).
- a deadline: scope unit and folded title. Passes: also the same date, obligor, recipient,
  recurrence and sentence; also the same date and obligor; also the same date; also the same
  obligor (the date changed); the identity alone (date and obligor changed).

A row of the new version left unpaired is added; a stored row left unpaired is removed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Deadline, Target
from storage.reporting.reports import DeadlineCompletion, Report

TARGET_FIELDS = (
    "unit_id",
    "kind",
    "indicator",
    "key",
    "value",
    "measure",
    "direction",
    "form",
    "baseline",
    "year",
    "text",
)
DEADLINE_FIELDS = (
    "scope_unit_id",
    "title",
    "key",
    "due_date",
    "due_text",
    "obligor",
    "recipient",
    "recurrence",
    "text",
)

Values = dict[str, Any]
Key = Callable[[Values], Hashable]


def _fields(*names: str) -> Key:
    return lambda values: tuple(values[name] for name in names)


_TARGET_ID = ("unit_id", "kind", "key", "measure", "year")
TARGET_KEYS: tuple[Key, ...] = (
    _fields(*_TARGET_ID, "value", "baseline", "direction", "form", "text"),
    _fields(*_TARGET_ID, "value"),
    _fields(*_TARGET_ID),
)
_DEADLINE_ID = ("scope_unit_id", "key")
DEADLINE_KEYS: tuple[Key, ...] = (
    _fields(*_DEADLINE_ID, "due_date", "obligor", "recipient", "recurrence", "text"),
    _fields(*_DEADLINE_ID, "due_date", "obligor"),
    _fields(*_DEADLINE_ID, "due_date"),
    _fields(*_DEADLINE_ID, "obligor"),
    _fields(*_DEADLINE_ID),
)


@dataclass
class Draft:
    """A target or deadline as the new version states it, before it is written."""

    values: Values
    section: int | None  # the section's index in the new document
    parts: list[Draft] = field(default_factory=list)


@dataclass
class Stored:
    """A stored target or deadline, with what users attached to it."""

    row: Any  # Target | Deadline
    values: Values
    reports: int = 0  # progress reports on this very row
    completions: int = 0
    parts: list[Stored] = field(default_factory=list)


@dataclass
class Pair:
    """A new row and the stored row it replaces; either may be missing (added, removed)."""

    new: Draft | None
    old: Stored | None
    parts: list[Pair] = field(default_factory=list)


def pair_up(new: Sequence[Draft], old: Sequence[Stored], keys: Sequence[Key]) -> list[tuple[int | None, int | None]]:
    """Index pairs (new, old), pass by pass; then the unpaired new ones (added) and old ones (removed)."""
    new_left, old_left = set(range(len(new))), set(range(len(old)))
    pairs: list[tuple[int | None, int | None]] = []
    for key in keys:
        waiting: dict[Hashable, deque[int]] = {}
        for i in sorted(old_left):
            waiting.setdefault(key(old[i].values), deque()).append(i)
        for j in sorted(new_left):
            queue = waiting.get(key(new[j].values))
            if queue:
                i = queue.popleft()
                pairs.append((j, i))
                new_left.discard(j)
                old_left.discard(i)
    return pairs + [(j, None) for j in sorted(new_left)] + [(None, i) for i in sorted(old_left)]


def pair_targets(new: Sequence[Draft], old: Sequence[Stored]) -> list[Pair]:
    """Targets paired level by level: the parts of a paired target pair among its stored parts."""
    out = []
    for j, i in pair_up(new, old, TARGET_KEYS):
        draft = new[j] if j is not None else None
        stored = old[i] if i is not None else None
        parts = pair_targets(draft.parts if draft else [], stored.parts if stored else [])
        out.append(Pair(draft, stored, parts))
    return out


def pair_deadlines(new: Sequence[Draft], old: Sequence[Stored]) -> list[Pair]:
    """Deadlines paired by scope and title, then date and obligor."""
    return [
        Pair(new[j] if j is not None else None, old[i] if i is not None else None)
        for j, i in pair_up(new, old, DEADLINE_KEYS)
    ]


async def stored_targets(session: AsyncSession, plan_id: int) -> list[Stored]:
    """The plan's stored targets as trees (top level returned), each with its report count."""
    rows = list(await session.scalars(select(Target).where(Target.plan_id == plan_id).order_by(Target.id)))
    query = (
        select(Report.target_id, func.count())
        .join(Target, Target.id == Report.target_id)
        .where(Target.plan_id == plan_id)
        .group_by(Report.target_id)
    )
    reports = {key: int(n) for key, n in (await session.execute(query)).all()}
    nodes = {row.id: Stored(row, _values(row, TARGET_FIELDS), reports=reports.get(row.id, 0)) for row in rows}
    top: list[Stored] = []
    for row in rows:
        parent = nodes.get(row.parent_id) if row.parent_id is not None else None
        (parent.parts if parent is not None else top).append(nodes[row.id])
    return top


async def stored_deadlines(session: AsyncSession, plan_id: int) -> list[Stored]:
    """The plan's stored deadlines, each with the number of units that marked it done."""
    rows = list(await session.scalars(select(Deadline).where(Deadline.plan_id == plan_id).order_by(Deadline.id)))
    query = (
        select(DeadlineCompletion.deadline_id, func.count())
        .join(Deadline, Deadline.id == DeadlineCompletion.deadline_id)
        .where(Deadline.plan_id == plan_id)
        .group_by(DeadlineCompletion.deadline_id)
    )
    done = {key: int(n) for key, n in (await session.execute(query)).all()}
    return [Stored(row, _values(row, DEADLINE_FIELDS), completions=done.get(row.id, 0)) for row in rows]


def _values(row: Any, names: Sequence[str]) -> Values:
    return {name: getattr(row, name) for name in names}
