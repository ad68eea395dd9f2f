"""The 2025 merges: the new unit an old one became part of, the old units a new one was made from."""

from __future__ import annotations

import re
from datetime import date

from handlers.messages import Reply
from handlers.render.format import day, reply
from handlers.snapshot import Row, Snapshot
from handlers.understand.entities import place_name
from handlers.understand.query import Query
from storage.language.kinds import COMMUNE, kind_pattern

REFORM = date(2025, 7, 1)
SOURCE = "Nguồn: danh mục đơn vị hành chính 2025 và bảng sáp nhập (hiệu lực 1/7/2025)."
_UNITS = kind_pattern([COMMUNE])  # the merged units: "xa|phuong|thi tran|dac khu"
_ASKED = re.compile(
    rf"\bsap nhap\b|\bhop nhat\b|\bsap xep\b|\bnay (?:la|thuoc)\b|\b(?:{_UNITS}|don vi) moi\b|\btruoc (?:day|kia)\b"
    rf"|\bgom (?:nhung|cac) (?:{_UNITS}|don vi)\b|\bthuoc (?:{_UNITS}|don vi) nao\b"
    rf"|\btu (?:nhung|cac) (?:{_UNITS}) nao\b"
)


def _maps(snap: Snapshot) -> tuple[dict[int, list[Row]], dict[int, list[Row]]]:
    """Links by old unit and by new unit."""
    if snap.indexes.merges is None:
        by_old: dict[int, list[Row]] = {}
        by_new: dict[int, list[Row]] = {}
        for link in snap.links:
            if link.old_unit_id in snap.units and link.new_unit_id in snap.units:
                by_old.setdefault(link.old_unit_id, []).append(link)
                by_new.setdefault(link.new_unit_id, []).append(link)
        snap.indexes.merges = (by_old, by_new)
    return snap.indexes.merges


def wants_merge(folded: str) -> bool:
    """Whether the question asks what a unit became or was made from."""
    return bool(_ASKED.search(folded))


def predecessors(snap: Snapshot, unit_id: int | None) -> list[int]:
    """The old units a new unit was made from (none for no unit)."""
    if unit_id is None:
        return []
    return [link.old_unit_id for link in _maps(snap)[1].get(unit_id, [])]


def answer(q: Query) -> Reply | None:
    """What the unit asked about became in 2025, or what it was made from."""
    unit_id = q.scope
    if unit_id is None:
        return None
    by_old, by_new = _maps(q.snap)
    if unit_id in by_old:
        lines = []
        for link in by_old[unit_id]:
            others = [place_name(q.snap, o.old_unit_id) for o in by_new[link.new_unit_id] if o.old_unit_id != unit_id]
            how = "nhập vào" if link.kind == "full" else "một phần nhập vào"
            line = f"Từ {day(link.effective or REFORM)}, {place_name(q.snap, unit_id)} {how} {_new(q, link)}"
            lines.append(line + (f", cùng với: {'; '.join(others[:8])}." if others else "."))
        return reply("\n".join(lines), SOURCE)
    if unit_id in by_new:
        olds = [place_name(q.snap, link.old_unit_id) for link in by_new[unit_id]]
        body = f"{place_name(q.snap, unit_id)} (từ 1/7/2025) được lập từ: " + "; ".join(olds[:10]) + "."
        return reply(body, SOURCE)
    return None


def _new(q: Query, link: Row) -> str:
    return place_name(q.snap, link.new_unit_id)


def made_from(q: Query, unit_id: int) -> str:
    """ "Xã Nam Dương, tỉnh Bắc Ninh (từ 1/7/2025) được lập từ: Xã Tân Mộc, huyện Lục Ngạn, ..."."""
    olds = [place_name(q.snap, old) for old in predecessors(q.snap, unit_id)]
    return f"{place_name(q.snap, unit_id)} (từ 1/7/2025) được lập từ: {'; '.join(olds[:10])}."
