"""Who leads a plan as a whole ("ai chủ trì kế hoạch 597", "cơ quan thường trực kế hoạch ..."): the body the plan
names its standing body or tasks with advising the issuer to follow it up ("là cơ quan thường trực", "tham mưu
UBND tỉnh theo dõi, đôn đốc"), else the one tasked with steering it (theo dõi, đôn đốc, tổng hợp việc thực hiện
Kế hoạch), else the one leading most of its tasks, the first named breaking a tie, as plans list their lead body
first under "Tổ chức thực hiện"."""

from __future__ import annotations

import re

from handlers.answers.registry import NO_PLAN
from handlers.messages import Reply
from handlers.render.format import cite, plan_name, reply, shorten
from handlers.snapshot import Row
from handlers.understand.plan_choice import title_index
from handlers.understand.query import Query
from storage.language.normalize import fold_expand, words
from storage.language.roles import is_lead
from storage.language.stopwords import PLAN_LEAD_ASKED, PLAN_PLAIN

# "ai chủ trì", "cơ quan nào là thường trực", "sở nào chủ trì", "ai tham mưu ... theo dõi", "ai theo dõi, đôn đốc",
# "cơ quan nào giúp UBND tỉnh theo dõi"
_ASKED = re.compile(
    r"\b(?:ai|(?:co quan|don vi|so|ben|noi) nao)\b(?: (?:la|duoc giao|lam|co trach nhiem))?"
    r"(?: (?:giup|tham muu)(?: cho)?(?: [a-z]+){1,6}?)?"
    r" (?:(?:co quan )?thuong truc|chu tri|phu trach|dau moi|tham muu|(?P<follow>theo doi|don doc))\b"
)
_STEERING = re.compile(r"\b(?:theo doi|don doc|thuong truc|tong hop|dau moi)\b")
_WHOLE = re.compile(r"\b(?:ke hoach|chuong trinh)\b")
# The issuer a body advises: "Ủy ban nhân dân tỉnh", "Chủ tịch UBND xã", "Ban Chỉ đạo huyện" (UBND folds expanded).
_ISSUER = (
    r"(?:chu tich )?(?:uy ban nhan dan|ban chi dao|hoi dong nhan dan)"
    r"(?: (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu))?"
)
# Advising the issuer to follow the plan up ("tham mưu UBND tỉnh theo dõi, đôn đốc", "giúp Chủ tịch UBND tỉnh
# kiểm tra") or standing for it ("là cơ quan thường trực", "là đầu mối tham mưu"): the lead, whatever else leads.
_ADVISES = re.compile(
    rf"\b(?:tham muu|giup)(?: cho)? {_ISSUER},? (?:trien khai, |to chuc )?(?:theo doi|don doc|kiem tra|huong dan)\b"
    r"|\bla (?:co quan )?(?:thuong truc|dau moi)\b"
)


class PlanLead:
    """ "KH 597 ai chủ trì?": the lead body of the plan the question names."""

    name, priority = "plan lead", NO_PLAN + 5

    def wants(self, query: Query) -> bool:
        found = _ASKED.search(query.folded)
        if found is None or (found["follow"] and not _WHOLE.search(query.folded)):
            return False  # "ai theo dõi xã X" asks for a helper, "ai theo dõi kế hoạch" for the lead
        return bool(query.chosen.plans) and _about_plan(query)

    def answer(self, query: Query) -> Reply | None:
        lines, refs = [], []
        for plan in query.plans()[:2]:
            lead = lead_of(query, plan)
            if lead is None:
                continue
            body, duty = lead
            lines.append(f"{plan_name(plan, query.snap)}: cơ quan chủ trì, theo dõi thực hiện là {body}.")
            lines.append(f"  «{shorten(duty.text, 300)}»")
            refs.append(cite(query.snap, plan.id, duty.section_id))
        return reply("\n".join(lines), "\n".join(refs)) if lines else None


def _about_plan(query: Query) -> bool:
    """Whether the question's other words only name the plan (its number, title, issuer), not one of its tasks."""
    named = set(query.named_words) | set(query.chosen.words)
    index = title_index(query.snap)
    titled = {w for pid in query.chosen.plans for pair in index.pairs.get(pid, ()) for w in pair}
    rest = [w for w in words(query.folded) if w not in PLAN_PLAIN | PLAN_LEAD_ASKED | named | titled]
    rest = [w for w in rest if not w.isdigit()]
    return len(rest) <= 2 and not (rest and _names_task(query, set(rest)))


def _names_task(query: Query, asked: set[str]) -> bool:
    """Whether a task some body leads holds every word left ("tập huấn" of "KH 5 cơ quan nào chủ trì tập huấn")."""
    duties = query.snap.in_plans("duties", query.chosen.plans)
    return any(is_lead(d.role) and asked <= set(words(fold_expand(d.text or ""))) for d in duties)


def lead_of(query: Query, plan: Row) -> tuple[str, Row] | None:
    """The plan's lead body and the duty that says so."""
    duties = query.snap.in_plans("duties", [plan.id])
    if not duties:
        return None
    points: dict[str, float] = {}
    best: dict[str, tuple[int, Row]] = {}
    for order, duty in enumerate(duties):
        points[duty.assignee] = points.get(duty.assignee, 0.0) + is_lead(duty.role) + 0.5 * (order == 0)
        steering = _steers(duty)
        if duty.assignee not in best or steering > best[duty.assignee][0]:
            best[duty.assignee] = (steering, duty)
    # Steering counts once per body: a body told twice to report to the lead is no lead.
    body = max(points, key=lambda name: points[name] + _STEER_POINTS[best[name][0]])
    score = points[body] + _STEER_POINTS[best[body][0]]
    return (body, best[body][1]) if score > 0 else None


_STEER_POINTS = (0.0, 3.0, 10.0)


def _steers(duty: Row) -> int:
    """How surely the duty puts its body at the head of the whole plan: 2 when it advises the issuer to follow the
    plan up or stands for it, 1 when it steers the plan (theo dõi, đôn đốc ... Kế hoạch), else 0."""
    folded = fold_expand(duty.text or "")
    if _ADVISES.search(folded):
        return 2
    return int(bool(_STEERING.search(folded) and _WHOLE.search(folded)))
