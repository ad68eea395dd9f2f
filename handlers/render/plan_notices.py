"""The words of the notice a unit's staff get when a plan that names their unit is imported."""

from __future__ import annotations

from storage.language.text import format_date, short
from storage.uploads.notices import Change, PlanNotice, UnitFigures

ASK_MORE = 'Hỏi thêm: "chỉ tiêu của đơn vị", "nhiệm vụ", "hạn báo cáo sắp tới".'
SHOWN_TARGETS = 3


def notice_text(notice: PlanNotice) -> str:
    """A new plan (or a new version's changes) for one person, in a few lines."""
    lines = [_heading(notice)]
    for unit in notice.units:
        changed = notice.changes.get(unit.name)
        lines.append(_changes_line(unit, changed) if changed else _unit_line(unit))
    lines.append(ASK_MORE)
    return "\n".join(lines)


def _heading(notice: PlanNotice) -> str:
    what = f"Kế hoạch số {notice.number}" if notice.number else "Kế hoạch"
    title = f" — {short(notice.title, 120)}" if notice.title else ""
    if notice.changes:
        return f"{what} của {notice.issuer} vừa được cập nhật (bản {notice.version}){title}."
    return f"Kế hoạch mới có giao việc cho đơn vị bạn: {what} của {notice.issuer}{title}."


def _unit_line(unit: UnitFigures) -> str:
    """ "Xã Thọ Lâm: giảm hộ nghèo năm 2024: 10 hộ; 2 nhiệm vụ; hạn gần nhất: báo cáo 6 tháng — 20/6/2024."."""
    parts = [f"{what}: {value}" for what, value in (unit.targets[i] for i in unit.top[:SHOWN_TARGETS])]
    if len(unit.top) > SHOWN_TARGETS:
        parts.append(f"và {len(unit.top) - SHOWN_TARGETS} chỉ tiêu khác")
    if unit.duties:
        parts.append(
            f"{len(unit.duties)} nhiệm vụ" if len(unit.duties) > 1 else f"nhiệm vụ: {short(unit.duties[0], 90)}"
        )
    if unit.deadline is not None:
        title, due = unit.deadline
        parts.append(f"hạn gần nhất: {short(title, 80)} — {format_date(due)}")
    return f"{unit.name}: {'; '.join(parts) or 'có tên trong kế hoạch'}."


def _changes_line(unit: UnitFigures, changes: list[Change]) -> str:
    """ "Xã Thọ Lâm: giảm hộ nghèo năm 2024: 10 hộ → 12 hộ."."""
    parts = [_change(change) for change in changes[:SHOWN_TARGETS]]
    if len(changes) > SHOWN_TARGETS:
        parts.append(f"và {len(changes) - SHOWN_TARGETS} thay đổi khác")
    return f"{unit.name}: {'; '.join(parts)}."


def _change(change: Change) -> str:
    if change.before is None:
        return f"thêm {change.what}: {change.after}"
    if change.after is None:
        return f"bỏ {change.what} (trước là {change.before})"
    return f"{change.what}: {change.before} → {change.after}"
