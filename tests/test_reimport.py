"""Re-importing a plan keeps what users reported: same target and deadline ids, reports, completions, stops."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from bot.clock import VIETNAM
from storage.importer import import_paths
from storage.importer.matching import TARGET_KEYS, Draft, Stored, pair_up
from storage.models import Deadline
from storage.reminders.due import deadline_ref, due_reminders
from storage.reminders.models import ReminderPause, add_pause
from storage.reminders.schedule import ReminderSchedule
from storage.reporting.reports import DeadlineCompletion, Report
from tests.conftest import NOW
from tests.reimport_data import QUOTAS, Sessions, ask, plan_text, register, snapshot, target_of, write_plan


def at(day: int, month: int = 6) -> datetime:
    """08:00 in Vietnam on a day of 2024: the hour reminders go out."""
    return datetime(2024, month, day, 8, 0, tzinfo=VIETNAM)


async def reminded(sessions: Sessions, when: datetime) -> set[str]:
    async with sessions() as session:
        return {r.recipient for r in await due_reminders(session, when, ReminderSchedule()) if r.kind == "staff"}


async def imported(sessions: Sessions, path: Path, **options: bool) -> list[str]:
    (outcome,) = await import_paths(sessions, [path], now=NOW, **options)  # type: ignore[arg-type]
    assert outcome.ok, outcome.lines
    return outcome.lines


async def test_same_file_again_keeps_progress_completion_and_silence(sessions: Sessions, tmp_path: Path) -> None:
    path = write_plan(tmp_path, "tho-xuan.txt", plan_text())
    await imported(sessions, path)
    await register(sessions, "tg:7", "tho lam")
    await register(sessions, "tg:8", "xuan bai")
    assert "7/10" in await ask(sessions, "tg:7", "đã giảm được 7 hộ nghèo")
    assert "Đã ghi nhận" in await ask(sessions, "tg:7", "đã nộp báo cáo 6 tháng")
    quota = await target_of(sessions, "tho lam")
    before = await snapshot(sessions)

    lines = await imported(sessions, path)

    assert lines[0].startswith("Đã cập nhật: tho-xuan.txt")
    assert "không chỉ tiêu hay hạn nào thay đổi" in lines[1]
    assert "  Giữ nguyên 1 báo cáo tiến độ và 1 xác nhận hoàn thành hạn." in lines
    after = await snapshot(sessions)
    assert after.pop("PlanVersion") == before.pop("PlanVersion") + 1  # type: ignore[operator]
    assert after == before  # same rows, same ids, same values; the report and the completion are there
    again = await target_of(sessions, "tho lam")
    assert quota is not None and again is not None and again.id == quota.id
    assert "7/10 (70%)" in await ask(sessions, "tg:7", "tiến độ")
    overdue = await reminded(sessions, at(21))
    assert "tg:8" in overdue and "tg:7" not in overdue  # Xuân Bái is late; Thọ Lâm marked it done


async def test_shorter_version_is_refused_then_applied_with_replace(sessions: Sessions, tmp_path: Path) -> None:
    await imported(sessions, write_plan(tmp_path, "tho-xuan.txt", plan_text()))
    await register(sessions, "tg:7", "tho lam")
    await ask(sessions, "tg:7", "đã giảm được 7 hộ nghèo")
    await ask(sessions, "tg:7", "đã nộp báo cáo 6 tháng")
    shorter = write_plan(tmp_path, "tho-xuan-rut-gon.txt", plan_text([QUOTAS[0], QUOTAS[2]], six_months=None))
    before = await snapshot(sessions)

    (refused,) = await import_paths(sessions, [shorter], now=NOW)

    assert not refused.ok and refused.refused
    text = "\n".join(refused.lines)
    assert refused.lines[0].startswith("Chưa nhập: tho-xuan-rut-gon.txt")
    assert "xóa 1 báo cáo tiến độ và 1 xác nhận hoàn thành hạn" in refused.lines[0]
    assert "Thọ Lâm — giảm hộ nghèo năm 2024: 10 hộ (2 chỉ tiêu thành phần; 1 báo cáo tiến độ)" in text
    assert 'hạn "báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng": 20/6/2024' in text
    assert "không thay đổi" in text and f"kehoach import --replace {shorter}" in text
    assert await snapshot(sessions) == before
    assert "7/10" in await ask(sessions, "tg:7", "tiến độ")

    lines = await imported(sessions, shorter, replace=True)

    assert "  Đã xóa 1 báo cáo tiến độ và 1 xác nhận hoàn thành hạn theo --replace." in lines
    assert any(line.startswith("    - bỏ chỉ tiêu Thọ Lâm — giảm hộ nghèo năm 2024: 10 hộ") for line in lines)
    # the district's totals follow: "toàn huyện giảm 8 hộ" and the appendix total with its two parts
    assert "  So với bản đã nhập ngày 15/5/2024 (tho-xuan.txt): chỉ tiêu: sửa 4, bỏ 1; hạn: bỏ 1." in lines
    assert await target_of(sessions, "tho lam") is None
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Report)) == 0
        assert await session.scalar(select(func.count()).select_from(DeadlineCompletion)) == 0


async def test_changed_value_keeps_the_target_and_its_reports(sessions: Sessions, tmp_path: Path) -> None:
    await imported(sessions, write_plan(tmp_path, "tho-xuan.txt", plan_text()))
    await register(sessions, "tg:7", "tho lam")
    await ask(sessions, "tg:7", "đã giảm được 7 hộ nghèo")
    quota = await target_of(sessions, "tho lam")
    raised = [QUOTAS[0], ("Thọ Lâm", 12, 3, 9), QUOTAS[2]]

    lines = await imported(sessions, write_plan(tmp_path, "tho-xuan-sua.txt", plan_text(raised)))

    assert "    ~ sửa chỉ tiêu Thọ Lâm — giảm hộ nghèo năm 2024: 10 hộ → 12 hộ (1 báo cáo tiến độ)" in lines
    assert "    ~ sửa chỉ tiêu Thọ Lâm — giảm hộ nghèo › hộ có KNLD năm 2024: 8 hộ → 9 hộ" in lines
    assert "Giữ nguyên 1 báo cáo tiến độ" in "\n".join(lines)
    again = await target_of(sessions, "tho lam")
    assert quota is not None and again is not None and (again.id, again.value) == (quota.id, 12)
    assert "7/12" in await ask(sessions, "tg:7", "tiến độ")


async def test_moved_deadline_keeps_its_completion_and_reminder_stop(sessions: Sessions, tmp_path: Path) -> None:
    await imported(sessions, write_plan(tmp_path, "tho-xuan.txt", plan_text()))
    await register(sessions, "tg:7", "tho lam")
    await register(sessions, "tg:8", "xuan bai")
    await register(sessions, "tg:9", "sao vang")
    await ask(sessions, "tg:7", "đã nộp báo cáo 6 tháng")
    async with sessions() as session:
        deadline = (await session.execute(select(Deadline).where(Deadline.due_date == date(2024, 6, 20)))).scalar_one()
        scope = deadline.scope_unit_id
        assert scope is not None
        await add_pause(session, "tg:9", NOW, None, ref=deadline_ref(scope, deadline.due_date, deadline.key))
        await session.commit()

    lines = await imported(sessions, write_plan(tmp_path, "tho-xuan-doi-han.txt", plan_text(six_months="25/6/2024")))

    assert any("sửa hạn" in line and "20/6/2024 → 25/6/2024 (1 xác nhận hoàn thành hạn)" in line for line in lines)
    async with sessions() as session:
        moved = await session.get(Deadline, deadline.id)
        assert moved is not None and moved.due_date == date(2024, 6, 25)
        stop = (await session.execute(select(ReminderPause.ref))).scalar_one()
        assert stop == deadline_ref(scope, date(2024, 6, 25), moved.key)
    assert await reminded(sessions, at(26)) == {"tg:8"}  # Thọ Lâm is done, Sao Vàng's staff stopped them


def test_duplicates_pair_by_value_before_order() -> None:
    def row(value: float) -> dict[str, object]:
        return {"unit_id": 1, "kind": "quota", "key": "giam ho ngheo", "measure": "hộ", "year": 2024, "value": value,
                "baseline": None, "direction": None, "form": "reduce_by", "text": ""}  # fmt: skip

    old = [Stored(None, row(4)), Stored(None, row(10))]
    assert pair_up([Draft(row(10), None)], old, TARGET_KEYS) == [(0, 1), (None, 0)]
    assert pair_up([Draft(row(6), None)], old, TARGET_KEYS) == [(0, 0), (None, 1)]
