"""Whether a passage speaks of what was asked, not only of words that fold like the question's.

Folding makes "lương" (wage) and "lượng" (amount), "phạt" (fine) and "phát" (develop) one word, so a question
about a topic no plan treats can still hold enough folded words of some statement. Three checks guard the answer:
a word the asker typed with its tone marks is held only in that tone (a word typed without marks matches folded,
as before); the passage (with its plan's title) holds most of the weight of the question's topic words: its words
other than the time it asks about ("năm 2026") and the words that answer its form ("thời gian" for "khi nào"), a
word no plan holds weighing as much as an ordinary word of the question; and it holds one of the question's
compounds ("mức lương", not "vượt mức") when the question has any.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import lru_cache
from statistics import fmean
from typing import Protocol

from storage.language.normalize import fold_expand, words
from storage.language.stopwords import QUESTION_STOP
from storage.language.tones import WORD, asked_tones, toned

MIN_TOPIC = 0.45  # the share of the question's topic weight the passage must hold
# Words that say when, not what: the passage answering "năm 2026 là bao nhiêu" need not be about a year.
_TIME = frozenset({"nam", "thang", "ngay", "quy", "tuan", "gio", "hang", "nay"})


class Weights(Protocol):
    """What the check needs of the section index: the idf of a folded word."""

    def idf(self, word: str) -> float: ...


@lru_cache(maxsize=20_000)
def _said(text: str) -> tuple[tuple[str, str], ...]:
    """The text's words in order as (folded, toned); an abbreviation spelt out has no tone to compare ("")."""
    found: list[tuple[str, str]] = []
    for word in WORD.findall(text):
        spelt = words(fold_expand(word))
        found += [(w, toned(word) if len(spelt) == 1 else "") for w in spelt]
    return tuple(found)


def _agrees(folded: str, form: str, tones: dict[str, set[str]]) -> bool:
    """Whether a word of the text is the question's word: in the tone typed, when the asker typed marks."""
    return folded not in tones or not form or form in tones[folded]


def held(text: str, terms: Iterable[str], tones: dict[str, set[str]]) -> set[str]:
    """The terms the text holds; a term the asker typed with marks only in one of the tones typed."""
    said = _said(text)
    return {t for t in terms if any(w == t and _agrees(w, form, tones) for w, form in said)}


def pairs(index: Weights, folded: str, about: Iterable[str]) -> set[tuple[str, str]]:
    """The question's compounds ("mức lương", "học phí", "thi đua"): two adjacent words the plans know, one of
    them a topic word, not both words that only ask ("có bao", "là gì")."""
    kept, sequence = set(about), words(folded)
    return {
        (a, b)
        for a, b in zip(sequence, sequence[1:], strict=False)
        if (a in kept or b in kept)
        and not (a in QUESTION_STOP and b in QUESTION_STOP)
        and all(index.idf(w) > 0 and w not in _TIME and not w.isdigit() for w in (a, b))
    }


def holds_pair(text: str, wanted: set[tuple[str, str]], tones: dict[str, set[str]]) -> bool:
    """Whether the text holds one of the question's compounds, word after word, in the tones typed."""
    said = _said(text)
    return any(
        (a, b) in wanted and _agrees(a, fa, tones) and _agrees(b, fb, tones)
        for (a, fa), (b, fb) in zip(said, said[1:], strict=False)
    )


def topic(terms: Iterable[str], cues: Iterable[str] = ()) -> set[str]:
    """The question's words that say what it is about: not the time it asks of, nor its form's answer words."""
    return {t for t in terms if t not in _TIME and t not in set(cues) and not t.isdigit()}


def _one_word(folded: str, about: set[str]) -> bool:
    """Whether the topic is one word of one or two syllables ("bắt đầu", "kéo dài"): a verb of the time asked."""
    sequence = words(folded)
    return len(about) < 2 or any({a, b} == about for a, b in zip(sequence, sequence[1:], strict=False))


def speaks_of(
    index: Weights, text: str, folded: str, terms: Iterable[str], raw: str = "", cues: Collection[str] = ()
) -> bool:
    """Whether the text holds enough of the question's topic, in the tones typed, and one of its compounds
    when it has any, to be its answer."""
    about = topic(terms, cues)
    known = {t: index.idf(t) for t in about if index.idf(t) > 0}
    unknown = [t for t in about if t not in known and t.isalpha() and len(t) > 1]
    if not known and not unknown or (cues and _one_word(folded, about)):
        return True  # nothing to judge by ("KH 982 kết thúc khi nào" asks the plan's time): the caller's floor decides
    tones = asked_tones(raw)
    usual = fmean(known.values()) if known else 1.0  # what a word no section holds weighs (a title may hold it)
    whole = sum(known.values()) + usual * len(unknown)
    said = sum(known[t] for t in held(text, known, tones)) + usual * len(held(text, unknown, tones))
    compounds = pairs(index, folded, known)
    return said >= MIN_TOPIC * whole and (not compounds or holds_pair(text, compounds, tones))
