"""Progress in words: a reported figure with its measure, where a target stands by its kind, and short names
that tell targets apart (a name shared by several, or equal to its group's, is replaced by what its clause says).

- a count: "3/45 (6,7%) hộ"; a zero quota: "không được giao (0 hộ)", never "0/0";
- a level: "0,82% → 0,80% → 0,79%: đã đi được 67% lộ trình", or "hiện 85%, mục tiêu tối thiểu 90%: chưa đạt".
"""

from __future__ import annotations

import re
from collections import Counter

from storage.language.phrases import ratio_text
from storage.language.text import find_numbers, fold, format_number
from storage.models import Target
from storage.reporting.standing import COUNT, Standing, standing

GOAL_WORDS = {"reach": "đạt", "at_least": "tối thiểu", "at_most": "tối đa", "reduce_to": "xuống còn"}
MAX_NAME_WORDS = 8
_BOUND = re.compile(r"^(?:phấn đấu|tối thiểu|ít nhất|khoảng|có|trên|dưới|đạt)\s+", re.IGNORECASE)
_DANGLING = frozenset(["cac", "cho", "cua", "de", "qua", "theo", "thong", "trong", "va", "ve", "voi"])
_GIVEN = re.compile(r"(?<!\w)được\s+", re.IGNORECASE)


def figure_with_measure(value: float, target: Target) -> str:
    """ "3 hộ", "2,2%"."""
    measure = (target.measure or "").strip()
    if measure == "%":
        return f"{format_number(value)}%"
    return f"{format_number(value)} {measure}".rstrip()


def progress_after(value: float | None, target: Target) -> str:
    """Where a reported figure leaves the target, in the words of its kind."""
    return standing_text(standing(target, value), target)


def standing_text(state: Standing, target: Target) -> str:
    """ "3/45 (6,7%) hộ", "không được giao (0 hộ)", "0,82% → 0,8% → 0,79%: đã đi được 67% lộ trình"."""
    measure = (target.measure or "").strip()
    if state.scale == COUNT:
        if state.goal == 0:
            reported = f"; đã báo cáo {figure_with_measure(state.now, target)}" if state.now else ""
            return f"không được giao ({figure_with_measure(0, target)}){reported}"
        unit = " điểm %" if measure == "%" else f" {measure}" if measure else ""
        return f"{ratio_text(state.now or 0.0, state.goal)}{unit}"
    return _level_text(state, target)


def _level_text(state: Standing, target: Target) -> str:
    goal = f"{GOAL_WORDS.get(target.form or '', '')} {figure_with_measure(state.goal, target)}".strip()
    if state.start is not None and state.now is not None:
        path = " → ".join(figure_with_measure(v, target) for v in (state.start, state.now, state.goal))
        return f"{path}: {_way(state)}"
    if state.start is not None:
        return f"{figure_with_measure(state.start, target)} → {goal}: chưa báo cáo mức hiện nay"
    if state.now is None:
        return f"mục tiêu {goal}: chưa báo cáo"
    verdict = "đã đạt" if state.reached else "chưa đạt"
    return f"hiện {figure_with_measure(state.now, target)}, mục tiêu {goal}: {verdict}"


def _way(state: Standing) -> str:
    share = state.share
    if state.reached:
        return "đã đạt mục tiêu"
    if share is None:
        return "chưa đạt"
    if share < 0:
        return "xa mục tiêu hơn mức ban đầu"
    return f"đã đi được {format_number(share, 0)}% lộ trình"


def _clause_name(target: Target) -> str:
    """What the target's clause says is done ("hỗ trợ kết nối việc làm thành công"), without its figure."""
    text = target.text or target.indicator
    numbers = find_numbers(text)
    rest = text[numbers[0][2] :] if numbers else text
    measure = (target.measure or "").strip()
    if measure:
        rest = rest.lstrip(" %") if measure == "%" else re.sub(rf"^\s*{re.escape(measure)}\b", "", rest)
    given = _GIVEN.search(rest)
    rest = rest[given.end() :] if given else rest
    return _BOUND.sub("", rest.strip(" ,.;:")).strip()


def _common_prefix(names: list[str]) -> int:
    """How many leading words all names share."""
    split = [n.split() for n in names]
    count = 0
    while all(len(s) > count + 1 for s in split) and len({s[count] for s in split}) == 1:
        count += 1
    return count


def _cut(name: str) -> str:
    """At most MAX_NAME_WORDS words, stopping at a comma, a bracket or "và" once two words are said, without a
    joining word left dangling at the end."""
    words: list[str] = []
    for word in name.split():
        if len(words) >= 2 and fold(word) == "va":
            break
        words.append(word.rstrip(",;("))
        if len(words) >= 2 and word[-1:] in ",;(" or len(words) >= MAX_NAME_WORDS:
            break
    while len(words) > 2 and fold(words[-1]) in _DANGLING:
        words.pop()
    return " ".join(words).strip(" ,;")


def short_names(targets: list[Target], groups: dict[int, str]) -> dict[int, str]:
    """target id -> a name to show: its own, else (shared with another, or its group's) what its clause says."""
    count = Counter(fold(t.indicator) for t in targets)
    vague = [t for t in targets if count[fold(t.indicator)] > 1 or fold(groups.get(t.id, "")) == fold(t.indicator)]
    names = {t.id: _cut(t.indicator) if len(t.indicator.split()) > MAX_NAME_WORDS else t.indicator for t in targets}
    by_name: dict[str, list[Target]] = {}
    for target in vague:
        by_name.setdefault(fold(target.indicator), []).append(target)
    for alike in by_name.values():
        clauses = [_clause_name(t) for t in alike]
        skip = _common_prefix(clauses) if len(alike) > 1 else 0
        for target, clause in zip(alike, clauses, strict=True):
            shown = _cut(" ".join(clause.split()[skip:]))
            names[target.id] = shown or target.indicator
    return names
