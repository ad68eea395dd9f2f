"""Helper assignments: which office and committee member help a unit; which units a member or office covers."""

from __future__ import annotations

import re

from handlers.answers.registry import ForIntent
from handlers.messages import Reply
from handlers.render.format import cites, reply
from handlers.snapshot import Row
from handlers.understand.entities import full_name, helper_keys, offices_in, people_in
from handlers.understand.query import Query
from storage.language.kinds import COMMUNE, kind_pattern


def answer(q: Query) -> Reply | None:
    """Who helps the unit asked about, or which units a named member or office helps."""
    snap = q.snap
    people = people_in(snap, q.folded)
    if people:
        return _covered(q, [h for h, _, m in helper_keys(snap) if m in people], "Đồng chí")
    offices = offices_in(snap, q.folded)
    if offices and not q.units:
        return _covered(q, [h for h, o, _ in helper_keys(snap) if o in offices], "")
    unit_id = q.scope
    if unit_id is None:
        return None
    rows = [h for h in snap.helpers if h.unit_id == unit_id]
    if not rows:
        return _below(q, unit_id) or _none(q, unit_id)
    lines = []
    for h in rows:
        parts = [
            f"cơ quan giúp đỡ: {h.office}" if h.office else "",
            f"thành viên BCĐ phụ trách: {h.member}" if h.member else "",
        ]
        lines.append("; ".join(p for p in parts if p))
    body = f"{full_name(snap.units[unit_id])} — " + "\n".join(lines) + "."
    return reply(body, cites(snap, [(h.plan_id, h.section_id) for h in rows]))


def _covered(q: Query, rows: list[Row], title: str) -> Reply | None:
    """The units a member or an office helps."""
    snap = q.snap
    rows = [h for h in rows if h.unit_id in snap.units]
    if not rows:
        return None
    by_who: dict[str, list[str]] = {}
    for h in rows:
        who = f"{title} {h.member}".strip() if title else (h.office or "")
        by_who.setdefault(who, []).append(full_name(snap.units[h.unit_id]))
    lines = [f"{who} giúp đỡ/phụ trách {len(units)} đơn vị: {', '.join(units)}." for who, units in by_who.items()]
    return reply("\n".join(lines), cites(snap, [(h.plan_id, h.section_id) for h in rows]))


def _none(q: Query, unit_id: int) -> Reply | None:
    """ "Ai giúp đỡ xã Tân Mộc" when no plan assigns one: say so rather than quote some other passage."""
    if not q.intents or q.intents[0] != "helper" or re.search(r"\bgiup (?:do )?(?:cac )?ho\b", q.folded):
        return None  # helping households ("giúp đỡ hộ nghèo") is another matter
    if not q.units and not re.search(rf"\bgiup (?:do )?(?:{kind_pattern([COMMUNE])}|don vi)\b", q.folded):
        return None
    name = full_name(q.snap.units[unit_id])
    return reply(f"Các kế hoạch trong dữ liệu không phân công cơ quan hay thành viên Ban Chỉ đạo giúp đỡ {name}.")


def _below(q: Query, unit_id: int) -> Reply | None:
    """For a unit with no helper of its own (a district): who helps each unit below it, one line each."""
    snap = q.snap
    below = set(snap.descendants(unit_id))
    rows = [h for h in snap.helpers if h.unit_id in below]
    if not rows:
        return None
    rows.sort(key=lambda h: (snap.units[h.unit_id].name, h.id))
    lines = [f"{full_name(snap.units[unit_id])} — cơ quan giúp đỡ {len({h.unit_id for h in rows})} đơn vị:"]
    for h in rows:
        who = "; ".join(p for p in (h.office or "", f"BCĐ: {h.member}" if h.member else "") if p)
        lines.append(f"- {full_name(snap.units[h.unit_id])}: {who}")
    return reply("\n".join(lines), cites(snap, [(h.plan_id, h.section_id) for h in rows[:1]]))


MODULE = ForIntent("helper", answer, needs_unit=True)
