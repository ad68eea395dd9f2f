"""What the units a plan names are told after it is imported, as data (handlers.render words it).

A unit is named when the plan gives it a target or a duty. Each registered member of a named unit gets
one notice per plan version: the first version tells everything the unit has; a later version tells
only the units whose targets changed, and what changed. The outbox key keeps it to once per person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts.models import Membership, User
from storage.language.obligors import obligor_levels
from storage.language.text import amount, display_kind, format_date, short
from storage.models import Deadline, Plan, Responsibility, Target, Unit
from storage.reminders.obligors import load_tree

NOTICE_KIND = "plan-notice"
IN_LIMIT = 500  # above this many units, read every row and filter here (no statement with thousands of parameters)


@dataclass
class UnitFigures:
    """What one plan gives one unit: its targets (by id), its duties and its nearest deadline."""

    unit_id: int
    name: str
    targets: dict[int, tuple[str, str]] = field(default_factory=dict)  # target id -> (what, amount)
    top: list[int] = field(default_factory=list)  # the ids of its top-level targets, in order
    duties: list[str] = field(default_factory=list)
    deadline: tuple[str, date] | None = None  # the nearest from today
    dues: dict[int, tuple[str, str]] = field(default_factory=dict)  # deadline id -> ("hạn ...", "20/6/2024")


@dataclass(frozen=True)
class Change:
    """One target of a unit added, changed or removed by a new version."""

    what: str
    before: str | None
    after: str | None


@dataclass
class PlanNotice:
    """One message to one person about one plan version."""

    recipient: str
    plan_id: int
    number: str | None
    issuer: str
    title: str
    version: int
    units: list[UnitFigures]
    changes: dict[str, list[Change]] = field(default_factory=dict)  # unit name -> its changes (later versions)

    @property
    def key(self) -> str:
        """The outbox key: once per person per plan version."""
        return f"{NOTICE_KIND}:{self.plan_id}:{self.version}:{self.recipient}"


async def unit_figures(session: AsyncSession, plan: Plan, today: date) -> dict[int, UnitFigures]:
    """Every unit the plan gives a target or a duty, with those and the nearest deadline it owes."""
    found: dict[int, UnitFigures] = {}
    await _targets(session, plan.id, found)
    duties = select(Responsibility.unit_id, Responsibility.assignee, Responsibility.text)
    for unit_id, assignee, text in (await session.execute(duties.where(Responsibility.plan_id == plan.id))).all():
        if unit_id is not None:
            _figures(found, unit_id).duties.append(short(f"{assignee}: {text}" if assignee else text, 160))
    await _names(session, found)
    await _deadlines(session, plan, today, found)
    return found


async def _targets(session: AsyncSession, plan_id: int, found: dict[int, UnitFigures]) -> None:
    query = select(Target).where(Target.plan_id == plan_id, Target.unit_id.is_not(None)).order_by(Target.id)
    rows = list((await session.execute(query)).scalars())
    labels = {row.id: row.indicator for row in rows}
    for row in rows:
        figures = _figures(found, row.unit_id)  # type: ignore[arg-type]
        parent = labels.get(row.parent_id) if row.parent_id is not None else None
        what = f"{parent} › {row.indicator}" if parent else row.indicator
        year = f" năm {row.year}" if row.year else ""
        figures.targets[row.id] = (short(what, 100) + year, amount(row.value, row.measure))
        if row.parent_id is None:
            figures.top.append(row.id)


def _figures(found: dict[int, UnitFigures], unit_id: int) -> UnitFigures:
    if unit_id not in found:
        found[unit_id] = UnitFigures(unit_id, "")
    return found[unit_id]


async def _names(session: AsyncSession, found: dict[int, UnitFigures]) -> None:
    query = select(Unit.id, Unit.kind, Unit.name)
    if len(found) <= IN_LIMIT:
        query = query.where(Unit.id.in_(list(found)))
    for unit_id, kind, name in (await session.execute(query)).all():
        if unit_id in found:
            found[unit_id].name = f"{display_kind(kind)} {name}" if kind else name


async def _deadlines(session: AsyncSession, plan: Plan, today: date, found: dict[int, UnitFigures]) -> None:
    """The dated deadlines each named unit owes (by the obligor's levels under its scope), and the nearest
    one from today."""
    query = select(Deadline).where(Deadline.plan_id == plan.id, Deadline.due_date.is_not(None))
    rows = list((await session.execute(query.order_by(Deadline.due_date, Deadline.id))).scalars())
    if not rows or not found:
        return
    tree = await load_tree(session)
    for row in rows:
        scope, due = row.scope_unit_id or plan.issuer_unit_id, row.due_date
        if scope is None or due is None:
            continue
        for unit_id in tree.obliged(scope, obligor_levels(row.obligor, tree.level.get(scope))):
            figures = found.get(unit_id)
            if figures is None:
                continue
            figures.dues[row.id] = (f"hạn {short(row.title, 80)}", format_date(due))
            if figures.deadline is None and due >= today:
                figures.deadline = (row.title, due)


def changes(before: UnitFigures | None, after: UnitFigures | None) -> list[Change]:
    """The targets of one unit, then the deadlines it owes, that a new version adds, changes or removes."""
    return [
        *_changed(before.targets if before else {}, after.targets if after else {}),
        *_changed(before.dues if before else {}, after.dues if after else {}),
    ]


def _changed(old: dict[int, tuple[str, str]], new: dict[int, tuple[str, str]]) -> list[Change]:
    """What differs between two versions of (label, value) by row id: changed, added, removed."""
    out = [Change(new[i][0], old[i][1], new[i][1]) for i in new if i in old and old[i][1] != new[i][1]]
    out += [Change(new[i][0], None, new[i][1]) for i in new if i not in old]
    out += [Change(old[i][0], old[i][1], None) for i in old if i not in new]
    return out


async def members(session: AsyncSession, unit_ids: Iterable[int]) -> dict[str, list[int]]:
    """The registered people of these units: identity -> their units among them, in order."""
    wanted = set(unit_ids)
    query = select(User.identity, Membership.unit_id).join(Membership, Membership.user_id == User.id)
    if len(wanted) <= IN_LIMIT:
        query = query.where(Membership.unit_id.in_(list(wanted)))
    found: dict[str, list[int]] = {}
    for identity, unit_id in (await session.execute(query.order_by(User.identity, Membership.id))).all():
        if unit_id in wanted:
            found.setdefault(identity, []).append(unit_id)
    return found


async def plan_notices(
    session: AsyncSession, plan: Plan, version: int, before: dict[int, UnitFigures], today: date, *, skip: str
) -> list[PlanNotice]:
    """The notices of one imported version: everyone of a named unit (first version) or of a unit whose
    targets or deadlines changed (later versions); never the person who sent the plan (skip)."""
    after = await unit_figures(session, plan, today)
    told: dict[int, list[Change]]
    if version <= 1 or not before:
        told = {unit_id: [] for unit_id in after}
    else:
        told = {u: found for u in after.keys() | before.keys() if (found := changes(before.get(u), after.get(u)))}
    notices = []
    for identity, unit_ids in (await members(session, told)).items():
        if identity == skip:
            continue
        units = [after.get(u) or before[u] for u in unit_ids]
        notice = PlanNotice(identity, plan.id, plan.number, plan.issuer_name, plan.title, version, units)
        notice.changes = {unit.name: told[unit.unit_id] for unit in units if told[unit.unit_id]}
        notices.append(notice)
    return notices
