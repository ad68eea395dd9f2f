"""A clause of target text read once: its folded and lower-cased copies and where its years, rates and
direction words are, so each number of a long clause looks them up instead of rescanning the text before it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from storage.importer.measures import fold_same

# Each pattern ends with "not followed by a letter" rather than \b: a word glued to the number that follows it
# ("giảm12") counts for that number only, as it did when the text before the number was searched on its own.
YEAR = re.compile(r"(?<!so voi )(?<!giai doan )\bnam (20\d\d)(?![^\W\d])")
_RATE = re.compile(r"\b(?:ty le|ti le)(?![^\W\d])")
_DIRECTION = re.compile(r"(?<!\w)(giảm|xuống|còn|tăng|đạt)(?![^\W\d])")
_BREAK = re.compile(r",(?!\d)")  # a comma that ends a phrase, not the one inside "1,5"


class WordMarks:
    """The matches of a pattern in a text, in order, answering "which end before position p"."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.loose: list[re.Match[str]] = []
        self.glued: dict[int, re.Match[str]] = {}  # end -> a match a digit follows
        for match in pattern.finditer(text):
            if match.end() < len(text) and text[match.end()].isdecimal():
                self.glued[match.end()] = match
            else:
                self.loose.append(match)
        self.starts = [match.start() for match in self.loose]
        self.ends = [match.end() for match in self.loose]

    def first_from(self, start: int) -> re.Match[str] | None:
        """The first loose match starting at or after start."""
        index = bisect_left(self.starts, start)
        return self.loose[index] if index < len(self.loose) else None

    def first_before(self, end: int) -> re.Match[str] | None:
        """The first match inside text[:end], a glued one included when it ends right at end."""
        if self.loose and self.ends[0] <= end:
            return self.loose[0]
        return self.glued.get(end)

    def between(self, start: int, end: int) -> list[re.Match[str]]:
        """The matches inside text[start:end], a glued one included when it ends right at end."""
        low, high = bisect_left(self.starts, start), bisect_right(self.ends, end)
        found = self.loose[low:high] if low < high else []
        glued = self.glued.get(end)
        return [*found, glued] if glued is not None and glued.start() >= start else found


@dataclass
class Clause:
    """One clause of a target sentence and what its numbers look up in it."""

    text: str
    folded: str
    lowered: str
    years: WordMarks
    rates: WordMarks
    directions: WordMarks
    breaks: list[int]

    @classmethod
    def read(cls, text: str) -> Clause:
        """Fold, lower-case and index text once."""
        folded = fold_same(text)
        lowered = text.lower()
        if len(lowered) != len(text):  # "İ" lowers to two characters: keep every position in place
            lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
        return cls(text, folded, lowered, WordMarks(YEAR, folded), WordMarks(_RATE, folded),
                   WordMarks(_DIRECTION, lowered), [match.start() for match in _BREAK.finditer(text)])  # fmt: skip

    def in_parentheses(self, position: int) -> bool:
        """Whether more "(" than ")" open before position."""
        return self.text.count("(", 0, position) > self.text.count(")", 0, position)

    def ends_with_word(self, position: int, word: str) -> bool:
        """Whether the folded text before position ends with word, spaces after it allowed ("từ 12")."""
        end = position
        while end > 0 and self.folded[end - 1].isspace():
            end -= 1
        start = end - len(word)
        if start < 0 or self.folded[start:end] != word:
            return False
        return start == 0 or not (self.folded[start - 1].isalnum() or self.folded[start - 1] == "_")

    def stated_year(self, after: int, before: int) -> int | None:
        """The first "năm 20xx" from position after, else the first one ending by position before."""
        match = self.years.first_from(after)
        if match is None:
            match = self.years.first_before(before)
        return int(match.group(1)) if match else None

    def first_rate(self, before: int) -> int | None:
        """Where the first "tỷ lệ" ending by position before starts."""
        match = self.rates.first_before(before)
        return match.start() if match else None

    def directions_before(self, position: int) -> list[re.Match[str]]:
        """The direction words (giảm, xuống, còn, tăng, đạt) since the last comma before position."""
        if position > 0 and self.text[position - 1] == ",":
            return []
        return self.directions.between(self.phrase_start(position), position)

    def phrase_start(self, position: int) -> int:
        """Where the phrase holding position starts: just after the last comma before it, else 0."""
        index = bisect_left(self.breaks, position)
        return self.breaks[index - 1] + 1 if index else 0
