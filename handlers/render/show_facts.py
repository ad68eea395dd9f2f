"""Plain-text lines for plan facts (targets, duties, deadlines, budgets, helpers), each with its source."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.render.format import undated_when
from storage.language.goal_forms import FORM_WORDS
from storage.language.text import amount, fold, format_date, format_number, short
from storage.models import Budget, Deadline, FundingSource, HelperAssignment, Plan, Responsibility, Section, Target

DIRECTIONS = {"giảm": "giảm xuống", "tăng": "tăng lên", "đạt": "đạt"}


def plan_ref(plan: Plan) -> str:
    """How a plan is cited: its number, else "KH #id"."""
    return f"KH {plan.number}" if plan.number else f"KH #{plan.id}"


class Sources:
    """Cites facts as "[KH 21/KH-UBND, mục III.2]"; loads plan and section labels once."""

    def __init__(self, plans: dict[int, Plan], labels: dict[int, str], with_plan: bool) -> None:
        self.plans, self.labels, self.with_plan = plans, labels, with_plan

    @classmethod
    async def load(cls, session: AsyncSession, facts: Sequence[Any], with_plan: bool = True) -> Sources:
        """Sources for these facts."""
        plan_ids = {f.plan_id for f in facts}
        section_ids = {f.section_id for f in facts if f.section_id}
        plans = {p.id: p for p in await session.scalars(select(Plan).where(Plan.id.in_(plan_ids)))} if plan_ids else {}
        labels: dict[int, str] = {}
        if section_ids:
            rows = await session.execute(select(Section.id, Section.label).where(Section.id.in_(section_ids)))
            labels = dict(rows.all())
        return cls(plans, labels, with_plan)

    def cite(self, fact: Any) -> str:
        """The bracketed source of one fact."""
        parts = [plan_ref(self.plans[fact.plan_id])] if self.with_plan and fact.plan_id in self.plans else []
        if fact.section_id in self.labels:
            parts.append(f"mục {self.labels[fact.section_id]}")
        return f" [{', '.join(parts)}]" if parts else ""


def target_text(target: Target, parts: Sequence[Target]) -> str:
    """ "giảm hộ nghèo: 180 hộ (gồm hộ có KNLĐ 50; hộ không có KNLĐ 130)", "hộ cận nghèo: giảm 45 hộ"."""
    verb = _goal_words(target)
    if verb and fold(target.indicator).startswith(fold(verb.split()[0])):
        verb = ""  # "giảm hộ nghèo: 6 hộ", not "giảm hộ nghèo: giảm 6 hộ"
    text = f"{target.indicator}: {verb + ' ' if verb else ''}{amount(target.value, target.measure)}"
    if target.baseline is not None:
        text += f" (từ {amount(target.baseline, target.measure)})"
    if target.year:
        text += f", năm {target.year}"
    if parts:
        text += " (gồm " + "; ".join(f"{p.indicator} {amount(p.value, p.measure)}" for p in parts) + ")"
    return text


def _goal_words(target: Target) -> str:
    """How the target's form is said ("giảm", "giảm xuống còn", "tối thiểu"); rows stored before forms were
    read say their direction."""
    if target.form in FORM_WORDS:
        return FORM_WORDS[target.form]
    return DIRECTIONS.get(target.direction or "", "")


def split_tree(rows: Sequence[Any]) -> tuple[list[Any], dict[int, list[Any]]]:
    """Top-level rows, and the children of each row by parent id."""
    children: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if row.parent_id is not None:
            children[row.parent_id].append(row)
    ids = {row.id for row in rows}
    return [r for r in rows if r.parent_id is None or r.parent_id not in ids], children


def target_lines(targets: Sequence[Target], src: Sources, names: dict[int, str] | None = None) -> list[str]:
    """One line per top-level target with its breakdown; names prefixes the unit when given."""
    tops, children = split_tree(targets)
    lines = []
    for t in tops:
        who = f"{names[t.unit_id]}: " if names and t.unit_id in names else ""
        lines.append(f"  - {who}{target_text(t, children.get(t.id, []))}{src.cite(t)}")
    return lines


def duty_lines(duties: Sequence[Responsibility], src: Sources) -> list[str]:
    """Duties grouped by assignee, lead role and project shown."""
    grouped: dict[str, list[Responsibility]] = defaultdict(list)
    for duty in duties:
        grouped[duty.assignee].append(duty)
    lines = []
    for assignee, items in grouped.items():
        lines.append(f"  * {assignee}:")
        for d in items:
            tags = ", ".join(t for t in (d.role, d.project, "đề nghị" if d.requested else None) if t)
            lines.append(f"    - {f'({tags}) ' if tags else ''}{short(d.text)}{src.cite(d)}")
    return lines


def deadline_lines(deadlines: Sequence[Deadline], src: Sources) -> list[str]:
    """ "20/6/2024 — báo cáo 6 tháng — UBND các xã → UBND huyện (hằng năm)"."""
    lines = []
    for d in sorted(deadlines, key=lambda d: (d.due_date is None, d.due_date or 0, d.id)):
        when = format_date(d.due_date) if d.due_date else undated_when(d.recurrence, d.due_text)
        who = " → ".join(x for x in (d.obligor, d.recipient) if x)
        extra = "".join(f" — {x}" for x in (who, d.recurrence if d.due_date else None) if x)
        lines.append(f"  - {when}: {d.title}{extra}{src.cite(d)}")
    return lines


def budget_lines(budgets: Sequence[Budget], src: Sources) -> list[str]:
    """Budget items with their parts indented below them."""
    tops, children = split_tree(budgets)
    lines: list[str] = []

    def walk(row: Budget, depth: int) -> None:
        head = f"{row.project} — " if row.project and row.project != row.label else ""
        total = " (tổng)" if row.is_total else ""
        source = f", nguồn: {row.source}" if row.source else ""
        lines.append(
            f"  {'  ' * depth}- {head}{row.label}{total}: {amount(row.amount, 'triệu đồng')}{source}{src.cite(row)}"
        )
        for child in children.get(row.id, []):
            walk(child, depth + 1)

    for row in tops:
        walk(row, 0)
    return lines


def funding_lines(rows: Sequence[FundingSource], src: Sources) -> list[str]:
    """Each funding source a plan names without an amount, once, with the sections that name it."""
    by_source: dict[str, list[FundingSource]] = {}
    for row in rows:
        by_source.setdefault(row.source, []).append(row)
    lines = []
    for name, group in by_source.items():
        labels = list(dict.fromkeys(src.labels[r.section_id] for r in group if r.section_id in src.labels))
        lines.append(f"  - {name}" + (f" [mục {', '.join(labels)}]" if labels else ""))
    return lines


def helper_text(helper: HelperAssignment) -> str:
    """ "Phòng Nội vụ — đ/c Nguyễn Văn A"."""
    return " — ".join(x for x in (helper.office, helper.member) if x) or "—"


def section(title: str, lines: list[str]) -> list[str]:
    """A titled block with its item count, or nothing when empty."""
    return [f"{title} ({format_number(len(lines_count(lines)))}):", *lines] if lines else []


def lines_count(lines: list[str]) -> list[str]:
    """The lines that start an item (not the continuation or group lines)."""
    return [line for line in lines if line.lstrip().startswith("-")]
