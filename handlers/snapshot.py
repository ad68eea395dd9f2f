"""A per-process snapshot of the plan database (units, plans, facts, sections), reloaded when it changes."""

from __future__ import annotations

import gc
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.models import (
    Budget,
    Deadline,
    FundingSource,
    HelperAssignment,
    Plan,
    PlanReference,
    Responsibility,
    Section,
    Target,
    Unit,
    UnitAlias,
    UnitLink,
)
from storage.probe import probe

if TYPE_CHECKING:  # the modules that build these indexes import this one
    from handlers.answers.section_index import SectionIndex
    from handlers.understand.entities import UnitIndex
    from handlers.understand.plan_choice import TitleIndex

Row = Any  # a SQLAlchemy Row of one table: attribute access by column name
ByUnit = dict[int, list[Row]]
PlanIndex = dict[int, tuple[list[Row], ByUnit]]  # plan id -> (rows for the whole plan, rows by unit)

# The column of each fact list that names the unit a row is for (None: the whole plan's).
_UNIT_COLUMN = {"targets": "unit_id", "deadlines": "scope_unit_id", "budgets": "unit_id", "duties": "unit_id"}


@dataclass
class Indexes:
    """Lookups over one snapshot, each built on first use by the module named, then kept with the snapshot."""

    units: UnitIndex | None = None  # understand.entities: names, aliases, kinds
    sections: SectionIndex | None = None  # answers.section_index: BM25 postings of every section
    vocabulary: set[str] | None = None  # understand.query: words the Telex repair may produce
    alias_names: dict[int, list[str]] | None = None  # understand.typed: bare alias names by unit
    plans_for: dict[int | None, list[Row]] = field(default_factory=dict)  # understand.query: applying plans
    plan_order: tuple[list[Row], dict[int | None, list[Row]], dict[int, int]] | None = None  # understand.query
    assigning_plans: dict[int, set[int]] | None = None  # understand.query: plans naming a unit in a fact
    merges: tuple[ByUnit, ByUnit] | None = None  # understand.unit_merges: 2025 links by old, by new unit
    helper_keys: list[tuple[Row, str, str]] | None = None  # understand.entities: folded office, member
    duty_keys: list[tuple[Row, str, set[str]]] | None = None  # answers.duties: folded assignee, its words
    quotas: tuple[ByUnit, ByUnit] | None = None  # answers.quotas: top quotas by unit, parts by target
    indicator_phrases: dict[str, str] | None = None  # answers.quotas: folded indicator -> as written
    tabled_figures: list[Row] | None = None  # answers.quotas: figures other than quotas a table gives units
    project_names: dict[str, dict[int, Counter[str]]] = field(default_factory=dict)  # answers.projects
    programmes: dict[int, str] = field(default_factory=dict)  # understand.plan_topics: programme by plan
    indicator_words: dict[int, tuple[Counter[str], int]] | None = None  # understand.plan_topics: by plan
    topic_words: dict[frozenset[int], set[str]] = field(default_factory=dict)  # understand.plan_topics
    topics: dict[frozenset[int], str] = field(default_factory=dict)  # understand.plan_topics: main programme
    qualifiers: set[str] | None = None  # understand.plan_topics: "cận nghèo"-like inserted words
    titles: TitleIndex | None = None  # understand.plan_choice: plan numbers and title words
    unit_fact_plans: dict[str, set[int]] = field(default_factory=dict)  # understand.plan_choice: by fact list
    quota_plans: set[int] | None = None  # answers.targets: plans that give units quotas
    post_heads: dict[str, set[str]] | None = None  # understand.posts: first words of posts by officer word
    latest_year: int | None = None  # answers.help: the newest plan year, for examples
    title_cores: dict[int, str] = field(default_factory=dict)  # answers.help: each plan's topic words, as written


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
    funding: list[Row] = field(default_factory=list)  # funding sources named without an amount
    references: list[Row] = field(default_factory=list)  # documents each plan is based on, in citation order
    loaded_at: float = 0.0
    settled: bool = False  # see settle()
    indexes: Indexes = field(default_factory=Indexes)
    _fact_units: set[int] | None = None
    _parts: dict[str, ByUnit] = field(default_factory=dict)  # fact list -> rows by parent row
    _by_plan: dict[str, PlanIndex] = field(default_factory=dict)  # fact list -> rows by plan

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
        if self._fact_units is None:
            ids = {p.issuer_unit_id for p in self.plans.values()}
            ids |= {t.unit_id for t in self.targets} | {h.unit_id for h in self.helpers}
            ids |= {r.unit_id for r in self.duties} | {b.unit_id for b in self.budgets}
            ids |= {d.scope_unit_id for d in self.deadlines}
            self._fact_units = {i for i in ids if i is not None}
        return self._fact_units

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
        if table not in self._parts:
            index: ByUnit = defaultdict(list)
            for row in getattr(self, table):
                if row.parent_id is not None:
                    index[row.parent_id].append(row)
            self._parts[table] = dict(index)
        return list(self._parts[table].get(parent_id, ()))

    def _plan_index(self, table: str) -> PlanIndex:
        if table not in self._by_plan:
            column = _UNIT_COLUMN[table]
            index: PlanIndex = {}
            for row in getattr(self, table):
                general, named = index.setdefault(row.plan_id, ([], {}))
                unit_id = getattr(row, column)
                (general if unit_id is None else named.setdefault(unit_id, [])).append(row)
            self._by_plan[table] = index
        return self._by_plan[table]


@dataclass(frozen=True, slots=True)
class SectionRow:
    """A section as the snapshot keeps it: the body compressed, as a question reads the bodies of a few sections
    only and 2,000 plans hold tens of megabytes of text."""

    id: int
    plan_id: int
    parent_id: int | None
    ordinal: int
    label: str
    heading: str
    packed: bytes | str | None  # the body, zlib-compressed when that makes it smaller

    @property
    def body(self) -> str | None:
        """The section's text."""
        return zlib.decompress(self.packed).decode() if isinstance(self.packed, bytes) else self.packed


def _packed(body: str | None) -> bytes | str | None:
    if not body:
        return body
    packed = zlib.compress(body.encode())
    return packed if len(packed) < len(body) else body


_CACHE: dict[str, Snapshot] = {}
_SECTION_COLUMNS = [c for c in Section.__table__.c if c.name != "key"]  # the folded copy of heading and body


async def _rows(session: AsyncSession, model: Any) -> list[Row]:
    return list((await session.execute(select(model.__table__).order_by(model.__table__.c.id))).all())


async def _sections(session: AsyncSession) -> dict[int, SectionRow]:
    """Every section, read a batch at a time so the whole text is never held uncompressed."""
    query = select(*_SECTION_COLUMNS).order_by(Section.id).execution_options(yield_per=2000)
    found: dict[int, SectionRow] = {}
    async for rows in (await session.stream(query)).partitions():
        for r in rows:
            found[r.id] = SectionRow(r.id, r.plan_id, r.parent_id, r.ordinal, r.label, r.heading, _packed(r.body))
    return found


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
        sections=await _sections(session),
        targets=await _rows(session, Target),
        duties=await _rows(session, Responsibility),
        deadlines=await _rows(session, Deadline),
        budgets=await _rows(session, Budget),
        helpers=await _rows(session, HelperAssignment),
        children=dict(children),
        links=await _rows(session, UnitLink),
        funding=await _rows(session, FundingSource),
        references=await _rows(session, PlanReference),
        loaded_at=time.monotonic(),
    )
    _CACHE[key] = snap
    return snap


def settle(snap: Snapshot) -> None:
    """Once per snapshot, after its first answer built the main indexes: move every object alive to the
    collector's permanent generation. A full collection would otherwise walk the snapshot's million objects
    every few hundred messages (0,4–1 s each with 2,000 plans), the slowest answers by far."""
    if not snap.settled:
        snap.settled = True
        gc.collect(1)  # the young garbage of this message, not frozen with the rest
        gc.freeze()


def clear() -> None:
    """Forget every snapshot (tests)."""
    _CACHE.clear()
