"""What a plan is based on ("kế hoạch này căn cứ vào đâu", "căn cứ văn bản nào"), and which stored plans are
based on it ("kế hoạch nào căn cứ vào kế hoạch này"), from the references read out of each plan's opening."""

from __future__ import annotations

import re

from handlers.answers.registry import ForIntent
from handlers.messages import Reply
from handlers.render.format import day, plan_name, reply, shorten
from handlers.snapshot import Row
from handlers.understand.query import Query
from storage.language.text import fold, number_key
from storage.plan_references import resolves

_CHILDREN = re.compile(r"\bke hoach (?:nao|con)\b.*\bcan cu\b|\bke hoach con\b|\bcan cu vao ke hoach (?:nay|so)\b")
_NUMBER = re.compile(r"\d{1,5}(?:\s*[-/]\s*[a-z0-9&.]+)+")


def _asked_plan(q: Query) -> Row | None:
    """The plan the question names by number ("kế hoạch 179/KH-UBND ..."), else the one plan that applies."""
    keys = {number_key(m.group(0)) for m in _NUMBER.finditer(fold(q.message.text))}
    named = [p for p in q.snap.plans.values() if p.number and number_key(p.number) in keys]
    if named:
        return named[0]
    plans = q.plans()
    return plans[0] if len(plans) == 1 or (plans and q.scope is not None) else None


def citation(reference: Row) -> str:
    """ "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị (đột phá ...)"; a law by its name."""
    named = reference.number is None and reference.title
    text = f"{reference.kind} {reference.title}" if named else reference.kind
    text += f" số {reference.number}" if reference.number else ""
    text += f" ngày {day(reference.doc_date)}" if reference.doc_date else ""
    text += f" của {reference.issuer}" if reference.issuer else ""
    return text + (f" ({shorten(reference.title, 160)})" if reference.title and not named else "")


def _stored(q: Query, reference: Row, plan: Row) -> str:
    """ " — đã có trong dữ liệu: KH ..." when the reference resolves to a stored plan."""
    found = next((p for p in q.snap.plans.values() if resolves(reference, p, plan)), None)
    return f" — đã có trong dữ liệu: {plan_name(found, q.snap)}" if found is not None else ""


def _bases(q: Query, plan: Row) -> Reply:
    """The documents the plan cites as its bases, in order, and the plan an appendix belongs to."""
    cited = [r for r in q.snap.references if r.plan_id == plan.id]
    name = plan_name(plan, q.snap)
    if not cited:
        return reply(f"{name} không ghi văn bản căn cứ nào ở phần mở đầu.", f"Nguồn: {name}.")
    lines = [f"- {citation(r)}{_stored(q, r, plan)}" for r in sorted(cited, key=lambda r: r.ordinal)[:10]]
    body = f"{name} được ban hành căn cứ vào {len(cited)} văn bản:\n" + "\n".join(lines)
    return reply(body, f"Nguồn: {name}, phần mở đầu.")


def _children(q: Query, plan: Row) -> Reply:
    """The stored plans whose references resolve to this plan."""
    name = plan_name(plan, q.snap)
    ids = {r.plan_id for r in q.snap.references if resolves(r, plan, q.snap.plans.get(r.plan_id))}
    children = [q.snap.plans[i] for i in sorted(ids) if i in q.snap.plans]
    if not children:
        return reply(f"Chưa có kế hoạch nào trong dữ liệu căn cứ vào {name}.", f"Nguồn: {name}.")
    lines = "\n".join(f"- {plan_name(p, q.snap)}" for p in children[:10])
    return reply(f"Các kế hoạch căn cứ vào {name}:\n{lines}", f"Nguồn: {name}.")


def answer(q: Query) -> Reply | None:
    """The bases of the plan asked about, or the plans based on it; which plan, when several apply."""
    plan = _asked_plan(q)
    if plan is None:
        plans = q.plans()
        if not plans:
            return reply("Chưa có kế hoạch nào trong dữ liệu.")
        listed = "\n".join(f"- {plan_name(p, q.snap)}" for p in plans[:10])
        return reply(f"Dữ liệu có {len(plans)} kế hoạch; bạn hỏi kế hoạch nào (ghi số kế hoạch)?\n{listed}")
    return _children(q, plan) if _CHILDREN.search(q.folded) else _bases(q, plan)


MODULE = ForIntent("basis", answer, shared=True)
