"""A year asked that no plan of the unit covers: the reply says so and names the nearest plan it answers from."""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.messages import Reply
from handlers.render.format import plan_name
from handlers.snapshot import Row, Snapshot
from handlers.understand.query import Query

_YEAR = re.compile(r"\b(?:nam|ke hoach|giai doan|den|toi)\s+((?:19|20)\d\d)\b")


def _last_year(plan: Row) -> int | None:
    """The last year a plan covers: its period's end, else its own year."""
    return plan.period_end or plan.year


def uncovered(q: Query) -> tuple[int, Row] | None:
    """(year asked, nearest plan) when the question names a year after every plan that applies to its unit."""
    asked = [int(y) for y in _YEAR.findall(q.folded)]
    plans = [p for p in q.plans() if _last_year(p)]
    if not asked or not plans:
        return None
    year = max(asked)
    if any((p.period_start or p.year or year) <= year <= (_last_year(p) or year) for p in plans):
        return None
    if _aimed_at(q, plans, year):
        return None
    nearest = max(plans, key=lambda p: (_last_year(p) or 0, p.id))
    return (year, nearest) if year > (_last_year(nearest) or year) else None


def _aimed_at(q: Query, plans: list[Row], year: int) -> bool:
    """Whether a plan sets a target for the year or names it in its title ("đến năm 2030"): a horizon the plan
    aims at is covered, though the plan's own period ends before it."""
    if any(str(year) in (p.title or "") for p in plans):
        return True
    return any(t.year == year for t in q.snap.in_plans("targets", [p.id for p in plans]))


def note_year(snap: Snapshot, year: int, plan: Row, answer: Reply) -> Reply:
    """The answer headed by "Chưa có kế hoạch năm 2027; kế hoạch gần nhất là ... (năm 2024):"."""
    if not answer.text:
        return answer
    note = f"Chưa có kế hoạch năm {year}; kế hoạch gần nhất là {plan_name(plan, snap)} (năm {_last_year(plan)}):"
    return replace(answer, text=f"{note}\n{answer.text}")


def without_year(text: str, year: int) -> str:
    """The question with the uncovered year (and the word before it: "năm", "đến") taken out."""
    return re.sub(rf"(?i)(?:\b\w+\s+)?\b{year}\b", " ", text, count=1).strip()
