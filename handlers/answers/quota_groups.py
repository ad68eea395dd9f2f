"""Quotas of a named group: two or more units compared ("so sánh xã A và xã B") or added up ("tổng xã A, B"),
and the units of one kind below a unit ("cộng các thị trấn lại")."""

from __future__ import annotations

import re

from handlers.answers.quotas import aggregate, describe, figures_by_unit, relevance, summable, units_below
from handlers.messages import Reply
from handlers.render.format import cites, fact_text, reply
from handlers.snapshot import Row
from handlers.understand.entities import KIND_WORDS, full_name
from handlers.understand.intent import wants_total
from handlers.understand.query import Query
from storage.language.kinds import kind_pattern
from storage.language.text import fold

_KIND_GROUP = re.compile(rf"\b(?:cac|tat ca|nhung) ({kind_pattern()})\b")


def named_units(q: Query) -> list[int]:
    """The units the question names, less those that only hold others named ("huyện X" of "xã A, xã B")."""
    named = q.units
    return [u for u in named if not any(u in q.snap.ancestors(o)[1:] for o in named if o != u)]


def answer_named(q: Query) -> Reply | None:
    """Each named unit's quota on the indicator asked, and their total when the figures add up and it is asked."""
    units = named_units(q)
    if len(units) < 2:
        return None
    rows: dict[int, Row] = {}
    figures = figures_by_unit(q)
    for uid in units:
        plans = q.plan_ids(uid)
        own = sorted((t for t in figures.get(uid, []) if t.plan_id in plans), key=lambda t: -relevance(t, q.folded))
        if own:
            rows[uid] = own[0]
    if len(rows) < 2:
        return None
    keys = {t.key for t in rows.values()}
    key = max(keys, key=lambda k: sum(1 + relevance(t, q.folded) for t in rows.values() if t.key == k))
    picked = {uid: t for uid, t in rows.items() if t.key == key}
    if len(picked) < 2:
        return None
    lines = [f"- {full_name(q.snap.units[uid])}: {describe(q, t)}" for uid, t in picked.items()]
    sample = next(iter(picked.values()))
    head = f"So sánh {len(picked)} đơn vị ({sample.indicator}):"
    if summable(sample) and wants_total(q.folded):
        total = sum(t.value or 0 for t in picked.values())
        head = f"Tổng {len(picked)} đơn vị: {fact_text(_Total(sample, total))}."
    refs = [(t.plan_id, t.section_id) for t in picked.values()][:1]
    return reply("\n".join([head, *lines]), cites(q.snap, refs))


def answer_kind_group(q: Query, unit_id: int) -> Reply | None:
    """ "cộng các thị trấn lại": the units of the kind named below unit_id, when they are only some of them."""
    found = _KIND_GROUP.search(q.folded)
    if found is None or found.group(1) not in KIND_WORDS:
        return None
    kind = KIND_WORDS[found.group(1)][0]
    below = units_below(q, unit_id)
    of_kind = {u: t for u, t in below.items() if fold(q.snap.units[u].kind or "") == fold(kind)}
    if not of_kind or 2 * len(of_kind) >= len(below):
        return None
    return aggregate(q, unit_id, of_kind, [])


class _Total:
    """A quota row carrying a sum in place of its value."""

    def __init__(self, row: Row, value: float) -> None:
        self.indicator, self.measure, self.direction = row.indicator, row.measure, row.direction
        self.baseline, self.value = None, value
