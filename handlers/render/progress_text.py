"""Progress in words: a reported figure with its measure, where a target stands by its kind, and short names
that fit a line.

- a count: "3/45 (6,7%) hộ"; a zero quota: "không được giao (0 hộ)", never "0/0";
- a level: "0,82% → 0,80% → 0,79%: đã đi được 67% lộ trình", or "hiện 85%, mục tiêu tối thiểu 90%: chưa đạt".
Names are cut to what fits a chat line: the subject, "…", and what is done for it.
"""

from __future__ import annotations

from collections import Counter

from storage.language.phrases import ratio_text
from storage.language.text import fold, format_number
from storage.models import Target
from storage.reporting.standing import COUNT, Standing, standing

GOAL_WORDS = {"reach": "đạt", "at_least": "tối thiểu", "at_most": "tối đa", "reduce_to": "xuống còn"}
MAX_NAME = 50  # characters of a target's name in a progress line
_SINGLE = frozenset(["duoc", "bi"])  # one-syllable words that open what is done ("được hỗ trợ")
_DANGLING = frozenset(["cac", "cho", "cua", "de", "duoc", "qua", "theo", "thong", "trong", "va", "ve", "voi"])


def figure_with_measure(value: float, target: Target) -> str:
    """ "3 hộ", "2,2%"."""
    measure = (target.measure or "").strip()
    if measure == "%":
        return f"{format_number(value)}%"
    return f"{format_number(value)} {measure}".rstrip()


def progress_after(value: float | None, target: Target) -> str:
    """Where a reported figure leaves the target, in the words of its kind."""
    return standing_text(standing(target, value), target)


def standing_text(state: Standing, target: Target, with_measure: bool = True) -> str:
    """ "3/45 (6,7%) hộ", "không được giao (0 hộ)", "0,82% → 0,8% → 0,79%: đã đi được 67% lộ trình" (a count's
    measure left out when a table has it in a column of its own)."""
    measure = (target.measure or "").strip() if with_measure else ""
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
        return f"{goal}: chưa báo cáo"
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


def _without_group(name: str, group: str | None) -> str:
    """ "hộ nghèo sử dụng nhà tiêu hợp vệ sinh (nước sinh hoạt và vệ sinh)" under that group: the label dropped."""
    if group and fold(name).endswith(f"({fold(group)})"):
        return name[: -len(group) - 2].rstrip()
    return name


def _words_within(words: list[str], limit: int) -> list[str]:
    """The leading words that fit in limit characters, no joining word left dangling at the end; a cut phrase
    keeps whole two-syllable words ("hỗ trợ kết nối", never "hỗ trợ kết"), counted after a leading "được"."""
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    lead = 1 if kept and fold(kept[0]) in _SINGLE else 0
    if len(kept) < len(words) and (len(kept) - lead) % 2 and len(kept) > 2:
        kept.pop()
    while len(kept) > 2 and fold(kept[-1]).strip(",;") in _DANGLING:
        kept.pop()
    return kept


def short_name(name: str, group: str | None = None, limit: int = MAX_NAME) -> str:
    """A name of at most limit characters that still says who and what: the subject, "…", then what is done."""
    name = _without_group(name, group)
    if len(name) <= limit:
        return name
    first, joined, _ = name.partition(" và ")
    if joined and len(first.split()) >= 3 and len(first) <= limit:  # two goals joined: the first names it
        return first.rstrip(" ,;")
    head, _, rest = name.partition(",")
    if rest and len(head) <= limit - 12:
        room = limit - len(head) - 3
        if "…" in rest:  # "người lao động thuộc hộ nghèo, … được hỗ trợ kết nối việc làm": what is done, from its start
            kept = _words_within(rest.split("…", 1)[1].split(), room)
        else:  # a listing of groups, then what is done for them: its last words
            kept = _words_within(rest.split()[::-1], room)[::-1]
        if kept:
            return f"{head} … {' '.join(kept).strip(' ,;')}"
    return " ".join(_words_within(name.split(), limit - 1)).strip(" ,;") + "…"


def short_names(targets: list[Target], groups: dict[int, str]) -> dict[int, str]:
    """target id -> a short name to show; names that would come out alike keep more of themselves."""
    names = {t.id: short_name(t.indicator, groups.get(t.id)) for t in targets}
    seen = Counter(fold(n) for n in names.values())
    for target in targets:
        if seen[fold(names[target.id])] > 1:
            names[target.id] = short_name(target.indicator, groups.get(target.id), 2 * MAX_NAME)
    return names
