"""What kind of goal a target is, read from the words around its number.

- reduce_by: a reduction by N ("giảm 45 hộ cận nghèo", "giảm từ 4% trở lên", "giảm trên 2%");
- reduce_to: a level to come down to ("giảm ... xuống còn 0,79%", "giảm còn 32,47%"), with its baseline when
  the text gives one ("từ 0,82% xuống còn 0,79%");
- increase_by: a rise by N ("tăng trên 03%", "tăng thêm ít nhất 20% số nhóm trẻ");
- reach: a level to reach ("đạt 96%", "100% cán bộ ...", "gấp 30 lần");
- at_least: a floor ("tối thiểu 20 người", "ít nhất 55% phường", "trên 80%", "từ 15 tuổi trở lên");
- at_most: a ceiling ("tối đa", "không quá", "dưới 2%", "xuống dưới 2%").
A change (giảm, tăng) keeps its own form whatever bound qualifies it: "giảm từ 4% trở lên" reduces by at least 4.
"""

from __future__ import annotations

import re

from storage.language.goal_forms import (
    AT_LEAST,
    AT_MOST,
    CEILING_WORDS,
    FLOOR_WORDS,
    INCREASE_BY,
    REACH,
    REDUCE_BY,
    REDUCE_TO,
)

# The verb nearest before a number; lower-cased text with its tone marks, so "giám sát" is not "giảm".
_VERB = re.compile(r"(?<!\w)(giảm|tăng|xuống|còn|lên|đạt|chiếm)(?!\w)")
_FLOOR = re.compile(rf"(?<!\w)(?:{'|'.join((*FLOOR_WORDS, 'từ'))})\s*$")  # "từ 15 tuổi trở lên"
_CEILING = re.compile(rf"(?<!\w)(?:{'|'.join(CEILING_WORDS)})\s*$")
_AND_MORE = re.compile(r"^\s*(?:[^\s,;.]+\s+){0,6}?trở lên(?!\w)")


def goal_form(before: str, after: str, has_baseline: bool = False) -> str:
    """The form of the goal whose number stands between before and after (lower-cased, tone marks kept).

    before: the clause's words before the number, from its last break; after: the words after the measure."""
    verbs = list(_VERB.finditer(before))
    verb = verbs[-1].group(1) if verbs else None
    lead = before[verbs[-1].end() :] if verbs else before
    if verb in ("xuống", "còn") or (verb == "giảm" and has_baseline):
        return AT_MOST if _CEILING.search(lead) else REDUCE_TO
    if verb == "giảm":
        return REDUCE_BY
    if verb == "tăng":
        return REACH if has_baseline or re.match(r"\s*lên(?!\w)", lead) else INCREASE_BY
    return _bound(lead, after)


def _bound(lead: str, after: str) -> str:
    """at_least / at_most as the words right before the number or "trở lên" after it say, else reach."""
    if _CEILING.search(lead):
        return AT_MOST
    if _FLOOR.search(lead) or _AND_MORE.match(after):
        return AT_LEAST
    return REACH


def table_form(indicator: str, base: float | None, goal: float | None) -> str:
    """The form of a table row's goal: a level from its baseline, else the change its name or column says."""
    named = re.match(r"(giảm|tăng)\b", indicator.lower())
    if base is not None and goal is not None and base != goal:
        return REDUCE_TO if goal < base else REACH
    if named:
        return REDUCE_BY if named.group(1) == "giảm" else INCREASE_BY
    return REACH
