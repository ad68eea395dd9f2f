"""Which of several described things a phrase means, by all its words: a word that many descriptions share
("hộ", "nghèo") says little, a word only one has ("nhà", "việc làm") says much.

A description has a name (the words that must be there: "hộ cận nghèo") and a context (the clause it was
read from). A phrase fits a description when its telling words are found in the description (coverage) and
the description's name is found in the phrase (name fit); a negation ("không") on one side only breaks the fit.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NEGATION = "khong"
_WORD = re.compile(r"[a-z]+")
COVERAGE_WEIGHT = 0.6  # the rest is the name fit
NEGATION_PENALTY = 0.4


def content_words(folded: str, stop: Iterable[str] = ()) -> list[str]:
    """The words of a folded text that may tell things apart (no digits, no stop words), in order."""
    skip = set(stop)
    return [w for w in _WORD.findall(folded) if w not in skip]


@dataclass(frozen=True)
class Description:
    """What one candidate is called and the words around it, folded and without stop words."""

    name: frozenset[str]
    context: frozenset[str]

    @property
    def words(self) -> frozenset[str]:
        """Every word of the description."""
        return self.name | self.context


def describe(name: str, context: str, stop: Iterable[str] = ()) -> Description:
    """A description from its folded name and folded context."""
    named = frozenset(content_words(name, stop))
    return Description(named, frozenset(content_words(context, stop)) | named)


def weights(descriptions: Sequence[Description]) -> dict[str, float]:
    """How telling each word is: log(1 + N / how many descriptions have it)."""
    count = Counter(w for d in descriptions for w in d.words)
    total = len(descriptions)
    return {w: math.log(1 + total / n) for w, n in count.items()}


def fit(phrase: Sequence[str], description: Description, weight: dict[str, float]) -> float:
    """How well the phrase's words name this description, 0..1."""
    known = {w for w in phrase if w in weight}
    if not known or not description.name:
        return 0.0
    covered = sum(weight[w] for w in known if w in description.words) / sum(weight[w] for w in known)
    named = sum(weight.get(w, 0.0) for w in description.name if w in known)
    name_fit = named / sum(weight.get(w, 0.0) for w in description.name)
    score = COVERAGE_WEIGHT * covered + (1 - COVERAGE_WEIGHT) * name_fit
    if (NEGATION in description.name) != (NEGATION in known):
        score *= NEGATION_PENALTY
    return score


def rank(phrase: Sequence[str], descriptions: Sequence[Description]) -> list[tuple[float, int]]:
    """(score, index) of every description that fits the phrase at all, best first (ties by index)."""
    weight = weights(descriptions)
    scored = [(fit(phrase, d, weight), i) for i, d in enumerate(descriptions)]
    return sorted(((s, i) for s, i in scored if s > 0), key=lambda si: (-si[0], si[1]))


def telling(phrase: Sequence[str], descriptions: Sequence[Description], most: int = 2) -> set[str]:
    """The phrase's words that at most `most` descriptions have: the ones that can single one out."""
    count = Counter(w for d in descriptions for w in d.words)
    return {w for w in phrase if 0 < count[w] <= most}


def names_all(phrase: Sequence[str], description: Description) -> bool:
    """Whether every word of the description's name is in the phrase ("giảm 3 hộ cận nghèo" names "hộ cận nghèo")."""
    return bool(description.name) and description.name <= set(phrase)
