"""Names as the user typed them: when the diacritics pick one of several folded-equal units, it wins."""

from __future__ import annotations

import re
import unicodedata

from handlers.snapshot import Snapshot
from storage.language.text import fold, split_unit_name

# Tone marks (grave, acute, tilde, hook above, dot below); the other marks (^, ˘, horn) belong to the vowel.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"[\w\u0300-\u036f]+")


def tone_key(text: str) -> str:
    """Lower-case words with each tone moved to the word's end, so old and new placement (hoà, hòa) meet."""
    out = []
    for word in _WORD.findall(unicodedata.normalize("NFD", text.lower())):
        tones = "".join(c for c in word if c in _TONES)
        out.append("".join(c for c in word if c not in _TONES) + tones)
    return unicodedata.normalize("NFC", " ".join(out))


def typed_words(raw: str, folded_name: str) -> str | None:
    """The words of raw that fold to folded_name, as typed (None when absent)."""
    tokens = _WORD.findall(raw)
    target = folded_name.split()
    folded = [fold(t) for t in tokens]
    for i in range(len(tokens) - len(target) + 1):
        if folded[i : i + len(target)] == target:
            return " ".join(tokens[i : i + len(target)])
    return None


def _names(snap: Snapshot, uid: int) -> list[str]:
    """A unit's bare name and bare aliases."""
    if snap.indexes.alias_names is None:
        by_unit: dict[int, list[str]] = {}
        for alias in snap.aliases:
            by_unit.setdefault(alias.unit_id, []).append(split_unit_name(alias.alias)[1])
        snap.indexes.alias_names = by_unit
    return [snap.units[uid].name, *snap.indexes.alias_names.get(uid, [])]


def prefer_typed(
    snap: Snapshot, raw: str, folded_name: str, ranked: list[tuple[float, int]], close: float
) -> list[tuple[float, int]]:
    """Ranked candidates, with the one unit whose diacritics equal the typed name lifted clear of the rest."""
    if len(ranked) < 2 or ranked[0][0] - ranked[1][0] >= close:
        return ranked
    typed = typed_words(raw, folded_name)
    if typed is None or fold(typed) == typed.lower():
        return ranked  # typed without diacritics: nothing to tell namesakes apart
    key = tone_key(typed)
    top = ranked[0][0]
    rivals = [(s, u) for s, u in ranked if top - s < close]
    exact = [u for _, u in rivals if any(tone_key(n) == key for n in _names(snap, u))]
    if len(exact) != 1 or len(rivals) == 1:
        return ranked
    lifted = [(top + close, exact[0]) if u == exact[0] else (s, u) for s, u in ranked]
    return sorted(lifted, reverse=True)
