"""A plan named and nothing asked of it ("kế hoạch 982", "kh chuyển đổi số Đồng Tháp"): what the plan is, what
it holds and what to ask next."""

from __future__ import annotations

from collections import Counter
from datetime import date

from handlers.answers.plan_info import describe
from handlers.answers.registry import OVERVIEW
from handlers.answers.section_index import section_index
from handlers.messages import Reply
from handlers.render.format import day, plan_name, reply, shorten
from handlers.snapshot import Row, Snapshot
from handlers.understand.query import Query
from storage.language.stopwords import PLAN_PLAIN
from storage.language.text import fold, format_number

SHOWN_PARTS = 6
MAX_BODY = 50  # a longer assignee (a list of bodies) makes a poor example question


class PlanNamedAlone:
    """The plan a question only names: its header, parts, counts of what it gives, and example questions."""

    name, priority = "plan named alone", OVERVIEW + 1

    def wants(self, query: Query) -> bool:
        chosen = query.chosen
        if query.intents or len(chosen.plans) != 1 or not (chosen.by_number or chosen.titled):
            return False
        naming = query.naming_words | chosen.titled | PLAN_PLAIN
        return not [w for w in query.text.words if w not in naming and not w.isdigit()]

    def answer(self, query: Query) -> Reply | None:
        snap = query.snap
        plan = snap.plans[query.chosen.plans[0]]
        lines = [describe(plan), *_parts(snap, plan), _holds(snap, plan, query.message.now.date())]
        lines.append(_examples(snap, plan))
        return reply("\n".join(line for line in lines if line), f"Nguồn: {plan_name(plan, snap)}.")


def _parts(snap: Snapshot, plan: Row) -> list[str]:
    """ "Các phần: mục đích, yêu cầu; nhiệm vụ; ..." from the plan's top-level headings."""
    heads = section_index(snap).tops.get(plan.id, [])
    if not heads:
        return []
    shown = "; ".join(shorten(h.lower(), 80) for h in heads[:SHOWN_PARTS])
    return [f"Các phần: {shown}; …" if len(heads) > SHOWN_PARTS else f"Các phần: {shown}."]


def _holds(snap: Snapshot, plan: Row, today: date) -> str:
    """How many duties (of how many bodies), targets and deadlines the plan gives, and the next deadline."""
    duties = snap.in_plans("duties", [plan.id])
    targets = [t for t in snap.in_plans("targets", [plan.id]) if t.parent_id is None]
    deadlines = snap.in_plans("deadlines", [plan.id])
    bodies = {d.assignee for d in duties if d.assignee}
    counts = [
        f"{format_number(len(duties))} nhiệm vụ của {format_number(len(bodies))} cơ quan, đơn vị" if duties else "",
        f"{format_number(len(targets))} chỉ tiêu" if targets else "",
        f"{format_number(len(deadlines))} hạn" if deadlines else "",
    ]
    said = ", ".join(c for c in counts if c)
    upcoming = sorted((d for d in deadlines if d.due_date and d.due_date >= today), key=lambda d: d.due_date)
    nearest = f" Hạn gần nhất: {shorten(upcoming[0].title, 120)} — {day(upcoming[0].due_date)}." if upcoming else ""
    return f"Kế hoạch giao {said}.{nearest}" if said else nearest.strip()


def _examples(snap: Snapshot, plan: Row) -> str:
    """Questions to ask next about this plan, of what it holds, with its busiest named body as the example."""
    named = f"kế hoạch {plan.number.split('/')[0]}" if plan.number and plan.number[:1].isdigit() else "kế hoạch này"
    bodies = Counter(d.assignee for d in snap.in_plans("duties", [plan.id]) if d.assignee)
    named_bodies = [b for b, _ in bodies.most_common() if not fold(b).startswith("cac ") and len(b) <= MAX_BODY]
    asks = [f"«{named_bodies[0]} làm gì trong {named}»"] if named_bodies else []
    asks += [f"«chỉ tiêu của {named}»"] if snap.in_plans("targets", [plan.id]) else []
    asks += [f"«hạn báo cáo {named}»"] if snap.in_plans("deadlines", [plan.id]) else []
    asks += [f"«kinh phí {named}»"] if snap.in_plans("budgets", [plan.id]) else []
    asks += [f"«ai chủ trì {named}»"]
    return "Hỏi tiếp, ví dụ: " + ", ".join(asks) + "."
