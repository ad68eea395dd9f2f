"""Unit names in questions: exact and fuzzy lookup over names and aliases, ranked by the asker's context."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from handlers.snapshot import Row, Snapshot
from handlers.understand.typed import prefer_typed
from storage.language.kinds import FOLDED_KINDS, kind_word_at
from storage.language.normalize import fold_expand, words
from storage.language.stopwords import NOT_NAME
from storage.language.text import display_kind, kind_level, unit_key

# Kind words as they appear in folded questions -> (kind, level), from the one table of unit kinds.
KIND_WORDS: dict[str, tuple[str, int]] = {word: (kind.word, kind.level) for word, kind in FOLDED_KINDS.items()}


@dataclass
class Mention:
    """A unit named in a question: the words, the kind written before it, and the candidates found."""

    start: int
    end: int
    name: str  # folded bare name as typed
    kind: str | None
    level: int | None
    candidates: list[tuple[float, int]] = field(default_factory=list)  # (score, unit id), best first
    kind_start: int = -1  # where the kind word before the name starts (start when none)

    @property
    def resolved(self) -> bool:
        """Whether some unit matches."""
        return bool(self.candidates)


class UnitIndex:
    """Folded keys of unit names and aliases -> unit ids, plus per-level key lists for fuzzy lookup."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.by_key: dict[str, set[int]] = defaultdict(set)
        for unit in snap.units.values():
            self.by_key[unit.key or unit_key(unit.name)].add(unit.id)
        for alias in snap.aliases:
            if alias.unit_id in snap.units:
                self.by_key[alias.key or unit_key(alias.alias)].add(alias.unit_id)
        self.by_key.pop("", None)
        self.initials = initials_keys(snap)
        self.keys = list(self.by_key)
        # fuzzy matches keep the first letter and the number of words: search only that bucket
        self.buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key in self.keys:
            self.buckets[(key[0], len(key.split()))].append(key)
        self.max_words = max((len(k.split()) for k in self.keys), default=1)
        self.vocabulary = {w for k in self.keys for w in k.split()}
        self.fact_units = snap.unit_facts()

    def lookup(self, key: str, level: int | None = None) -> set[int]:
        """Units whose name or alias folds to key, or whose name's initials it is (of the level, when given)."""
        ids = self.by_key.get(key) or self.initials.get(key, set())
        return {i for i in ids if level is None or self._level(i) in (level, None)}

    def alone(self, key: str) -> set[int]:
        """Units a one-word key names without a kind word before it: a province's initials ("HCM", "TPHCM")."""
        return {i for i in self.initials.get(key, set()) if self._level(i) == 1}

    def fuzzy(self, key: str, level: int | None = None) -> list[tuple[int, int]]:
        """(distance, unit id) of names one or two edits from key (two letters swapped count as one), same words."""
        limit = 1 if len(key) <= 9 else 2
        bucket = self.buckets.get((key[:1], len(key.split())), [])
        found = process.extract(key, bucket, scorer=OSA.distance, score_cutoff=limit, limit=20)
        out: list[tuple[int, int]] = []
        for candidate, dist, _ in found:
            if dist:
                out.extend((int(dist), uid) for uid in self.lookup(candidate, level))
        return out

    def _level(self, unit_id: int) -> int | None:
        unit = self.snap.units[unit_id]
        return unit.level or kind_level(unit.kind)


MIN_INITIALS = 3  # "HCM"; two letters ("HN", "ĐN") stand for too many names and words


def initials_keys(snap: Snapshot) -> dict[str, set[int]]:
    """The initials of unit names of three words or more ("ho chi minh" -> "hcm"), alone and glued to an
    abbreviation of the unit's kind ("tphcm"): how staff write long names."""
    found: dict[str, set[int]] = defaultdict(set)
    for unit in snap.units.values():
        parts = (unit.key or unit_key(unit.name)).split()
        if len(parts) < MIN_INITIALS:
            continue
        letters = "".join(part[0] for part in parts)
        kind = FOLDED_KINDS.get(fold_expand(unit.kind or ""))
        for form in (letters, *(f"{abbr}{letters}" for abbr in (kind.abbreviations if kind else ()))):
            found[form].add(unit.id)
    return found


def unit_index(snap: Snapshot) -> UnitIndex:
    """The snapshot's unit index, built once per snapshot."""
    if snap.indexes.units is None:
        snap.indexes.units = UnitIndex(snap)
    return snap.indexes.units


def _kind_at(tokens: list[str], i: int) -> tuple[int, str | None, int | None]:
    """If a kind word starts at i: (its length in words, kind, level); else (0, None, None)."""
    size, kind = kind_word_at(tokens, i)
    return (size, kind.word, kind.level) if kind is not None else (0, None, None)


def find_mentions(tokens: list[str], index: UnitIndex) -> list[Mention]:
    """Unit names in a question's words: after a kind word (exact or fuzzy), or alone (exact, 2+ words)."""
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        size, kind, level = _kind_at(tokens, i)
        start = i + size
        mention = _match_at(tokens, start, index, level, prefixed=size > 0)
        if mention is not None:
            mention.kind, mention.level, mention.kind_start = kind, level, i
            mentions.append(mention)
            i = mention.end
            continue
        counted = i > 0 and tokens[i - 1] == "so"  # "số xã thoát khỏi...": a count of units, not one named
        if size and not counted and start < len(tokens) and _namelike(tokens[start]) and _kind_at(tokens, start)[0] < 2:
            mentions.append(_unresolved(tokens, start, kind, level, index))
            mentions[-1].kind_start = i
            i = mentions[-1].end
            continue
        i += max(size, 1)
    return mentions


def _namelike(token: str) -> bool:
    return token.isalpha() and token not in NOT_NAME


def _match_at(tokens: list[str], start: int, index: UnitIndex, level: int | None, prefixed: bool) -> Mention | None:
    for size in range(min(index.max_words, len(tokens) - start), 0, -1):
        key = " ".join(tokens[start : start + size])
        if size == 1 and not prefixed:
            alone = index.alone(key)
            return Mention(start, start + 1, key, None, level, [(100.0, uid) for uid in alone]) if alone else None
        ids = index.lookup(key, level) or (index.lookup(key) & index.fact_units if prefixed and size > 1 else set())
        if ids:
            exact = [(100.0, uid) for uid in ids]
            near = [(100.0 - 12 * d, uid) for d, uid in index.fuzzy(key, level)] if prefixed else []
            return Mention(start, start + size, key, None, level, exact + near)
    return None


def _unresolved(tokens: list[str], start: int, kind: str | None, level: int | None, index: UnitIndex) -> Mention:
    end = start
    while end < len(tokens) and end - start < 4 and _namelike(tokens[end]):
        if end > start and _kind_at(tokens, end)[0]:  # "thôn Nà Pàn xã Vĩnh Yên": the next unit starts
            break
        end += 1
    for stop in range(end, start, -1):
        key = " ".join(tokens[start:stop])
        near = index.fuzzy(key, level) if stop - start >= 2 or len(key) >= 4 else []
        if near:
            return Mention(start, stop, key, kind, level, [(100.0 - 12 * d, uid) for d, uid in near])
    return Mention(start, end, " ".join(tokens[start:end]), kind, level, [])


def valid_on(unit: Row, today: date | None) -> bool:
    """Whether the unit exists on that day (open dates count; a catalog's valid_to is the day it ended)."""
    if today is None:
        return True
    if unit.valid_from is not None and unit.valid_from > today:
        return False
    return unit.valid_to is None or unit.valid_to > today


def rank(mention: Mention, snap: Snapshot, context: list[int], today: date | None = None) -> list[tuple[float, int]]:
    """Candidates re-scored by kind, by existence at the clock, by the asker's place in the tree and by
    whether they hold facts: a written kind and the units of the day outweigh an old unit's plan data."""
    index = unit_index(snap)
    near = set(context)
    scored: dict[int, float] = {}
    for base, uid in mention.candidates:
        unit = snap.units[uid]
        score = base + (25 if valid_on(unit, today) else 0)
        ulevel = unit.level or kind_level(unit.kind)
        if mention.level is not None and ulevel is not None:
            score += 20 if ulevel == mention.level else -30
        if mention.kind and unit.kind == mention.kind:
            score += 10
        chain = snap.ancestors(uid)
        shared = [a for a in chain if a in near]
        depth = max((len(snap.ancestors(a)) for a in shared), default=0)
        if base < 100 and uid not in index.fact_units and depth < 2:
            continue  # a typo fix must land on a unit some plan speaks of, or near the asker
        if depth:
            score += 10 + 10 * depth + (10 if uid == context[0] else 0)  # the asker naming their own unit
        if uid in index.fact_units:
            score += 25
        scored[uid] = max(score, scored.get(uid, -1e9))
    if mention.kind is None:  # a bare "Mậu Duệ" is the commune before its village of the same name
        for uid in scored:
            if any(a in scored for a in snap.ancestors(uid)[1:]):
                scored[uid] -= 3
    return _dedupe(sorted(((s, u) for u, s in scored.items()), reverse=True), snap)


def _dedupe(ranked: list[tuple[float, int]], snap: Snapshot) -> list[tuple[float, int]]:
    """Keep one unit per place when a plan unit and a catalog unit name the same place."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for score, uid in ranked:
        path = tuple(snap.units[a].key for a in snap.ancestors(uid))
        if path in seen:
            continue
        seen.add(path)
        out.append((score, uid))
    return out


def full_name(unit: Row) -> str:
    """ "Xã Xuân Bái", or the bare name when the kind is unknown."""
    return f"{display_kind(unit.kind)} {unit.name}" if unit.kind else unit.name


def place_name(snap: Snapshot, uid: int) -> str:
    """A unit with its parents, to tell namesakes apart: "Xã Tân Thành, huyện X, tỉnh Y"."""
    chain = snap.ancestors(uid)
    rest = [snap.units[a] for a in chain[1:3]]
    parts = [full_name(snap.units[chain[0]])] + [f"{u.kind} {u.name}" if u.kind else u.name for u in rest]
    return ", ".join(parts)


def resolve_name(
    snap: Snapshot, text: str, context: list[int] | None = None, today: date | None = None
) -> list[tuple[float, int]]:
    """Ranked units for a unit name such as a --unit value ("Xuân Bái", "xã Lam Sơn, tỉnh Thanh Hóa"):
    the places named after it narrow it down, the clock picks the units of the day."""
    tokens = words(fold_expand(text))
    index = unit_index(snap)
    mentions = find_mentions(tokens, index)
    if not mentions:
        key = " ".join(tokens)
        mention = Mention(0, len(tokens), key, None, None, [(100.0, u) for u in index.lookup(key)])
        mention.candidates += [(100.0 - 12 * d, u) for d, u in index.fuzzy(key)] if key else []
        mentions = [mention]
    near = list(context or [])
    for place in mentions[1:]:
        ranked = rank(place, snap, [], today)
        if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] >= 10.0):
            near += [a for a in snap.ancestors(ranked[0][1]) if a not in near]
    return prefer_typed(snap, text, mentions[0].name, rank(mentions[0], snap, near, today), 10.0)


def helper_keys(snap: Snapshot) -> list[tuple[Row, str, str]]:
    """(assignment, folded office, folded member) for every helper assignment."""
    if snap.indexes.helper_keys is None:
        snap.indexes.helper_keys = [(h, fold_expand(h.office or ""), fold_expand(h.member or "")) for h in snap.helpers]
    return snap.indexes.helper_keys


def people_in(snap: Snapshot, folded: str) -> set[str]:
    """Committee members named in a folded question (exact, or one typo away)."""
    found = {member for _, _, member in helper_keys(snap) if member and member in folded}
    if found:
        return found
    return {m for _, _, m in helper_keys(snap) if len(m) >= 8 and fuzz.partial_ratio(m, folded, score_cutoff=92)}


def offices_in(snap: Snapshot, folded: str) -> set[str]:
    """Helping offices named in a folded question, longest names first."""
    found = {office for _, office, _ in helper_keys(snap) if office and len(office) > 5 and office in folded}
    return {o for o in found if not any(o != other and o in other for other in found)}
