"""The index over the snapshot's sections: compact postings of folded words, for BM25 retrieval."""

from __future__ import annotations

import math
import sys
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from handlers.snapshot import Row, Snapshot
from storage.importer.structure import PREAMBLE_LABEL
from storage.language.normalize import fold_expand, words
from storage.language.projects import compact_projects

K1, B = 1.4, 0.6


@dataclass
class SectionIndex:
    """Postings of folded words over the plans' sections, kept compact: the sections are numbered plan after plan,
    so each plan's postings of a word are one run of its arrays (a question reads its plans' runs only)."""

    ids: array[int] = field(default_factory=lambda: array("q"))  # section id by number
    plan_of: array[int] = field(default_factory=lambda: array("q"))
    lengths: array[int] = field(default_factory=lambda: array("q"))
    counts: dict[str, int] = field(default_factory=dict)  # word -> how many sections hold it
    postings: dict[str, tuple[array[int], array[int]]] = field(default_factory=dict)  # word -> numbers, counts
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # plan id -> its first number, one past last
    vocabulary: set[str] = field(default_factory=set)
    preamble: set[int] = field(default_factory=set)  # section ids of the plans' opening ("Căn cứ ...")
    tops: dict[int, list[str]] = field(default_factory=dict)  # plan id -> headings of its top-level parts
    by_plan: dict[int, list[int]] = field(default_factory=dict)  # plan id -> its section ids in order
    children: dict[int, list[int]] = field(default_factory=dict)  # section id -> its subsections in order
    avg: float = 1.0

    def idf(self, word: str) -> float:
        """Okapi idf, never negative."""
        n = self.counts.get(word, 0)
        return math.log(1 + (len(self.ids) - n + 0.5) / (n + 0.5)) if n else 0.0

    def search(self, terms: list[str], plans: set[int] | None = None) -> list[tuple[float, int]]:
        """(score, section id) best first, restricted to plans when given (reading only their postings)."""
        scores: dict[int, float] = defaultdict(float)
        for term in set(terms):
            idf = self.idf(term)
            for doc, tf in self._postings(term, plans):
                norm = tf + K1 * (1 - B + B * self.lengths[doc] / self.avg)
                scores[doc] += idf * tf * (K1 + 1) / norm
        return sorted(((s, self.ids[d]) for d, s in scores.items()), reverse=True)

    def _postings(self, term: str, plans: set[int] | None) -> Iterable[tuple[int, int]]:
        """(section number, count) of the term, in the plans when given."""
        docs, tfs = self.postings.get(term, (_EMPTY, _EMPTY))
        if plans is None:
            return zip(docs, tfs, strict=True)
        if len(plans) > len(docs) // 8:  # most plans: one pass over the term's postings beats a search per plan
            return ((d, t) for d, t in zip(docs, tfs, strict=True) if self.plan_of[d] in plans)
        found: list[tuple[int, int]] = []
        for plan_id in plans:
            first, end = self.spans.get(plan_id, (0, 0))
            lo = bisect_left(docs, first)
            hi = bisect_left(docs, end, lo)
            found.extend(zip(docs[lo:hi], tfs[lo:hi], strict=True))
        return found


_EMPTY: array[int] = array("I")


def tokens(text: str) -> list[str]:
    """Folded words for retrieval; "dự án 4" becomes one word so the number is not lost among table cells."""
    return _folded_tokens(fold_expand(text))


@lru_cache(maxsize=50_000)
def token_set(text: str) -> frozenset[str]:
    """tokens() of a statement as a set, kept for the statements questions weigh again and again (bounded)."""
    return frozenset(tokens(text))


def _folded_tokens(folded: str) -> list[str]:
    compact = compact_projects(folded)
    return [w for w in words(compact) if not (w.isdigit() and len(w) == 1)]


def section_index(snap: Snapshot) -> SectionIndex:
    """The snapshot's section index, built once per snapshot."""
    if snap.indexes.sections is not None:
        return snap.indexes.sections
    index = SectionIndex()
    for section in sorted(snap.sections.values(), key=lambda s: (s.plan_id, s.id)):
        _add(index, section)
    for word, (docs, _) in index.postings.items():
        index.counts[word] = len(docs)
    index.avg = sum(index.lengths) / len(index.lengths) if index.lengths else 1.0
    snap.indexes.sections = index
    return index


def _add(index: SectionIndex, section: Row) -> None:
    """One section into the index (sections come plan after plan, each plan's in id order)."""
    folded = fold_expand(f"{section.heading}\n{section.body}")
    found = _folded_tokens(folded)
    doc = len(index.ids)
    index.ids.append(section.id)
    index.plan_of.append(section.plan_id)
    first, _ = index.spans.get(section.plan_id, (doc, doc))
    index.spans[section.plan_id] = (first, doc + 1)
    index.by_plan.setdefault(section.plan_id, []).append(section.id)
    if section.parent_id is not None:
        index.children.setdefault(section.parent_id, []).append(section.id)
    if section.label == PREAMBLE_LABEL:
        index.preamble.add(section.id)
    elif section.heading and section.parent_id is None:
        index.tops.setdefault(section.plan_id, []).append(" ".join(section.heading.split()))
    index.lengths.append(len(found))
    for word, tf in Counter(found).items():
        docs, tfs = index.postings.setdefault(sys.intern(word), (array("I"), array("I")))
        docs.append(doc)
        tfs.append(tf)
    index.vocabulary.update(words(folded))
