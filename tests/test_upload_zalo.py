"""Zalo brings bots no files: how to give the bot a plan is told per channel, and a file event gets a plain reply."""

from __future__ import annotations

import pytest

from bot.config import ZaloConfig
from bot.zalo_channel import ZaloChannel
from handlers.flows.upload_help import ON_TELEGRAM, ON_ZALO, asks_how_to_send
from tests.conftest import NOW
from tests.fake_botapi import FakeZalo, zalo_text_update
from tests.upload_support import MANAGER, Sessions, seed, send

TOKEN = "8899:zalo-UPLOAD-token"
USER = "9a8b7c6d5e"


@pytest.mark.parametrize(
    "text",
    [
        "Gửi kế hoạch cho bot thế nào?",
        "cach tai ke hoach len bot",
        "muốn nhập file kế hoạch thì làm sao",
        "up ke hoach o dau",
    ],
)
def test_questions_about_sending_a_plan_are_recognised(text: str) -> None:
    assert asks_how_to_send(text)


@pytest.mark.parametrize(
    "text", ["kế hoạch giảm nghèo có chỉ tiêu gì", "hạn gửi báo cáo kế hoạch 6 tháng", "gửi báo cáo"]
)
def test_other_questions_are_not(text: str) -> None:
    assert not asks_how_to_send(text)


async def test_on_zalo_the_telegram_route_is_given_and_a_file_event_is_answered_plainly(sessions: Sessions) -> None:
    await seed(sessions)
    with FakeZalo(TOKEN) as api:
        channel = ZaloChannel(ZaloConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            api.push(zalo_text_update("m1", USER, "cách gửi kế hoạch cho bot"))
            await api.wait_for(1, "sendMessage")
            sent_file = zalo_text_update("m2", USER, "")
            sent_file["event_name"] = "message.file.received"
            api.push(sent_file)
            texts = [m["text"] for m in await api.wait_for(2, "sendMessage")]
        finally:
            await channel.stop()
    assert texts == [ON_ZALO, ON_ZALO]
    assert "Telegram" in ON_ZALO and "kehoach import" in ON_ZALO


async def test_on_telegram_the_file_route_is_described(sessions: Sessions) -> None:
    await seed(sessions)
    assert (await send(sessions, MANAGER, None, "gửi kế hoạch cho bot như thế nào")).text == ON_TELEGRAM
