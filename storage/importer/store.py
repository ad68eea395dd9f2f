"""Writing one parsed plan and its facts: create or update the Plan, replace its sections and facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.importer.model import BudgetFact, Document, Facts, TargetFact
from storage.models import (
    Budget,
    Deadline,
    HelperAssignment,
    Plan,
    Responsibility,
    Section,
    Target,
    Unit,
)
from storage.text import fold
from storage.units import UnitResolver

_FACT_TABLES = (Target, Responsibility, Deadline, Budget, HelperAssignment)


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


async def store_plan(
    session: AsyncSession, document: Document, facts: Facts, *, source_file: str, checksum: str, now: datetime
) -> StoreResult:
    """Write the plan, its sections and facts in the session's open transaction."""
    header = document.header
    resolver = UnitResolver(session, header.year)
    issuer = await resolver.resolve(header.issuer) if header.issuer is not None else None
    plan = await find_plan(session, header.number, issuer, checksum, header.title)
    updated = plan is not None
    if plan is None:
        plan = Plan(source_file=source_file, checksum=checksum, imported_at=now, title=header.title, issuer_name="")
        session.add(plan)
    else:
        await clear_plan(session, plan.id)
    _fill_plan(plan, document, issuer, source_file, checksum, now)
    await session.flush()
    section_ids = await _write_sections(session, plan.id, document)
    writer = _FactWriter(session, plan.id, section_ids, resolver, issuer)
    counts = await writer.write(facts)
    await session.flush()
    return StoreResult(plan, updated, len(section_ids), len(writer.named_units), *counts)


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


async def clear_plan(session: AsyncSession, plan_id: int) -> None:
    """Delete a plan's facts and sections (units stay)."""
    for table in _FACT_TABLES:
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
    plan.level = issuer.level if issuer is not None else None
    plan.year = header.year
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


class _FactWriter:
    """Turns Facts into rows, resolving the units they name."""

    def __init__(
        self, session: AsyncSession, plan_id: int, sections: dict[int, int], units: UnitResolver, issuer: Unit | None
    ) -> None:
        self.session = session
        self.plan_id = plan_id
        self.sections = sections
        self.units = units
        self.issuer_id = issuer.id if issuer is not None else None
        self.named_units: set[int] = set() if issuer is None else {issuer.id}

    def _section(self, index: int | None) -> int | None:
        return self.sections.get(index) if index is not None else None

    async def _unit(self, ref) -> int | None:  # type: ignore[no-untyped-def]
        if ref is None:
            return self.issuer_id
        unit = await self.units.resolve(ref)
        self.named_units.add(unit.id)
        return unit.id

    async def write(self, facts: Facts) -> tuple[int, int, int, int, int]:
        """Write every fact; return the counts of targets, duties, deadlines, budgets, helpers."""
        for target in facts.targets:
            await self._target(target, None)
        for duty in facts.duties:
            self.session.add(
                Responsibility(
                    plan_id=self.plan_id,
                    section_id=self._section(duty.section),
                    unit_id=await self._unit(duty.unit),
                    assignee=duty.assignee[:300],
                    assignee_key=fold(duty.assignee)[:300],
                    role=duty.role,
                    project=duty.project,
                    text=duty.text,
                )
            )
        for deadline in facts.deadlines:
            self.session.add(
                Deadline(
                    plan_id=self.plan_id,
                    section_id=self._section(deadline.section),
                    scope_unit_id=self.issuer_id,
                    title=deadline.title,
                    key=fold(deadline.title),
                    due_date=deadline.due,
                    due_text=deadline.due_text[:120],
                    obligor=deadline.obligor,
                    recipient=deadline.recipient,
                    recurrence=deadline.recurrence,
                    text=deadline.text,
                )
            )
        for budget in facts.budgets:
            await self._budget(budget, None)
        for helper in facts.helpers:
            self.session.add(
                HelperAssignment(
                    plan_id=self.plan_id,
                    section_id=self._section(helper.section),
                    unit_id=await self._unit(helper.unit),
                    office=helper.office,
                    office_key=fold(helper.office or ""),
                    member=helper.member,
                    member_key=fold(helper.member or ""),
                )
            )
        for ref in facts.units:
            await self._unit(ref)
        return len(facts.targets), len(facts.duties), len(facts.deadlines), len(facts.budgets), len(facts.helpers)

    async def _target(self, fact: TargetFact, parent: Target | None) -> None:
        row = Target(
            plan_id=self.plan_id,
            section_id=self._section(fact.section),
            unit_id=parent.unit_id if parent is not None and fact.unit is None else await self._unit(fact.unit),
            parent_id=parent.id if parent is not None else None,
            kind=fact.kind,
            indicator=fact.indicator,
            key=fold(fact.indicator),
            value=fact.value,
            measure=fact.measure,
            direction=fact.direction,
            baseline=fact.baseline,
            year=fact.year,
            text=fact.text,
        )
        self.session.add(row)
        if fact.parts:
            await self.session.flush()
            for part in fact.parts:
                await self._target(part, row)

    async def _budget(self, fact: BudgetFact, parent: Budget | None) -> None:
        row = Budget(
            plan_id=self.plan_id,
            section_id=self._section(fact.section),
            unit_id=parent.unit_id if parent is not None else self.issuer_id,
            parent_id=parent.id if parent is not None else None,
            project=fact.project,
            label=fact.label,
            key=fold(fact.label),
            amount=fact.amount,
            source=fact.source,
            is_total=fact.is_total,
            text=fact.text,
        )
        self.session.add(row)
        if fact.parts:
            await self.session.flush()
            for part in fact.parts:
                await self._budget(part, row)
