"""The unit tree as reminders see it: who must meet a deadline issued by a unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.text import display_kind, kind_level
from storage.models import Unit, UnitLink


@dataclass
class UnitTree:
    """Every unit's parent, level and display name, plus old -> new links of merged units."""

    parent: dict[int, int | None] = field(default_factory=dict)
    level: dict[int, int | None] = field(default_factory=dict)
    name: dict[int, str] = field(default_factory=dict)
    bare: dict[int, str] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)
    successors: dict[int, list[int]] = field(default_factory=dict)

    def subtree(self, root: int) -> list[int]:
        """root and every unit below it."""
        found, stack = [], [root]
        while stack:
            unit = stack.pop()
            found.append(unit)
            stack.extend(self.children.get(unit, ()))
        return found

    def obliged(self, root: int, levels: frozenset[int] | None) -> list[int]:
        """The units under root that must meet a deadline naming these levels (all of them for None)."""
        units = self.subtree(root)
        if levels is None:
            return units
        return [u for u in units if self.level.get(u) in levels]

    def noun(self, units: list[int]) -> str:
        """How to call a group of units in a summary: "xã", "huyện" or "đơn vị"."""
        levels = {self.level.get(u) or 0 for u in units}
        return {frozenset({3}): "xã", frozenset({2}): "huyện"}.get(frozenset(levels), "đơn vị")


async def load_tree(session: AsyncSession) -> UnitTree:
    """Read the whole unit tree in two queries."""
    tree = UnitTree()
    rows = (await session.execute(select(Unit.id, Unit.parent_id, Unit.level, Unit.kind, Unit.name))).all()
    for unit_id, parent_id, level, kind, name in rows:
        tree.parent[unit_id] = parent_id
        tree.level[unit_id] = level or kind_level(kind)
        tree.name[unit_id] = f"{display_kind(kind)} {name}" if kind else name
        tree.bare[unit_id] = name
        if parent_id is not None:
            tree.children.setdefault(parent_id, []).append(unit_id)
    for unit_id in tree.parent:  # a unit of unknown kind sits one level below its parent
        if tree.level[unit_id] is None:
            parent = tree.parent[unit_id]
            parent_level = tree.level.get(parent) if parent is not None else None
            tree.level[unit_id] = parent_level + 1 if parent_level else None
    for old, new in (await session.execute(select(UnitLink.old_unit_id, UnitLink.new_unit_id))).all():
        tree.successors.setdefault(old, []).append(new)
    return tree
