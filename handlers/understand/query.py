"""A question analysed once: its text, the units it names, whose unit it is about, the plans that apply."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from handlers.messages import IncomingMessage
from handlers.snapshot import Row, Snapshot
from handlers.understand.asker_context import Asker
from handlers.understand.entities import Mention, find_mentions, offices_in, people_in, rank, unit_index
from handlers.understand.intent import about_self, classify
from handlers.understand.plan_choice import PlanChoice, choose, fitting_intents
from handlers.understand.plan_topics import reference_year, topic_words
from handlers.understand.posts import as_plans_say
from handlers.understand.typed import prefer_typed
from storage.language.normalize import Text, as_typed, fold_expand, prepare, without_request, words
from storage.language.text import fold


@dataclass
class Query:
    """Everything the answer modules need about one message."""

    message: IncomingMessage
    text: Text
    asker: Asker
    snap: Snapshot
    units: list[int] = field(default_factory=list)  # units named and resolved, in order
    ambiguous: list[tuple[Mention, list[tuple[float, int]]]] = field(default_factory=list)  # close candidates
    unknown: list[Mention] = field(default_factory=list)  # named units that match nothing
    own: bool = False  # "xã mình", "tôi phải..."
    intents: list[str] = field(default_factory=list)
    chosen: PlanChoice = field(default_factory=PlanChoice)  # the plans the question names (plan_choice)
    # Deadline ids the scope unit has marked done (when loaded); None when the asker may not know (a stranger,
    # another unit's staff, a group not linked to the unit): only the plans' public dates are shown then.
    done: set[int] | None = field(default_factory=set)

    @property
    def folded(self) -> str:
        """The folded, expanded question."""
        return self.text.folded

    @property
    def today(self) -> date:
        """The bot's clock as a date."""
        return self.message.now.date()

    @property
    def asker_unit(self) -> int | None:
        """The asker's main unit id, if known and still in the snapshot."""
        unit = self.asker.unit
        return unit.id if unit is not None and unit.id in self.snap.units else None

    @property
    def scope(self) -> int | None:
        """The unit the question is about: the first one named, else the asker's."""
        if self.units and not self.own:
            return self.units[0]
        return self.asker_unit if self.asker_unit is not None else (self.units[0] if self.units else None)

    @property
    def named_words(self) -> set[str]:
        """The folded words of the names of the units the question names (not its topic)."""
        return {w for uid in self.units for w in words(fold_expand(self.snap.units[uid].name))}

    @property
    def naming_words(self) -> set[str]:
        """The words that name what the question is about (units, the plan's number), not what it asks."""
        return self.named_words | set(self.chosen.words) | {"ke", "hoach"}

    def plans(self, unit_id: int | None = None) -> list[Row]:
        """Plans that apply to a unit (see applying_plans; every plan without a unit), narrowed to the plans the
        question names: those of them that apply, else the named ones themselves. Cached per snapshot."""
        unit_id = self.scope if unit_id is None else unit_id
        cache = self.snap.indexes.plans_for
        if unit_id not in cache:
            cache[unit_id] = applying_plans(self.snap, unit_id)
        applying = list(cache[unit_id])
        if not self.chosen.plans:
            return applying
        named = set(self.chosen.plans)
        narrowed = [p for p in applying if p.id in named]
        if narrowed and not self.chosen.by_number:
            return narrowed
        if applying and not self.chosen.strong and unit_id is not None:  # a faint topic: the unit's own plans
            return applying
        return [self.snap.plans[pid] for pid in self.chosen.plans if pid in self.snap.plans]

    def plan_ids(self, unit_id: int | None = None) -> set[int]:
        """Ids of plans()."""
        return {p.id for p in self.plans(unit_id)}

    def related_units(self) -> list[int] | None:
        """Units whose own rows (a deadline for one commune) concern the scope: it, its ancestors, units below."""
        if self.scope is None:
            return None
        return self.snap.ancestors(self.scope) + self.snap.descendants(self.scope)


CLOSE = 10.0
_RAW_WORD = re.compile(r"\w+")  # candidates within this many points are too close to pick between


def applying_plans(snap: Snapshot, unit_id: int | None) -> list[Row]:
    """Issued by the unit or an ancestor (nearest first), then any other plan that assigns it something;
    failing both, plans issued by units below it."""
    every, by_issuer, rank = _plan_order(snap)
    if unit_id is None:
        return list(every)
    chain = snap.ancestors(unit_id)
    own = [p for uid in chain for p in by_issuer.get(uid, [])]
    assigned = [snap.plans[i] for i in _assigning_plans(snap).get(unit_id, set()) if i in snap.plans]
    found = own + sorted((p for p in assigned if p.issuer_unit_id not in chain), key=lambda p: rank[p.id])
    if found:
        return found
    below = [p for uid in snap.descendants(unit_id) for p in by_issuer.get(uid, [])]
    return sorted(below, key=lambda p: rank[p.id])


def _plan_order(snap: Snapshot) -> tuple[list[Row], dict[int | None, list[Row]], dict[int, int]]:
    """Every plan, the lowest level first (a commune's before a province's); the same by issuer; each plan's
    place in that order. Once per snapshot, so finding a unit's plans reads its own issuers' plans, not all."""
    if snap.indexes.plan_order is None:
        every = sorted(snap.plans.values(), key=lambda p: (-(p.level or 0), p.id))
        by_issuer: dict[int | None, list[Row]] = {}
        for plan in every:
            by_issuer.setdefault(plan.issuer_unit_id, []).append(plan)
        snap.indexes.plan_order = (every, by_issuer, {p.id: n for n, p in enumerate(every)})
    return snap.indexes.plan_order


def _assigning_plans(snap: Snapshot) -> dict[int, set[int]]:
    """unit id -> plans that give it a target or a deadline (a ministry's plan names communes too)."""
    if snap.indexes.assigning_plans is None:
        index: dict[int, set[int]] = {}
        for row in snap.targets:
            if row.unit_id is not None:
                index.setdefault(row.unit_id, set()).add(row.plan_id)
        for row in snap.deadlines:
            if row.scope_unit_id is not None:
                index.setdefault(row.scope_unit_id, set()).add(row.plan_id)
        snap.indexes.assigning_plans = index
    return snap.indexes.assigning_plans


def analyse(message: IncomingMessage, text: str, asker: Asker, snap: Snapshot) -> Query:
    """Prepare the text, find and rank the units it names, classify the intent."""
    index = unit_index(snap)
    prepared = _plain(as_plans_say(snap, prepare(text, _vocabulary(snap))))
    query = Query(message=message, text=prepared, asker=asker, snap=snap)
    query.own = about_self(prepared.folded)
    context = snap.ancestors(query.asker_unit) if query.asker_unit else []
    mentions = [m for m in find_mentions(prepared.words, index) if _plausible(m, snap, context, prepared.raw)]
    today = message.now.date()
    ranked_all = [(m, rank(m, snap, context, today)) for m in mentions]
    query.unknown = [m for m, ranked in ranked_all if not ranked]
    found = [m for m, ranked in ranked_all if ranked]
    for _, ranked in ranked_all:
        if len(ranked) == 1 or (ranked and ranked[0][0] - ranked[1][0] >= CLOSE):
            context = context + [a for a in snap.ancestors(ranked[0][1]) if a not in context]
    for mention in found:
        ranked = rank(mention, snap, context, today) or rank(mention, snap, [], today)
        ranked = prefer_typed(snap, prepared.raw, mention.name, ranked, CLOSE)
        if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < CLOSE:
            query.ambiguous.append((mention, ranked))
        if ranked and ranked[0][1] not in query.units:
            query.units.append(ranked[0][1])
    chain = snap.ancestors(query.asker_unit) if query.asker_unit else []
    typed = {w for mention in found for w in mention.name.split()}  # "xuân tân" typed for Xuân Tín
    query.chosen = choose(snap, prepared.folded, query.units, chain, query.named_words | typed, message.text)
    people = people_in(snap, prepared.folded)
    offices = offices_in(snap, prepared.folded)
    year = reference_year(snap, query.plan_ids(), today)
    query.intents = fitting_intents(
        snap, classify(prepared.folded, bool(people), bool(offices), plans_year=year), query.chosen
    )
    return query


def _plausible(mention: Mention, snap: Snapshot, context: list[int], raw: str) -> bool:
    """A name without a kind word ("lệ hộ" in "tỷ lệ hộ"), or of one word ("xã phấn đấu"), counts only when
    some plan speaks of the unit, it lies near the asker, or it is written like a name. A name that starts with
    what the plans are about ("xã nghèo" where the plans are on "giảm nghèo") is a description, not a unit."""
    if not mention.candidates and mention.name.split()[:1] and mention.name.split()[0] in _topic(snap):
        return False
    if not mention.candidates and _kind_is_another_word(mention, raw):
        return False
    if not mention.candidates or (mention.kind is not None and len(mention.name.split()) > 1):
        return True
    near = set(context)
    facts = unit_index(snap).fact_units
    for _, uid in mention.candidates:
        if uid in facts or any(a in near for a in snap.ancestors(uid)[1:]):
            return True
    return any(c.isupper() for c in raw) and as_typed(raw, mention.name) is not None


def _plain(text: Text) -> Text:
    """The prepared text without the request words it opens with ("tính giúp")."""
    folded = without_request(text.folded)
    return text if folded == text.folded else replace(text, folded=folded, words=words(folded))


def _kind_is_another_word(mention: Mention, raw: str) -> bool:
    """Whether the kind word before an unknown name is a word it folds like: "tính" (not "tỉnh") as typed, or
    "tinh" opening the message ("tinh trung binh thu nhap": "tính" without its marks)."""
    typed = _RAW_WORD.findall(raw)
    if mention.kind is None or " " in mention.kind or not 0 <= mention.kind_start < len(typed):
        return False
    word = unicodedata.normalize("NFC", typed[mention.kind_start]).lower()
    if fold(word) != fold(mention.kind):
        return False
    return word != mention.kind if word != fold(word) else mention.kind_start == 0


def _topic(snap: Snapshot) -> set[str]:
    """Folded words of the programmes all loaded plans name."""
    return topic_words(snap, snap.plans)


def _vocabulary(snap: Snapshot) -> set[str]:
    """Folded words the Telex repair may turn a leftover into."""
    if snap.indexes.vocabulary is None:
        from handlers.answers.section_index import section_index

        vocab = set(unit_index(snap).vocabulary) | section_index(snap).vocabulary
        snap.indexes.vocabulary = vocab
    return snap.indexes.vocabulary
