"""Tone marks, kept apart from folding: "lương" and "lượng" fold alike, but a word typed with its marks is only
that word. The old and new placements of a mark agree ("uỷ", "ủy")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from storage.language.text import fold

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
WORD = re.compile(r"\w+")


@lru_cache(maxsize=50_000)
def toned(word: str) -> str:
    """A word's letters with its tone mark moved to the end, lower case: "Ủy" and "uỷ" agree, "lương" and
    "lượng" do not."""
    split = unicodedata.normalize("NFD", word.lower())
    tone = "".join(c for c in split if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in split if c not in _TONES)) + tone


def asked_tones(raw: str) -> dict[str, set[str]]:
    """Folded word -> the toned forms the question typed it in, for the words typed with marks only."""
    found: dict[str, set[str]] = {}
    for word in WORD.findall(raw):
        if not word.isascii():
            found.setdefault(fold(word), set()).add(toned(word))
    return found
