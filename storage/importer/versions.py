"""The record of each imported version of a plan: file, checksum, time, counts and what changed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.importer.diff import ADDED, CHANGED, REMOVED
from storage.importer.diff_text import change_lines
from storage.models import PlanVersion

if TYPE_CHECKING:  # store imports this module
    from storage.importer.store import StoreResult


async def record_version(session: AsyncSession, result: StoreResult, now: datetime) -> int:
    """Add the version row of this import; its number (1 for a plan's first import)."""
    plan, diff = result.plan, result.diff
    last = await session.scalar(select(func.max(PlanVersion.version)).where(PlanVersion.plan_id == plan.id))
    number = (last or 0) + 1
    session.add(
        PlanVersion(
            plan_id=plan.id,
            version=number,
            checksum=plan.checksum,
            source_file=plan.source_file,
            imported_at=now,
            sections=result.sections,
            targets=result.targets,
            duties=result.duties,
            deadlines=result.deadlines,
            budgets=result.budgets,
            helpers=result.helpers,
            added=diff.count(ADDED),
            changed=diff.count(CHANGED),
            removed=diff.count(REMOVED),
            lost_reports=diff.lost_reports,
            lost_completions=diff.lost_completions,
            changes="\n".join(line.strip() for line in change_lines(diff)),
        )
    )
    await session.flush()
    return number


async def plan_versions(session: AsyncSession, plan_id: int) -> list[PlanVersion]:
    """Every recorded version of a plan, oldest first."""
    query = select(PlanVersion).where(PlanVersion.plan_id == plan_id).order_by(PlanVersion.version)
    return list(await session.scalars(query))
