"""The Vietnamese lines of a plan diff: the import summary, the refusal, the preview."""

from __future__ import annotations

from storage.importer.diff import ADDED, CHANGED, DEADLINE, REMOVED, TARGET, FactChange, PlanDiff
from storage.language.text import format_date, format_number
from storage.reminders.schedule import to_local

LIST_LIMIT = 10  # changes listed per kind and change; those carrying reports are always listed
NOUNS = {TARGET: "chỉ tiêu", DEADLINE: "hạn"}
VERBS = {ADDED: "thêm", CHANGED: "sửa", REMOVED: "bỏ"}
MARKS = {ADDED: "+", CHANGED: "~", REMOVED: "-"}
REST = {ADDED: "được thêm", CHANGED: "thay đổi", REMOVED: "bị bỏ"}
ORDER = (REMOVED, CHANGED, ADDED)


def change_lines(diff: PlanDiff, limit: int = LIST_LIMIT) -> list[str]:
    """What the new version changes since the stored one; nothing for a plan new to the database."""
    if diff.plan_id is None:
        return []
    lines = [f"  So với bản đã nhập {previous(diff)}: {_tally(diff)}."]
    if diff.kept_reports or diff.kept_completions:
        lines.append(f"  Giữ nguyên {_data(diff.kept_reports, diff.kept_completions)}.")
    for fact in (TARGET, DEADLINE):
        for change in ORDER:
            lines += _listing(diff.of(fact, change), limit)
    return lines


def loss_phrase(diff: PlanDiff) -> str:
    """ "2 báo cáo tiến độ và 1 xác nhận hoàn thành hạn": what applying the diff deletes."""
    return _data(diff.lost_reports, diff.lost_completions)


def refusal_lines(name: str, path: str, diff: PlanDiff) -> list[str]:
    """Why a re-import was not applied, what it would delete and how to confirm it."""
    losses = diff.losses
    what = _and([_count(len([c for c in losses if c.fact == f]), NOUNS[f]) for f in (TARGET, DEADLINE)])
    return [
        f"Chưa nhập: {name} — bản này bỏ {what} đã có số liệu báo cáo; nhập bản này sẽ xóa {loss_phrase(diff)}:",
        *(f"  - {_item(c)}" for c in losses),
        *change_lines(diff),
        "  Cơ sở dữ liệu không thay đổi. Nếu đúng là bản thay thế và chấp nhận xóa các số liệu trên, "
        f"nhập lại với --replace: kehoach import --replace {path}",
    ]


def previous(diff: PlanDiff) -> str:
    """ "ngày 15/5/2024 (tho-xuan.txt)": when and from which file the stored version came."""
    when = f"ngày {format_date(to_local(diff.previous_import).date())}" if diff.previous_import else ""
    file = diff.previous_file.replace("\\", "/").rsplit("/", 1)[-1] if diff.previous_file else ""
    return " ".join(part for part in (when, f"({file})" if file else "") if part) or "trước"


def _tally(diff: PlanDiff) -> str:
    if not diff.changes:
        return "không chỉ tiêu hay hạn nào thay đổi"
    parts = []
    for fact in (TARGET, DEADLINE):
        sizes = {change: len(diff.of(fact, change)) for change in (ADDED, CHANGED, REMOVED)}
        counts = [f"{VERBS[change]} {format_number(n)}" for change, n in sizes.items() if n]
        if counts:
            parts.append(f"{NOUNS[fact]}: {', '.join(counts)}")
    return "; ".join(parts)


def _listing(changes: list[FactChange], limit: int) -> list[str]:
    shown = [c for c in changes if c.reports or c.completions]
    shown += [c for c in changes if not (c.reports or c.completions)][: max(limit - len(shown), 0)]
    lines = [f"    {MARKS[c.change]} {VERBS[c.change]} {_item(c)}" for c in changes if c in shown]
    if len(changes) > len(shown):
        first = changes[0]
        rest = format_number(len(changes) - len(shown))
        lines.append(f"    … và {rest} {NOUNS[first.fact]} khác {REST[first.change]}")
    return lines


def _item(change: FactChange) -> str:
    """ "chỉ tiêu Xã Thọ Lâm — giảm hộ nghèo năm 2024: 10 → 12 hộ (1 báo cáo tiến độ)"."""
    if change.change == CHANGED:
        state = f"{change.before} → {change.after}"
    else:
        state = (change.after if change.change == ADDED else change.before) or ""
    notes = [_count(change.parts, "chỉ tiêu thành phần")] if change.parts else []
    if change.reports or change.completions:
        notes.append(_data(change.reports, change.completions))
    tail = f" ({'; '.join(notes)})" if notes else ""
    return f"{NOUNS[change.fact]} {change.label}: {state}{tail}"


def _data(reports: int, completions: int) -> str:
    items = [_count(reports, "báo cáo tiến độ") if reports else "", _count(completions, "xác nhận hoàn thành hạn")]
    return _and([item for item in items if item and not item.startswith("0 ")])


def _count(n: int, noun: str) -> str:
    return f"{format_number(n)} {noun}" if n else ""


def _and(items: list[str]) -> str:
    items = [item for item in items if item]
    return " và ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else (items[0] if items else "")
