"""Re-importing the Thọ Xuân sample plan keeps what its users reported, their completions and stops."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import VIETNAM
from storage.importer import import_paths
from storage.reminders.due import due_reminders
from storage.reminders.schedule import ReminderSchedule
from tests.conftest import NOW, PLANS
from tests.reimport_data import Sessions, ask, register


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


@pytest.mark.skipif(not PLANS.exists(), reason="sample plans not available")
async def test_tho_xuan_sample_reimported_keeps_tho_lam_progress(sessions: Sessions) -> None:
    path = PLANS / "huyen-tho-xuan-2024.txt"
    await imported(sessions, path)
    await register(sessions, "tg:7", "tho lam")
    assert "7/10" in await ask(sessions, "tg:7", "đã giảm được 7 hộ nghèo")
    await ask(sessions, "tg:7", "đã nộp báo cáo 6 tháng")
    lines = await imported(sessions, path)
    assert lines[0].startswith("Đã cập nhật: huyen-tho-xuan-2024.txt")
    assert "7/10 (70%)" in await ask(sessions, "tg:7", "tiến độ")
    assert "tg:7" not in await reminded(sessions, at(21))
