"""Duties: of an office, a post or a unit; "tôi phải làm gì" from the asker's unit; who leads a project."""

from __future__ import annotations

import re

from handlers.budgets import project_key
from handlers.cache import Row, Snapshot
from handlers.entities import full_name
from handlers.format import bullet_lines, cites, reply
from handlers.messages import Choice, Reply
from handlers.normalize import fold_expand, words
from handlers.query import Query
from handlers.retrieval import section_index

# Words too common in assignee names to identify one ("Phòng", "Sở", "Công chức", "các xã").
GENERIC = set(
    [
        "phong",
        "so",
        "cong",
        "chuc",
        "xa",
        "huyen",
        "tinh",
        "ban",
        "co",
        "quan",
        "cac",
        "va",
        "nganh",
        "don",
        "vi",
        "de",
        "nghi",
        "uy",
        "nhan",
        "dan",
        "thi",
        "tran",
        "phu",
        "trach",
        "truong",
        "lanh",
        "dao",
        "thanh",
        "vien",
        "hoi",
        "doan",
        "the",
        "to",
        "chuc",
        "chinh",
        "tri",
        "tp",
        "thanh",
        "pho",
        "linh",
        "vuc",
    ]
)
_LEAD = re.compile(r"\bai\b|\bchu tri\b|\bphu trach\b|\bdo ai\b|\bthuc hien\b|\bdon vi nao\b|\bco quan nao\b")
_KIND_WORDS = {"xã": "xa", "thị trấn": "thi tran", "phường": "phuong", "huyện": "huyen", "tỉnh": "tinh", "thôn": "thon"}


def _keys(snap: Snapshot) -> list[tuple[Row, str, set[str]]]:
    """(duty, folded assignee, distinctive assignee words) for every duty."""
    if "duty_keys" not in snap.extra:
        out = []
        for duty in snap.duties:
            key = " ".join(words(fold_expand(duty.assignee or "")))
            out.append((duty, key, set(key.split()) - GENERIC))
        snap.extra["duty_keys"] = out
    return snap.extra["duty_keys"]


def match_assignees(q: Query, plans: set[int]) -> list[str]:
    """Folded assignee names the question names, best first."""
    asked = set(words(q.folded))
    idf = section_index(q.snap).idf
    best: dict[str, float] = {}
    for duty, key, distinct in _keys(q.snap):
        if duty.plan_id not in plans or not distinct:
            continue
        hit = distinct & asked
        weight = sum(max(idf(w), 0.5) for w in distinct)
        share = sum(max(idf(w), 0.5) for w in hit) / weight if weight else 0
        if share >= 0.6:
            own = 0.3 if not (duty.role or "").startswith("phối") else 0.0
            best[key] = max(best.get(key, 0), share + own + 0.05 * len(set(words(key)) & asked))
    return sorted(best, key=lambda k: -best[k])


def answer(q: Query) -> Reply | None:
    """Duties of whoever the question names, of the asker's unit, or the lead of a project."""
    plans = q.plan_ids()
    asked_project = project_key(q.folded)
    names = match_assignees(q, plans)
    if asked_project != (None, None) and _LEAD.search(q.folded) and not names:
        return _project_lead(q, plans, asked_project)
    if names:
        return _of_assignee(q, plans, names[0])
    if q.own or q.units or q.asker_unit is not None:
        return _of_unit(q, plans)
    return None


def _of_assignee(q: Query, plans: set[int], key: str) -> Reply:
    rows = [d for d, k, _ in _keys(q.snap) if k == key and d.plan_id in plans]
    rows.sort(key=lambda d: ((d.role or "").startswith("phối"), d.id))
    name = rows[0].assignee.strip().rstrip(":.")
    items = [_item(d) for d in rows]
    body = f"Nhiệm vụ của {name}:\n" + bullet_lines(items)
    return reply(body, cites(q.snap, [(d.plan_id, d.section_id) for d in rows]))


def _item(duty: Row) -> str:
    prefix = f"[{duty.role}{' ' + duty.project if duty.project else ''}] " if duty.role and duty.project else ""
    return prefix + duty.text.strip()


def _of_unit(q: Query, plans: set[int]) -> Reply | None:
    """Duties assigned to the unit, or to units of its kind by a higher plan; else a menu of assignees."""
    snap = q.snap
    unit_id = q.scope
    if unit_id is None:
        return None
    unit = snap.units[unit_id]
    kind = _KIND_WORDS.get(unit.kind or "", "")
    higher = {p for p in plans if snap.plans[p].issuer_unit_id != unit_id}
    rows = [
        (len(k), d.id, d)
        for d, k, _ in _keys(snap)
        if d.plan_id in higher and (d.unit_id == unit_id or (kind and re.search(rf"\bcac {kind}\b|^{kind}\b", k)))
    ]
    rows = [d for *_, d in sorted(rows)]
    if rows:
        body = f"Nhiệm vụ của {full_name(unit)} ({rows[0].assignee.strip()}):\n" + bullet_lines(
            [_item(d) for d in rows]
        )
        return reply(body, cites(snap, [(d.plan_id, d.section_id) for d in rows]))
    names: list[str] = []
    for duty, _, _ in _keys(snap):
        if duty.plan_id in plans and duty.assignee.strip() not in names:
            names.append(duty.assignee.strip())
    if not names:
        return None
    choices = [Choice(label=n, value=f"Nhiệm vụ của {n}") for n in names[:9]]
    return reply(
        f"Kế hoạch áp dụng cho {full_name(unit)} phân công nhiệm vụ cho những ai sau đây; bạn hỏi về ai?", "", choices
    )


def _project_lead(q: Query, plans: set[int], asked: tuple[str | None, str | None]) -> Reply | None:
    """Who leads (chủ trì) and who coordinates a project or sub-project."""
    rows = []
    for duty, _, _ in _keys(q.snap):
        if duty.plan_id not in plans:
            continue
        sub, project = project_key(duty.project) if duty.project else (None, None)
        mentioned = project == asked[1] and (asked[0] is None or sub == asked[0])
        if mentioned or (not duty.project and _mentions(duty.text, asked)):
            rows.append(duty)
    if not rows:
        return None
    leads = [d for d in rows if (d.role or "").startswith("chủ")] or rows
    label = (f"Tiểu dự án {asked[0]} - " if asked[0] else "") + (f"Dự án {asked[1]}" if asked[1] else "")
    lead_names = ", ".join(dict.fromkeys(d.assignee.strip() for d in leads))
    others = [d.assignee.strip() for d in rows if d not in leads]
    body = f"{label}: chủ trì — {lead_names}."
    if others:
        body += f" Phối hợp: {', '.join(dict.fromkeys(others))}."
    body += "\n" + bullet_lines([_item(d) for d in leads[:3]], 900)
    return reply(body, cites(q.snap, [(d.plan_id, d.section_id) for d in leads]))


def _mentions(text: str, asked: tuple[str | None, str | None]) -> bool:
    folded = fold_expand(text)
    if asked[1] is None:
        return False
    if asked[0] is not None:
        return bool(re.search(rf"tieu du an {asked[0]}\D{{0,20}}du an {asked[1]}\b", folded))
    return bool(re.search(rf"(?<!tieu )du an {asked[1]}\b", folded))
