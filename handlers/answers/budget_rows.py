"""Which budget lines a question is about: those of the year it asks (a plan's year table, else its period's
figures) and the parts whose label it names by the words that matter (a source asked without its verb)."""

from __future__ import annotations

import re

from handlers.render.format import plan_name
from handlers.snapshot import Row, Snapshot
from storage.language.normalize import fold_expand
from storage.language.phrase_match import content_words, describe, weights
from storage.language.stopwords import QUESTION_STOP

# "2026 - 2030", "2026–2030", "2026 đến năm 2030" (the dash gone from a typed question: "2026 2030"): a period,
# whose two ends are no year asked by itself.
_RANGE = re.compile(r"\b20\d\d\s*(?:-|–|—|den(?: nam)?)?\s*20\d\d\b")
_YEAR = re.compile(r"\b(20\d\d)\b")
# A line for one year: "Năm 2026", "Kinh phí thực hiện năm 2025", or the year alone in a table's first column.
_YEAR_LINE = re.compile(r"\bnam (20\d\d)\b|^(20\d\d)$")
NAMED_SHARE = 0.5  # the weight of a label's words the question must say, when it does not say them all
# Words of a money question that name no part: asking words and the money words themselves.
_NOT_PART = QUESTION_STOP | {"bao", "nhieu", "tien", "kinh", "phi", "tong", "cong", "nam", "trieu", "ty", "dong"}


def asked_years(folded: str) -> set[int]:
    """The single years a question names ("năm 2026"), not the two ends of a period ("2026 - 2030")."""
    return {int(y) for y in _YEAR.findall(_RANGE.sub(" ", folded))}


def row_year(row: Row) -> int | None:
    """The year a budget line is for, when its label says one year ("Năm 2026"), not a period."""
    for text in (row.label, row.project):
        found = _YEAR_LINE.search(_RANGE.sub(" ", fold_expand(text or "")).strip())
        if found:
            return int(found.group(1) or found.group(2))
    return None


def _period(plan: Row) -> set[int]:
    """The years a plan speaks for: its own year and the years of its period."""
    years = {y for y in (plan.year, plan.period_start, plan.period_end) if y}
    if plan.period_start and plan.period_end:
        years |= set(range(plan.period_start, plan.period_end + 1))
    return years


def of_years(snap: Snapshot, rows: list[Row], years: set[int]) -> tuple[list[Row], str]:
    """The lines for the years asked, and a note on figures that are not those years' own. Plan by plan: a
    year table's lines of those years, with their parts; all the lines of a plan whose one dated line is of
    those years; else, when no plan has lines of those years, all the lines of the plans whose period holds
    them, each said to be the period's (or another year's)."""
    exact: list[Row] = []
    near: list[Row] = []
    notes: dict[int, str] = {}
    for plan_id in dict.fromkeys(b.plan_id for b in rows):
        mine = [b for b in rows if b.plan_id == plan_id]
        dated = {b.id: y for b in mine if (y := row_year(b)) is not None}
        if years & set(dated.values()):
            table = len(set(dated.values())) >= 2  # a line per year: only the years asked
            exact += _with_parts(mine, [b for b in mine if dated.get(b.id) in years]) if table else mine
        elif years & _period(snap.plans[plan_id]):
            near += mine
            notes[plan_id] = _not_split(snap.plans[plan_id], sorted(set(dated.values())), years)
    if exact:
        return exact, ""
    named = len(notes) > 1  # several plans: each note says whose figures it is about
    said = [
        note.replace("Kế hoạch", plan_name(snap.plans[pid], snap), 1) if named else note for pid, note in notes.items()
    ]
    return near, "".join(said)


def _not_split(plan: Row, dated: list[int], years: set[int]) -> str:
    """Why a plan's figures are not the year asked: they are another year's, or its whole period's."""
    asked = ", ".join(str(y) for y in sorted(years))
    if dated:
        return f"Kế hoạch không ghi kinh phí riêng năm {asked}; kinh phí ghi cho năm {', '.join(map(str, dated))}.\n"
    if plan.period_start and plan.period_end and plan.period_end > plan.period_start:
        period = f"{plan.period_start} - {plan.period_end}"
        return f"Kế hoạch không chia kinh phí theo năm (năm {asked}); số liệu dưới đây là của cả giai đoạn {period}.\n"
    return ""


def _with_parts(rows: list[Row], chosen: list[Row]) -> list[Row]:
    """The chosen lines and every line below them, in the rows' order."""
    ids = {b.id for b in chosen}
    grew = True
    while grew:
        below = {b.id for b in rows if b.parent_id in ids} - ids
        ids |= below
        grew = bool(below)
    return [b for b in rows if b.id in ids]


def named_parts(rows: list[Row], folded: str) -> list[Row]:
    """Parts whose label the question names by its telling words ("nhân dân đóng góp" names "Huy động nhân dân
    đóng góp" and a year table's "Nhân dân đóng góp"): of those, the ones saying most of the question's words;
    of those, the ones under the item the question also names, else the plan total's first, then the years'."""
    by_id = {b.id: b for b in rows}
    parts = [b for b in rows if b.parent_id in by_id]
    names = [describe(fold_expand(b.label or ""), "", _NOT_PART) for b in parts]
    weight = weights(names)
    asked = set(content_words(folded, _NOT_PART))
    found = []
    for budget, name in zip(parts, names, strict=True):
        said = name.name & asked
        share = sum(weight[w] for w in said) / (sum(weight[w] for w in name.name) or 1.0)
        if len(said) >= 2 and (share >= NAMED_SHARE or _head_said(budget, by_id, said)):
            found.append((sum(weight[w] for w in said), budget, said))
    best = max((s for s, _, _ in found), default=0.0)
    chosen = {b.id: asked - said for s, b, said in found if s == best}  # the words left to name an item
    return _by_item([b for b in parts if b.id in chosen], by_id, chosen)


def _head_said(budget: Row, by_id: dict[int, Row], said: frozenset[str]) -> bool:
    """A part of the plan total named by its first two words ("vốn lồng ghép" for "vốn lồng ghép từ các chương
    trình mục tiêu quốc gia")."""
    head = content_words(fold_expand(budget.label or ""), _NOT_PART)[:2]
    return by_id[budget.parent_id].is_total and len(head) == 2 and set(head) <= said


def _by_item(chosen: list[Row], by_id: dict[int, Row], rest: dict[int, set[str]]) -> list[Row]:
    """The parts under the item the rest of the question names ("... cho thủy lợi"); else the plan total's,
    then the years'."""
    overlap = {b.id: _item_overlap(by_id[b.parent_id], rest[b.id]) for b in chosen}
    most = max(overlap.values(), default=0)
    if most:
        return [b for b in chosen if overlap[b.id] == most]
    totals = [b for b in chosen if by_id[b.parent_id].is_total]
    if not totals:
        return chosen
    return totals + [b for b in chosen if row_year(by_id[b.parent_id]) is not None]


def _item_overlap(parent: Row, asked: set[str]) -> int:
    """How many words of the item a part belongs to the question says (0 for the plan total and a year)."""
    if parent.is_total or row_year(parent) is not None:
        return 0
    return len(set(content_words(fold_expand(parent.project or parent.label or ""), _NOT_PART)) & asked)
