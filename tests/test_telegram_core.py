"""Telegram with the real conversation core: a registered user's quota, a stranger's report, a button."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import TelegramConfig
from bot.telegram_channel import TelegramChannel
from tests.conftest import NOW
from tests.fake_botapi import FakeTelegram, tg_button_update, tg_text_update
from tests.reporting_seed import add, seed

TOKEN = "123456:TEST-core"
STAFF, STRANGER = 1001, 555


@pytest.fixture
async def telegram(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[FakeTelegram]:
    """A polling Telegram channel over a database with Thọ Xuân's quotas and one staff member of Xuân Bái."""
    async with sessions() as session:
        ids = await seed(session)
        await add(session, f"tg:{STAFF}", ids.xuan_bai)
        await session.commit()
    with FakeTelegram(TOKEN) as api:
        channel = TelegramChannel(TelegramConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            yield api
        finally:
            await channel.stop()


async def test_registered_user_asks_a_quota_and_gets_it(telegram: FakeTelegram) -> None:
    telegram.push(tg_text_update(1, STAFF, "chi tieu giam ho ngheo"))
    (reply,) = await telegram.wait_for(1, "sendMessage")
    assert int(reply["chat_id"]) == STAFF
    assert "Xuân Bái" in reply["text"] and "4 hộ nghèo" in reply["text"]


async def test_stranger_who_reports_is_asked_to_register_and_can_press_the_button(telegram: FakeTelegram) -> None:
    telegram.push(tg_text_update(1, STRANGER, "báo cáo: đã giảm được 2 hộ nghèo"))
    (reply,) = await telegram.wait_for(1, "sendMessage")
    assert "chưa đăng ký" in reply["text"] and "đăng ký" in reply["text"]
    assert "Đã ghi nhận" not in reply["text"]
    buttons = json.loads(reply["reply_markup"])["inline_keyboard"]
    telegram.push(tg_button_update(2, STRANGER, buttons[0][0]["callback_data"]))
    await telegram.wait_for(1, "answerCallbackQuery")
    replies = await telegram.wait_for(2, "sendMessage")
    assert "đăng ký" in replies[1]["text"].lower()
