"""A per-process snapshot of the plan database (units, plans, facts, sections), reloaded when it changes."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.models import (
    Budget,
    Deadline,
    HelperAssignment,
    Plan,
    Responsibility,
    Section,
    Target,
    Unit,
    UnitAlias,
    UnitLink,
)
from storage.probe import probe

Row = Any  # a SQLAlchemy Row of one table: attribute access by column name

# The column of each fact list that names the unit a row is for (None: the whole plan's).
_UNIT_COLUMN = {"targets": "unit_id", "deadlines": "scope_unit_id", "budgets": "unit_id", "duties": "unit_id"}
_TABLES = (Unit, UnitAlias, Plan, Section, Target, Responsibility, Deadline, Budget, HelperAssignment, UnitLink)


@dataclass
class Snapshot:
    """Everything the core answers from, as plain rows grouped for quick lookup."""

    version: tuple[Any, ...]
    units: dict[int, Row]
    aliases: list[Row]
    plans: dict[int, Row]
    sections: dict[int, Row]
    targets: list[Row]
    duties: list[Row]
    deadlines: list[Row]
    budgets: list[Row]
    helpers: list[Row]
    children: dict[int, list[int]] = field(default_factory=dict)
    links: list[Row] = field(default_factory=list)  # 2025 merges: old unit -> new unit
    extra: dict[str, Any] = field(default_factory=dict)  # indexes built lazily by other modules
    loaded_at: float = 0.0

    def ancestors(self, unit_id: int | None) -> list[int]:
        """The unit and its ancestors, nearest first."""
        chain: list[int] = []
        while unit_id is not None and unit_id in self.units and unit_id not in chain:
            chain.append(unit_id)
            unit_id = self.units[unit_id].parent_id
        return chain

    def descendants(self, unit_id: int) -> list[int]:
        """Every unit below unit_id (not itself)."""
        out: list[int] = []
        stack = list(self.children.get(unit_id, ()))
        while stack:
            uid = stack.pop()
            out.append(uid)
            stack.extend(self.children.get(uid, ()))
        return out

    def unit_facts(self) -> set[int]:
        """Units that some plan issues or assigns something to."""
        if "fact_units" not in self.extra:
            ids = {p.issuer_unit_id for p in self.plans.values()}
            ids |= {t.unit_id for t in self.targets} | {h.unit_id for h in self.helpers}
            ids |= {r.unit_id for r in self.duties} | {b.unit_id for b in self.budgets}
            ids |= {d.scope_unit_id for d in self.deadlines}
            self.extra["fact_units"] = {i for i in ids if i is not None}
        return self.extra["fact_units"]

    def in_plans(self, table: str, plans: Iterable[int], units: Iterable[int] | None = None) -> list[Row]:
        """Rows of a fact list in the plans, in id order; with units, those for the whole plan or one of units.
        Indexed, so a national plan with a row per commune costs a commune only its own rows."""
        index = self._plan_index(table)
        rows: list[Row] = []
        for plan_id in set(plans):
            general, named = index.get(plan_id, ([], {}))
            rows.extend(general)
            for unit_rows in named.values() if units is None else (named.get(u, []) for u in set(units)):
                rows.extend(unit_rows)
        return sorted(rows, key=lambda r: r.id)

    def parts(self, table: str, parent_id: int) -> list[Row]:
        """The rows of a fact list (targets, budgets) whose parent is parent_id, in id order."""
        key = f"parts:{table}"
        if key not in self.extra:
            index: dict[int, list[Row]] = defaultdict(list)
            for row in getattr(self, table):
                if row.parent_id is not None:
                    index[row.parent_id].append(row)
            self.extra[key] = dict(index)
        return list(self.extra[key].get(parent_id, ()))

    def _plan_index(self, table: str) -> dict[int, tuple[list[Row], dict[int, list[Row]]]]:
        key = f"by_plan:{table}"
        if key not in self.extra:
            column = _UNIT_COLUMN[table]
            index: dict[int, tuple[list[Row], dict[int, list[Row]]]] = {}
            for row in getattr(self, table):
                general, named = index.setdefault(row.plan_id, ([], {}))
                unit_id = getattr(row, column)
                (general if unit_id is None else named.setdefault(unit_id, [])).append(row)
            self.extra[key] = index
        return self.extra[key]


_CACHE: dict[str, Snapshot] = {}


async def _rows(session: AsyncSession, model: Any) -> list[Row]:
    return list((await session.execute(select(model.__table__).order_by(model.__table__.c.id))).all())


async def load(session: AsyncSession, version: tuple[Any, ...] | None = None) -> Snapshot:
    """The snapshot of session's database, read again only when its fact version (storage.revision) moved."""
    bind = session.bind
    key = str(bind.url) if isinstance(bind, AsyncEngine) else ""
    if version is None:
        version = (await probe(session, "")).facts
    cached = _CACHE.get(key)
    if cached is not None and cached.version == version:
        return cached
    units = {u.id: u for u in await _rows(session, Unit)}
    children: dict[int, list[int]] = defaultdict(list)
    for unit in units.values():
        if unit.parent_id is not None:
            children[unit.parent_id].append(unit.id)
    snap = Snapshot(
        version=version,
        units=units,
        aliases=await _rows(session, UnitAlias),
        plans={p.id: p for p in await _rows(session, Plan)},
        sections={s.id: s for s in await _rows(session, Section)},
        targets=await _rows(session, Target),
        duties=await _rows(session, Responsibility),
        deadlines=await _rows(session, Deadline),
        budgets=await _rows(session, Budget),
        helpers=await _rows(session, HelperAssignment),
        children=dict(children),
        links=await _rows(session, UnitLink),
        loaded_at=time.monotonic(),
    )
    _CACHE[key] = snap
    return snap


def clear() -> None:
    """Forget every snapshot (tests)."""
    _CACHE.clear()
