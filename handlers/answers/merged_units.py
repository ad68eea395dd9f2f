"""Answers for a unit formed on 1/7/2025 through the old units it was made from and their 2024 plans."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from handlers.answers import quotas
from handlers.answers.help import not_found
from handlers.answers.registry import NO_PLAN, Registry, names_person_or_office
from handlers.messages import Reply
from handlers.render.format import LIMIT, cites, day, fact_text, part_text, plan_name, reply, shorten
from handlers.snapshot import Row
from handlers.understand.entities import full_name, place_name
from handlers.understand.query import Query
from handlers.understand.unit_merges import REFORM, predecessors


class MergedQuery(Query):
    """A question about a new unit, read against the plans of the old units it was made from."""

    def plans(self, unit_id: int | None = None) -> list[Row]:
        """The new unit's plans are its old units' plans; any other unit's are its own."""
        if unit_id is not None and unit_id != self.scope:
            return super().plans(unit_id)
        seen: dict[int, Row] = {}
        for old in predecessors(self.snap, self.scope):
            for plan in super().plans(old):
                seen.setdefault(plan.id, plan)
        return list(seen.values())

    def related_units(self) -> list[int] | None:
        """The new unit's and those of each old unit it was made from."""
        found = list(super().related_units() or [])
        for old in predecessors(self.snap, self.scope):
            found += self.snap.ancestors(old) + self.snap.descendants(old)
        return found


@dataclass
class ThroughOldUnits:
    """A unit no plan applies to: answered through the old units it was made from, else said so."""

    registry: Registry  # the routing the old units' questions go through
    name: str = "through old units"
    priority: int = NO_PLAN

    def wants(self, query: Query) -> bool:
        """A unit is asked about, no plan applies to it, and the question is not about a helper by name."""
        return query.scope is not None and not query.plans() and not names_person_or_office(query, "helper")

    def answer(self, query: Query) -> Reply | None:
        """Through the old units, else that no plan applies (no other answerer would find figures)."""
        found = self.through_old_units(query)
        if found is not None or query.scope is None:
            return found
        name = full_name(query.snap.units[query.scope])
        return not_found(
            f"Chưa có kế hoạch nào áp dụng cho {name} trong dữ liệu, nên tôi không có số liệu cho đơn vị này."
        )

    def through_old_units(self, query: Query) -> Reply | None:
        """Its old units' quotas with their sum, a plan-wide answer once, else each old unit in turn."""
        olds = [u for u in predecessors(query.snap, query.scope) if query.plans(u)]
        if not olds:
            return None
        intent = query.intents[0] if query.intents else None
        if intent == "quota":
            found = _quotas(query, olds)
            if found is not None:
                return found
        module = self.registry.intent(intent)
        if module is not None and module.shared:  # plan-wide: read once against the old units' plans
            found = module.reply(MergedQuery(**{f.name: getattr(query, f.name) for f in fields(query)}))
            if found is not None:
                return Reply(text=_fit(f"{_origin(query, olds)}\n{found.text}"))
        return _each(query, olds, self.registry)


def _origin(query: Query, olds: list[int]) -> str:
    """ "Xã Lam Sơn, tỉnh Thanh Hoá được lập ngày 1/7/2025 do sáp nhập: ...; số liệu theo KH ... của huyện X"."""
    every = predecessors(query.snap, query.scope)
    names = "; ".join(place_name(query.snap, u) for u in every[:10])
    plans = {p.id: p for u in olds for p in query.plans(u)}
    scope = query.scope if query.scope is not None else olds[0]  # always set: olds came from it
    head = f"{place_name(query.snap, scope)} được lập từ ngày {day(REFORM)} do sáp nhập: {names}."
    sources = ", ".join(plan_name(p, query.snap) for p in list(plans.values())[:2])
    return head + (f" Số liệu dưới đây theo kế hoạch đã giao cho các đơn vị cũ ({sources})." if sources else "")


def _quotas(query: Query, olds: list[int]) -> Reply | None:
    """Each old unit's quota as its plan assigned it, and the sum where the quotas add up."""
    picked: list[tuple[int, Row]] = []
    for old in olds:
        own = quotas.quotas_of(replace(query, units=[old], own=False), old)
        if own:
            picked.append((old, quotas.chosen(query, own)[0]))
    if not picked:
        return None
    lines = [f"- {full_name(query.snap.units[old])}: {_year(t)}{quotas.describe(query, t)}" for old, t in picked]
    total = _total(query, [t for _, t in picked])
    if total:
        lines.append(total)
    body = _origin(query, olds) + "\n" + "\n".join(lines)
    return reply(body, cites(query.snap, [(t.plan_id, t.section_id) for _, t in picked]))


def _year(target: Row) -> str:
    return f"năm {target.year} " if target.year else ""


def _total(query: Query, rows: list[Row]) -> str:
    """ "Cộng 3 đơn vị cũ: giảm 21 hộ nghèo (5 hộ không có KNLĐ, 16 hộ có KNLĐ)." when the quotas add up."""
    if len(rows) < 2 or len({t.key for t in rows}) != 1 or not quotas.summable(rows[0]):
        return ""
    parts: dict[str, list] = {}
    for target in rows:
        for part in quotas.parts_of(query.snap, target):
            parts.setdefault(part.key, [part, 0.0])[1] += part.value or 0
    total = _Sum(rows[0], sum(t.value or 0 for t in rows))
    extra = ", ".join(part_text(_Sum(p, s)) for p, s in parts.values())
    return f"Cộng {len(rows)} đơn vị cũ: {fact_text(total)}" + (f" ({extra})." if extra else ".")


def _each(query: Query, olds: list[int], registry: Registry) -> Reply:
    """Each old unit's answer in turn (identical answers once), under the line saying what the unit was made from."""
    head = _origin(query, olds)
    room = (LIMIT - len(head) - 10) // len(olds[:3])
    parts: list[str] = []
    for old in olds[:3]:
        text = registry.answer(replace(query, units=[old], own=False, ambiguous=[], unknown=[])).text
        if text not in parts:
            parts.append(text)
    return Reply(text="\n\n".join([head, *(_cut(p, room) for p in parts)]))


def _cut(text: str, limit: int) -> str:
    """A reply cut to limit characters, keeping its last line (the source) when it is one."""
    if len(text) <= limit:
        return text
    body, _, last = text.rpartition("\n")
    if last.startswith("Nguồn:") and len(last) < limit // 2:
        return shorten(body, limit - len(last) - 1) + "\n" + last
    return shorten(text, limit)


def _fit(text: str) -> str:
    return text if len(text) <= LIMIT else _cut(text, LIMIT)


class _Sum:
    """A target or part row with a summed value."""

    def __init__(self, row: Row, value: float) -> None:
        self.indicator, self.measure, self.direction = row.indicator, row.measure, row.direction
        self.baseline, self.value, self.key = None, value, row.key
