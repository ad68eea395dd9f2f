"""The many-plans case: copies of the imported plans under other numbers, issuers and years until the database
holds `total` plans, each with its sections and its plan-wide facts (targets, duties, deadlines without a unit),
as a deployment holding every plan of many provinces and years would."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmarks.national import CHUNK
from storage.models import Deadline, Plan, Responsibility, Section, Target, Unit

_FACTS = ((Target, "unit_id"), (Responsibility, "unit_id"), (Deadline, "scope_unit_id"))


async def add_plan_copies(sessions: async_sessionmaker[AsyncSession], total: int, seed: int = 13) -> int:
    """Copy the plans of the sample import round-robin until there are `total` plans; the plan count."""
    rng = random.Random(seed)
    async with sessions() as session:
        originals = [dict(r._mapping) for r in (await session.execute(select(Plan.__table__))).all()]
        provinces = [dict(r._mapping) for r in (await session.execute(select(Unit.__table__).where(Unit.level == 1)))]
        sections = await _rows_by_plan(session, Section, None)
        facts = {model: await _rows_by_plan(session, model, column) for model, column in _FACTS}
        ids = {model: await _next_id(session, model) for model in (Plan, Section, *facts)}
        out: dict[Any, list[dict[str, Any]]] = {model: [] for model in ids}
        for n in range(max(total - len(originals), 0)):
            source = originals[n % len(originals)]
            issuer = provinces[rng.randrange(len(provinces))] if provinces else None
            plan = _plan_copy(source, ids[Plan] + n, issuer, rng)
            out[Plan].append(plan)
            moved = _copy_rows(sections.get(source["id"], []), plan["id"], ids, Section, out, {})
            for model in facts:
                _copy_rows(facts[model].get(source["id"], []), plan["id"], ids, model, out, moved)
        for model, rows in out.items():
            for start in range(0, len(rows), CHUNK):
                await session.execute(insert(model), rows[start : start + CHUNK])
        await session.commit()
        return int((await session.execute(select(func.count()).select_from(Plan))).scalar_one())


def _plan_copy(source: dict[str, Any], plan_id: int, issuer: dict[str, Any] | None, rng: random.Random) -> dict:
    """The plan under another number, year and (when the catalog is loaded) province."""
    year = rng.randrange(2020, 2027)
    plan = dict(source, id=plan_id, number=f"{rng.randrange(1, 9999)}/KH-UBND", year=year, checksum=f"{plan_id:064d}")
    plan["period_start"] = plan["period_end"] = year
    if issuer is not None:
        old = source["issuer_name"].split(" ", 2)[-1] if source["issuer_name"] else ""
        name = f"{issuer['kind']} {issuer['name']}"
        plan |= {"issuer_unit_id": issuer["id"], "issuer_name": f"UBND {name}", "level": 1}
        plan["title"] = source["title"].replace(old, name) if old else source["title"]
    return plan


def _copy_rows(rows: list[dict], plan_id: int, ids: dict, model: Any, out: dict, sections: dict[int, int]) -> dict:
    """Rows of one plan under the copy's plan id, new ids, parents and sections remapped; old id -> new id."""
    moved: dict[int, int] = {}
    for row in rows:
        moved[row["id"]] = ids[model]
        ids[model] += 1
    for row in rows:
        copy = dict(row, id=moved[row["id"]], plan_id=plan_id)
        if "parent_id" in copy:
            copy["parent_id"] = moved.get(copy["parent_id"]) if model is Section else None
        if "section_id" in copy:
            copy["section_id"] = sections.get(copy["section_id"])
        out[model].append(copy)
    return moved


async def _rows_by_plan(session: AsyncSession, model: Any, unit_column: str | None) -> dict[int, list[dict]]:
    """The rows of a table by plan; for a fact table only those for the whole plan (no unit)."""
    query = select(model.__table__)
    if unit_column is not None:
        query = query.where(getattr(model, unit_column).is_(None))
    if unit_column is not None and hasattr(model, "parent_id"):  # a breakdown's parts stay with their own plan
        query = query.where(model.parent_id.is_(None))
    found: dict[int, list[dict]] = {}
    for row in (await session.execute(query.order_by(model.id))).all():
        found.setdefault(row.plan_id, []).append(dict(row._mapping))
    return found


async def _next_id(session: AsyncSession, model: Any) -> int:
    return int((await session.execute(select(func.coalesce(func.max(model.id), 0)))).scalar_one()) + 1
