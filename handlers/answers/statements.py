"""A section's statements (its sentences and list items) and the weight of a question's words in each, with what
names each one's subject: its heading, its item's, or the statement opening its item; the time parts of items."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from handlers.answers.section_index import SectionIndex, section_index, token_set
from handlers.snapshot import Row, Snapshot

# A colon ends no sentence: "Thời gian thực hiện: Năm 2026 ..." is one statement.
LABELLED = re.compile(r"^[^:.;]{2,40}:\s*\S")  # "Thời gian thực hiện: ...", "Cơ quan chủ trì: ..."
WHEN_CUE = frozenset({"thoi", "gian"})
# A time given with its preposition ("từ ngày 01 tháng 01 năm 2026", "trước ngày 30/11", "trong quý IV/2025"),
# not the date of a document cited ("Quyết định số ... ngày 28/02/2025").
TIME_SAID = re.compile(
    r"\b(?:từ|kể từ|trước|đến|sau|trong) (?:ngày \d{1,2}(?: tháng \d{1,2}|/\d{1,2})"
    r"|tháng \d{1,2}(?:/| năm )\d{4}|quý [IVX]+(?:/| năm )\d{4})",
    re.IGNORECASE,
)
_TITLED = 0.25  # what a word of the chosen plans' titles weighs, against 1 for the question's other words
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ0-9\-+•*])|\n+")


def section_parts(section: Row) -> list[str]:
    """A section's sentences and list items."""
    return list(_split(section.body or ""))


@lru_cache(maxsize=20_000)
def _split(body: str) -> tuple[str, ...]:
    """The statements of a body, kept for the sections questions come back to (bounded)."""
    return tuple(p.strip(" -+•*\t") for p in _SENTENCE.split(body) if p.strip(" -+•*\t"))


def word_weight(index: SectionIndex, word: str, titled: frozenset[str]) -> float:
    """A word's weight in choosing among the chosen plans' statements: one that names the plans (it is in their
    titles, so it is in most of their statements) tells little which one answers."""
    return index.idf(word) * (_TITLED if word in titled else 1.0)


def _context(snap: Snapshot, section: Row, parts: list[str]) -> list[set[str]]:
    """The words that name what each part is about beside its own: the section's heading (with its item's, for a
    part headed by what it gives of the item: "c) Thời gian thực hiện" under "2. Về các nền tảng số"); in an
    item without one, its opening statement, for the labelled lines that follow it ("- Thời gian thực hiện: ...")."""
    heading = set(token_set(section.heading or "")) | set(token_set(item_heading(snap, section)))
    if heading or len(parts) < 2:
        return [heading] * len(parts)
    opening = set(token_set(parts[0]))
    return [set()] + [opening if LABELLED.match(part) else set() for part in parts[1:]]


def item_heading(snap: Snapshot, section: Row) -> str:
    """The heading of the item a section gives the time of ("Thời gian thực hiện" under its task), else "" (and
    for a time section of a whole part: "II. NỘI DUNG / 2. Thời gian thực hiện" times the plan)."""
    parent = snap.sections.get(section.parent_id) if section.parent_id is not None else None
    if parent is None or parent.parent_id is None or not set(token_set(section.heading or "")) >= WHEN_CUE:
        return ""
    return (parent.heading or "").strip()


def timing_parts(snap: Snapshot, scored: dict[int, float]) -> dict[int, float]:
    """The sections headed by the time of an item found ("c) Thời gian thực hiện" beside "a) Nhiệm vụ"), with the
    score of the part of the item found: what a when-question asks of it."""
    index = section_index(snap)
    out: dict[int, float] = {}
    for sid, score in scored.items():
        section = snap.sections[sid]
        for item in (sid, section.parent_id):
            for child in index.children.get(item, []) if item is not None else []:
                if child not in scored and item_heading(snap, snap.sections[child]):
                    out[child] = max(out.get(child, 0.0), score)
    return out


def part_weights(
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
    parts = section_parts(section)
    out = []
    for part, context in zip(parts, _context(snap, section, parts), strict=True):
        said = (set(token_set(part)) | context) & wanted
        if cued >= WHEN_CUE and TIME_SAID.search(part):
            said |= WHEN_CUE & wanted
        out.append(sum(stress * max(index.idf(w), 1.5) if w in cued else word_weight(index, w, titled) for w in said))
    return out
