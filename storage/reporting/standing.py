"""Where a target stands, by its kind: a count is summed up to its goal (X/Y), a level or rate is where it is now
between its baseline and its goal, lower being better for a level to bring down ("tỷ lệ hộ nghèo xuống còn 0,79%").

The form read from the plan (targets.form) says which; rows read before forms were stored fall back on their
direction and measure. Nothing here writes words: handlers.render.progress_text does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.language.goal_forms import AT_MOST, INCREASE_BY, REDUCE_BY, REDUCE_TO
from storage.models import Target

COUNT, LEVEL = "count", "level"
BEHIND, UNREPORTED, ON_TRACK, REACHED, NO_GOAL = "behind", "unreported", "on_track", "reached", "no_goal"
STATUS_ORDER = (BEHIND, UNREPORTED, ON_TRACK, REACHED, NO_GOAL)  # the view lists targets in this order


def scale_of(target: Target) -> str:
    """COUNT when reports add up to the goal (a change by N, a number of households), LEVEL when a report
    is the level reached (a rate, a level to bring down or keep under)."""
    if target.form in (REDUCE_BY, INCREASE_BY):
        return COUNT
    if target.form in (REDUCE_TO, AT_MOST):
        return LEVEL
    return LEVEL if (target.measure or "").strip() == "%" else COUNT


def lower_is_better(target: Target) -> bool:
    """Whether a lower level is the aim (a level to bring down, a ceiling)."""
    if target.form is not None:
        return target.form in (REDUCE_TO, AT_MOST)
    return target.direction == "giảm" and scale_of(target) == LEVEL


@dataclass(frozen=True)
class Standing:
    """A target's figures: the goal, where it started, where it is (None before any report), how far along."""

    scale: str
    goal: float
    start: float | None  # 0 for a count; the baseline of a level, when the plan gives one
    now: float | None
    lower_better: bool

    @property
    def share(self) -> float | None:
        """Percent of the way from start to goal (None when it cannot be told: no report, no start, no way)."""
        if self.now is None or self.start is None or self.goal == self.start:
            return None
        return (self.now - self.start) / (self.goal - self.start) * 100

    @property
    def reached(self) -> bool:
        """Whether the goal is met."""
        if self.now is None:
            return False
        return self.now <= self.goal if self.lower_better else self.now >= self.goal

    def status(self, elapsed: float) -> str:
        """BEHIND, UNREPORTED, ON_TRACK, REACHED or NO_GOAL, elapsed being the share of the plan's year gone."""
        if self.scale == COUNT and self.goal == 0:
            return NO_GOAL
        if self.now is None:
            return UNREPORTED
        if self.reached:
            return REACHED
        share = self.share
        return ON_TRACK if share is not None and share >= elapsed * 100 else BEHIND


def standing(target: Target, now: float | None) -> Standing:
    """The target's standing given its latest reported figure (None before any report)."""
    scale = scale_of(target)
    start = 0.0 if scale == COUNT else target.baseline
    return Standing(scale, target.value or 0.0, start, now, lower_is_better(target) and scale == LEVEL)


def year_elapsed(year: int, today: date) -> float:
    """The share (0..1) of the year gone by today."""
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    if today <= start:
        return 0.0
    return min(1.0, (today - start).days / (end - start).days)
