"""Which plans a question means, as its own step: scored on the plan number it names ("kế hoạch 179", "KH 0134",
"kh số 624"), its words against the plans' titles (rarer title words weigh more, two in a row more still), the
issuer it names, the year it asks about and the asker's unit. Built on per-snapshot lookups of the plans' numbers
and title words, so a question costs only the plans that share a word with it, never a scan of the facts."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from handlers.snapshot import Row, Snapshot
from storage.language.normalize import words
from storage.language.stopwords import PLAN_PLAIN, QUESTION_STOP
from storage.language.text import fold, unit_key
from storage.language.tones import WORD, asked_tones, toned

# "kế hoạch 179", "kế hoạch số 0124", "179/KH-UBND" (after fold and expansion of "KH").
_NUMBER_ASKED = re.compile(r"\bke hoach (?:so )?(\d{1,6})\b(?!/\d)|\b(\d{1,6})/ke hoach\b")
_YEAR = re.compile(r"\b(?:nam |giai doan )?((?:19|20)\d\d)\b")
_ISSUER = 4.0  # the question names the plan's issuer
_ISSUER_ABOVE = 1.5  # the unit named lies under the issuer (a commune of the province)
_ASKER = 1.0  # the asker's unit lies under the issuer
_PERIOD = 1.0  # the year asked falls in the plan's period
_PAIR = 1.0  # two question words in a row that stand in a row in the title: each counts once more
_ENOUGH = 1.5  # a title score that names a plan by its topic (a word found in one title alone weighs 1)
_NEAR = 0.75  # plans within this share of the best score fit about equally
_FAINT = 0.1  # the weight under which a title word is skipped (it stands in about three titles in four)


@dataclass
class TitleIndex:
    """Plan numbers and title words of one snapshot's plans."""

    numbers: dict[str, list[int]] = field(default_factory=dict)  # digits without leading zeros -> plans
    postings: dict[str, set[int]] = field(default_factory=dict)  # folded title word -> plans
    pairs: dict[int, set[tuple[str, str]]] = field(default_factory=dict)  # plan -> adjacent folded title words
    assignees: set[tuple[str, ...]] = field(default_factory=set)  # folded names of the bodies given duties
    weight: dict[str, float] = field(default_factory=dict)  # folded title word -> rarity among titles
    toned: dict[int, set[str]] = field(default_factory=dict)  # plan -> its title's words with their tone marks


@dataclass(frozen=True)
class PlanChoice:
    """The plans a question means, best first; close: more than one fits about equally."""

    plans: list[int] = field(default_factory=list)
    by_number: bool = False
    close: bool = False
    strength: float = 0.0  # the best title score (a number named counts as strong)
    words: frozenset[str] = frozenset()  # the question's words that name the plan ("179"), not what is asked
    titled: frozenset[str] = frozenset()  # the question's words found in the chosen plans' titles

    @property
    def strong(self) -> bool:
        """Named by number, or by title words clearly enough to outweigh the asker's own plans."""
        return self.by_number or self.strength >= 2 * _ENOUGH


def number_key(number: str | None) -> str | None:
    """ "0124/KH-UBND" -> "124": the plan number's digits before the slash, without leading zeros."""
    digits = re.match(r"\s*(\d+)", number or "")
    return digits.group(1).lstrip("0") or "0" if digits else None


def title_index(snap: Snapshot) -> TitleIndex:
    """The snapshot's TitleIndex, built once."""
    if snap.indexes.titles is None:
        keys = (getattr(u, "key", None) or unit_key(u.name) for u in snap.units.values())
        places = {tuple(key.split()) for key in keys if len(key.split()) >= 2}
        index = build_index(snap.plans.values(), places)
        index.assignees = {tuple(words(fold(d.assignee or ""))) for d in snap.duties}
        snap.indexes.titles = index
    return snap.indexes.titles


def build_index(plans: Iterable[Row], places: Collection[tuple[str, ...]] = ()) -> TitleIndex:
    """Index plan numbers and folded title words; a word's weight falls with the share of titles holding it. The
    words of a place a title names ("trên địa bàn xã Lam Hạ") name no topic: the issuer and units say where."""
    index = TitleIndex()
    count = 0
    for plan in plans:
        count += 1
        key = number_key(plan.number)
        if key is not None:
            index.numbers.setdefault(key, []).append(plan.id)
        tokens = _without_places(words(fold(plan.title or "")), places)
        index.toned[plan.id] = {toned(w) for w in WORD.findall(plan.title or "")}
        for token in set(tokens):
            index.postings.setdefault(token, set()).add(plan.id)
        index.pairs[plan.id] = set(zip(tokens, tokens[1:], strict=False))
    scale = math.log(count + 1) or 1.0
    index.weight = {w: math.log((count + 1) / len(ids)) / scale for w, ids in index.postings.items()}
    return index


def _without_places(tokens: list[str], places: Collection[tuple[str, ...]]) -> list[str]:
    """tokens without the runs of two to four words that name a known unit."""
    if not places:
        return tokens
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        size = next((n for n in (4, 3, 2) if tuple(tokens[i : i + n]) in places), 0)
        if size:
            i += size
            continue
        kept.append(tokens[i])
        i += 1
    return kept


def choose(
    snap: Snapshot, folded: str, named: Collection[int], asker_chain: list[int], skip: set[str], raw: str = ""
) -> PlanChoice:
    """The plans the folded question means. named: units the question names; asker_chain: the asker's unit and
    those above it; skip: folded words that name units, not topics; raw: the question as typed (a word typed with
    its tone marks matches a title's word only in that tone: "phương án" is not "an toàn")."""
    index = title_index(snap)
    numbered, digits = _numbered(index, folded)
    tokens = words(folded)
    if numbered:
        titled = _titled(index, numbered, tokens)
        return PlanChoice(numbered, by_number=True, close=len(numbered) > 1, words=frozenset(digits), titled=titled)
    skip = set(skip) | _assignee_words(index, tokens)
    asked = [w for w in tokens if w not in skip and w not in PLAN_PLAIN and not w.isdigit()]
    running = [w for w in tokens if w not in skip and w not in _PLAIN_NOT_ASKING and not w.isdigit()]
    topical = _title_scores(index, asked, running, asked_tones(raw))
    _add_named_topic(index, folded, topical)
    if not topical or max(topical.values()) < _ENOUGH:
        return PlanChoice()
    scores = {pid: s + _context(snap, snap.plans[pid], named, asker_chain, folded) for pid, s in topical.items()}
    best = max(scores.values())
    # How far behind a plan may fall is a share of the topic's own weight: the issuer named lifts all of its
    # plans alike and must not make a plan that shares one faint title word fit as well as the one meant.
    gap = (1 - _NEAR) * max(topical.values())
    chosen = sorted((pid for pid, s in scores.items() if s >= best - gap), key=lambda pid: (-scores[pid], pid))
    if len(chosen) == len(snap.plans) and len(chosen) > 1:  # the words fit every plan: they choose none
        return PlanChoice()
    titled = _titled(index, chosen, asked)
    return PlanChoice(plans=chosen, close=len(chosen) > 1, strength=max(topical.values()), titled=titled)


# Plain words that are no question word (unit kinds, "kế hoạch", "năm"): never part of a topic, even in a pair.
_PLAIN_NOT_ASKING = PLAN_PLAIN - QUESTION_STOP

# "kế hoạch 5G", "KH về IoT": the word right after the plan word names the plan's topic.
_AFTER_PLAN_WORD = re.compile(r"\bke hoach (?:ve |thuc hien |trien khai )?([a-z0-9]+)\b")
_UNIQUE = 0.9  # the weight of a word that stands in one title only


def _add_named_topic(index: TitleIndex, folded: str, topical: dict[int, float]) -> None:
    """A word that stands in one title only and follows the plan word names that plan on its own: its weight
    counts twice, enough to choose the plan (not enough to outweigh the asker's own plans: see strong)."""
    for match in _AFTER_PLAN_WORD.finditer(folded):
        word = match.group(1)
        if index.weight.get(word, 0.0) >= _UNIQUE and not word.isdigit():
            for pid in index.postings.get(word, ()):
                topical[pid] = topical.get(pid, 0.0) + index.weight[word]


def _titled(index: TitleIndex, plans: list[int], asked: list[str]) -> frozenset[str]:
    """The asked words that stand in the titles of the plans."""
    return frozenset(w for w in asked if any(pid in index.postings.get(w, ()) for pid in plans))


def _assignee_words(index: TitleIndex, tokens: list[str]) -> set[str]:
    """Words of the question that name a body some plan gives duties ("sở xây dựng"): an office, not a topic."""
    found: set[str] = set()
    for size in range(2, 7):
        for start in range(len(tokens) - size + 1):
            run = tuple(tokens[start : start + size])
            if run in index.assignees:
                found.update(run)
    return found


def _numbered(index: TitleIndex, folded: str) -> tuple[list[int], set[str]]:
    """Plans whose number the question names, and the numbers as written."""
    found: list[int] = []
    digits: set[str] = set()
    for match in _NUMBER_ASKED.finditer(folded):
        written = match.group(1) or match.group(2)
        plans = index.numbers.get(written.lstrip("0") or "0", [])
        found += [pid for pid in plans if pid not in found]
        digits |= {written} if plans else set()
    return found, digits


def _title_scores(
    index: TitleIndex, asked: list[str], running: list[str], tones: dict[str, set[str]] | None = None
) -> dict[int, float]:
    """Each plan sharing a word with the question: the weights of the shared words, and each pair of running
    words that stands in a row in its title counted again. A pair may open with a word folding made a question
    word ("dang vien": "đảng viên", not "đang"): the title shows which it is."""
    scores: dict[int, float] = {}
    asked = [w for w in asked if index.weight.get(w, 0.0) >= _FAINT]  # a word in most titles tells none apart
    typed = tones or {}
    for token in set(asked):
        for pid in index.postings.get(token, ()):
            if token not in typed or typed[token] & index.toned[pid]:
                scores[pid] = scores.get(pid, 0.0) + index.weight[token]
    running = [w for w in running if index.weight.get(w, 0.0) >= _FAINT]
    for first, second in zip(running, running[1:], strict=False):
        if second not in asked:  # a word folded into a question word heads its phrase ("đảng viên"); one that
            continue  # follows a topic word is a true function word ("nhà nước trong")
        for pid in index.postings.get(first, set()) & index.postings.get(second, set()):
            if (first, second) in index.pairs[pid]:
                stop = next((w for w in (first, second) if w not in asked), None)
                scores[pid] += _PAIR * (index.weight[first] + index.weight[second]) / 2
                scores[pid] += index.weight[stop] if stop is not None else 0.0
    return scores


def _context(snap: Snapshot, plan: Row, named: Collection[int], asker_chain: list[int], folded: str) -> float:
    """Points for the issuer named (or a unit under it), the asker's place under the issuer and the year asked."""
    points = 0.0
    issuer = plan.issuer_unit_id
    if issuer is not None and issuer in named:
        points += _ISSUER
    elif issuer is not None and any(issuer in snap.ancestors(u)[1:] for u in named):
        points += _ISSUER_ABOVE
    if issuer is not None and issuer in asker_chain:
        points += _ASKER
    years = {int(y) for y in _YEAR.findall(folded)}
    start, end = plan.period_start or plan.year, plan.period_end or plan.year
    if years and start and end and any(start <= y <= end for y in years):
        points += _PERIOD
    return points


# Intents that ask for rows given to one unit, and the fact list holding those rows.
_UNIT_INTENTS = {"quota": "targets", "helper": "helpers"}


def fitting_intents(snap: Snapshot, intents: list[str], choice: PlanChoice) -> list[str]:
    """The intents without those the chosen plans cannot answer: a commune's quota or helpers asked of plans
    that give no unit either ("kế hoạch 624 có những chỉ tiêu gì" asks for the plan's own targets)."""
    if not choice.plans:
        return intents
    kept = [i for i in intents if i not in _UNIT_INTENTS or _plans_with(snap, _UNIT_INTENTS[i]) & set(choice.plans)]
    if "quota" in intents and "quota" not in kept and "target" not in kept:
        kept.insert(intents.index("quota"), "target")
    return kept


def _plans_with(snap: Snapshot, table: str) -> set[int]:
    """Plans with at least one row of the fact list given to a unit other than their issuer (a commune's quota,
    not the province's own target); one pass per snapshot."""
    known = snap.indexes.unit_fact_plans
    if table not in known:
        issuers = {pid: plan.issuer_unit_id for pid, plan in snap.plans.items()}
        rows = getattr(snap, table)
        known[table] = {r.plan_id for r in rows if r.unit_id is not None and r.unit_id != issuers.get(r.plan_id)}
    return known[table]
