"""Text views of the database for `kehoach plans` and `kehoach show`."""

from __future__ import annotations

import re

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.render.show_plan import describe_plan, plan_line
from handlers.render.show_unit import describe_unit, path_label
from storage.language.text import fold, format_number, split_unit_name, unit_key
from storage.models import Budget, Deadline, HelperAssignment, Plan, Responsibility, Target, Unit
from storage.units.lookup import ancestors, find_units

FACT_UNIT_COLUMNS = (
    Target.unit_id,
    Responsibility.unit_id,
    Deadline.scope_unit_id,
    Budget.unit_id,
    HelperAssignment.unit_id,
    Plan.issuer_unit_id,
)


async def list_plans(session: AsyncSession) -> str:
    """One line per plan: number, date, issuer, title."""
    plans = list(await session.scalars(select(Plan).order_by(Plan.doc_date, Plan.id)))
    if not plans:
        return "Chưa có kế hoạch nào. Dùng: kehoach import TỆP…"
    return "\n".join([f"{format_number(len(plans))} kế hoạch:", *(plan_line(p) for p in plans)])


async def describe(session: AsyncSession, query: str) -> str | None:
    """Everything held for the plan or unit named by query; None when nothing matches."""
    query = " ".join(query.split())
    if not query:
        return None
    plans = list(await session.scalars(select(Plan).order_by(Plan.id)))
    chosen = _plans_by_id_number_issuer(plans, query)
    if chosen:
        return await _one_or_list(session, chosen)
    units = await _units(session, query)
    if units:
        return await _unit_answer(session, units, query)
    words = fold(query).split()
    chosen = [p for p in plans if all(w in fold(p.title) for w in words)]
    return await _one_or_list(session, chosen) if chosen else None


def _plans_by_id_number_issuer(plans: list[Plan], query: str) -> list[Plan]:
    """Plans named by "#3" / "3", by their number, or by their issuer's exact name."""
    folded = fold(query)
    match = re.fullmatch(r"#?(\d+)", folded)
    if match:
        return [p for p in plans if p.id == int(match.group(1))]
    by_number = [p for p in plans if p.number and fold(p.number) in folded]
    if by_number:
        return by_number
    return [p for p in plans if fold(p.issuer_name) == folded]


async def _one_or_list(session: AsyncSession, plans: list[Plan]) -> str:
    if len(plans) == 1:
        return await describe_plan(session, plans[0])
    lines = [
        f"{format_number(len(plans))} kế hoạch khớp; xem từng kế hoạch theo số thứ tự: kehoach show #{plans[0].id}"
    ]
    return "\n".join(lines + [plan_line(p) for p in plans])


async def _units(session: AsyncSession, query: str) -> list[Unit]:
    """Units named by query; "xã Vĩnh Yên, huyện Bình Gia" keeps those under a matching ancestor."""
    head, *context = [p.strip() for p in re.split(r"[,;()]| - | › ", query) if p.strip()]
    units = await find_units(session, head)
    for part in context:
        kind, _bare = split_unit_name(part)
        key = unit_key(part)
        kept = []
        for unit in units:
            chain = await ancestors(session, unit)
            if any(a.key == key and (kind is None or a.kind == kind) for a in chain):
                kept.append(unit)
        units = kept
    return units


async def _holds_facts(session: AsyncSession, unit_id: int) -> bool:
    """Whether any plan fact belongs to the unit."""
    for column in FACT_UNIT_COLUMNS:
        if await session.scalar(select(exists().where(column == unit_id))):
            return True
    return False


async def _unit_answer(session: AsyncSession, units: list[Unit], query: str) -> str:
    """The unit's view; for namesakes the one with plan facts, else the list to choose from."""
    if len(units) == 1:
        return await describe_unit(session, units[0])
    with_facts = [u for u in units if await _holds_facts(session, u.id)]
    labels = [f"  - {await path_label(session, u)}" for u in units]
    if len(with_facts) == 1:
        others = [label for u, label in zip(units, labels, strict=True) if u.id != with_facts[0].id]
        text = await describe_unit(session, with_facts[0])
        return text + "\n\nCùng tên (chưa có dữ liệu kế hoạch):\n" + "\n".join(others)
    hint = (
        f'Ghi thêm đơn vị cấp trên để chọn, ví dụ: kehoach show "{query}, {await _example_parent(session, units[0])}"'
    )
    return "\n".join([f'Có {format_number(len(units))} đơn vị tên "{query}":', *labels, hint])


async def _example_parent(session: AsyncSession, unit: Unit) -> str:
    chain = await ancestors(session, unit)
    return chain[0].full_name if chain else unit.full_name
