"""The chat side of reminders: pause for some days, stop one deadline, turn them back on."""

from __future__ import annotations

from sqlalchemy import select

from handlers.flows.reminder_settings import handle
from handlers.messages import IncomingMessage
from handlers.render.reminders import reminder_text
from handlers.understand.asker_context import Asker
from storage.models import Unit
from storage.reminders.claims import enqueue_due
from storage.reminders.due import due_reminders
from storage.reminders.schedule import ReminderSchedule
from tests.reminder_data import at, build_world

SCHEDULE = ReminderSchedule()


async def say(sessions, text: str, now, registered: bool = True, identity: str = "tg:1001"):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        unit = (await session.execute(select(Unit).where(Unit.name == "Xuân Bái"))).scalar_one()
        asker = Asker(identity=identity, registered=registered, units=[(unit, "staff")] if registered else [])
        message = IncomingMessage(channel="tg", user_id=identity.split(":")[1], text=text, now=now)
        reply = await handle(session, message, asker)
        await session.commit()
        return reply


async def recipients(sessions, now) -> set[str]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return {r.recipient for r in await due_reminders(session, now, SCHEDULE)}


async def test_pause_three_days_without_diacritics(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    reply = await say(sessions, "tam dung nhac 3 ngay", at(16, hour=10))
    assert reply is not None and "3 ngày" in reply.text and "19/6/2024" in reply.text
    assert "tg:1001" not in await recipients(sessions, at(17))
    assert "tg:1001" in await recipients(sessions, at(19, hour=11))


async def test_stop_one_deadline_by_name_then_resume(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    reply = await say(sessions, "Dừng nhắc báo cáo 6 tháng", at(16, hour=10))
    assert reply is not None and "6 tháng" in reply.text and "20/6/2024" in reply.text
    assert "tg:1001" not in await recipients(sessions, at(17))
    assert "tg:1001" in await recipients(sessions, at(27, month=10))  # the annual report still reminds
    reply = await say(sessions, "bật nhắc lại", at(16, hour=11))
    assert reply is not None and "bật lại" in reply.text
    assert "tg:1001" in await recipients(sessions, at(17))


async def test_stop_this_one_after_a_reminder(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    async with sessions() as session:
        await enqueue_due(session, at(17), SCHEDULE, reminder_text)
        await session.commit()
    reply = await say(sessions, "không nhắc hạn này nữa", at(17, hour=9))
    assert reply is not None and "Đã thôi nhắc" in reply.text and "6 tháng" in reply.text
    assert "tg:1001" not in await recipients(sessions, at(19))


async def test_stop_everything(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    reply = await say(sessions, "tắt tất cả nhắc nhở", at(16))
    assert reply is not None and "tắt mọi" in reply.text
    assert "tg:1001" not in await recipients(sessions, at(27, month=10))


async def test_stranger_and_other_messages(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    reply = await say(sessions, "tạm dừng nhắc 2 ngày", at(16), registered=False, identity="tg:9999")
    assert reply is not None and "đăng ký" in reply.text
    assert await say(sessions, "Chỉ tiêu giảm hộ nghèo của xã?", at(16)) is None
    assert await say(sessions, "nhắc lại chỉ tiêu năm nay", at(16)) is None
