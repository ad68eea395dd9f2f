"""Writing one parsed plan: pair its facts with the stored version's, then write plan, sections and facts.

Preparing computes the diff and writes nothing but the units the document names; writing keeps
every paired target and deadline (same id, so reports and completions stay) and replaces the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.importer.apply import apply_deadlines, apply_targets
from storage.importer.diff import PlanDiff, build_diff
from storage.importer.matching import Pair, pair_deadlines, pair_targets, stored_deadlines, stored_targets
from storage.importer.model import Document, Facts
from storage.importer.rows import FactRows
from storage.importer.versions import record_version
from storage.language.text import fold
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
)
from storage.units.resolve import UnitResolver

# Rebuilt from the document on every import: nothing users make points at these rows.
_REBUILT_TABLES = (Responsibility, Budget, FundingSource, HelperAssignment, PlanReference)


@dataclass
class StoreResult:
    """What was written for one file."""

    plan: Plan
    updated: bool
    sections: int
    units: int
    targets: int
    duties: int
    deadlines: int
    budgets: int
    helpers: int
    diff: PlanDiff
    version: int
    references: int = 0


@dataclass
class PreparedPlan:
    """A document paired with the stored plan it is a version of: the diff is known, only units are written."""

    document: Document
    facts: Facts
    plan: Plan | None
    issuer: Unit | None
    rows: FactRows
    targets: list[Pair]
    deadlines: list[Pair]
    diff: PlanDiff


async def prepare_plan(session: AsyncSession, document: Document, facts: Facts, *, checksum: str) -> PreparedPlan:
    """Find the stored version of the plan, pair its targets and deadlines with the document's, diff them."""
    header = document.header
    resolver = UnitResolver(session, header.year)
    issuer = await resolver.resolve(header.issuer) if header.issuer is not None else None
    plan = await find_plan(session, header.number, issuer, checksum, header.title)
    rows = FactRows(session, resolver, issuer)
    new_targets, new_deadlines = await rows.target_drafts(facts), rows.deadline_drafts(facts)
    old_targets = await stored_targets(session, plan.id) if plan is not None else []
    old_deadlines = await stored_deadlines(session, plan.id) if plan is not None else []
    targets = pair_targets(new_targets, old_targets)
    deadlines = pair_deadlines(new_deadlines, old_deadlines)
    names = await _unit_names(session, {p.values["unit_id"] for p in _target_sides(targets)})
    diff = build_diff(plan.id if plan is not None else None, targets, deadlines, names)
    if plan is not None:
        diff.previous_file, diff.previous_import = plan.source_file, plan.imported_at
    return PreparedPlan(document, facts, plan, issuer, rows, targets, deadlines, diff)


async def write_plan(
    session: AsyncSession, prepared: PreparedPlan, *, source_file: str, checksum: str, now: datetime
) -> StoreResult:
    """Write the prepared plan in the session's open transaction; removed targets take their reports along."""
    document, facts, plan = prepared.document, prepared.facts, prepared.plan
    updated = plan is not None
    old_issuer = plan.issuer_unit_id if plan is not None else None
    if plan is None:
        plan = Plan(source_file=source_file, checksum=checksum, imported_at=now, title="", issuer_name="")
        session.add(plan)
    else:
        await _clear_rebuilt(session, plan.id)
    _fill_plan(plan, document, prepared.issuer, source_file, checksum, now)
    await session.flush()
    section_ids = await _write_sections(session, plan.id, document)
    await apply_targets(session, plan.id, prepared.targets, section_ids)
    await apply_deadlines(session, plan.id, prepared.deadlines, section_ids, (old_issuer, plan.issuer_unit_id))
    await prepared.rows.write_others(plan.id, facts, section_ids)
    await session.flush()
    counts = (len(facts.targets), len(facts.duties), len(facts.deadlines), len(facts.budgets), len(facts.helpers))
    result = StoreResult(plan, updated, len(section_ids), len(prepared.rows.named_units), *counts, prepared.diff, 0)
    result.references = len(facts.references)
    result.version = await record_version(session, result, now)
    return result


def _target_sides(pairs: Sequence[Pair]) -> Iterator:  # type: ignore[type-arg]
    for pair in pairs:
        yield from (side for side in (pair.new, pair.old) if side is not None)
        yield from _target_sides(pair.parts)


async def _unit_names(session: AsyncSession, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {u.id: u.full_name for u in await session.scalars(select(Unit).where(Unit.id.in_(wanted)))}


async def find_plan(
    session: AsyncSession, number: str | None, issuer: Unit | None, checksum: str, title: str
) -> Plan | None:
    """The stored plan this document is a version of: same number and issuer, else checksum, else title."""
    issuer_id = issuer.id if issuer is not None else None
    if number:
        found = await _first(session, select(Plan).where(Plan.number == number, Plan.issuer_unit_id == issuer_id))
        if found is not None:
            return found
    found = await _first(session, select(Plan).where(Plan.checksum == checksum))
    if found is not None:
        return found
    query = select(Plan).where(Plan.title == title, Plan.issuer_unit_id == issuer_id)
    if number:
        query = query.where((Plan.number.is_(None)) | (Plan.number == number))
    return await _first(session, query)


async def _first(session: AsyncSession, query) -> Plan | None:  # type: ignore[no-untyped-def]
    return (await session.execute(query.order_by(Plan.id).limit(1))).scalars().first()


async def _clear_rebuilt(session: AsyncSession, plan_id: int) -> None:
    """Delete a plan's sections, duties, budgets, helper assignments and references (targets and deadlines are
    paired)."""
    for fact in (Target, Deadline):
        # Through the session, so loaded rows see it too: SQLite may give a new section a deleted one's id.
        await session.execute(update(fact).where(fact.plan_id == plan_id).values(section_id=None))
    for table in _REBUILT_TABLES:
        if hasattr(table, "parent_id"):
            await session.execute(delete(table).where(table.plan_id == plan_id, table.parent_id.is_not(None)))
        await session.execute(delete(table).where(table.plan_id == plan_id))
    await session.execute(delete(Section).where(Section.plan_id == plan_id, Section.parent_id.is_not(None)))
    await session.execute(delete(Section).where(Section.plan_id == plan_id))


def _fill_plan(
    plan: Plan, document: Document, issuer: Unit | None, source_file: str, checksum: str, now: datetime
) -> None:
    header = document.header
    plan.number = header.number
    plan.doc_date = header.doc_date
    plan.place = header.place
    plan.issuer_unit_id = issuer.id if issuer is not None else None
    plan.issuer_name = header.issuer_name or "(không rõ cơ quan ban hành)"
    plan.issuer_kind = header.issuer_kind
    plan.level = issuer.level if issuer is not None else None
    plan.year = header.year
    plan.period_start, plan.period_end = header.period_start, header.period_end
    plan.title = header.title
    plan.signer = header.signer
    plan.signer_title = header.signer_title
    plan.source_file = source_file
    plan.checksum = checksum
    plan.imported_at = now


async def _write_sections(session: AsyncSession, plan_id: int, document: Document) -> dict[int, int]:
    """Insert the sections in order; return section index -> row id."""
    rows = []
    for section in document.sections:
        body = "\n".join([*section.lines, *(_table_text(t.header + t.rows) for t in section.tables)])
        rows.append(
            Section(
                plan_id=plan_id,
                ordinal=section.index,
                label=section.label[:80],
                heading=section.heading,
                body=body,
                key=fold(f"{section.label} {section.heading} {body}"),
            )
        )
    session.add_all(rows)
    await session.flush()
    ids = {section.index: row.id for section, row in zip(document.sections, rows, strict=True)}
    for section, row in zip(document.sections, rows, strict=True):
        if section.parent is not None:
            row.parent_id = ids[section.parent]
    return ids


def _table_text(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in rows)
