"""Two plans or more fit the question about equally and it asks nothing the answer modules read: name them and
ask which one (a numbered menu; the dispatcher keeps the choices in the conversation state)."""

from __future__ import annotations

from handlers.answers.registry import NO_PLAN
from handlers.messages import Choice, Reply
from handlers.render.format import day, plan_name
from handlers.understand.query import Query

_MENU = 6  # at most this many plans offered


class WhichPlan:
    """ "kế hoạch thi đua chào mừng Đại hội XIV" where two provinces issued one: which plan?"""

    name, priority = "which plan", NO_PLAN + 4

    def wants(self, query: Query) -> bool:
        return query.chosen.close and not query.chosen.by_number and not query.intents

    def answer(self, query: Query) -> Reply | None:
        plans = query.plans()[:_MENU]
        if len(plans) < 2:
            return None
        choices = []
        for plan in plans:
            when = f", ngày {day(plan.doc_date)}" if plan.doc_date else ""
            number = (plan.number or "").split("/")[0]
            value = f"{query.text.raw.strip().rstrip('?')} kế hoạch số {number}" if number else query.text.raw
            choices.append(Choice(label=f"{plan_name(plan, query.snap)}{when}", value=value))
        head = f"Có {len(plans)} kế hoạch gần với câu hỏi. Bạn hỏi về kế hoạch nào?"
        return Reply(text=head, choices=choices)
