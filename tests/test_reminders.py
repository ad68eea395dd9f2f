"""Who gets which reminder around a deadline: steps, done units, quiet hours, pauses, the manager summary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.render.reminders import done_phrase, reminder_text, short_name
from storage.language.obligors import obligor_levels
from storage.language.text import fold
from storage.reminders.due import Reminder, deadline_ref, due_reminders
from storage.reminders.models import add_pause
from storage.reminders.schedule import ReminderSchedule
from tests.reminder_data import DUE, World, at, build_world, mark_done, report

SCHEDULE = ReminderSchedule()


@pytest.fixture
async def world(sessions: async_sessionmaker[AsyncSession]) -> World:
    return await build_world(sessions)


async def due(sessions: async_sessionmaker[AsyncSession], now, schedule=SCHEDULE) -> list[Reminder]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return await due_reminders(session, now, schedule)


def who(reminders: list[Reminder]) -> set[tuple[str, str, int]]:
    return {(r.recipient, r.kind, r.step) for r in reminders}


STAFF = {"tg:1001", "zalo:1002"}


@pytest.mark.parametrize(
    ("day", "step"),
    [(13, -7), (17, -3), (19, -1), (20, 0), (21, 1), (28, 8)],
)
async def test_each_step_reaches_the_staff_of_every_obliged_commune(sessions, world, day, step) -> None:  # type: ignore[no-untyped-def]
    found = await due(sessions, at(day))
    assert {(r.recipient, r.step) for r in found if r.kind == "staff"} == {(i, step) for i in STAFF}
    assert all(r.due_date == DUE for r in found)


async def test_overdue_repeats_every_seven_days(sessions, world) -> None:  # type: ignore[no-untyped-def]
    assert {r.step for r in await due(sessions, at(5, month=7))} == {15}
    assert {r.step for r in await due(sessions, at(12, month=7))} == {22}


@pytest.mark.parametrize("day", [12, 14, 15, 16, 18, 22, 23, 27])
async def test_no_reminder_between_steps(sessions, world, day) -> None:  # type: ignore[no-untyped-def]
    assert await due(sessions, at(day)) == []


async def test_district_manager_gets_no_staff_reminder_for_a_commune_duty(sessions, world) -> None:  # type: ignore[no-untyped-def]
    assert "tg:3001" not in {r.recipient for r in await due(sessions, at(17))}


async def test_text_says_what_when_how_long_to_whom_progress_and_how_to_mark_done(sessions, world) -> None:  # type: ignore[no-untyped-def]
    await report(sessions, world, 2)
    text = next(reminder_text(r.data) for r in await due(sessions, at(17)) if r.recipient == "tg:1001")
    assert "báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng" in text.lower()
    assert "20/6/2024" in text and "còn 3 ngày" in text
    assert "UBND huyện qua phòng Lao động" in text
    assert "Xã Xuân Bái" in text
    assert "giảm hộ nghèo: 2/4 (50%)" in text
    assert "trả lời: đã nộp báo cáo 6 tháng" in text
    late = next(reminder_text(r.data) for r in await due(sessions, at(28)) if r.recipient == "zalo:1002")
    assert "quá hạn 8 ngày" in late and "Tiến độ" not in late  # Thọ Lâm has no quota


async def test_on_the_day_and_overdue_wording(sessions, world) -> None:  # type: ignore[no-untyped-def]
    assert "hôm nay là hạn cuối" in reminder_text((await due(sessions, at(20)))[0].data)
    assert "QUÁ HẠN" in reminder_text((await due(sessions, at(21)))[0].data)


async def test_done_unit_is_no_longer_reminded(sessions, world) -> None:  # type: ignore[no-untyped-def]
    await mark_done(sessions, world.deadline, world.communes["Xuân Bái"], at(18))
    assert {r.recipient for r in await due(sessions, at(19))} == {"zalo:1002"}
    assert {r.recipient for r in await due(sessions, at(28))} == {"zalo:1002"}


async def test_manager_summary_on_first_overdue_day_only(sessions, world) -> None:  # type: ignore[no-untyped-def]
    await mark_done(sessions, world.deadline, world.communes["Xuân Bái"], at(18))
    summaries = [r for r in await due(sessions, at(21)) if r.kind == "summary"]
    assert [r.recipient for r in summaries] == ["tg:3001"]
    text = reminder_text(summaries[0].data)
    assert text.startswith("2/3 xã chưa nộp báo cáo 6 tháng (hạn 20/6/2024): Thị trấn Sao Vàng, Xã Thọ Lâm.")
    assert "Xuân Bái" not in text
    assert not [r for r in await due(sessions, at(28)) if r.kind == "summary"]


async def test_no_summary_when_everyone_is_done(sessions, world) -> None:  # type: ignore[no-untyped-def]
    for unit in world.communes.values():
        await mark_done(sessions, world.deadline, unit, at(18))
    assert await due(sessions, at(21)) == []


@pytest.mark.parametrize(("hour", "minute"), [(21, 0), (23, 30), (0, 5), (6, 59), (7, 30)])
async def test_quiet_hours_and_before_the_hour_send_nothing(sessions, world, hour, minute) -> None:  # type: ignore[no-untyped-def]
    assert await due(sessions, at(17, hour=hour, minute=minute)) == []


async def test_later_the_same_day_still_due(sessions, world) -> None:  # type: ignore[no-untyped-def]
    assert who(await due(sessions, at(17, hour=20, minute=59))) == {(i, "staff", -3) for i in STAFF}


async def test_schedule_comes_from_config_values(sessions, world) -> None:  # type: ignore[no-untyped-def]
    custom = ReminderSchedule(days_before=(5,), hour=9, overdue_every_days=0, quiet_start=22, quiet_end=6)
    assert await due(sessions, at(15, hour=9), custom) != []
    assert await due(sessions, at(17, hour=9), custom) == []
    assert await due(sessions, at(15, hour=8), custom) == []
    assert await due(sessions, at(28, hour=9), custom) == []  # overdue_every_days = 0: only the day after


async def test_pause_for_three_days_then_back(sessions, world) -> None:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        await add_pause(session, "tg:1001", at(16, hour=10), at(19, hour=10))
        await session.commit()
    assert {r.recipient for r in await due(sessions, at(17))} == {"zalo:1002"}
    assert {r.recipient for r in await due(sessions, at(19, hour=11))} == STAFF


async def test_stop_one_deadline_keeps_the_others(sessions, world) -> None:  # type: ignore[no-untyped-def]
    ref = deadline_ref(world.district, DUE, fold("báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng"))
    async with sessions() as session:
        await add_pause(session, "tg:1001", at(10), None, ref=ref)
        await session.commit()
    assert {r.recipient for r in await due(sessions, at(17))} == {"zalo:1002"}
    year_day = date(2024, 10, 30) - timedelta(days=3)
    assert "tg:1001" in {r.recipient for r in await due(sessions, at(year_day.day, month=year_day.month))}


def test_obligor_names_the_levels_that_must_act() -> None:
    assert obligor_levels("UBND các xã, thị trấn", 2) == {3}
    assert obligor_levels("Các sở, ngành Tỉnh và UBND huyện, thành phố", 1) == {1, 2}
    assert obligor_levels("Phòng Lao động - Thương binh và Xã hội", 2) == {2}
    assert obligor_levels(None, 2) is None
    assert obligor_levels("ông A", 2) is None


def test_short_names_and_done_phrases() -> None:
    assert short_name("Báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng năm 2024") == "báo cáo 6 tháng"
    assert short_name("báo cáo năm") == "báo cáo năm"
    assert short_name("báo cáo kết quả quý II") == "báo cáo quý II"
    assert done_phrase("Rà soát hộ nghèo") == "đã xong rà soát hộ nghèo"
    title = "Báo cáo rà soát, tổng hợp hộ nghèo theo từng nguyên nhân nghèo"
    assert short_name(title) == "báo cáo rà soát tổng hợp"


def test_every_done_phrase_a_reminder_suggests_is_understood() -> None:
    from handlers.flows.report_reading import folded, is_deadline_done, is_report

    titles = [
        "Báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng năm 2024",
        "Báo cáo rà soát, tổng hợp hộ nghèo theo từng nguyên nhân nghèo",
        "Rà soát hộ nghèo",
        "báo cáo năm",
    ]
    for title in titles:
        phrase = folded(done_phrase(title))
        assert is_deadline_done(phrase) and not is_report(phrase), title


def test_schedule_steps() -> None:
    s = ReminderSchedule()
    assert [s.step(DUE, DUE + timedelta(days=d)) for d in (-7, -6, -3, -1, 0, 1, 2, 8, 15)] == [
        -7,
        None,
        -3,
        -1,
        0,
        1,
        None,
        8,
        15,
    ]
    assert s.previous_step(DUE, date(2024, 6, 16)) == (-7, date(2024, 6, 13))
    assert s.quiet_ends_at(at(17, hour=22)) == at(18, hour=7)


async def test_overdue_reminders_stop_after_overdue_for_days(sessions, world) -> None:  # type: ignore[no-untyped-def]
    s = ReminderSchedule()
    assert s.step(DUE, DUE + timedelta(days=85)) == 85
    assert s.step(DUE, DUE + timedelta(days=92)) is None  # past the default 90 days
    assert ReminderSchedule(overdue_for_days=0).step(DUE, DUE + timedelta(days=92)) == 92
    assert {r.step for r in await due(sessions, at(13, month=9))} == {85}
    assert await due(sessions, at(20, month=9)) == []  # a 2024 deadline does not nag for years
    assert {r.step for r in await due(sessions, at(20, month=9), ReminderSchedule(overdue_for_days=0))} == {92}
