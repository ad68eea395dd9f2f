"""Quotas assigned to units: one unit with its breakdown; totals and rankings over the units below."""

from __future__ import annotations

import re
from collections import defaultdict

from handlers.answers.passages import terms
from handlers.answers.registry import ForIntent
from handlers.answers.section_index import section_index
from handlers.messages import Reply
from handlers.render.format import cites, fact_text, num, part_text, reply
from handlers.snapshot import Row, Snapshot
from handlers.understand.entities import KIND_WORDS, full_name
from handlers.understand.intent import wants_lowest, wants_ranking, wants_total
from handlers.understand.plan_topics import topic, topic_words
from handlers.understand.query import Query
from storage.language.kinds import kind_pattern
from storage.language.normalize import fold_expand, words
from storage.language.stopwords import QUOTA_PLAIN
from storage.language.text import kind_level

_AVERAGE = re.compile(r"\b(?:ty le|ti le|binh quan|trung binh|moi nguoi|dau nguoi)\b")
_ASKED = re.compile(r"\bchi tieu\b|\bgiao\b|\bphai giam\b|\bgiam (?:duoc )?(?:bao nhieu|may)\b")
_EACH = re.compile(rf"\b(?:tung|cac|moi|nhung) ({kind_pattern()})\b")


def _index(snap: Snapshot) -> tuple[dict[int, list[Row]], dict[int, list[Row]]]:
    """Top-level quotas by unit, and breakdown parts by parent target."""
    if snap.indexes.quotas is None:
        by_unit: dict[int, list[Row]] = defaultdict(list)
        parts: dict[int, list[Row]] = defaultdict(list)
        for target in snap.targets:
            if target.parent_id is not None:
                parts[target.parent_id].append(target)
            elif target.kind == "quota" and target.unit_id is not None:
                by_unit[target.unit_id].append(target)
        snap.indexes.quotas = (dict(by_unit), dict(parts))
    return snap.indexes.quotas


def relevance(target: Row, folded: str) -> float:
    """How many of the indicator's words the question uses, less a little for each word it does not."""
    asked = set(words(folded))
    indicator = {w for w in words(fold_expand(target.indicator)) if w not in QUOTA_PLAIN and not w.isdigit()}
    used = sum(1 for w in indicator if w in asked)
    return used - 0.1 * (len(indicator) - used) if used else 0.0


def quotas_of(q: Query, unit_id: int) -> list[Row]:
    """The unit's quotas in the plans that apply to it, most relevant first."""
    by_unit, _ = _index(q.snap)
    plans = q.plan_ids(unit_id)
    rows = [t for t in by_unit.get(unit_id, []) if t.plan_id in plans]
    return sorted(rows, key=lambda t: -relevance(t, q.folded))


def chosen(q: Query, own: list[Row]) -> list[Row]:
    """The quota the question names; every quota of the same plan and year when it names none."""
    if relevance(own[0], q.folded) > 0:
        return own[:1]
    first = own[0]
    return sorted((t for t in own if t.plan_id == first.plan_id and t.year == first.year), key=lambda t: t.id)[:8]


def parts_of(snap: Snapshot, target: Row) -> list[Row]:
    """The breakdown parts of a quota."""
    return _index(snap)[1].get(target.id, [])


def describe(q: Query, target: Row) -> str:
    """ "giảm 4 hộ nghèo (1 hộ không có KNLĐ, 3 hộ có KNLĐ)"."""
    children = parts_of(q.snap, target)
    extra = f" ({', '.join(part_text(p) for p in children)})" if children else ""
    return fact_text(target) + extra


def answer(q: Query) -> Reply | None:
    """The quota of the unit asked about, or totals/rankings over the units below it."""
    from handlers.answers import quota_groups

    unit_id = q.scope
    if unit_id is None:
        return None
    named = quota_groups.answer_named(q)
    if named is not None:
        return named
    below = units_below(q, unit_id)
    own = quotas_of(q, unit_id)
    if not below and wants_ranking(q.folded) and q.snap.units[unit_id].parent_id is not None:
        parent = q.snap.units[unit_id].parent_id
        if units_below(q, parent):
            unit_id, below, own = parent, units_below(q, parent), quotas_of(q, parent)
    if below and (wants_total(q.folded) or wants_ranking(q.folded) or _EACH.search(q.folded) or not own):
        return quota_groups.answer_kind_group(q, unit_id) or aggregate(q, unit_id, below, own)
    missing = None if below else _noneunits_below(q, unit_id)
    if missing is not None:
        return missing
    if not own or not _about_quota(q, own) or _set_as_target(q, own):
        return None
    return _own(q, unit_id, own)


def _own(q: Query, unit_id: int, own: list[Row]) -> Reply:
    """The unit's own quota (or quotas) with breakdown, and the indicator asked that it is not given."""
    picked = chosen(q, own)
    target = picked[0]
    year = f"năm {target.year} " if target.year else ""
    name = full_name(q.snap.units[unit_id])
    if len(picked) == 1:
        body = f"{name}: {year}{describe(q, target)}."
    else:
        lines = "\n".join(f"- {describe(q, t)}" for t in picked)
        body = f"{name} — chỉ tiêu {year.strip()}:\n{lines}"
    missing = not_assigned(q, own)
    if missing:
        body = f"Kế hoạch không giao cho {name} chỉ tiêu về {missing}; chỉ tiêu được giao:\n{body}"
    return reply(body, cites(q.snap, [(target.plan_id, target.section_id)]))


def _about_quota(q: Query, own: list[Row]) -> bool:
    """Whether the question asks for a quota: it says so ("chỉ tiêu", "giao"), or its topical words are more
    the quotas' than not ("BHYT cho hộ cận nghèo" is no quota question)."""
    if _ASKED.search(q.folded):
        return True
    idf = section_index(q.snap).idf
    said = {w for t in own for p in [t, *parts_of(q.snap, t)] for w in words(fold_expand(p.indicator))}
    topical = (
        {w for w in terms(q.folded) if not w.isdigit()}
        - QUOTA_PLAIN
        - q.named_words
        - {"giam", "tang", "dat", "ho"}
        - topic_words(q.snap, q.plan_ids())  # the programme's own words ("giảm nghèo") ask for no indicator
    )
    covered = sum(idf(w) for w in topical & said)
    return not topical or covered >= sum(idf(w) for w in topical - said)


def _phrases(snap: Snapshot) -> dict[str, str]:
    """Folded indicator names of two words or more (as written), longest first: what plans set targets on."""
    if snap.indexes.indicator_phrases is None:
        found: dict[str, str] = {}
        for target in snap.targets:
            key = " ".join(words(fold_expand(target.indicator)))
            if len(key.split()) >= 2:
                found.setdefault(key, target.indicator.strip())
        snap.indexes.indicator_phrases = dict(sorted(found.items(), key=lambda kv: -len(kv[0])))
    return snap.indexes.indicator_phrases


def not_assigned(q: Query, own: list[Row]) -> str | None:
    """The indicator the question names ("hộ cận nghèo") when none of the unit's quotas is about it."""
    key = _missing_key(q, own)
    return f"«{_phrases(q.snap)[key]}»" if key is not None else None


def _missing_key(q: Query, own: list[Row]) -> str | None:
    """The folded indicator phrase the question names that the unit's quotas do not cover; a unit's name
    ("thôn Kon Stiu", a quota's part) is no topic, nor its measure ("hộ")."""
    _, parts = _index(q.snap)
    rows = [*own, *(p for t in own for p in parts.get(t.id, []))]
    known = {w for t in rows for w in words(fold_expand(f"{t.indicator} {t.measure or ''}"))}
    known |= QUOTA_PLAIN | {"giam", "tang", "dat"}
    asked = f" {q.folded} "
    if any(f" {' '.join(words(fold_expand(t.indicator)))} " in asked for t in rows):
        return None
    for key in _phrases(q.snap):
        if f" {key} " in asked and set(key.split()) - known - q.named_words:
            return key
    return None


def _set_as_target(q: Query, own: list[Row]) -> bool:
    """Whether the topic the quotas miss ("hỗ trợ nhà ở") is a goal of the plans that apply: the targets
    answer it ("Hỗ trợ nhà ở cho 1.150 hộ nghèo"), not the quota."""
    from handlers.answers import targets

    key = _missing_key(q, own)
    if key is None:
        return False
    goals = [t for t in targets.candidates(q) if t.kind == "target"]
    return any(f" {key} " in f" {' '.join(words(fold_expand(targets.context(q, t))))} " for t in goals)


def _noneunits_below(q: Query, unit_id: int) -> Reply | None:
    """ "chỉ tiêu từng huyện", "các thôn giảm bao nhiêu" when no plan gives the units below a quota: say so,
    then the plan's own targets (never a figure for a unit the plan does not name)."""
    from handlers.answers import targets

    found = _EACH.search(q.folded)
    unit = q.snap.units[unit_id]
    level = unit.level or kind_level(unit.kind)
    kind, asked = KIND_WORDS[found.group(1)] if found else (None, None)
    if kind is None or asked is None or level is None or asked <= level:
        return None
    what = " ".join(["chỉ tiêu", topic(q.snap, q.plan_ids(unit_id))]).strip()
    head = f"Các kế hoạch áp dụng cho {full_name(unit)} không giao {what} cho từng {kind}."
    own = targets.answer(q)
    return reply(f"{head}\n{own.text}" if own is not None else head)


def units_below(q: Query, unit_id: int) -> dict[int, Row]:
    """The main quota of each unit below unit_id, at the nearest level that has them (a province's districts,
    not also their communes, whose quotas the districts' already hold)."""
    by_unit = figures_by_unit(q)
    plans = q.plan_ids(unit_id)
    out = {}
    for uid in q.snap.descendants(unit_id):
        rows = sorted((t for t in by_unit.get(uid, []) if t.plan_id in plans), key=lambda t: -relevance(t, q.folded))
        if rows:
            out[uid] = rows[0]
    return {u: t for u, t in out.items() if not any(a in out for a in q.snap.ancestors(u)[1:] if a != unit_id)}


def figures_by_unit(q: Query) -> dict[int, list[Row]]:
    """Each unit's quotas, and the other figures a table gives several units ("tỷ lệ hộ nghèo cuối năm 2023" of
    each district is a result, not a quota) when the question names them better than the unit's quotas."""
    by_unit, _ = _index(q.snap)
    out = dict(by_unit)  # lists shared with the index (never changed): a unit given a figure gets a new list
    for target in _tabled(q.snap):
        best = max((relevance(t, q.folded) for t in by_unit.get(target.unit_id, [])), default=0.0)
        if relevance(target, q.folded) > best:
            out[target.unit_id] = [*out.get(target.unit_id, []), target]
    return out


def _tabled(snap: Snapshot) -> list[Row]:
    """Top-level figures other than quotas that one plan gives two units or more under the same indicator."""
    if snap.indexes.tabled_figures is None:
        rows = [
            t
            for t in snap.targets
            if t.unit_id is not None and t.parent_id is None and t.kind != "quota" and t.value is not None
        ]
        units: dict[tuple[int, str], set[int]] = defaultdict(set)
        for t in rows:
            units[(t.plan_id, t.key)].add(t.unit_id)
        snap.indexes.tabled_figures = [t for t in rows if len(units[(t.plan_id, t.key)]) >= 2]
    return snap.indexes.tabled_figures


def aggregate(q: Query, unit_id: int, below: dict[int, Row], own: list[Row]) -> Reply:
    """Total over the units below, with the breakdown sums, a ranking when asked, and a check of the stated total."""
    snap = q.snap
    _, parts = _index(snap)
    key = max({t.key for t in below.values()}, key=lambda k: sum(t.key == k for t in below.values()))
    rows = {uid: t for uid, t in below.items() if t.key == key}
    sample = next(iter(rows.values()))
    total = sum(t.value or 0 for t in rows.values())
    part_sums: dict[str, list] = {}
    for t in rows.values():
        for p in parts.get(t.id, []):
            part_sums.setdefault(p.key, [p, 0.0])[1] += p.value or 0
    measure = sample.measure or ""
    breakdown = ", ".join(
        f"{num(s)} {p.indicator}" if measure else f"{p.indicator}: {num(s)}" for p, s in part_sums.values()
    )
    unit = full_name(snap.units[unit_id])
    if not summable(sample):  # rates and per-head averages do not add up: rank them only
        body = f"{unit}: {sample.indicator} của {len(rows)} đơn vị."
        return reply(body + "\n" + _ranking(snap, rows, lowest=wants_lowest(q.folded)), cites(snap, _refs(rows)))
    what = "tổng chỉ tiêu" if sample.kind == "quota" else "tổng"  # a count the plan states, not a quota
    body = f"{unit}: {what} {fact_text(_Fake(sample, total))} của {len(rows)} đơn vị"
    body += f" ({breakdown})." if breakdown else "."
    stated = next((t for t in own if t.key == key), None)
    if stated is not None and stated.value is not None and abs(stated.value - total) > 1e-6:
        body += f"\nLưu ý: kế hoạch ghi tổng {num(stated.value)}, khác tổng các đơn vị ({num(total)})."
    if wants_ranking(q.folded) or not wants_total(q.folded):
        body += "\n" + _ranking(snap, rows, lowest=wants_lowest(q.folded))
    return reply(body, cites(snap, _refs(rows)))


def _refs(rows: dict[int, Row]) -> list[tuple[int, int | None]]:
    return [(t.plan_id, t.section_id) for t in rows.values()][:1]


def summable(target: Row) -> bool:
    """Whether the units' figures add up to a total: not for rates or per-head averages."""
    return (target.measure or "").strip() != "%" and not _AVERAGE.search(fold_expand(target.indicator))


def _ranking(snap: Snapshot, rows: dict[int, Row], lowest: bool) -> str:
    """The units by value, ties grouped: "Cao nhất: Xã Thọ Xương, Xã Xuân Hồng (11 hộ)"."""
    by_value: dict[float, list[str]] = defaultdict(list)
    for uid, t in rows.items():
        by_value[t.value or 0].append(full_name(snap.units[uid]))
    values = sorted(by_value, reverse=not lowest)
    measure = next(iter(rows.values())).measure or ""
    figure = f"{num(values[0])}%" if measure.strip() == "%" else f"{num(values[0])} {measure}"
    lines = [f"{'Thấp nhất' if lowest else 'Cao nhất'}: {', '.join(by_value[values[0]])} ({figure})."]
    rest = [f"{', '.join(by_value[v])} ({num(v)})" for v in values[1:4]]
    if rest:
        lines.append("Tiếp theo: " + "; ".join(rest) + ".")
    return "\n".join(line.replace(" )", ")") for line in lines)


class _Fake:
    """A target row with another value (for totals)."""

    def __init__(self, row: Row, value: float) -> None:
        self.indicator, self.measure, self.direction = row.indicator, row.measure, row.direction
        self.baseline, self.value = None, value


MODULE = ForIntent("quota", answer, needs_unit=True)
