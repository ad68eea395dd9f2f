"""Writing paired targets and deadlines: a paired row is updated in place (its id, and so its reports,
completions and reminder stops, stay), a new one is added, a stored one left unpaired is deleted."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.importer.matching import Draft, Pair, Stored
from storage.models import Deadline, Target
from storage.reminders.due import deadline_ref
from storage.reminders.models import ReminderPause

DELETE_CHUNK = 500


async def apply_targets(session: AsyncSession, plan_id: int, pairs: Sequence[Pair], sections: dict[int, int]) -> None:
    """Write the paired targets level by level (a part needs its parent's id)."""
    level: list[tuple[Pair, int | None]] = [(pair, None) for pair in pairs]
    removed: list[int] = []
    while level:
        written: list[tuple[Pair, Target]] = []
        for pair, parent_id in level:
            if pair.new is None:
                removed.extend(_subtree_ids(pair.old))
                continue
            row = pair.old.row if pair.old is not None else Target(plan_id=plan_id, parent_id=parent_id)
            _assign(row, pair.new, sections)
            if pair.old is None:
                session.add(row)
            written.append((pair, row))
        await session.flush()
        level = [(part, row.id) for pair, row in written for part in pair.parts]
    await _delete(session, Target, removed)


Issuers = tuple[int | None, int | None]  # the plan's issuing unit before and after the import


async def apply_deadlines(
    session: AsyncSession, plan_id: int, pairs: Sequence[Pair], sections: dict[int, int], issuers: Issuers
) -> None:
    """Write the paired deadlines; a stop of a deadline's reminders follows it to its new date."""
    removed: list[int] = []
    for pair in pairs:
        if pair.new is None:
            removed.append(pair.old.row.id)  # type: ignore[union-attr]
            continue
        if pair.old is None:
            row = Deadline(plan_id=plan_id)
            session.add(row)
        else:
            row = pair.old.row
            await _move_pauses(session, pair.old.values, pair.new.values, issuers)
        _assign(row, pair.new, sections)
    await session.flush()
    await _delete(session, Deadline, removed)


async def _move_pauses(session: AsyncSession, old: dict, new: dict, issuers: Issuers) -> None:
    """Reminder stops are kept under the deadline's natural key, which holds its date: move them along."""
    before, after = _ref(old, issuers[0]), _ref(new, issuers[1])
    if before is not None and after is not None and before != after:
        await session.execute(update(ReminderPause).where(ReminderPause.ref == before).values(ref=after))


def _ref(values: dict, issuer: int | None) -> str | None:
    scope, due = values["scope_unit_id"] or issuer, values["due_date"]
    if scope is None or not isinstance(due, date):
        return None
    return deadline_ref(scope, due, values["key"] or values["title"])


def _assign(row: Target | Deadline, draft: Draft, sections: dict[int, int]) -> None:
    for name, value in draft.values.items():
        setattr(row, name, value)
    row.section_id = sections.get(draft.section) if draft.section is not None else None


def _subtree_ids(stored: Stored | None) -> Iterator[int]:
    if stored is None:
        return
    yield stored.row.id
    for part in stored.parts:
        yield from _subtree_ids(part)


async def _delete(session: AsyncSession, model: type[Target] | type[Deadline], ids: list[int]) -> None:
    """Delete rows by id; their reports or completions go with them (foreign keys cascade)."""
    for start in range(0, len(ids), DELETE_CHUNK):
        chunk = ids[start : start + DELETE_CHUNK]
        await session.execute(delete(model).where(model.id.in_(chunk)))
