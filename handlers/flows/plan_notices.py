"""Telling the staff of the units an imported plan names, in the import's own transaction: the figures before
the write, then after it the notices queued in the outbox (so a crash after the commit sends each once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.render.plan_notices import notice_text
from storage.models import Plan
from storage.reminders.schedule import to_local
from storage.uploads.notices import NOTICE_KIND, UnitFigures, plan_notices, unit_figures
from storage.uploads.queueing import Queued, queue_keyed


@dataclass(frozen=True)
class Told:
    """How many people were told, of how many units."""

    people: int
    units: int


@dataclass(frozen=True)
class PlanNotices:
    """The notices of imported plans; skip: the person who sent the plan (told by the reply instead)."""

    skip: str = ""

    async def before(self, session: AsyncSession, plan: Plan | None, now: datetime) -> dict[int, UnitFigures]:
        """The stored version's figures per unit (none for a new plan), taken before it is rewritten."""
        return await unit_figures(session, plan, to_local(now).date()) if plan is not None else {}

    async def after(
        self, session: AsyncSession, plan: Plan, version: int, before: dict[int, UnitFigures], now: datetime
    ) -> Told:
        """Queue a notice for each registered person of a named unit (of a changed unit, for a later version)."""
        notices = await plan_notices(session, plan, version, before, to_local(now).date(), skip=self.skip)
        await queue_keyed(session, [Queued(n.recipient, notice_text(n), n.key) for n in notices], NOTICE_KIND, now)
        return Told(len(notices), len({unit.unit_id for notice in notices for unit in notice.units}))
