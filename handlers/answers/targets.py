"""Plan targets: rates, counts, baselines and the previous year's results."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from handlers.answers.passages import answer as best_statement
from handlers.answers.passages import terms
from handlers.answers.registry import ForIntent
from handlers.answers.section_index import section_index
from handlers.messages import Reply
from handlers.render.format import cites, fact_text, num, part_text, plan_name, quantity, reply, shorten
from handlers.snapshot import Row, Snapshot
from handlers.understand.entities import full_name
from handlers.understand.plan_topics import earlier_year, qualifiers, reference_year, topic_words
from handlers.understand.query import Query
from storage.language.normalize import fold_expand, words
from storage.language.stopwords import QUESTION_STOP, QUOTA_PLAIN

# Words that ask for the past; a year before the plans' own asks for it too (see _past).
_PAST = re.compile(
    r"\bnam (?:truoc|ngoai|qua)\b|\bket qua\b|\bda (?:dat|giam|thuc hien)\b|\bhien (?:nay|con|co|tai)\b"
    r"|\bdau (?:nam|ky)\b"
)
# Words that say when ("cuối năm", "hiện nay", "năm trước"), not what is counted.
_WHEN = re.compile(rf"{_PAST.pattern}|\b(?:cuoi|dau|giua|het) (?:nam|ky|thang|quy|giai doan)\b")
_RATE = re.compile(r"\bty le\b|\bti le\b|%|\bphan tram\b")


GENERIC = {"chi", "tieu", "giam", "muc", "ho", "phan", "dau", "ke", "hoach", "cua", "bao", "nhieu", "la", "cu"}
_ASKED_COUNT = re.compile(r"\b(?:bao nhieu|may) ([a-z]+(?: [a-z]+)?)")


def context(q: Query, target: Row) -> str:
    """The whole line of the section the target was read from (the stored sentence may be cut short)."""
    section = q.snap.sections.get(target.section_id)
    text = (target.text or "").strip()
    if section is None or not text:
        return text
    head = text[:40]
    for line in (section.body or "").splitlines():
        if head and head in line:
            return line.strip(" -+*")
    return text


def _generic(q: Query) -> set[str]:
    """Words that ask for no target in particular: GENERIC and the programme the plans name ("giảm nghèo")."""
    return GENERIC | topic_words(q.snap, q.plan_ids())


def _past(q: Query, plans: Iterable[int]) -> str | None:
    """What in the question asks for the past: a word ("năm trước", "kết quả", "hiện nay") or a year before
    the plans' own ("năm 2023" of a 2024 plan; of a 2026 plan, "năm 2025" too)."""
    found = _PAST.search(q.folded)
    if found is not None:
        return found.group(0)
    return earlier_year(q.folded, reference_year(q.snap, plans, q.today))


def _qualifier_mismatch(q: Query, indicator: str, sentence: str) -> bool:
    """Whether one side names a qualified indicator ("hộ cận nghèo") and the other only the plain one ("hộ
    nghèo"): the qualifier may fold to a stop word ("cận"), so the words alone do not tell them apart."""
    asked = f" {q.folded}"
    for qualifier in qualifiers(q.snap):
        if f" {qualifier}" in f" {indicator}":
            if f" {qualifier}" not in asked and not _lists_plain(indicator, qualifier):
                return True
        elif f" {qualifier}" in asked and f" {qualifier}" not in f" {fold_expand(sentence)}":
            return True
    return False


def _runs(names: list[str], asked: str) -> int:
    """How many words of a long name the question says in runs of two or more ("cho vay" and "hộ nghèo" of "cho
    vay đối với hộ nghèo, ..."), each run once."""
    found: set[str] = set()
    start = 0
    while start < len(names):
        end = start + 1
        while end <= len(names) and f" {' '.join(names[start:end])} " in asked:
            end += 1
        if end - 1 - start >= 2:
            found.add(" ".join(names[start : end - 1]))
            start = end - 1
        else:
            start += 1
    return sum(len(run.split()) for run in found)


def _lists_plain(indicator: str, qualifier: str) -> bool:
    """Whether the indicator lists the plain group beside the qualified one ("hộ nghèo, hộ cận nghèo": the
    qualifier's first word left out, "hộ cận nghèo" reads "hộ nghèo")."""
    found = re.search(rf"(\S+) {re.escape(qualifier)}(?: (\S+))?", indicator)
    if found is None:
        return False
    rest = qualifier.split()[1:]
    plain = [found.group(1), *rest, *([found.group(2)] if not rest and found.group(2) else [])]
    return f" {' '.join(plain)} " in f" {indicator} "


def _score(q: Query, target: Row, wanted: set[str], topical: set[str]) -> float:
    """idf-weighted overlap of the question's words with the target's indicator and sentence; topical: the
    wanted words that name no target in general (see _generic)."""
    idf = section_index(q.snap).idf
    indicator = set(words(fold_expand(target.indicator)))
    sentence = set(words(fold_expand(context(q, target)))) - indicator
    score = sum(2 * max(idf(w), 0.3) for w in indicator & wanted)
    clause = set(words(fold_expand(_clause(q, target))))  # the sentence's part that holds this goal
    score += sum((1 if w in clause else 0.5) * max(idf(w), 0.3) for w in sentence & wanted)
    score -= 0.15 * len(indicator - wanted - QUESTION_STOP)  # a word no question asks for weighs nothing
    phrase = " ".join(words(fold_expand(target.indicator)))
    if phrase and f" {phrase} " in f" {q.folded} ":
        score += 1.5 * len(phrase.split())
    else:
        score += 0.75 * _runs(phrase.split(), f" {q.folded} ")
    score -= 4 * _qualifier_mismatch(q, phrase, context(q, target))
    score += _measure_fit(q, target, (indicator | clause) & topical)
    past = _past(q, [target.plan_id])
    if target.kind == "result":
        score += 3 if past else -3
        score += 2 if past and past in f" {phrase} " else 0
    elif past and target.baseline is None:
        score -= 3  # a goal without a baseline says nothing of the past
    if q.units and not q.own and target.unit_id is not None:
        score += 3 if target.unit_id == q.units[0] else -1  # the unit named: its own rows before its parent's
    return score


def _measure_fit(q: Query, target: Row, topical: set[str]) -> float:
    """A rate asked and given, a count asked in the target's unit ("bao nhiêu hộ") on the question's topic,
    a decrease asked and planned."""
    score = 0.0
    if _RATE.search(q.folded):
        score += 2 if (target.measure or "").strip() == "%" else -2
    asked = _ASKED_COUNT.search(q.folded)
    measure = fold_expand(target.measure or "")
    if asked and measure and measure != "%" and asked.group(1).startswith(measure) and topical:
        score += 2.5
    if target.direction == "giảm" and " giam " in f" {q.folded} ":
        score += 1.5
    return score


def _is_rate(target: Row) -> bool:
    return (target.measure or "").strip() == "%"


def _counted_measure(q: Query, rows: list[Row]) -> bool:
    """Whether the question counts in the measure of a target it names whole ("bao nhiêu đảng viên mới" where a
    target counts "đảng viên mới"): then no rate answers it ("85% chi bộ kết nạp được đảng viên mới" is no count)."""
    asked = _ASKED_COUNT.search(q.folded)
    if asked is None or _RATE.search(q.folded):
        return False
    for target in rows:
        measure = fold_expand(target.measure or "").strip()
        named = " ".join(words(fold_expand(target.indicator)))
        if measure and not _is_rate(target) and asked.group(1).startswith(measure) and f" {named} " in f" {q.folded} ":
            return True
    return False


def _clause(q: Query, target: Row) -> str:
    """The part of the target's sentence between semicolons that holds its figure ("ít nhất 36% ... nhà tiêu")."""
    parts = context(q, target).split(";")
    if len(parts) < 2 or target.value is None:
        return parts[0]
    written = re.escape(num(target.value)).replace(",", "[,.]")  # "05 người", "0.82%" as the plan writes them
    figure = re.compile(rf"(?<![\d,.])0*{written}(?![\d,])")
    return next((p for p in parts if figure.search(p)), "")


def _shares(q: Query, target: Row, topical: set[str]) -> bool:
    """Whether the target speaks of the question's topic: its topical words weigh more covered than not
    ("BHYT cho hộ cận nghèo" is not answered by "giảm 180 hộ nghèo"); the rarest among them said, unless the rest
    weighs twice the words missing ("tỷ số giới tính khi sinh" is not answered by "tổng tỷ suất sinh")."""
    idf = section_index(q.snap).idf
    section = q.snap.sections.get(target.section_id)
    heading = section.heading if section is not None else ""
    said = set(words(fold_expand(f"{target.indicator} {context(q, target)} {heading}")))
    if (target.measure or "").strip() == "%":
        said |= {"ty", "ti", "le", "phan", "tram", "%"}
    topical = {w for w in topical if not w.isdigit()}  # years are weighed apart
    if not topical:
        return True
    covered = sum(idf(w) for w in topical & said)
    uncovered = sum(idf(w) for w in topical - said)
    when = {w for found in _WHEN.finditer(q.folded) for w in found.group(0).split()}
    about = topical - when or topical  # "hiện có", "cuối năm" ask when, not what
    rarest = max(sorted(about), key=idf)  # what the question is most about ("giới" of "tỷ số giới tính khi sinh")
    return covered >= uncovered and (rarest in said or covered >= 2 * uncovered)


def candidates(q: Query) -> list[Row]:
    """Targets and results of the plans that apply, for the unit asked about or its plan's issuer."""
    scope = q.scope
    plans = q.plan_ids()
    rows = q.snap.in_plans("targets", plans, q.snap.ancestors(scope) if scope else None)
    return [
        t
        for t in rows
        if t.parent_id is None and (t.kind in ("target", "result") or (t.unit_id is not None and t.unit_id == scope))
    ]


def answer(q: Query) -> Reply | None:
    """The best matching target(s) with baseline and source, or None when none matches."""
    plans = q.plan_ids()
    own_years = {str(q.snap.plans[p].year) for p in plans if p in q.snap.plans}  # the plans' year asks for no past
    wanted = set(terms(q.folded)) - {"nam", "xa", "huyen", "tinh"} - own_years - q.named_words - q.chosen.words
    if not wanted:
        return None
    rows = candidates(q)
    if not rows and q.chosen.plans and q.intents[:1] in (["target"], ["quota"]):
        return _none_set(q)
    qualified = any(f" {qualifier}" in f" {q.folded}" for qualifier in qualifiers(q.snap))
    topical = wanted - _generic(q)
    years = {w for w in topical if w.isdigit() and len(w) == 4}
    if years and not topical - years:  # "mục tiêu đến 2030": the year chooses among the targets, names no topic
        rows = [t for t in rows if str(t.year) in years] or rows
        topical = set()
    if rows and not topical and not _past(q, plans) and not qualified:
        return _overview(q, rows)
    if _counted_measure(q, rows):
        rows = [t for t in rows if not _is_rate(t)]
    scored = sorted(
        ((_score(q, t, wanted, topical), t.id, t) for t in rows),
        key=lambda x: (-x[0], x[1]),
    )
    scored = _named_unit_first(q, scored, topical)
    close = [t for s, _, t in scored[:3] if s >= scored[0][0] - 0.5 and s >= 2.0 and _shares(q, t, topical)]
    best = _unique(close, lambda t: (context(q, t), t.value))[:2]  # a goal the plan repeats, once
    if not best:
        return _statement_instead(q)
    if _no_past_figure(
        q, best
    ):  # "hiện có bao nhiêu": a statement of the present ("Hiện nay, ... 22 trạm") beats a goal
        found = best_statement(q.snap, q.folded, q.plan_ids(), q.naming_words, q.chosen.titled, q.text.raw)
        if found is not None and _PAST.search(fold_expand(found.text)):
            return found
    lines = []
    for target in best:
        parts = q.snap.parts("targets", target.id)
        line = fact_text(target) + _earlier(q, target)
        line += f" ({', '.join(part_text(p) for p in parts)})" if parts else ""
        if target.kind == "result" and target.year:
            line = f"Kết quả năm {target.year}: {line}"
        lines.append(line[:1].upper() + line[1:] + ".")
        quote = f"  «{shorten(context(q, target), 300)}»"
        if target.text and "|" not in context(q, target) and quote not in lines:
            lines.append(quote)
    lines[:0] = _notes(q, best)
    owner = next((t.unit_id for t in best if t.unit_id), None) or _issuer(q, best[0])
    head = f"{full_name(q.snap.units[owner])}:\n" if owner in q.snap.units else ""
    return reply(head + "\n".join(lines), cites(q.snap, [(t.plan_id, t.section_id) for t in best]))


def _named_unit_first(
    q: Query, scored: list[tuple[float, int, Row]], topical: set[str]
) -> list[tuple[float, int, Row]]:
    """A unit named below the plan's issuer ("huyện X" in a province's plan): its own rows, when one of them
    answers; the issuer's figure on the same words ("số hộ nghèo" of the province) is not the unit's."""
    if not q.units or q.own:
        return scored
    named = q.units[0]
    own = [row for row in scored if row[2].unit_id == named and _issuer(q, row[2]) != named]
    return own if own and own[0][0] >= 2.0 and _shares(q, own[0][2], topical - QUOTA_PLAIN) else scored


def _statement_instead(q: Query) -> Reply | None:
    """No target on the question's topic: what the plans say of it, when a goal was asked and they assign no unit
    quotas (those answer next, "số hộ nghèo giảm của huyện X")."""
    plans = q.plan_ids()
    if q.intents[:1] != ["target"] or plans & _quota_plans(q.snap):
        return None
    return best_statement(q.snap, q.folded, plans, q.naming_words, q.chosen.titled, q.text.raw)


def _quota_plans(snap: Snapshot) -> set[int]:
    """Plans that give units quotas; one pass per snapshot (a national plan holds a quota per commune)."""
    if snap.indexes.quota_plans is None:
        snap.indexes.quota_plans = {t.plan_id for t in snap.targets if t.kind == "quota"}
    return snap.indexes.quota_plans


def _no_past_figure(q: Query, best: list[Row]) -> bool:
    """Whether the question asks the past or the present, with no year, and the targets found hold only goals."""
    years = re.findall(r"\b(20\d\d)\b", q.folded)
    return bool(_past(q, q.plan_ids())) and not years and all(t.kind != "result" and t.baseline is None for t in best)


def _notes(q: Query, best: list[Row]) -> list[str]:
    """What the plan does not say that the question asks: a year's figures, the current level, a count."""
    years = set(re.findall(r"\b(20\d\d)\b", q.folded))
    said = " ".join(f"{t.indicator} {context(q, t)}" for t in best)  # "cuối năm 2023" may be the column's
    if years and not any(str(t.year) in years for t in best) and not any(y in said for y in years):
        return [f"Kế hoạch không ghi số liệu năm {', '.join(sorted(years))}; số liệu gần nhất:"]
    if _no_past_figure(q, best):
        return ["Kế hoạch không ghi số liệu hiện trạng (đầu năm, năm trước); chỉ có mục tiêu:"]
    return _only_rates(q, best)


def _unique(rows: list[Row], key: Callable[[Row], object]) -> list[Row]:
    """The rows in order, each key once (the first row that has it)."""
    seen: set[object] = set()
    out = []
    for row in rows:
        if key(row) not in seen:
            seen.add(key(row))
            out.append(row)
    return out


def _only_rates(q: Query, best: list[Row]) -> list[str]:
    """A note when the question asks for a count ("bao nhiêu hộ nghèo") and the plan sets only rates."""
    asked = _ASKED_COUNT.search(q.folded)
    if asked is None or _RATE.search(q.folded) or asked.group(1).startswith(("phan", "ty", "ti")):
        return []
    if any((t.measure or "").strip() != "%" for t in best):
        return []
    what = re.sub(r"^(?:tỷ|tỉ) lệ\s+", "", best[0].indicator.strip(), flags=re.I)
    return [f"Kế hoạch không ghi số {what} (chỉ tiêu là tỷ lệ):"]


def _earlier(q: Query, target: Row) -> str:
    """ " (năm 2023: 3,6%)": for a goal without a baseline, the plan's result for it in an earlier year."""
    if target.kind != "target" or target.baseline is not None or not target.year:
        return ""
    for row in q.snap.in_plans("targets", [target.plan_id]):
        earlier = row.kind == "result" and row.year and row.year < target.year and row.parent_id is None
        if earlier and row.key == target.key and row.unit_id == target.unit_id and row.value is not None:
            measure = (row.measure or "").strip()
            figure = f"{num(row.value)}%" if measure == "%" else quantity(row.value, measure)
            return f" (năm {row.year}: {figure})"
    return ""


def _overview(q: Query, rows: list[Row]) -> Reply:
    """The plan's targets in document order, for a general question ("chỉ tiêu giảm nghèo")."""
    ordered = [t for t in sorted(rows, key=lambda t: t.id) if t.kind == "target"] or rows
    chosen = _unique(ordered, fact_text)[:8]
    owner = _issuer(q, chosen[0])
    head = f"Các chỉ tiêu của {full_name(q.snap.units[owner])}:\n" if owner in q.snap.units else "Các chỉ tiêu:\n"
    items = "\n".join([*_only_rates(q, chosen), *(f"- {fact_text(t)}" for t in chosen)])
    return reply(head + items, cites(q.snap, [(t.plan_id, t.section_id) for t in chosen]))


def unit_overview(q: Query) -> Reply | None:
    """A unit named alone: the goals its plans set for it, in document order, or None when they set none."""
    unit = q.units[0] if q.units else None
    rows = [t for t in candidates(q) if unit is not None and t.unit_id == unit]
    return _overview(q, rows) if rows else None


def _none_set(q: Query) -> Reply:
    """The plans asked about set no target read with a figure: the statement that best answers, which may hold
    the figure in words the importer did not read as a goal; else say so rather than quote a figure that is none."""
    found = best_statement(q.snap, q.folded, q.plan_ids(), q.naming_words, q.chosen.titled, q.text.raw)
    if found is not None:
        return found
    named = [q.snap.plans[pid] for pid in q.chosen.plans[:2] if pid in q.snap.plans]
    lines = [f"{plan_name(plan, q.snap)} không đặt chỉ tiêu nào có số liệu." for plan in named]
    return reply("\n".join(lines) + "\nBạn có thể hỏi về nhiệm vụ, cơ quan chủ trì, thời gian thực hiện của kế hoạch.")


def _issuer(q: Query, target: Row) -> int | None:
    plan = q.snap.plans.get(target.plan_id)
    return plan.issuer_unit_id if plan else None


MODULE = ForIntent("target", answer)
