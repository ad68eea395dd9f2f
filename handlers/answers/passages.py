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

from handlers.answers import projects, relevance
from handlers.messages import Reply
from handlers.render.format import cite, plan_name, reply, shorten
from handlers.snapshot import Row, Snapshot
from storage.importer.structure import PREAMBLE_LABEL
from storage.language.normalize import fold_expand, words
from storage.language.projects import compact_projects
from storage.language.stopwords import ABOUT_PROJECT, QUESTION_STOP
from storage.language.text import day_given

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
# "bao lâu một lần" by "Định kỳ ...", "lấy từ đâu" by "Nguồn ..."; "bắt đầu từ khi nào" asks, it names no task.
_WHEN_ASKED = re.compile(
    r"\b(?:bat dau |ket thuc )?(?:tu )?(?:khi nao|bao gio)\b|\bthoi gian\b|\b(?:bat dau )?tu (?:luc|ngay|thang) nao\b"
)
_ANSWER_CUES = [
    (_WHEN_ASKED, ["thoi", "gian"]),
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
_LABELLED = re.compile(r"^[^:.;]{2,40}:\s*\S")  # "Thời gian thực hiện: ...", "Cơ quan chủ trì: ..."
_WHEN_CUE = frozenset({"thoi", "gian"})
# A time given with its preposition ("từ ngày 01 tháng 01 năm 2026", "trước ngày 30/11", "trong quý IV/2025"),
# not the date of a document cited ("Quyết định số ... ngày 28/02/2025").
_TIME_SAID = re.compile(
    r"\b(?:từ|kể từ|trước|đến|sau|trong) (?:ngày \d{1,2}(?: tháng \d{1,2}|/\d{1,2})"
    r"|tháng \d{1,2}(?:/| năm )\d{4}|quý [IVX]+(?:/| năm )\d{4})",
    re.IGNORECASE,
)
_TITLED = 0.25  # what a word of the chosen plans' titles weighs, against 1 for the question's other words
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ0-9\-+•*])|\n+")


def _parts(section: Row) -> list[str]:
    """A section's sentences and list items."""
    return [p.strip(" -+•*\t") for p in _SENTENCE.split(section.body or "") if p.strip(" -+•*\t")]


def _idf(index: SectionIndex, word: str, titled: frozenset[str]) -> float:
    """A word's weight in choosing among the chosen plans' statements: one that names the plans (it is in their
    titles, so it is in most of their statements) tells little which one answers."""
    return index.idf(word) * (_TITLED if word in titled else 1.0)


def _context(snap: Snapshot, section: Row, parts: list[str]) -> list[set[str]]:
    """The words that name what each part is about beside its own: the section's heading (with its item's, for a
    part headed by what it gives of the item: "c) Thời gian thực hiện" under "2. Về các nền tảng số"); in an
    item without one, its opening statement, for the labelled lines that follow it ("- Thời gian thực hiện: ...")."""
    heading = set(tokens(section.heading or "")) | set(tokens(_item_heading(snap, section)))
    if heading or len(parts) < 2:
        return [heading] * len(parts)
    opening = set(tokens(parts[0]))
    return [set()] + [opening if _LABELLED.match(part) else set() for part in parts[1:]]


def _item_heading(snap: Snapshot, section: Row) -> str:
    """The heading of the item a section gives the time of ("Thời gian thực hiện" under its task), else "" (and
    for a time section of a whole part: "II. NỘI DUNG / 2. Thời gian thực hiện" times the plan)."""
    parent = snap.sections.get(section.parent_id) if section.parent_id is not None else None
    if parent is None or parent.parent_id is None or not set(tokens(section.heading or "")) >= _WHEN_CUE:
        return ""
    return (parent.heading or "").strip()


def _timing_parts(snap: Snapshot, scored: dict[int, float]) -> dict[int, float]:
    """The sections headed by the time of an item found ("c) Thời gian thực hiện" beside "a) Nhiệm vụ"), with the
    score of the part of the item found: what a when-question asks of it."""
    index = section_index(snap)
    out: dict[int, float] = {}
    for sid, score in scored.items():
        section = snap.sections[sid]
        for item in (sid, section.parent_id):
            for child in index.children.get(item, []) if item is not None else []:
                if child not in scored and _item_heading(snap, snap.sections[child]):
                    out[child] = max(out.get(child, 0.0), score)
    return out


def _part_weights(
    snap: Snapshot,
    section: Row,
    query_terms: list[str],
    cues: Iterable[str] = (),
    titled: frozenset[str] = frozenset(),
    stress: float = 3.0,
) -> list[float]:
    """The weight of the question's words in each sentence of a section (with the words naming what it is about);
    cues, the words that answer the question's form, weigh stress times (at least 1.5 each), and a time given
    with its preposition says "thời gian"; titled: the words naming the chosen plans."""
    index = section_index(snap)
    wanted, cued = set(query_terms), set(cues)
    parts = _parts(section)
    out = []
    for part, context in zip(parts, _context(snap, section, parts), strict=True):
        said = (set(tokens(part)) | context) & wanted
        if cued >= _WHEN_CUE and _TIME_SAID.search(part):
            said |= _WHEN_CUE & wanted
        out.append(sum(stress * max(index.idf(w), 1.5) if w in cued else _idf(index, w, titled) for w in said))
    return out


def _best_sentence(
    snap: Snapshot,
    section_id: int,
    query_terms: list[str],
    cues: Iterable[str] = (),
    figure: re.Pattern[str] | None = None,
    titled: frozenset[str] = frozenset(),
) -> float:
    """The weight of the question's words in the section's one best sentence (_part_weights); figure: what a
    sentence answering a figure or a date asked holds ("ngày nào" favours a sentence with a date)."""
    section = snap.sections[section_id]
    weights = _part_weights(snap, section, query_terms, cues, titled)
    bonus = [_FIGURE if figure and figure.search(part) else 0.0 for part in _parts(section)]
    return max((w + b for w, b in zip(weights, bonus, strict=True)), default=0.0)


def _covered(
    snap: Snapshot,
    section_id: int,
    query_terms: list[str],
    titled: frozenset[str] = frozenset(),
    cues: Iterable[str] = (),
) -> bool:
    """Whether the section's best sentence holds enough of the question's weighted words to answer it, or the
    section as a whole most of them (a task whose name opens it and whose time closes it); a time given with its
    preposition says the "thời gian" a when-question holds."""
    index = section_index(snap)
    wanted = set(query_terms)
    whole = sum(_idf(index, w, titled) for w in wanted)
    if whole <= 0:
        return False
    section = snap.sections[section_id]
    text = f"{section.heading}\n{section.body}"
    found = set(tokens(text)) | (_WHEN_CUE if set(cues) >= _WHEN_CUE and _TIME_SAID.search(text) else set())
    said = sum(_idf(index, w, titled) for w in found & wanted)
    best = max(_part_weights(snap, section, query_terms, cues, titled, stress=1.0), default=0.0)
    return best >= MIN_COVER * whole or said >= _SECTION_COVER * whole


def _figure_wanted(folded: str) -> re.Pattern[str] | None:
    """What a sentence answering the question holds: a date for "ngày nào", a figure for "bao nhiêu"."""
    if _DATE_ASKED.search(folded):
        return _DATE_SAID
    return _FIGURE_SAID if _FIGURE_ASKED.search(folded) else None


def best_passage(
    snap: Snapshot,
    section_id: int,
    query_terms: list[str],
    limit: int = 700,
    cues: Iterable[str] = (),
    titled: frozenset[str] = frozenset(),
) -> str:
    """The sentences of a section that share most words with the question, in document order; a labelled line
    chosen in an item without a heading comes with the statement that opens the item (the task it times)."""
    section = snap.sections[section_id]
    index = section_index(snap)
    parts = _parts(section)
    if not parts:
        return shorten(section.heading or "", limit)
    wanted, cued = set(query_terms), set(cues)

    def says(part: str) -> set[str]:
        said = set(tokens(part)) & wanted
        return said | (_WHEN_CUE & wanted) if cued >= _WHEN_CUE and _TIME_SAID.search(part) else said

    def weight(part: str) -> float:
        return sum(3 * max(index.idf(w), 1.5) if w in cued else _idf(index, w, titled) for w in says(part))

    ranked = sorted(range(len(parts)), key=lambda i: -weight(parts[i]))
    if cued and cued <= says(parts[ranked[0]]):  # the line giving what is asked ("Thời gian thực hiện: ..."), alone
        ranked = [i for i in ranked if cued <= says(parts[i])]
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
    heading = (section.heading or "").strip()
    if _item_heading(snap, section):
        heading = f"{_item_heading(snap, section)} — {heading}"
    if not heading and 0 not in chosen and any(_LABELLED.match(parts[i]) for i in chosen):
        heading = shorten(parts[0].rstrip(" .;:"), max(80, limit - sum(len(parts[i]) for i in chosen)))
    text = " ".join(parts[i] for i in sorted(chosen))
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


def answer(
    snap: Snapshot,
    folded: str,
    plans: set[int] | None,
    naming: Iterable[str] = (),
    titled: Iterable[str] = (),
    raw: str = "",
) -> Reply | None:
    """What a named project is, else the best passage with its citation; None when nothing is relevant.
    naming: the question's words that name the plans or places asked about, not what is asked of them; titled:
    its words found in the chosen plans' titles (they weigh little in choosing among those plans' statements);
    raw: the question as typed, whose tone marks tell "lương" from "lượng"."""
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
    cues, figure, named = cue_words(folded), _figure_wanted(folded), frozenset(titled)
    if set(cues) >= _WHEN_CUE:
        scored |= _timing_parts(snap, scored)

    def fit(sid: int) -> float:
        return _best_sentence(snap, sid, query_terms, cues, figure, named) + 0.1 * scored[sid]

    ranked = sorted(scored, key=lambda sid: -fit(sid))
    section_id = next((sid for sid in ranked if _covered(snap, sid, query_terms, named, cues)), None)
    if section_id is None:
        return None
    passage = best_passage(snap, section_id, query_terms, cues=cues, titled=named)
    plan_id = snap.sections[section_id].plan_id
    said = f"{snap.plans[plan_id].title or ''}\n{passage}" if plan_id in snap.plans else passage  # its plan's topic
    if not relevance.speaks_of(section_index(snap), said, folded, query_terms, raw, cues):
        return None  # what best fits folded words speaks of something else ("lượng" for "lương")
    if _WHEN_ASKED.search(folded):
        passage = when_headline(passage)
    return reply(passage, cite(snap, plan_id, section_id))


def when_headline(passage: str) -> str:
    """A passage answering "từ ngày nào" headed by the day it gives, in numeric form ("Từ ngày 1/1/2026 — ...")."""
    day = day_given(passage)
    return f"{day[:1].upper()}{day[1:]} — {passage}" if day else passage


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
