"""An upper-case trích yếu (title) in running-text case, each word written as the document's own sentences write it."""

from __future__ import annotations

import re
from collections import Counter

from storage.importer.lines import roman_value

_WORD = re.compile(r"[^\W_][^\s,;:()“”\"]*")


def sentence_case(upper: str, body: str) -> str:
    """An upper-case trích yếu in running-text case: each word as the body writes it beside the same neighbour.

    A word the body writes in capitals inside running text is an acronym and stays; a word the body never writes
    stays capitalised after a locality kind ("xã Trà Lâm"), else goes to lower case.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    single: Counter[str] = Counter()
    acronyms: set[str] = set()
    for line in body.split("\n"):
        letters = [char for char in line if char.isalpha()]
        if sum(char.islower() for char in letters) < 0.5 * len(letters):
            continue  # a heading in capitals says nothing of how words are written
        tokens = [m.group(0).rstrip(".") for m in _WORD.finditer(line)]
        acronyms.update(t for t in tokens if len(t) > 1 and t.isupper())
        single.update(tokens)
        pairs.update(zip(tokens, tokens[1:], strict=False))
    best_pair: dict[tuple[str, str], tuple[str, str]] = {}
    for (first, second), _count in pairs.most_common():
        best_pair.setdefault((first.upper(), second.upper()), (first, second))
    best: dict[str, str] = {}
    for form, _count in single.most_common():
        best.setdefault(form.upper(), form)
    words = upper.split(" ")
    cased: list[str] = []
    bare = [word.strip(_PUNCTUATION) for word in words]
    for i, word in enumerate(words):
        core = bare[i]
        if not core:
            cased.append(word)
            continue
        start = word.index(core)
        written = _cased_word(core, bare, i, best_pair, best, acronyms, [c.strip(_PUNCTUATION) for c in cased])
        cased.append(word[:start] + written + word[start + len(core) :])
    return " ".join(cased)


def _cased_word(
    word: str,
    words: list[str],
    i: int,
    best_pair: dict[tuple[str, str], tuple[str, str]],
    best: dict[str, str],
    acronyms: set[str],
    cased: list[str],
) -> str:
    """One title word in running-text case, from its neighbours' pairs, then the word alone, then its place."""
    if any(c.isdigit() for c in word):
        return best.get(word, word)
    if word in acronyms or roman_value(word) or not word.isupper():
        return word
    options = [best_pair.get((words[i - 1], word), ("", ""))[1] if i else ""]
    options.append(best_pair.get((word, words[i + 1]), ("", ""))[0] if i + 1 < len(words) else "")
    chosen = next((o for o in options if o and o[:1].isupper()), next((o for o in options if o), ""))
    if chosen or word in best:
        return chosen or best[word]
    after_kind = bool(cased) and (cased[-1] in _LOCALITY_WORDS or cased[-1][:1].isupper() and i > 1)
    return word.capitalize() if after_kind else word.lower()


_PUNCTUATION = ",.;:()“”\"'"
_LOCALITY_WORDS = {"tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu", "khu"}
