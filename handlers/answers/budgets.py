"""Budgets: per project and sub-project, their parts and sources, stated totals and whether they add up."""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.answers.budget_rows import asked_years, named_parts, of_years, row_year
from handlers.answers.passages import section_text, terms
from handlers.answers.registry import ForIntent
from handlers.answers.section_index import section_index
from handlers.messages import Reply
from handlers.render.format import cites, money, num, plan_name, reply, section_label
from handlers.snapshot import Row, Snapshot
from handlers.understand.entities import full_name
from handlers.understand.intent import wants_total
from handlers.understand.plan_topics import topic_words
from handlers.understand.query import Query
from storage.language.normalize import fold_expand, words
from storage.language.projects import project_key

_HEADED = re.compile(r"^(?:tieu )?du an \d+\s*:?\s*")
_MONEY_WORDS = {"kinh", "phi", "von", "ngan", "sach", "trieu", "tong", "du", "an", "tieu", "nam"}


def describe(snap: Snapshot, budget: Row, depth: int = 0) -> str:
    """ "Dự án 1: 68 triệu đồng (nhà ở: 44 triệu đồng; nước phân tán: 24 triệu đồng)"."""
    name = budget.project or budget.label
    if depth:
        name = budget.label or name
    elif budget.project and budget.label and budget.label.lower() not in ("kinh phí", budget.project.lower()):
        name = f"{budget.project} — {budget.label}"
    text = f"{name}: {money(budget.amount)}"
    if budget.source and fold_expand(budget.source) not in fold_expand(name):
        text += f" ({budget.source})"
    children = snap.parts("budgets", budget.id)
    if children and depth < 2:
        text += " (" + "; ".join(describe(snap, c, depth + 1) for c in children) + ")"
    return text


def _matches(budget: Row, asked: tuple[str | None, str | None]) -> bool:
    sub, project = project_key(budget.project or budget.label)
    if asked[1] is not None and project != asked[1]:
        return False
    return asked[0] is None or sub == asked[0]


def answer(q: Query) -> Reply | None:
    """The budget asked about: a year's, a project's, a named part, the total with its sources, or every
    project's; a year the plans' budgets do not cover is left to the answers that say so."""
    snap = q.snap
    rows = snap.in_plans("budgets", q.plan_ids())
    asked = project_key(q.folded)
    if not rows and asked == (None, None):
        return _unpriced(q)
    years = asked_years(q.folded)
    note = ""
    if years:
        rows, note = of_years(snap, rows, years)
    if not rows:
        return None
    found = _choose(q, rows, asked)
    if found is None:
        return None
    chosen, body = found
    issuer = snap.plans[chosen[0].plan_id].issuer_unit_id
    owner = issuer if issuer in snap.units else q.scope
    head = f"{full_name(snap.units[owner])} — kinh phí:\n" if owner in snap.units else ""
    if len({b.plan_id for b in chosen}) > 1:  # several plans' money: each under its plan, none under one issuer
        head = "Kinh phí theo từng kế hoạch:\n"
    return reply(head + note + body, cites(snap, [(b.plan_id, b.section_id) for b in chosen[:6]]))


def _choose(q: Query, rows: list[Row], asked: tuple[str | None, str | None]) -> tuple[list[Row], str] | None:
    """The budget lines the question is about, and their text: a project's, a named part, a project named by
    its written name, else the totals (with the projects when no total is asked)."""
    snap = q.snap
    ids = {b.id for b in rows}
    top = [b for b in rows if b.parent_id not in ids]  # a year's line of a source is a top line of that year
    if asked != (None, None):
        chosen = [b for b in rows if _matches(b, asked)]
        chosen = [b for b in chosen if b.parent_id is None or not any(c.id == b.parent_id for c in chosen)]
        return (chosen, _by_plan(snap, chosen[:6], lambda b: describe(snap, b))) if chosen else None
    named = named_parts(rows, q.folded)
    if named:
        return named, _by_plan(snap, named[:6], lambda b: _part_line(snap, b))
    by_name = _by_name(q, top)
    if by_name:
        return by_name, _by_plan(snap, by_name[:3], lambda b: f"{describe(snap, b)} — {_project_name(snap, b)}")
    totals = [b for b in top if b.is_total]
    projects = [b for b in top if not b.is_total]
    chosen = totals if totals and (wants_total(q.folded) or not projects) else totals + projects
    unstated = _unstated(snap, {b.plan_id for b in chosen})
    lines = _by_plan(snap, chosen[:8], lambda b: _line(snap, b))
    return chosen, lines + _check(totals, projects) + unstated


def _by_plan(snap: Snapshot, chosen: list[Row], line: Callable[[Row], str]) -> str:
    """A line per budget line; under the name of its plan when they come from several plans."""
    plans = list(dict.fromkeys(b.plan_id for b in chosen))
    if len(plans) == 1:
        return "\n".join(line(b) + "." for b in chosen)
    blocks = [
        "\n".join([f"{plan_name(snap.plans[p], snap)}:"] + [line(b) + "." for b in chosen if b.plan_id == p])
        for p in plans
    ]
    return "\n".join(blocks)


def _line(snap: Snapshot, budget: Row) -> str:
    """A top line as described, or a part standing alone (a year's line of a source) with what it is part of."""
    return describe(snap, budget) if budget.parent_id is None else _part_line(snap, budget)


def _unpriced(q: Query) -> Reply | None:
    """A plan that gives no figure: the funding sources it names, section by section, and that it gives no
    amount; else the text of its budget section when that names no figure either."""
    for plan in q.plans():
        named = [row for row in q.snap.funding if row.plan_id == plan.id]
        if named:
            issuer = q.snap.units.get(plan.issuer_unit_id)
            head = f"{full_name(issuer)} — kinh phí: " if issuer is not None else "Kinh phí: "
            body = f"{head}{plan_name(plan, q.snap)} không ghi số tiền.\n" + _source_lines(q.snap, named)
            return reply(body, cites(q.snap, [(plan.id, row.section_id) for row in named]))
    return _unpriced_text(q)


def _source_lines(snap: Snapshot, rows: list[Row]) -> str:
    """ "Nguồn kinh phí kế hoạch nêu (mục IV.1.a): ngân sách địa phương; vốn đầu tư công." — each source once."""
    by_section: dict[int | None, list[str]] = {}
    seen: set[str] = set()
    for row in rows:
        if row.source not in seen:
            seen.add(row.source)
            by_section.setdefault(row.section_id, []).append(row.source)
    lines = []
    for section_id, names in by_section.items():
        section = snap.sections.get(section_id) if section_id is not None else None
        where = f" ({section_label(section)})" if section is not None else ""
        lines.append(f"Nguồn kinh phí kế hoạch nêu{where}: {'; '.join(names)}.")
    return "\n".join(lines)


def _unstated(snap: Snapshot, plan_ids: set[int]) -> str:
    """A line for the funding sources the plans name beside their amounts, without an amount of their own."""
    names = list(dict.fromkeys(row.source for row in snap.funding if row.plan_id in plan_ids))
    return f"\nNguồn khác kế hoạch nêu, không ghi số tiền: {'; '.join(names)}." if names else ""


def _unpriced_text(q: Query) -> Reply | None:
    """A plan with a budget section but no figure and no source the importer names: the section's text."""
    index = section_index(q.snap)
    for plan in q.plans():
        for section in (q.snap.sections[sid] for sid in index.by_plan.get(plan.id, [])):
            heading = fold_expand(section.heading or "")
            if not re.search(r"^(?:kinh phi|nguon von)\b", heading):
                continue
            text = section_text(q.snap, section.id).strip(" :")  # with its subsections ("1. Nguồn kinh phí: a) ...")
            if re.search(r"\d\s*(?:trieu|ty|nghin|dong)\b", fold_expand(text)) or len(text) < 20:
                return None
            issuer = q.snap.units.get(plan.issuer_unit_id)
            head = f"{full_name(issuer)} — kinh phí: " if issuer is not None else "Kinh phí: "
            body = f"{head}kế hoạch không ghi số tiền.\n{text[:1:].upper()}{text[1:600]}"
            return reply(body, cites(q.snap, [(plan.id, section.id)]))
    return None


def _project_name(snap: Snapshot, budget: Row) -> str:
    """The name in the heading of the project or sub-project a budget is written under ("" when none)."""
    section = snap.sections.get(budget.section_id) if budget.section_id is not None else None
    for _ in range(3):
        if section is None:
            return ""
        heading = fold_expand(section.heading or "")
        if _HEADED.match(heading):
            return (section.heading or "").split(":", 1)[-1].strip() if ":" in section.heading else ""
        section = snap.sections.get(section.parent_id) if section.parent_id is not None else None
    return ""


def _by_name(q: Query, top: list[Row]) -> list[Row]:
    """Project budgets whose project's written name holds most of the question's words
    ("kinh phí truyền thông về giảm nghèo đa chiều" -> Tiểu dự án 2 - Dự án 6)."""
    idf = section_index(q.snap).idf
    plans = {b.plan_id for b in top}
    years = {str(q.snap.plans[p].year) for p in plans if p in q.snap.plans}  # the plans' own year names no project
    asked = set(terms(q.folded)) - _MONEY_WORDS - q.named_words - topic_words(q.snap, plans) - years
    weight = sum(idf(w) for w in asked)
    scored = []
    for budget in (b for b in top if not b.is_total):
        said = asked & set(words(fold_expand(_project_name(q.snap, budget))))
        if len(said) >= 2 and sum(idf(w) for w in said) * 2 >= weight:
            scored.append((sum(idf(w) for w in said), budget))
    best = max((s for s, _ in scored), default=0.0)
    return [b for s, b in scored if s == best]


def _part_line(snap: Snapshot, budget: Row) -> str:
    """A part with the part it belongs to: "Ngân sách địa phương — vốn sự nghiệp: 6.567 triệu đồng"."""
    parent = next((b for b in snap.budgets if b.id == budget.parent_id), None)
    text = describe(snap, budget, 1)
    if parent is not None and (not parent.is_total or parent.parent_id is not None):
        return f"{parent.project or parent.label} — {text}"
    return text


def _check(totals: list[Row], projects: list[Row]) -> str:
    """A note for each plan whose stated total differs from the sum of its own projects (a year's line is no
    project: the years add up to the total on their own)."""
    notes = []
    for total in {b.plan_id: b for b in reversed(totals)}.values():
        mine = [b for b in projects if b.plan_id == total.plan_id and row_year(b) is None]
        summed = sum(b.amount for b in mine)
        if len(mine) >= 2 and abs(total.amount - summed) >= 0.5:
            stated, added = num(total.amount), num(summed)
            notes.append(f"\nLưu ý: tổng ghi trong kế hoạch ({stated} triệu) khác tổng các dự án ({added} triệu).")
    return "".join(notes)


MODULE = ForIntent("budget", answer, shared=True)
