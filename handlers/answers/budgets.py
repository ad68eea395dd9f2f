"""Budgets: per project and sub-project, their parts and sources, stated totals and whether they add up."""

from __future__ import annotations

import re

from handlers.answers.passages import section_index, section_text, terms
from handlers.answers.registry import ForIntent
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
    """The budget asked about: a project's, the total with its sources, or every project's."""
    snap = q.snap
    rows = snap.in_plans("budgets", q.plan_ids())
    years = {snap.plans[b.plan_id].year for b in rows}
    asked_years = {int(y) for y in re.findall(r"\b(20\d\d)\b", q.folded)}
    asked = project_key(q.folded)
    if not rows and asked == (None, None):
        return _unpriced(q)
    if not rows or (asked_years and not asked_years & years):
        return None
    found = _choose(q, rows, asked)
    if found is None:
        return None
    chosen, body = found
    issuer = snap.plans[chosen[0].plan_id].issuer_unit_id
    owner = issuer if issuer in snap.units else q.scope
    head = f"{full_name(snap.units[owner])} — kinh phí:\n" if owner in snap.units else ""
    return reply(head + body, cites(snap, [(b.plan_id, b.section_id) for b in chosen[:6]]))


def _choose(q: Query, rows: list[Row], asked: tuple[str | None, str | None]) -> tuple[list[Row], str] | None:
    """The budget lines the question is about, and their text: a project's, a named part, a project named by
    its written name, else the totals (with the projects when no total is asked)."""
    snap = q.snap
    top = [b for b in rows if b.parent_id is None]
    if asked != (None, None):
        chosen = [b for b in rows if _matches(b, asked)]
        chosen = [b for b in chosen if b.parent_id is None or not any(c.id == b.parent_id for c in chosen)]
        return (chosen, "\n".join(describe(snap, b) + "." for b in chosen[:6])) if chosen else None
    if _labelled(rows, q.folded):
        chosen = _labelled(rows, q.folded)
        return chosen, "\n".join(_part_line(snap, b) + "." for b in chosen[:6])
    if _by_name(q, top):
        chosen = _by_name(q, top)
        return chosen, "\n".join(f"{describe(snap, b)} — {_project_name(snap, b)}." for b in chosen[:3])
    totals = [b for b in top if b.is_total]
    projects = [b for b in top if not b.is_total]
    chosen = totals if totals and (wants_total(q.folded) or not projects) else totals + projects
    unstated = _unstated(snap, {b.plan_id for b in chosen})
    return chosen, "\n".join(describe(snap, b) + "." for b in chosen[:8]) + _check(totals, projects) + unstated


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


def _labelled(rows: list[Row], folded: str) -> list[Row]:
    """Parts whose label (two words or more) the question names: "ngân sách trung ương", "vốn sự nghiệp";
    of those, the ones under the item the question also names ("... cho thủy lợi"), else the plan total's."""
    padded = f" {folded} "
    by_id = {b.id: b for b in rows}
    found = []
    for b in rows:
        parent = by_id.get(b.parent_id) if b.parent_id is not None else None
        named = _named_length(b, parent, padded)
        if parent is not None and named:
            rest = padded.replace(f" {fold_expand(b.label or '')} ", " ")
            found.append((named, _item_overlap(parent, rest), parent.is_total, b))
    if not found:
        return []
    best = max((n, overlap, total) for n, overlap, total, _ in found)
    return [b for n, overlap, total, b in found if (n, overlap, total) == best]


def _named_length(budget: Row, parent: Row | None, padded: str) -> int:
    """How much of the part's label the question names: all of it, or its head for a part of the plan total."""
    label = fold_expand(budget.label or "")
    if " " in label and f" {label} " in padded:
        return len(label)
    head = " ".join(label.split()[:2])
    return len(head) if parent is not None and parent.is_total and " " in head and f" {head} " in padded else 0


def _item_overlap(parent: Row, folded: str) -> int:
    """How many words of the item a part belongs to the question repeats (0 for the plan total)."""
    if parent.is_total:
        return 0
    asked = set(folded.split())
    return len(set(fold_expand(parent.project or parent.label or "").split()) & asked)


def _part_line(snap: Snapshot, budget: Row) -> str:
    """A part with the part it belongs to: "Ngân sách địa phương — vốn sự nghiệp: 6.567 triệu đồng"."""
    parent = next((b for b in snap.budgets if b.id == budget.parent_id), None)
    text = describe(snap, budget, 1)
    if parent is not None and (not parent.is_total or parent.parent_id is not None):
        return f"{parent.project or parent.label} — {text}"
    return text


def _check(totals: list[Row], projects: list[Row]) -> str:
    """A note when the stated total differs from the sum of the projects."""
    if not totals or len(projects) < 2:
        return ""
    total = totals[0].amount
    summed = sum(b.amount for b in projects)
    if abs(total - summed) < 0.5:
        return ""
    return f"\nLưu ý: tổng ghi trong kế hoạch ({num(total)} triệu) khác tổng các dự án ({num(summed)} triệu)."


MODULE = ForIntent("budget", answer, shared=True)
