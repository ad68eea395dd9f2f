"""What a new version of a plan changes, as data: targets and deadlines added, changed and removed.

Computed before anything is written (see store.prepare_plan), so the same diff serves the import
summary, the refusal of a re-import that would delete reports, and a preview before confirming.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from storage.importer.matching import Pair, Stored, Values
from storage.language.goal_forms import FORM_WORDS
from storage.language.text import amount, format_date, short

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
TARGET, DEADLINE = "target", "deadline"


@dataclass(frozen=True)
class FactChange:
    """One target or deadline that the new version adds, changes or removes."""

    fact: str  # TARGET | DEADLINE
    change: str  # ADDED | CHANGED | REMOVED
    label: str  # "Xã Thọ Lâm — giảm hộ nghèo năm 2024", '"báo cáo năm"'
    before: str | None  # "10 hộ", "20/6/2024"; None when added
    after: str | None  # None when removed
    reports: int = 0  # progress reports on it (and its parts): kept when changed, deleted when removed
    completions: int = 0  # units that marked the deadline done: same
    parts: int = 0  # breakdown parts added or removed with it

    @property
    def loses_data(self) -> bool:
        """Whether applying this change deletes something users reported."""
        return self.change == REMOVED and (self.reports > 0 or self.completions > 0)


@dataclass
class PlanDiff:
    """The changes of one re-import, and the user data it keeps and deletes."""

    plan_id: int | None  # None: the plan is new to the database
    previous_file: str | None = None
    previous_import: datetime | None = None
    changes: list[FactChange] = field(default_factory=list)
    kept_reports: int = 0
    kept_completions: int = 0

    def of(self, fact: str, change: str) -> list[FactChange]:
        """The changes of one kind of fact and one kind of change."""
        return [c for c in self.changes if c.fact == fact and c.change == change]

    @property
    def losses(self) -> list[FactChange]:
        """Removed targets and deadlines that carry reports or completions."""
        return [c for c in self.changes if c.loses_data]

    @property
    def lost_reports(self) -> int:
        """Progress reports that applying the diff deletes."""
        return sum(c.reports for c in self.losses)

    @property
    def lost_completions(self) -> int:
        """Deadline completions that applying the diff deletes."""
        return sum(c.completions for c in self.losses)

    def count(self, change: str) -> int:
        """How many targets and deadlines are added, changed or removed."""
        return sum(1 for c in self.changes if c.change == change)


def build_diff(
    plan_id: int | None, targets: Sequence[Pair], deadlines: Sequence[Pair], names: dict[int, str]
) -> PlanDiff:
    """The diff of paired targets and deadlines; names: unit id -> full name, for the labels."""
    diff = PlanDiff(plan_id)
    if plan_id is None:
        return diff
    diff.changes = [*_target_changes(targets, names, None), *_deadline_changes(deadlines)]
    diff.kept_reports = sum(p.old.reports for p in _paired(targets) if p.old is not None)
    diff.kept_completions = sum(p.old.completions for p in deadlines if p.new is not None and p.old is not None)
    return diff


def _paired(pairs: Sequence[Pair]) -> Iterator[Pair]:
    for pair in pairs:
        if pair.new is not None and pair.old is not None:
            yield pair
            yield from _paired(pair.parts)


def _target_changes(pairs: Sequence[Pair], names: dict[int, str], parent: str | None) -> Iterator[FactChange]:
    for pair in pairs:
        new, old = pair.new, pair.old
        values = (new or old).values  # type: ignore[union-attr]
        label = _target_label(values, names, parent)
        if old is None:
            yield FactChange(TARGET, ADDED, label, None, _amount(values), parts=_size(pair) - 1)
        elif new is None:
            reports = _reports(old)
            yield FactChange(TARGET, REMOVED, label, _amount(values), None, reports, parts=_size(pair) - 1)
        else:
            reform = new.values.get("form") != old.values.get("form")
            if reform or new.values["value"] != old.values["value"]:
                before, after = _amount(old.values, reform), _amount(new.values, reform)
                yield FactChange(TARGET, CHANGED, label, before, after, old.reports)
            yield from _target_changes(pair.parts, names, values["indicator"])


def _deadline_changes(pairs: Sequence[Pair]) -> Iterator[FactChange]:
    for pair in pairs:
        new, old = pair.new, pair.old
        label = f'"{short((new or old).values["title"], 100)}"'  # type: ignore[union-attr]
        if old is None:
            yield FactChange(DEADLINE, ADDED, label, None, _deadline_state(new.values, False))  # type: ignore[union-attr]
        elif new is None:
            yield FactChange(DEADLINE, REMOVED, label, _deadline_state(old.values, False), None, 0, old.completions)
        else:
            whom = any(new.values[k] != old.values[k] for k in ("obligor", "recipient"))
            if whom or _when(new.values) != _when(old.values):
                before, after = _deadline_state(old.values, whom), _deadline_state(new.values, whom)
                yield FactChange(DEADLINE, CHANGED, label, before, after, 0, old.completions)


def _target_label(values: Values, names: dict[int, str], parent: str | None) -> str:
    unit = names.get(values["unit_id"], "(không rõ đơn vị)")
    what = f"{parent} › {values['indicator']}" if parent else values["indicator"]
    year = f" năm {values['year']}" if values["year"] else ""
    return f"{unit} — {short(what, 100)}{year}"


def _amount(values: Values, with_form: bool = False) -> str:
    """ "10 hộ"; with its form when the form is what changed ("giảm 10 hộ" → "tối thiểu 10 hộ")."""
    figure = amount(values["value"], values["measure"])
    words = FORM_WORDS.get(values.get("form") or "", "chưa rõ dạng") if with_form else None
    return f"{words} {figure}" if words else figure


def _when(values: Values) -> str:
    if values["due_date"] is not None:
        return format_date(values["due_date"])
    return values["due_text"] or "không ghi ngày"


def _deadline_state(values: Values, whom: bool) -> str:
    if not whom:
        return _when(values)
    return f"{_when(values)}, {values['obligor'] or '?'} → {values['recipient'] or '?'}"


def _size(pair: Pair) -> int:
    return 1 + sum(_size(p) for p in pair.parts)


def _reports(stored: Stored) -> int:
    return stored.reports + sum(_reports(p) for p in stored.parts)
