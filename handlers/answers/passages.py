"""Passage retrieval: BM25 over the plans' sections on folded text, then the best sentences of the best one."""

from __future__ import annotations

import math
import re
import sys
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from handlers.answers import projects
from handlers.messages import Reply
from handlers.render.format import cite, plan_name, reply, shorten
from handlers.snapshot import Row, Snapshot
from storage.importer.structure import PREAMBLE_LABEL
from storage.language.normalize import fold_expand, words
from storage.language.projects import compact_projects
from storage.language.stopwords import ABOUT_PROJECT, QUESTION_STOP

K1, B = 1.4, 0.6
MIN_SCORE = 2.5  # below this best score nothing is relevant enough to show
_FIGURE_ASKED = re.compile(r"\bbao nhieu\b|\bmay\b|\bphan tram\b|%")
_FIGURE = 2.0  # what a sentence holding a figure (or date) gains when the question asks for one
_DATE_ASKED = re.compile(r"\bngay nao\b|\btu ngay\b|\bngay (?:may|bao nhieu)\b")
_DATE_SAID = re.compile(r"\bngày \d{1,2}(?: tháng \d{1,2})?|\b\d{1,2}/\d{1,2}(?:/\d{4})?\b", re.IGNORECASE)
_SECTION_COVER = 0.7  # the share a whole section must hold when no one sentence holds enough
_FIGURE_SAID = re.compile(r"(?<![\d/.,])(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)?(?![\d/])")  # a figure, not a year or date
_SECTIONS = 12  # the best sections whose statements are weighed one by one
MIN_COVER = 0.45  # the share of the question's weighted words the chosen sentence must hold
# A question about what a plan rests on ("căn cứ", "thực hiện văn bản nào"): only then is the preamble an answer.
_BASIS_ASKED = re.compile(r"\bcan cu\b|\b(?:theo|thuc hien) (?:ke hoach|van ban|quyet dinh|nghi quyet|chi thi)\b")


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


# What a statement that answers a question form says: "khi nào" is answered by "Thời gian thực hiện: ...",
# "bao lâu một lần" by "Định kỳ ...", "lấy từ đâu" by "Nguồn ...".
_ANSWER_CUES = [
    (re.compile(r"\bkhi nao\b|\bbao gio\b|\bthoi gian\b|\btu (?:luc|ngay|thang) nao\b"), ["thoi", "gian"]),
    (
        re.compile(r"\bbao lau\b(?: [a-z]+){0,3} (?:mot|1) lan\b|\bmay (?:thang|ngay|tuan) (?:mot|1) lan\b"),
        ["dinh", "ky"],
    ),
    (re.compile(r"\b(?:lay )?tu (?:dau|nguon nao)\b|\bnguon nao\b"), ["nguon"]),
]


def terms(folded: str) -> list[str]:
    """The topical words of a folded question, with the words a statement answering its form holds."""
    asked = {w for pattern, _ in _ANSWER_CUES if (m := pattern.search(folded)) for w in m.group(0).split()}
    found = [w for w in tokens(folded) if w not in QUESTION_STOP and w not in asked]  # "bao lâu" asks, says nothing
    return found + [c for c in cue_words(folded) if c not in found]


def cue_words(folded: str) -> list[str]:
    """The words a statement answering the question's form holds ("thoi gian" for "khi nào")."""
    return [c for pattern, cues in _ANSWER_CUES if pattern.search(folded) for c in cues]


# A colon ends no sentence: "Thời gian thực hiện: Năm 2026 ..." is one statement.
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ0-9\-+•*])|\n+")


def _parts(section: Row) -> list[str]:
    """A section's sentences and list items."""
    return [p.strip(" -+•*\t") for p in _SENTENCE.split(section.body or "") if p.strip(" -+•*\t")]


def _best_sentence(
    snap: Snapshot,
    section_id: int,
    query_terms: list[str],
    cues: Iterable[str] = (),
    figure: re.Pattern[str] | None = None,
) -> float:
    """The idf weight of the question's words in the section's one best sentence (its heading counts with it);
    cues, the words that answer the question's form, weigh thrice; figure: what a sentence answering a figure
    or a date asked holds ("ngày nào" favours a sentence with a date)."""
    index = section_index(snap)
    wanted, cued = set(query_terms), set(cues)
    section = snap.sections[section_id]
    heading = set(tokens(section.heading or ""))
    best = 0.0
    for part in _parts(section):
        said = (set(tokens(part)) | heading) & wanted
        weight = sum(3 * max(index.idf(w), 1.5) if w in cued else index.idf(w) for w in said)
        best = max(best, weight + (_FIGURE if figure and figure.search(part) else 0.0))
    return best


def _covered(snap: Snapshot, section_id: int, query_terms: list[str]) -> bool:
    """Whether the section's best sentence holds enough of the question's weighted words to answer it, or the
    section as a whole most of them (a task whose name opens it and whose time closes it)."""
    index = section_index(snap)
    wanted = set(query_terms)
    whole = sum(index.idf(w) for w in wanted)
    if whole <= 0:
        return False
    section = snap.sections[section_id]
    said = sum(index.idf(w) for w in set(tokens(f"{section.heading}\n{section.body}")) & wanted)
    return _best_sentence(snap, section_id, query_terms) >= MIN_COVER * whole or said >= _SECTION_COVER * whole


def _figure_wanted(folded: str) -> re.Pattern[str] | None:
    """What a sentence answering the question holds: a date for "ngày nào", a figure for "bao nhiêu"."""
    if _DATE_ASKED.search(folded):
        return _DATE_SAID
    return _FIGURE_SAID if _FIGURE_ASKED.search(folded) else None


def best_passage(snap: Snapshot, section_id: int, query_terms: list[str], limit: int = 700) -> str:
    """The sentences of a section that share most words with the question, in document order."""
    section = snap.sections[section_id]
    index = section_index(snap)
    parts = _parts(section)
    if not parts:
        return shorten(section.heading or "", limit)
    wanted = set(query_terms)

    def weight(part: str) -> float:
        return sum(index.idf(w) for w in set(tokens(part)) & wanted)

    ranked = sorted(range(len(parts)), key=lambda i: -weight(parts[i]))
    chosen: list[int] = []
    used = 0
    top = weight(parts[ranked[0]])
    for i in ranked:
        if weight(parts[i]) <= max(0.0, 0.5 * top) or used + len(parts[i]) > limit:
            break
        chosen.append(i)
        used += len(parts[i])
    if not chosen:
        chosen = [ranked[0]]
    chosen = _with_lists(parts, chosen, limit)
    text = " ".join(parts[i] for i in sorted(chosen))
    heading = (section.heading or "").strip()
    return shorten(f"{heading}: {text}" if heading and heading not in text else text, limit)


def _with_lists(parts: list[str], chosen: list[int], limit: int) -> list[int]:
    """The chosen sentences with the rest of a list one of them opens, belongs to or continues ("... bao gồm:",
    "...;"), as far as room allows."""
    out = set(chosen)
    used = sum(len(parts[i]) for i in out)
    for i in sorted(chosen):  # back to the list's first item or the sentence that opens it
        j = i - 1
        while j >= 0 and j not in out and parts[j].rstrip().endswith((":", ";")) and used + len(parts[j]) <= limit:
            out.add(j)
            used += len(parts[j])
            j -= 1
    for i in sorted(out):
        for j in range(i + 1, len(parts)):
            if j in out or used + len(parts[j]) > limit or not parts[j - 1].rstrip().endswith((":", ";")):
                break
            out.add(j)
            used += len(parts[j])
    return sorted(out)


def search(snap: Snapshot, folded: str, plans: set[int] | None = None) -> list[tuple[float, int]]:
    """Sections for a folded question, best first."""
    return section_index(snap).search(terms(folded), plans)


# Words of a question about a project that ask what it is, not about one of its topics.


def answer(snap: Snapshot, folded: str, plans: set[int] | None, naming: Iterable[str] = ()) -> Reply | None:
    """What a named project is, else the best passage with its citation; None when nothing is relevant.
    naming: the question's words that name the plans or places asked about, not what is asked of them."""
    query_terms = [w for w in terms(folded) if w not in set(naming)]
    if not query_terms:
        return None
    project = projects.asked_project(folded)
    if project is not None and not set(query_terms) - ABOUT_PROJECT - {f"duan{project}"}:
        found = projects.answer(snap, folded, plans)
        if found is not None:
            return found
    hits = search(snap, folded, plans)
    if not _BASIS_ASKED.search(folded):
        preamble = section_index(snap).preamble
        hits = [(score, sid) for score, sid in hits if sid not in preamble]
    if not hits or hits[0][0] < MIN_SCORE:
        return projects.answer(snap, folded, plans) if project is not None else None
    # Statements, not sections: the one sentence (with its heading) that holds most of the question wins among the
    # best sections; the section's own score only breaks ties.
    scored = {sid: score for score, sid in hits[:_SECTIONS]}
    cues, figure = cue_words(folded), _figure_wanted(folded)
    ranked = sorted(scored, key=lambda sid: -(_best_sentence(snap, sid, query_terms, cues, figure) + 0.1 * scored[sid]))
    section_id = next((sid for sid in ranked if _covered(snap, sid, query_terms)), None)
    if section_id is None:
        return None
    passage = best_passage(snap, section_id, query_terms)
    return reply(passage, cite(snap, snap.sections[section_id].plan_id, section_id))


def unsaid(snap: Snapshot, plans: list[int]) -> Reply | None:
    """The plans asked about do not say it: say so, and what they do speak of (their main headings)."""
    named = [snap.plans[pid] for pid in plans[:2] if pid in snap.plans]
    if not named:
        return None
    lines = []
    for plan in named:
        heads = section_index(snap).tops.get(plan.id, [])
        lines.append(f"{plan_name(plan, snap)} không nói về điều bạn hỏi.")
        if heads:
            lines.append("Kế hoạch có các phần: " + "; ".join(h.lower() for h in heads[:8]) + ".")
    return reply("\n".join(lines))


def section_text(snap: Snapshot, section_id: int, limit: int = 600) -> str:
    """A section's heading and body followed by its subsections', as one line, cut at limit characters."""
    index = section_index(snap)
    parts: list[str] = []
    stack = [section_id]
    while stack and sum(len(p) for p in parts) < limit:
        section = snap.sections[stack.pop(0)]
        parts.append(f"{section.heading or ''} {section.body or ''}".strip())
        stack[:0] = index.children.get(section.id, [])
    return shorten(" ".join(" ".join(parts).split()), limit)
