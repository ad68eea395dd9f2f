"""Unit kinds and their levels: one table, and every word list and pattern derived from it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

PROVINCE, DISTRICT, COMMUNE, VILLAGE = 1, 2, 3, 4


def _folded(text: str) -> str:
    """Folded like storage.language.text.fold (kept here so the table has no import cycle)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class UnitKind:
    """A kind of administrative unit as documents write it."""

    word: str  # as written in documents, lower case: "thị trấn"
    level: int  # 1 province, 2 district, 3 commune, 4 village
    abbreviations: tuple[str, ...] = ()  # folded, usable as a word of their own: "tt"
    dotted: tuple[str, ...] = ()  # folded, a kind only when a dot or a name follows: "p." -> phường
    # The word also begins ordinary names or words ("Bản Lầu", "làng nghề"): not a kind in folded text.
    ambiguous: bool = False

    @property
    def folded(self) -> str:
        """The word folded: "thi tran"."""
        return _folded(self.word)

    @property
    def display(self) -> str:
        """Capitalised for display: "Thị trấn"."""
        return self.word[:1].upper() + self.word[1:]


KINDS: tuple[UnitKind, ...] = (
    UnitKind("thành phố", PROVINCE, ("tp",)),
    UnitKind("tỉnh", PROVINCE, (), ("t",)),
    UnitKind("huyện", DISTRICT, (), ("h",)),
    UnitKind("quận", DISTRICT, (), ("q",)),
    UnitKind("thị xã", DISTRICT, ("tx",)),
    UnitKind("thị trấn", COMMUNE, ("tt", "ttr")),
    UnitKind("xã", COMMUNE, ("x",)),
    UnitKind("phường", COMMUNE, (), ("p",)),
    UnitKind("đặc khu", COMMUNE),
    UnitKind("thôn", VILLAGE),
    UnitKind("xóm", VILLAGE),
    UnitKind("bản", VILLAGE, ambiguous=True),
    UnitKind("ấp", VILLAGE, ambiguous=True),
    UnitKind("làng", VILLAGE, ambiguous=True),
    UnitKind("tổ dân phố", VILLAGE, ("tdp",)),
    UnitKind("khu phố", VILLAGE),
)

UNIT_KINDS: dict[str, int] = {kind.word: kind.level for kind in KINDS}
# Every abbreviation (folded, as written before a name) -> kind word.
KIND_ABBREVIATIONS: dict[str, str] = {a: kind.word for kind in KINDS for a in (*kind.abbreviations, *kind.dotted)}
# Folded words a question or a document uses for a kind on their own ("xa", "thi tran", "tt") -> kind.
FOLDED_KINDS: dict[str, UnitKind] = {
    **{kind.folded: kind for kind in KINDS if not kind.ambiguous},
    **{a: kind for kind in KINDS for a in kind.abbreviations},
}
# A kind word that is the second half of a common word: "bình quân", "cơ quan", "nông thôn", "liên quan".
COMPOUND_TAILS = {("binh", "quan"), ("co", "quan"), ("lien", "quan"), ("nong", "thon"), ("tong", "quan")}
# A kind word that is the first half of a common word: "quản lý", "quan tâm", "tình hình", "tinh thần".
COMPOUND_HEADS = {("quan", "ly"), ("quan", "tam"), ("quan", "trong"), ("tinh", "hinh"), ("tinh", "than")}


def kind_of(word: str | None) -> UnitKind | None:
    """The kind a written or folded word names ("Xã", "thi tran", "tt"), or None."""
    folded = _folded(word or "").strip()
    found = FOLDED_KINDS.get(folded)
    if found is None and folded in KIND_ABBREVIATIONS:
        return kind_of(KIND_ABBREVIATIONS[folded])
    return found or next((k for k in KINDS if k.folded == folded), None)


def kind_words(levels: Iterable[int] | None = None, abbreviations: bool = False) -> list[str]:
    """Folded kind words (of the levels, when given), longest first, for building patterns."""
    wanted = set(levels) if levels is not None else None
    found = {w for w, k in FOLDED_KINDS.items() if (wanted is None or k.level in wanted)}
    if not abbreviations:
        found = {w for w in found if w == FOLDED_KINDS[w].folded}
    return sorted(found, key=lambda w: (-len(w), w))


def kind_pattern(levels: Iterable[int] | None = None, abbreviations: bool = False) -> str:
    """A regex alternation of folded kind words: "thi tran|phuong|xa" (no group, no word bounds)."""
    return "|".join(re.escape(w) for w in kind_words(levels, abbreviations))


def kind_word_at(tokens: list[str], i: int) -> tuple[int, UnitKind | None]:
    """If a kind word (or abbreviation) starts at tokens[i]: (its length in words, kind); else (0, None)."""
    if i and (tokens[i - 1], tokens[i]) in COMPOUND_TAILS or tuple(tokens[i : i + 2]) in COMPOUND_HEADS:
        return 0, None
    for size in (3, 2, 1):
        phrase = " ".join(tokens[i : i + size])
        if len(tokens[i : i + size]) == size and phrase in FOLDED_KINDS:
            return size, FOLDED_KINDS[phrase]
    return 0, None
