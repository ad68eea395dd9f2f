"""Plan facts: number, date, issuer, signer, title; the list of plans that apply."""

from __future__ import annotations

from handlers.answers.registry import ForIntent
from handlers.messages import Reply
from handlers.render.format import day, plan_name, reply
from handlers.snapshot import Row
from handlers.understand.query import Query


def describe(plan: Row) -> str:
    """Number, date, issuer, signer and title of a plan, as one short paragraph."""
    number = plan.number if plan.number and any(c.isdigit() for c in plan.number) else "không ghi số"
    when = (
        f"ngày {day(plan.doc_date)}"
        if plan.doc_date
        else "không ghi ngày" + (f" (năm {plan.year})" if plan.year else "")
    )
    lines = [f"Kế hoạch {number}, {when}, do {plan.issuer_name or 'không rõ cơ quan'} ban hành."]
    if plan.title:
        lines.append(f"Tên: {plan.title.strip()}.")
    if plan.signer:
        lines.append(f"Người ký: {plan.signer}" + (f" ({plan.signer_title})" if plan.signer_title else "") + ".")
    return "\n".join(lines)


def answer(q: Query) -> Reply | None:
    """The plan(s) that apply to the unit asked about."""
    plans = q.plans()
    if not plans:
        return reply("Chưa có kế hoạch nào trong dữ liệu.")
    if q.scope is None and len(plans) > 1:
        listed = "\n".join(f"- {plan_name(p, q.snap)}" for p in plans[:10])
        return reply(f"Dữ liệu có {len(plans)} kế hoạch:\n{listed}\nHãy nói rõ đơn vị để xem chi tiết.")
    body = "\n\n".join(describe(p) for p in plans[:3])
    return reply(body, f"Nguồn: {plan_name(plans[0], q.snap)}.")


MODULE = ForIntent("planinfo", answer, shared=True)
