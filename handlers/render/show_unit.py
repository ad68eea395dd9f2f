"""`kehoach show UNIT`: a unit's place in the tree, its links, and every fact held for it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.render.show_facts import (
    Sources,
    budget_lines,
    deadline_lines,
    duty_lines,
    helper_text,
    plan_ref,
    section,
    split_tree,
    target_lines,
    target_text,
)
from storage.language.text import fold, format_date, format_number
from storage.models import Budget, Deadline, HelperAssignment, Plan, Responsibility, Target, Unit, UnitAlias, UnitLink
from storage.units.catalog_files import NEW_CATALOG, NEW_YEAR, OLD_CATALOG, OLD_YEAR
from storage.units.lookup import ancestors

SOURCES = {
    "plan": "từ kế hoạch, chưa gắn danh mục",
    OLD_CATALOG: f"danh mục {OLD_YEAR}",
    NEW_CATALOG: f"danh mục {NEW_YEAR}",
}
LINK_KINDS = {"full": "toàn bộ", "partial": "một phần"}


async def path_label(session: AsyncSession, unit: Unit) -> str:
    """ "Xã Vĩnh Yên (Huyện Bình Gia, Tỉnh Lạng Sơn)"."""
    chain = await ancestors(session, unit)
    return unit.full_name + (f" ({', '.join(a.full_name for a in chain)})" if chain else "")


def origin(unit: Unit) -> str:
    """ "mã 06166, danh mục 2024, đến 1/7/2025"."""
    parts = [f"mã {unit.code}"] if unit.code else []
    parts.append(SOURCES.get(unit.source, unit.source))
    if unit.valid_from:
        parts.append(f"từ {format_date(unit.valid_from)}")
    if unit.valid_to:
        parts.append(f"đến {format_date(unit.valid_to)}")
    return ", ".join(parts)


async def describe_unit(session: AsyncSession, unit: Unit) -> str:
    """Everything the database holds for one unit, as terminal text."""
    chain = await ancestors(session, unit)
    lines = [unit.full_name, f"Thuộc: {' › '.join(a.full_name for a in chain)}" if chain else "Cấp cao nhất."]
    lines.append(f"Nguồn: {origin(unit)}.")
    lines += await _aliases(session, unit)
    lines += await _links(session, unit)
    lines += await _facts(session, unit, await _children(session, unit))
    return "\n".join(lines)


async def _aliases(session: AsyncSession, unit: Unit) -> list[str]:
    own = {fold(unit.full_name), fold(unit.name)}
    rows = await session.scalars(select(UnitAlias).where(UnitAlias.unit_id == unit.id).order_by(UnitAlias.id))
    names = [a.alias for a in rows if a.key not in own]
    return [f"Tên khác: {', '.join(names)}."] if names else []


async def _links(session: AsyncSession, unit: Unit) -> list[str]:
    """Old -> new links in both directions."""
    lines = []
    for mine, other, title in (
        (UnitLink.old_unit_id, UnitLink.new_unit_id, "Sáp nhập vào"),
        (UnitLink.new_unit_id, UnitLink.old_unit_id, "Hình thành từ"),
    ):
        rows = (await session.execute(select(UnitLink, Unit).join(Unit, Unit.id == other).where(mine == unit.id))).all()
        for link, linked in rows:
            when = f"từ {format_date(link.effective)}, " if link.effective else ""
            lines.append(
                f"{title}: {await path_label(session, linked)} ({when}{LINK_KINDS.get(link.kind, link.kind)})."
            )
    return lines


async def _all(session: AsyncSession, model: Any, column: Any, ids: Sequence[int]) -> list[Any]:
    """Rows of model whose column is one of ids, in id order."""
    if not ids:
        return []
    return list(await session.scalars(select(model).where(column.in_(ids)).order_by(model.id)))


async def _facts(session: AsyncSession, unit: Unit, children: list[str]) -> list[str]:
    """The unit's own plans and quotas, its children's quotas, then duties, deadlines, budgets, helpers."""
    plans = await _all(session, Plan, Plan.issuer_unit_id, [unit.id])
    targets = await _targets(session, [unit.id])
    duties = await _all(session, Responsibility, Responsibility.unit_id, [unit.id])
    deadlines = await _all(session, Deadline, Deadline.scope_unit_id, [unit.id])
    budgets = await _all(session, Budget, Budget.unit_id, [unit.id])
    helpers = await _all(session, HelperAssignment, HelperAssignment.unit_id, [unit.id])
    src = await Sources.load(session, [*targets, *duties, *deadlines, *budgets, *helpers])
    lines = section("Kế hoạch do đơn vị ban hành", [f"  - {plan_ref(p)}: {p.title}" for p in plans])
    lines += section("Chỉ tiêu", target_lines(targets, src))
    lines += children
    lines += section("Nhiệm vụ", duty_lines(duties, src))
    lines += section("Hạn", deadline_lines(deadlines, src))
    lines += section("Kinh phí", budget_lines(budgets, src))
    lines += section("Được giúp đỡ bởi", [f"  - {helper_text(h)}{src.cite(h)}" for h in helpers])
    if not (plans or targets or duties or deadlines or budgets or helpers):
        lines.append("Chưa có chỉ tiêu, nhiệm vụ hay hạn nào trong các kế hoạch đã nhập.")
    return lines


async def _targets(session: AsyncSession, unit_ids: Sequence[int]) -> list[Target]:
    """Targets of these units with their breakdown rows."""
    tops = await _all(session, Target, Target.unit_id, unit_ids)
    parts = await _all(session, Target, Target.parent_id, [t.id for t in tops])
    seen = {t.id for t in tops}
    return tops + [p for p in parts if p.id not in seen]


async def _children(session: AsyncSession, unit: Unit) -> list[str]:
    """Each child unit with its quota, breakdown and helpers; a count for the others."""
    children = list(await session.scalars(select(Unit).where(Unit.parent_id == unit.id).order_by(Unit.id)))
    if not children:
        return []
    ids = [c.id for c in children]
    targets = await _targets(session, ids)
    helpers = await _all(session, HelperAssignment, HelperAssignment.unit_id, ids)
    src = await Sources.load(session, [*targets, *helpers])
    first: dict[int, int] = {}
    for fact in [*sorted(targets, key=lambda t: t.id), *helpers]:
        first.setdefault(fact.unit_id, len(first))
    busy = sorted((c for c in children if c.id in first), key=lambda c: first[c.id])
    lines = [f"Đơn vị trực thuộc: {format_number(len(children))}."]
    if busy:
        lines.append(f"Đơn vị trực thuộc có chỉ tiêu hoặc được giúp đỡ ({format_number(len(busy))}):")
        for i, child in enumerate(busy, 1):
            lines += _child_lines(i, child, targets, helpers, src)
    else:
        lines.append("  " + ", ".join(c.full_name for c in children[:20]) + (" …" if len(children) > 20 else ""))
    return lines


def _child_lines(
    number: int, child: Unit, targets: list[Target], helpers: list[HelperAssignment], src: Sources
) -> list[str]:
    """ "3. Xã Xuân Bái: giảm hộ nghèo 6 hộ (gồm …)" then its helpers."""
    mine = [t for t in targets if t.unit_id == child.id]
    tops, parts = split_tree(mine)
    quota = "; ".join(target_text(t, parts.get(t.id, [])) + src.cite(t) for t in tops) or "chưa có chỉ tiêu"
    lines = [f"  {number}. {child.full_name}: {quota}"]
    lines += [f"     giúp đỡ: {helper_text(h)}{src.cite(h)}" for h in helpers if h.unit_id == child.id]
    return lines
