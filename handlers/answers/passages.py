"""Passage retrieval: BM25 over the plans' sections on folded text, then the best sentences of the best one."""

from __future__ import annotations

import re
from collections.abc import Iterable

from handlers.answers import projects, relevance
from handlers.answers.section_index import section_index, token_set, tokens
from handlers.answers.statements import (
    LABELLED,
    TIME_SAID,
    WHEN_CUE,
    item_heading,
    part_weights,
    section_parts,
    timing_parts,
    word_weight,
)
from handlers.messages import Reply
from handlers.render.format import cite, plan_name, reply, shorten
from handlers.snapshot import Snapshot
from storage.language.stopwords import ABOUT_PROJECT, QUESTION_STOP
from storage.language.text import day_given

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


def _best_sentence(
    snap: Snapshot,
    section_id: int,
    query_terms: list[str],
    cues: Iterable[str] = (),
    figure: re.Pattern[str] | None = None,
    titled: frozenset[str] = frozenset(),
) -> float:
    """The weight of the question's words in the section's one best sentence (part_weights); figure: what a
    sentence answering a figure or a date asked holds ("ngày nào" favours a sentence with a date)."""
    section = snap.sections[section_id]
    weights = part_weights(snap, section, query_terms, cues, titled)
    bonus = [_FIGURE if figure and figure.search(part) else 0.0 for part in section_parts(section)]
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
    whole = sum(word_weight(index, w, titled) for w in wanted)
    if whole <= 0:
        return False
    section = snap.sections[section_id]
    text = f"{section.heading}\n{section.body}"
    found = set(token_set(text)) | (WHEN_CUE if set(cues) >= WHEN_CUE and TIME_SAID.search(text) else set())
    said = sum(word_weight(index, w, titled) for w in found & wanted)
    best = max(part_weights(snap, section, query_terms, cues, titled, stress=1.0), default=0.0)
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
    parts = section_parts(section)
    if not parts:
        return shorten(section.heading or "", limit)
    wanted, cued = set(query_terms), set(cues)

    def says(part: str) -> set[str]:
        said = set(token_set(part)) & wanted
        return said | (WHEN_CUE & wanted) if cued >= WHEN_CUE and TIME_SAID.search(part) else said

    def weight(part: str) -> float:
        return sum(3 * max(index.idf(w), 1.5) if w in cued else word_weight(index, w, titled) for w in says(part))

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
    if item_heading(snap, section):
        heading = f"{item_heading(snap, section)} — {heading}"
    if not heading and 0 not in chosen and any(LABELLED.match(parts[i]) for i in chosen):
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
    if set(cues) >= WHEN_CUE:
        scored |= timing_parts(snap, scored)

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
