"""The Telegram and Zalo adapters tell the core a message came from a group: a manager's progress asked in a
group is not posted there (no list, no chart, no Excel file), only a note to ask in private."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import TelegramConfig, ZaloConfig
from bot.telegram_channel import TelegramChannel
from bot.zalo_channel import ZaloChannel
from handlers.access import PRIVATE_ONLY
from tests.conftest import NOW
from tests.fake_botapi import FakeTelegram, FakeZalo, tg_text_update, zalo_text_update
from tests.reporting_seed import add, seed

MANAGER_TG, GROUP_TG = 2001, -100777
MANAGER_ZALO, GROUP_ZALO = "m4n4g3r", "g7r0up"


async def _manager(sessions: async_sessionmaker[AsyncSession], identity: str) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, identity, ids.district, role="manager")
        await session.commit()


def _in_group(update: dict[str, Any], chat: dict[str, Any]) -> dict[str, Any]:
    """The same message as update, sent in a group chat."""
    return {**update, "message": {**update["message"], "chat": chat}}


async def test_telegram_group_gets_no_progress_files(sessions: async_sessionmaker[AsyncSession]) -> None:
    await _manager(sessions, f"tg:{MANAGER_TG}")
    with FakeTelegram("1:group") as api:
        channel = TelegramChannel(TelegramConfig(token="1:group", base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            group = {"id": GROUP_TG, "type": "supergroup", "title": "Cán bộ huyện"}
            api.push(_in_group(tg_text_update(1, MANAGER_TG, "tiến độ các xã"), group))
            (note,) = await api.wait_for(1, "sendMessage")
            api.push(tg_text_update(2, MANAGER_TG, "tiến độ các xã"))  # the same, in private
            await api.wait_for(2, "sendPhoto", "sendDocument")
        finally:
            await channel.stop()
    assert int(note["chat_id"]) == GROUP_TG and note["text"] == PRIVATE_ONLY
    assert {int(sent["chat_id"]) for sent in api.sent("sendPhoto", "sendDocument")} == {MANAGER_TG}


async def test_zalo_group_gets_no_progress_files(sessions: async_sessionmaker[AsyncSession]) -> None:
    await _manager(sessions, f"zalo:{MANAGER_ZALO}")
    with FakeZalo("9:group") as api:
        channel = ZaloChannel(ZaloConfig(token="9:group", base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            group = {"id": GROUP_ZALO, "chat_type": "GROUP"}
            api.push(_in_group(zalo_text_update("m1", MANAGER_ZALO, "tiến độ các xã"), group))
            (note,) = await api.wait_for(1, "sendMessage")
        finally:
            await channel.stop()
    assert note["chat_id"] == GROUP_ZALO and note["text"] == PRIVATE_ONLY
    assert api.sent("sendPhoto") == []
