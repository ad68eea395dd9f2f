"""Turning Facts into rows: targets and deadlines as drafts to pair with stored ones, the rest written fresh."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.importer.matching import Draft
from storage.importer.model import BudgetFact, DeadlineFact, Facts, FundingFact, TargetFact, UnitRef
from storage.language.text import fold, number_key
from storage.models import Budget, FundingSource, HelperAssignment, PlanReference, Responsibility, Unit
from storage.units.resolve import UnitResolver


class FactRows:
    """Resolves the units facts name and builds their rows for one plan."""

    def __init__(self, session: AsyncSession, units: UnitResolver, issuer: Unit | None) -> None:
        self.session = session
        self.units = units
        self.issuer_id = issuer.id if issuer is not None else None
        self.named_units: set[int] = set() if issuer is None else {issuer.id}

    async def _unit(self, ref: UnitRef | None) -> int | None:
        if ref is None:
            return self.issuer_id
        unit = await self.units.resolve(ref)
        self.named_units.add(unit.id)
        return unit.id

    async def target_drafts(self, facts: Facts) -> list[Draft]:
        """The targets of the new version, with their parts, units resolved."""
        return [await self._target(fact, None) for fact in facts.targets]

    async def _target(self, fact: TargetFact, parent: Draft | None) -> Draft:
        inherited = parent is not None and fact.unit is None
        unit_id = parent.values["unit_id"] if parent is not None and inherited else await self._unit(fact.unit)
        values = {
            "unit_id": unit_id,
            "kind": fact.kind,
            "indicator": fact.indicator,
            "key": fold(fact.indicator),
            "value": fact.value,
            "measure": fact.measure,
            "direction": fact.direction,
            "form": fact.form,
            "baseline": fact.baseline,
            "year": fact.year,
            "text": fact.text,
        }
        draft = Draft(values, fact.section)
        draft.parts = [await self._target(part, draft) for part in fact.parts]
        return draft

    def deadline_drafts(self, facts: Facts) -> list[Draft]:
        """The deadlines of the new version; their scope is the issuing unit."""
        return [self._deadline(fact) for fact in facts.deadlines]

    def _deadline(self, fact: DeadlineFact) -> Draft:
        values = {
            "scope_unit_id": self.issuer_id,
            "title": fact.title,
            "key": fold(fact.title),
            "due_date": fact.due,
            "due_text": fact.due_text[:120],
            "obligor": fact.obligor,
            "recipient": fact.recipient,
            "recurrence": fact.recurrence,
            "text": fact.text,
        }
        return Draft(values, fact.section)

    async def write_others(self, plan_id: int, facts: Facts, sections: dict[int, int]) -> None:
        """Add duties, budgets, funding sources, helpers and references (nothing users make points at them)."""
        for duty in facts.duties:
            self.session.add(
                Responsibility(
                    plan_id=plan_id,
                    section_id=_section(sections, duty.section),
                    unit_id=await self._unit(duty.unit),
                    assignee=duty.assignee[:300],
                    assignee_key=fold(duty.assignee)[:300],
                    role=duty.role,
                    project=duty.project,
                    text=duty.text,
                    requested=duty.requested,
                )
            )
        for budget in facts.budgets:
            await self._budget(plan_id, sections, budget, None)
        for funding in facts.funding:
            self.session.add(_funding(plan_id, sections, funding))
        for helper in facts.helpers:
            self.session.add(
                HelperAssignment(
                    plan_id=plan_id,
                    section_id=_section(sections, helper.section),
                    unit_id=await self._unit(helper.unit),
                    office=helper.office,
                    office_key=fold(helper.office or ""),
                    member=helper.member,
                    member_key=fold(helper.member or ""),
                )
            )
        for ref in facts.units:
            await self._unit(ref)
        self._references(plan_id, facts)

    def _references(self, plan_id: int, facts: Facts) -> None:
        """Add the documents the plan is based on, in the order it cites them."""
        for ordinal, cited in enumerate(facts.references):
            self.session.add(
                PlanReference(
                    plan_id=plan_id,
                    ordinal=ordinal,
                    relation=cited.relation,
                    kind=cited.kind[:40],
                    number=cited.number[:80] if cited.number else None,
                    number_key=number_key(cited.number or "")[:80],
                    issuer=cited.issuer[:300] if cited.issuer else None,
                    doc_date=cited.doc_date,
                    title=cited.title,
                    text=cited.text,
                )
            )

    async def _budget(self, plan_id: int, sections: dict[int, int], fact: BudgetFact, parent: Budget | None) -> None:
        row = Budget(
            plan_id=plan_id,
            section_id=_section(sections, fact.section),
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
                await self._budget(plan_id, sections, part, row)


def _funding(plan_id: int, sections: dict[int, int], fact: FundingFact) -> FundingSource:
    """The row of a funding source named without an amount."""
    return FundingSource(
        plan_id=plan_id, section_id=_section(sections, fact.section), source=fact.source, text=fact.text
    )


def _section(sections: dict[int, int], index: int | None) -> int | None:
    return sections.get(index) if index is not None else None
