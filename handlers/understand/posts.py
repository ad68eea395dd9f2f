"""A post named the way staff say it: "cán bộ địa chính" for the post a plan names "Công chức Địa chính"."""

from __future__ import annotations

import re
from dataclasses import replace

from handlers.snapshot import Snapshot
from storage.language.normalize import Text, fold_expand, words

# The words staff use for any commune post ("cán bộ", "công chức") one for the other.
OFFICER_WORDS = ("can bo", "cong chuc")
_SAID = re.compile(rf"\b({'|'.join(OFFICER_WORDS)}) ([a-z]+)")


def post_heads(snap: Snapshot) -> dict[str, set[str]]:
    """officer word -> the first words of the posts the plans name after it ("cong chuc" -> {"dia", "van"}); once
    per snapshot."""
    if snap.indexes.post_heads is not None:
        return snap.indexes.post_heads
    heads: dict[str, set[str]] = {w: set() for w in OFFICER_WORDS}
    for duty in snap.duties:
        key = " ".join(words(fold_expand(duty.assignee or "")))
        for officer in OFFICER_WORDS:
            if key.startswith(f"{officer} ") and len(key.split()) > 2:
                heads[officer].add(key.split()[2])
    snap.indexes.post_heads = heads
    return heads


def as_plans_say(snap: Snapshot, text: Text) -> Text:
    """The question with "cán bộ X" written "công chức X" (or the other way) when only the other names post X."""
    heads = post_heads(snap)

    def swap(found: re.Match[str]) -> str:
        said, first = found.group(1), found.group(2)
        other = next(o for o in OFFICER_WORDS if o != said)
        return f"{other} {first}" if first in heads[other] and first not in heads[said] else found.group(0)

    folded = _SAID.sub(swap, text.folded)
    return text if folded == text.folded else replace(text, folded=folded, words=words(folded))
