"""Progress of units against their targets, from the latest report of each (counts X/Y, levels by standing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.phrases import percent_of
from storage.models import Target, Unit
from storage.reporting.reports import Report, latest_values
from storage.reporting.standing import COUNT, Standing, standing, year_elapsed
from storage.units.lookup import descendants

PROGRESS_KINDS = ("quota", "target")


@dataclass
class ProgressLine:
    """One target of one unit: planned Y, done X (latest report), and the report behind X."""

    unit: Unit
    target: Target
    year: int
    report: Report | None
    depth: int = 0  # 0 for a target, 1 for a breakdown part

    @property
    def done(self) -> float:
        """The cumulative figure reported to date (0 before any report)."""
        return self.report.value if self.report else 0.0

    @property
    def planned(self) -> float:
        """The quota or target value."""
        return self.target.value or 0.0

    @property
    def standing(self) -> Standing:
        """Where the target stands by its kind (a count to add up, a level to reach or bring down)."""
        return standing(self.target, self.report.value if self.report else None)

    @property
    def percent(self) -> float | None:
        """How far along, in percent: done of planned for a count, share of the way for a level (None when it
        cannot be told: a zero plan, a level without baseline or report)."""
        state = self.standing
        return percent_of(self.done, self.planned) if state.scale == COUNT else state.share

    def status(self, today: date) -> str:
        """behind, unreported, on_track, reached or no_goal, against the share of the target's year gone."""
        return self.standing.status(year_elapsed(self.year, today))


def target_year(target: Target, now: datetime) -> int:
    """The year a target is for (its own, else the current year)."""
    return target.year or now.year


async def unit_targets(session: AsyncSession, unit_id: int) -> list[tuple[Target, int]]:
    """The unit's quotas and targets with their breakdown parts, as (target, depth), parents first."""
    query = (
        select(Target)
        .where(Target.unit_id == unit_id, Target.kind.in_(PROGRESS_KINDS), Target.parent_id.is_(None))
        .where(Target.value.is_not(None))
        .order_by(Target.kind, Target.id)
    )
    tops = list((await session.execute(query)).scalars())
    parts_query = select(Target).where(Target.parent_id.in_([t.id for t in tops]), Target.value.is_not(None))
    parts = list((await session.execute(parts_query.order_by(Target.id))).scalars())
    ordered: list[tuple[Target, int]] = []
    for top in tops:
        ordered.append((top, 0))
        ordered.extend((p, 1) for p in parts if p.parent_id == top.id)
    return ordered


async def unit_progress(session: AsyncSession, unit: Unit, now: datetime) -> list[ProgressLine]:
    """Every target of unit with its latest reported figure."""
    targets = await unit_targets(session, unit.id)
    years = {target_year(t, now) for t, _ in targets}
    latest: dict[tuple[int, int], Report] = {}
    for year in years:
        latest.update(await latest_values(session, [unit.id], year))
    return [
        ProgressLine(unit, t, target_year(t, now), _for_year(latest.get((unit.id, t.id)), t, now), depth)
        for t, depth in targets
    ]


def _for_year(report: Report | None, target: Target, now: datetime) -> Report | None:
    return report if report is not None and report.year == target_year(target, now) else None


async def units_progress(session: AsyncSession, units: list[Unit], now: datetime) -> list[ProgressLine]:
    """The main (first top-level) target of each unit that has one, with its latest report."""
    lines: list[ProgressLine] = []
    for unit in units:
        for line in await unit_progress(session, unit, now):
            if line.depth == 0:
                lines.append(line)
                break
    return lines


async def export_lines(session: AsyncSession, unit: Unit, now: datetime) -> list[ProgressLine]:
    """Every target of unit and of every unit below it, units in name order after unit itself."""
    below = sorted(await descendants(session, unit.id), key=lambda u: (u.level or 9, u.name))
    lines: list[ProgressLine] = []
    for each in [unit, *below]:
        lines.extend(await unit_progress(session, each, now))
    return lines
