"""Corrections, undo and "done" in the words staff use, with and without diacritics, each confirmed; a bare
"xong rồi" answers the reminder just sent, and that deadline's reminders stop for that unit; refusals say what
the sender may do."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.flows.report_reading import folded, is_bare_done, is_correction, is_deadline_done, is_mistake, is_undo
from handlers.render.reminders import reminder_text
from storage.reminders.claims import enqueue_due
from storage.reminders.due import due_reminders
from storage.reminders.schedule import ReminderSchedule
from storage.reporting.reports import Report
from storage.reporting.reports import is_deadline_done as done_in_db
from tests.reminder_data import at, build_world
from tests.reporting_seed import add, say, seed

SCHEDULE = ReminderSchedule()


async def _live(session: AsyncSession) -> list[float]:
    rows = (await session.execute(select(Report).where(Report.withdrawn_at.is_(None)))).scalars()
    return sorted(row.value for row in rows)


@pytest.mark.parametrize(
    "text",
    ["ghi nhầm, đúng ra là 7 hộ", "ghi nham, dung ra la 7 ho", "nhầm rồi, phải là 7", "sai rồi, 7 hộ mới đúng"],
)
async def test_a_correction_in_everyday_words(sessions: async_sessionmaker[AsyncSession], text: str) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.tho_lam)
        await say(session, "tg:1", "đã giảm được 3 hộ nghèo")
        reply = await say(session, "tg:1", text)
        assert reply is not None and "Đã sửa 3 thành 7" in reply.text and "7/10 (70%)" in reply.text, reply.text
        assert await _live(session) == [7]


async def test_a_bare_mistake_says_what_was_saved_and_offers_undo(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.tho_lam)
        assert await say(session, "tg:1", "nhầm") is None  # nothing reported yet: not ours to answer
        await say(session, "tg:1", "đã giảm được 3 hộ nghèo")
        for text in ("nhầm", "ghi nham roi"):
            reply = await say(session, "tg:1", text)
            assert reply is not None and "giảm hộ nghèo: 3 hộ" in reply.text, text
            assert [c.value for c in reply.choices] == ["hủy", "sửa lại"]
        undone = await say(session, "tg:1", "1")
        assert undone is not None and "Đã hủy báo cáo 3" in undone.text and await _live(session) == []


@pytest.mark.parametrize("text", ["hủy giúp em báo cáo vừa gửi nhé", "xoá số vừa gửi", "huy bao cao vua roi nha"])
async def test_undo_in_everyday_words(sessions: async_sessionmaker[AsyncSession], text: str) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.tho_lam)
        await say(session, "tg:1", "đã giảm được 3 hộ nghèo")
        reply = await say(session, "tg:1", text)
        assert reply is not None and reply.text.startswith("Đã hủy báo cáo 3"), reply.text
        assert await _live(session) == []


@pytest.mark.parametrize(
    "text",
    ["bên em gửi báo cáo 6 tháng rồi ạ", "xa minh nop bc 6 thang xong roi nhe", "chúng tôi đã gửi báo cáo 6 tháng rồi"],
)
async def test_done_said_casually(sessions: async_sessionmaker[AsyncSession], text: str) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        reply = await say(session, "tg:1", text)
        assert reply is not None and "Đã ghi nhận Xã Xuân Bái hoàn thành" in reply.text, reply.text
        assert "20/6/2024" in reply.text and "không nhắc hạn này nữa" in reply.text
        assert await done_in_db(session, ids.deadline_6m, ids.xuan_bai)


def test_what_is_and_is_not_a_correction_undo_or_done() -> None:
    assert is_correction(folded("ghi nhầm, đúng ra là 7 hộ")) and is_correction(folded("nham, phai la 12 nguoi"))
    assert not is_correction(folded("đã giảm 3 hộ")) and not is_correction(folded("sai ở đâu, là 7 à?"))
    assert is_mistake(folded("nhầm")) and not is_mistake(folded("nhầm à?"))
    assert is_undo(folded("hủy giúp em báo cáo vừa gửi nhé"))
    assert not is_undo(folded("hủy bỏ hạn báo cáo năm của xã Thọ Lâm đi"))
    assert is_deadline_done(folded("ben em gui bao cao nam roi a"))
    assert not is_deadline_done(folded("bên em gửi báo cáo 6 tháng chưa"))
    for text in ("xong rồi", "rồi nhé", "em nộp rồi ạ", "đã xong", "gui roi nha"):
        assert is_bare_done(folded(text)), text
    for text in ("rồi", "xong chưa", "ok", "đã giảm 3 hộ rồi"):
        assert not is_bare_done(folded(text)), text


async def _say_xuan_bai(sessions: async_sessionmaker[AsyncSession], text: str, when):  # type: ignore[no-untyped-def]
    from storage.models import Unit

    async with sessions() as session:
        unit = (await session.execute(select(Unit).where(Unit.name == "Xuân Bái"))).scalar_one()
        await add(session, "tg:1001", unit.id)
        return await say(session, "tg:1001", text, now=when)


@pytest.mark.parametrize("text", ["xong rồi", "rồi nhé", "em nop roi a"])
async def test_a_bare_done_answers_the_reminder_and_stops_it(
    sessions: async_sessionmaker[AsyncSession], text: str
) -> None:
    world = await build_world(sessions)
    async with sessions() as session:
        queued = await enqueue_due(session, at(17), SCHEDULE, reminder_text)
        await session.commit()
    assert any(r.recipient == "tg:1001" for r in queued.queued)
    reply = await _say_xuan_bai(sessions, text, at(17, hour=9))
    assert reply is not None and "Đã ghi nhận Xã Xuân Bái hoàn thành" in reply.text and "6 tháng" in reply.text
    async with sessions() as session:
        assert await done_in_db(session, world.deadline, world.communes["Xuân Bái"])
        later = await due_reminders(session, at(19), SCHEDULE)
    assert not [r for r in later if r.recipient == "tg:1001" and r.deadline_id == world.deadline]
    assert any(r.recipient == "zalo:1002" for r in later)  # Thọ Lâm has not said so: still reminded


async def test_a_bare_done_with_no_reminder_is_left_to_the_core(sessions: async_sessionmaker[AsyncSession]) -> None:
    await build_world(sessions)
    assert await _say_xuan_bai(sessions, "xong rồi", at(17, hour=9)) is None


async def test_the_refusal_says_what_the_sender_may_do(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        reply = await say(session, "tg:1", "báo cáo xã Thọ Lâm đã giảm 5 hộ nghèo")
        assert reply is not None and reply.text.startswith(
            "Bạn chỉ báo cáo được cho Xã Xuân Bái; số liệu của Xã Thọ Lâm do cán bộ xã Thọ Lâm"
        ), reply.text
        seen = await say(session, "tg:1", "tiến độ xã Thọ Lâm")
        assert seen is not None and "bạn xem được tiến độ của Xã Xuân Bái" in seen.text
