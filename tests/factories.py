"""Rows for tests in a line each: units, plans, targets, deadlines and users, inserted directly (no importer).

Every factory adds its row to the session and flushes, so the returned row has its id.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts.models import Membership, User
from storage.language.text import fold, kind_level, split_unit_name, unit_key
from storage.models import Deadline, Plan, Target, Unit
from tests.conftest import NOW


async def unit(session: AsyncSession, full_name: str, parent: Unit | None = None, level: int | None = None) -> Unit:
    """A unit named with its kind ("xã Xuân Bái"), one level below its parent unless level is given."""
    kind, name = split_unit_name(full_name)
    if level is None:
        level = parent.level + 1 if parent is not None and parent.level else kind_level(kind)
    row = Unit(name=name, kind=kind, level=level, key=unit_key(full_name), parent_id=parent.id if parent else None)
    session.add(row)
    await session.flush()
    return row


async def plan(
    session: AsyncSession, issuer: Unit, title: str, year: int = 2024, now: datetime = NOW, **fields: object
) -> Plan:
    """A plan issued by the UBND of issuer; fields sets any other column (number, doc_date, checksum...)."""
    row = Plan(issuer_unit_id=issuer.id, issuer_name=f"UBND {issuer.kind} {issuer.name}", year=year, title=title)
    row.source_file, row.checksum, row.imported_at = "x.txt", "0" * 64, now
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    await session.flush()
    return row


async def target(
    session: AsyncSession,
    plan: Plan,
    unit: Unit | int,
    indicator: str,
    value: float | None,
    measure: str = "hộ",
    parent: Target | None = None,
    **fields: object,
) -> Target:
    """A quota of the unit in the plan's year (kind, direction... through fields)."""
    row = Target(plan_id=plan.id, unit_id=_id(unit), parent_id=parent.id if parent else None, kind="quota")
    row.indicator, row.key, row.value, row.measure, row.year = indicator, fold(indicator), value, measure, plan.year
    for name, column_value in fields.items():
        setattr(row, name, column_value)
    session.add(row)
    await session.flush()
    return row


async def deadline(
    session: AsyncSession, plan: Plan, title: str, due: date, scope: Unit | None = None, **fields: object
) -> Deadline:
    """Something due by due in the plan, for scope (the plan's issuer unless given); due_text, obligor... as fields."""
    scope_id = scope.id if scope is not None else plan.issuer_unit_id
    row = Deadline(plan_id=plan.id, scope_unit_id=scope_id, title=title, key=fold(title), due_date=due)
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    await session.flush()
    return row


async def user(
    session: AsyncSession,
    identity: str,
    unit: Unit | int,
    role: str = "staff",
    name: str | None = None,
    now: datetime = NOW,
) -> User:
    """The user with this identity (created when new), a member of unit with role (updated when already one)."""
    row = (await session.execute(select(User).where(User.identity == identity))).scalar_one_or_none()
    if row is None:
        row = User(identity=identity, name=name, created_at=now)
        session.add(row)
        await session.flush()
    query = select(Membership).where(Membership.user_id == row.id, Membership.unit_id == _id(unit))
    membership = (await session.execute(query)).scalar_one_or_none()
    if membership is None:
        session.add(Membership(user_id=row.id, unit_id=_id(unit), role=role))
    else:
        membership.role = role
    await session.flush()
    return row


def _id(unit: Unit | int) -> int:
    return unit if isinstance(unit, int) else unit.id
