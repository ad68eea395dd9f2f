"""Linking units built from plan documents to catalog units, and merging duplicate units."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, column, delete, exists, inspect, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.language.text import fold
from storage.models import Unit
from storage.units.catalog_files import CatalogNode


@dataclass(frozen=True)
class PlanUnit:
    """A unit created from a plan document, not yet tied to a catalog code."""

    id: int
    parent_id: int | None
    level: int | None
    kind: str | None
    key: str
    name: str

    @property
    def label(self) -> str:
        """ "huyện Bình Gia" as the document wrote it."""
        return f"{self.kind} {self.name}" if self.kind else self.name


async def load_plan_units(session: AsyncSession) -> dict[int, PlanUnit]:
    """Every plan-built unit without a catalog code, by id."""
    columns = (Unit.id, Unit.parent_id, Unit.level, Unit.kind, Unit.key, Unit.name)
    result = await session.execute(select(*columns).where(Unit.source == "plan", Unit.code.is_(None)))
    return {row.id: PlanUnit(*row) for row in result}


class _Tree:
    """Catalog nodes indexed for top-down matching."""

    def __init__(self, nodes: list[CatalogNode]) -> None:
        self.children: dict[str | None, list[CatalogNode]] = defaultdict(list)
        self.by_key: dict[str, list[CatalogNode]] = defaultdict(list)
        for node in nodes:
            self.children[node.parent_code].append(node)
            self.by_key[node.key].append(node)

    def descendants(self, code: str) -> Iterable[CatalogNode]:
        """Every node below code, nearest levels first."""
        queue = list(self.children.get(code, []))
        while queue:
            node = queue.pop(0)
            yield node
            queue.extend(self.children.get(node.code, []))

    def find(self, unit: PlanUnit, scope: str | None) -> CatalogNode | None:
        """The one catalog node unit names: under scope (children first), or nationally."""
        if scope is None:
            return _pick(unit, self.by_key.get(unit.key, []))
        direct = [n for n in self.children.get(scope, []) if n.key == unit.key]
        return _pick(unit, direct) or _pick(unit, [n for n in self.descendants(scope) if n.key == unit.key])


def _pick(unit: PlanUnit, candidates: list[CatalogNode]) -> CatalogNode | None:
    """The single candidate that fits unit's level and kind, or None when none or several do."""
    kind = fold(unit.kind or "")
    same_kind = [n for n in candidates if kind and fold(n.kind or "") == kind]
    same_level = [n for n in candidates if unit.level is None or n.level == unit.level]
    if kind == "thanh pho" and same_kind:  # a city belongs to a province or to the nation: its kind decides
        same_level = same_kind
    if not same_level and kind:  # the document's level may be off ("thành phố" of a province)
        same_level = same_kind
    if len(same_level) > 1 and kind:
        same_level = [n for n in same_level if fold(n.kind or "") == kind] or same_level
    return same_level[0] if len(same_level) == 1 else None


def match_plan_units(
    plan_units: dict[int, PlanUnit], nodes: list[CatalogNode], codes: dict[int, str]
) -> dict[str, list[int]]:
    """Walk each plan tree top-down and say which catalog code each plan unit is (code -> plan ids)."""
    tree = _Tree(nodes)
    below: dict[int | None, list[PlanUnit]] = defaultdict(list)
    for unit in plan_units.values():
        below[unit.parent_id].append(unit)
    found: dict[str, list[int]] = defaultdict(list)

    def visit(unit: PlanUnit, scope: str | None) -> None:
        node = tree.find(unit, scope)
        if node is None:
            return
        found[node.code].append(unit.id)
        for child in below.get(unit.id, []):
            visit(child, node.code)

    for unit in sorted(plan_units.values(), key=lambda u: u.id):
        if unit.parent_id is None:
            visit(unit, None)
        elif unit.parent_id in codes:  # under a unit this catalog already holds
            visit(unit, codes[unit.parent_id])
    return {code: sorted(ids) for code, ids in found.items()}


def describe_unmatched(plan_units: dict[int, PlanUnit], matched: set[int]) -> list[str]:
    """Labels of plan units at catalog levels (province to commune) that found no catalog unit."""
    labels = []
    for unit in sorted(plan_units.values(), key=lambda u: u.id):
        if unit.id in matched or (unit.level or 0) > 3 or (unit.level is None and not unit.kind):
            continue
        parent = plan_units.get(unit.parent_id) if unit.parent_id else None
        labels.append(unit.label + (f" ({parent.label})" if parent else ""))
    return labels


async def merge_units(session: AsyncSession, pairs: list[tuple[int, int]]) -> None:
    """Move every reference of each old unit to its new unit, then delete the old one."""
    if not pairs:
        return
    refs = await session.run_sync(_references)
    for old_id, new_id in pairs:
        for name, col, uniques in refs:
            cols = {col, *(c for group in uniques for c in group)}
            target = table(name, *(column(c) for c in cols))
            for group in uniques:
                other = target.alias("other")
                same = [other.c[c] == target.c[c] for c in group if c != col]
                clash = exists().where(and_(other.c[col] == new_id, *same))
                await session.execute(delete(target).where(target.c[col] == old_id, clash))
            await session.execute(update(target).where(target.c[col] == old_id).values({col: new_id}))
        await session.execute(delete(Unit).where(Unit.id == old_id))


def _references(session: Session) -> list[tuple[str, str, list[list[str]]]]:
    """Every (table, column, unique groups holding that column) that points at units.id."""
    inspector = inspect(session.connection())
    refs = []
    for name in inspector.get_table_names():
        uniques = [u["column_names"] for u in inspector.get_unique_constraints(name)]
        for fk in inspector.get_foreign_keys(name):
            if fk["referred_table"] == "units" and len(fk["constrained_columns"]) == 1:
                col = fk["constrained_columns"][0]
                refs.append((name, col, [g for g in uniques if col in g]))
    return refs
