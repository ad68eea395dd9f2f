"""The import summary of a re-import: long lists are cut, but never before what carries reports."""

from __future__ import annotations

from storage.importer.diff import CHANGED, DEADLINE, REMOVED, TARGET, FactChange, PlanDiff
from storage.importer.diff_text import change_lines, loss_phrase


def removed(n: int, reports: int = 0) -> FactChange:
    return FactChange(TARGET, REMOVED, f"Xã {n} — giảm hộ nghèo năm 2024", f"{n} hộ", None, reports)


def test_a_long_list_is_cut_after_what_users_reported() -> None:
    changes = [removed(n) for n in range(1, 13)] + [removed(13, reports=2)]
    changes.append(FactChange(DEADLINE, CHANGED, '"báo cáo năm"', "30/10/2024", "15/11/2024", 0, 3))
    diff = PlanDiff(1, "tho-xuan.txt", None, changes, kept_reports=5, kept_completions=3)
    lines = change_lines(diff, limit=4)
    assert lines[:2] == [
        "  So với bản đã nhập (tho-xuan.txt): chỉ tiêu: bỏ 13; hạn: sửa 1.",
        "  Giữ nguyên 5 báo cáo tiến độ và 3 xác nhận hoàn thành hạn.",
    ]
    assert lines[2:] == [
        "    - bỏ chỉ tiêu Xã 1 — giảm hộ nghèo năm 2024: 1 hộ",
        "    - bỏ chỉ tiêu Xã 2 — giảm hộ nghèo năm 2024: 2 hộ",
        "    - bỏ chỉ tiêu Xã 3 — giảm hộ nghèo năm 2024: 3 hộ",
        "    - bỏ chỉ tiêu Xã 13 — giảm hộ nghèo năm 2024: 13 hộ (2 báo cáo tiến độ)",
        "    … và 9 chỉ tiêu khác bị bỏ",
        '    ~ sửa hạn "báo cáo năm": 30/10/2024 → 15/11/2024 (3 xác nhận hoàn thành hạn)',
    ]
    assert loss_phrase(diff) == "2 báo cáo tiến độ"


def test_a_new_plan_has_no_change_lines() -> None:
    assert change_lines(PlanDiff(None, changes=[removed(1, reports=1)])) == []
