"""Plan targets: rates, counts, baselines and the previous year's results."""

from __future__ import annotations

import re

from handlers.cache import Row
from handlers.entities import full_name
from handlers.format import cites, fact_text, part_text, reply, shorten
from handlers.messages import Reply
from handlers.normalize import fold_expand, words
from handlers.query import Query
from handlers.retrieval import section_index, terms

_PAST = re.compile(r"\bnam (?:2023|truoc|ngoai|qua)\b|\bket qua\b|\bda (?:dat|giam|thuc hien)\b|\bhien (?:nay|con)\b")
_RATE = re.compile(r"\bty le\b|\bti le\b|%|\bphan tram\b")


def _score(q: Query, target: Row, wanted: set[str]) -> float:
    """idf-weighted overlap of the question's words with the target's indicator and sentence."""
    idf = section_index(q.snap).idf
    indicator = set(words(fold_expand(target.indicator)))
    sentence = set(words(fold_expand(target.text or ""))) - indicator
    score = sum(2 * max(idf(w), 0.3) for w in indicator & wanted)
    score += sum(max(idf(w), 0.3) for w in sentence & wanted)
    score -= 0.15 * len(indicator - wanted)
    if _RATE.search(q.folded):
        score += 2 if (target.measure or "").strip() == "%" else -2
    past = bool(_PAST.search(q.folded))
    if target.kind == "result":
        score += 2 if past else -3
    return score


def candidates(q: Query) -> list[Row]:
    """Targets and results of the plans that apply, for the unit asked about or its plan's issuer."""
    scope = q.scope
    plans = q.plan_ids()
    allowed = set(q.snap.ancestors(scope)) if scope else set()
    return [
        t
        for t in q.snap.targets
        if t.plan_id in plans
        and t.parent_id is None
        and t.kind in ("target", "result")
        and (t.unit_id is None or not allowed or t.unit_id in allowed)
    ]


def answer(q: Query) -> Reply | None:
    """The best matching target(s) with baseline and source, or None when none matches."""
    wanted = set(terms(q.folded)) - {"nam", "2024", "xa", "huyen", "tinh"}
    if not wanted:
        return None
    scored = sorted(((_score(q, t, wanted), t.id, t) for t in candidates(q)), key=lambda x: (-x[0], x[1]))
    if not scored or scored[0][0] < 2.0:
        return None
    best = [t for s, _, t in scored[:3] if s >= scored[0][0] - 0.5][:2]
    lines = []
    for target in best:
        parts = [p for p in q.snap.targets if p.parent_id == target.id]
        line = fact_text(target) + (f" ({', '.join(part_text(p) for p in parts)})" if parts else "")
        if target.kind == "result":
            line = f"Kết quả{f' năm {target.year}' if target.year else ''}: {line}"
        lines.append(line[:1].upper() + line[1:] + ".")
        if target.text:
            lines.append(f"  «{shorten(target.text, 300)}»")
    owner = next((t.unit_id for t in best if t.unit_id), None) or _issuer(q, best[0])
    head = f"{full_name(q.snap.units[owner])}:\n" if owner in q.snap.units else ""
    return reply(head + "\n".join(lines), cites(q.snap, [(t.plan_id, t.section_id) for t in best]))


def _issuer(q: Query, target: Row) -> int | None:
    plan = q.snap.plans.get(target.plan_id)
    return plan.issuer_unit_id if plan else None
