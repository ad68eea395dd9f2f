"""A plan's references and the stored plans they resolve to; the plans that reference a plan (its children).

A reference resolves to a stored plan with the same number and, to tell apart the many "21/KH-UBND" of different
issuers, the same date, or, when either date is unknown, an issuer the citation's words name ("UBND tỉnh" of a plan
issued by "UBND tỉnh Đồng Nai"; the citing plan's own place completes a bare level).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.normalize import fold_expand
from storage.language.text import number_key
from storage.models import Plan, PlanReference


@dataclass
class Cited:
    """One reference of a plan and the stored plan it resolves to (None: not in the database)."""

    reference: PlanReference
    plan: Plan | None


def resolves(reference: PlanReference, plan: Plan, citing: Plan | None = None) -> bool:
    """Whether a reference names this stored plan: same number, then the same date or a matching issuer."""
    if plan.id == reference.plan_id or not reference.number_key or reference.number_key != _key(plan.number):
        return False
    if reference.doc_date is not None and plan.doc_date is not None:
        return reference.doc_date == plan.doc_date
    return _issuer_matches(reference.issuer, plan, citing)


def _key(number: str | None) -> str:
    return number_key(number or "")


def _issuer_matches(issuer: str | None, plan: Plan, citing: Plan | None) -> bool:
    """The cited issuer's words are all in the stored plan's issuer ("UBND tỉnh" in "UBND tỉnh Đồng Nai"), and a
    bare level ("UBND tỉnh") is the citing plan's own province or district."""
    if not issuer:
        return False
    cited, stored = fold_expand(issuer).split(), fold_expand(plan.issuer_name).split()
    if not cited or not set(cited) <= set(stored):
        return False
    if len(stored) > len(cited) and citing is not None:  # "UBND tỉnh": the citing plan's place must say which
        rest = stored[len(cited) :]
        return all(word in fold_expand(citing.issuer_name).split() for word in rest)
    return True


async def references_of(session: AsyncSession, plan: Plan) -> list[Cited]:
    """The plan's references in order of citation, each with the stored plan it resolves to."""
    query = select(PlanReference).where(PlanReference.plan_id == plan.id).order_by(PlanReference.ordinal)
    references = list(await session.scalars(query))
    keys = {r.number_key for r in references if r.number_key}
    candidates = await _plans_numbered(session, keys)
    found = []
    for reference in references:
        match = next((p for p in candidates if resolves(reference, p, plan)), None)
        found.append(Cited(reference, match))
    return found


async def referencing_plans(session: AsyncSession, plan: Plan) -> list[Plan]:
    """The stored plans that cite this plan (as a basis, or as the plan their appendix belongs to)."""
    key = _key(plan.number)
    if not plan.number or not key:
        return []
    query = select(PlanReference).where(PlanReference.number_key == key).order_by(PlanReference.plan_id)
    references = list(await session.scalars(query))
    citing = {p.id: p for p in await session.scalars(select(Plan).where(Plan.id.in_({r.plan_id for r in references})))}
    children = [citing[r.plan_id] for r in references if r.plan_id in citing and resolves(r, plan, citing[r.plan_id])]
    return list({child.id: child for child in children}.values())


async def _plans_numbered(session: AsyncSession, keys: set[str]) -> list[Plan]:
    """The stored plans whose number has one of these keys."""
    if not keys:
        return []
    plans = await session.scalars(select(Plan).where(Plan.number.is_not(None)).order_by(Plan.id))
    return [p for p in plans if _key(p.number) in keys]
