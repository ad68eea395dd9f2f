"""Plan facts: number, date, issuer, signer, title; the list of plans that apply."""

from __future__ import annotations

import re

from handlers.answers.registry import ForIntent
from handlers.messages import Reply
from handlers.render.format import day, plan_name, reply, shorten
from handlers.snapshot import Row
from handlers.understand.query import Query

_BASIS_ASKED = re.compile(
    r"\bcan cu\b|\b(?:theo|thuc hien) (?:ke hoach|van ban|quyet dinh) (?:nao|so may)\b|\bcua cap tren\b"
)
_BASIS = re.compile(r"(?:Thực hiện|Căn cứ)\s+(?:Kế hoạch|kế hoạch|Quyết định|Nghị quyết)\s+số\s[^;]{5,400}")


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
    if _BASIS_ASKED.search(q.folded):
        found = _basis(q, plans[0])
        if found is not None:
            return found
    body = "\n\n".join(describe(p) for p in plans[:3])
    return reply(body, f"Nguồn: {plan_name(plans[0], q.snap)}.")


def _basis(q: Query, plan: Row) -> Reply | None:
    """The higher-level documents a plan says it carries out ("Thực hiện Kế hoạch số 21/KH-UBND ...")."""
    sections = sorted((sc for sc in q.snap.sections.values() if sc.plan_id == plan.id), key=lambda sc: sc.ordinal)
    for section in sections[:3]:
        text = " ".join(f"{section.heading or ''} {section.body or ''}".split())
        found = [shorten(m.group(0).split(". ")[0].strip(" ."), 300) for m in _BASIS.finditer(text)]
        if found:
            lines = "\n".join(f"- {f}" for f in found[:4])
            return reply(
                f"{plan_name(plan, q.snap)} được xây dựng trên cơ sở:\n{lines}",
                f"Nguồn: {plan_name(plan, q.snap)}, phần mở đầu.",
            )
    return None


MODULE = ForIntent("planinfo", answer, shared=True)
