"""The progress lines a reminder shows: each quota of the unit as X/Y (Z%), from the latest reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.phrases import ratio_text
from storage.language.text import format_number
from storage.models import Target
from storage.reporting.reports import Report
from storage.reporting.standing import COUNT, Standing, standing

MAX_LINES = 3
TARGET_IN_LIMIT = 2000


@dataclass
class ProgressBook:
    """Quotas of a set of units and the latest report of each, read in two queries."""

    quotas: dict[int, list[tuple[int, str, float, int | None, Target]]] = field(default_factory=dict)
    latest: dict[tuple[int, int, int], float] = field(default_factory=dict)

    @classmethod
    async def load(cls, session: AsyncSession, units: list[int]) -> ProgressBook:
        """Read the top-level quotas of units and the live reports against them."""
        book, wanted = cls(), set(units)
        if not wanted:
            return book
        query = (
            select(Target.id, Target.unit_id, Target.indicator, Target.value, Target.year, Target)
            .where(Target.kind == "quota", Target.parent_id.is_(None), Target.value.is_not(None))
            .where(Target.unit_id.is_not(None))
            .order_by(Target.id)
        )
        for target_id, unit_id, indicator, value, year, target in (await session.execute(query)).all():
            if unit_id in wanted:
                book.quotas.setdefault(unit_id, []).append((target_id, indicator, float(value or 0.0), year, target))
        await book._load_reports(session)
        return book

    async def _load_reports(self, session: AsyncSession) -> None:
        ids = [t[0] for targets in self.quotas.values() for t in targets]
        if not ids:
            return
        query = (
            select(Report.unit_id, Report.target_id, Report.year, Report.value)
            .where(Report.withdrawn_at.is_(None))
            .order_by(Report.created_at, Report.id)
        )
        if len(ids) <= TARGET_IN_LIMIT:
            query = query.where(Report.target_id.in_(ids))
        for unit_id, target_id, year, value in (await session.execute(query)).all():
            self.latest[(unit_id, target_id, year)] = value

    def lines(self, unit: int, year: int) -> list[str]:
        """ "giảm hộ nghèo: 2/4 (50%)" for each quota of unit for year (at most MAX_LINES)."""
        out = []
        for target_id, indicator, value, target_year, target in self.quotas.get(unit, ()):
            if target_year not in (None, year):
                continue
            state = standing(target, self.latest.get((unit, target_id, target_year or year)))
            if state.scale == COUNT and value == 0:
                continue  # no quota for this unit: never "0/0"
            out.append(f"{indicator}: {_figure(state, target)}")
        return out[:MAX_LINES]


def _figure(state: Standing, target: Target) -> str:
    """A count as X/Y (Z%); a level as the level last reported against its goal."""
    if state.scale == COUNT:
        return ratio_text(state.now or 0.0, state.goal)
    unit = "%" if (target.measure or "").strip() == "%" else f" {target.measure or ''}".rstrip()
    now = f"mức hiện nay {format_number(state.now)}{unit}" if state.now is not None else "chưa báo cáo mức hiện nay"
    return f"{now} (mục tiêu {format_number(state.goal)}{unit})"
