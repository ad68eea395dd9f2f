"""The Telegram channel end to end: the real python-telegram-bot client against a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import SORRY
from bot.chunks import TELEGRAM_LIMIT, split_text
from bot.config import TelegramConfig
from bot.telegram_channel import COMMANDS, TelegramChannel
from handlers.messages import IncomingMessage
from storage.inbox.processed import ProcessedUpdate
from tests import fake_core
from tests.conftest import NOW
from tests.fake_botapi import FakeTelegram, tg_button_update, tg_text_update

TOKEN = "123456:TEST-token"
USER = 1001


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[IncomingMessage]:
    """The fake core, recording what it was asked."""
    return fake_core.install(monkeypatch)


@pytest.fixture
async def polling(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[FakeTelegram]:
    """A Telegram channel polling a fake Bot API."""
    with FakeTelegram(TOKEN) as api:
        channel = TelegramChannel(TelegramConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            yield api
        finally:
            await channel.stop()


async def test_start_sets_the_vietnamese_command_menu(polling: FakeTelegram) -> None:
    (call,) = await polling.wait_for(1, "setMyCommands")
    commands = json.loads(call["commands"])
    assert [c["command"] for c in commands] == [
        "start",
        "dangky",
        "chitieu",
        "nhiemvu",
        "han",
        "baocao",
        "tiendo",
        "trogiup",
    ]
    assert len(COMMANDS) == 8 and "Chỉ tiêu" in commands[2]["description"]


async def test_text_message_is_answered_and_recorded(
    polling: FakeTelegram, seen: list[IncomingMessage], sessions: async_sessionmaker[AsyncSession]
) -> None:
    polling.push(tg_text_update(1, USER, "chi tieu xa xuan bai"))
    (sent,) = await polling.wait_for(1, "sendMessage")
    assert sent["text"] == "Đã nhận: chi tieu xa xuan bai" and int(sent["chat_id"]) == USER
    assert seen[0].channel == "tg" and seen[0].user_id == str(USER) and seen[0].now == NOW
    (row,) = await fake_core.settled_outbox(sessions)
    assert (row.recipient, row.status, row.attempts) == (f"tg:{USER}", "sent", 1)
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(ProcessedUpdate)) == 1


async def test_choices_become_buttons_and_a_press_is_handled_as_the_value(
    polling: FakeTelegram, seen: list[IncomingMessage]
) -> None:
    polling.push(tg_text_update(1, USER, "menu"))
    (menu,) = await polling.wait_for(1, "sendMessage")
    buttons = json.loads(menu["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in buttons] == ["Xã Xuân Bái", "Xã Thọ Lập"]
    polling.push(tg_button_update(2, USER, buttons[1][0]["callback_data"]))
    (answered,) = await polling.wait_for(1, "answerCallbackQuery")
    assert answered["callback_query_id"] == "cb2"
    replies = await polling.wait_for(2, "sendMessage")
    assert replies[1]["text"] == "Đã nhận: chỉ tiêu xã Thọ Lập"
    assert seen[-1].text == "chỉ tiêu xã Thọ Lập"


async def test_long_reply_is_split_on_line_boundaries(polling: FakeTelegram, seen: list[IncomingMessage]) -> None:
    polling.push(tg_text_update(1, USER, "dài"))
    expected = fake_core.canned_reply("dài").text
    parts = await polling.wait_for(len(split_text(expected, TELEGRAM_LIMIT)), "sendMessage")
    texts = [p["text"] for p in parts]
    assert len(texts) > 1 and all(len(t) <= TELEGRAM_LIMIT for t in texts)
    assert "\n".join(texts) == expected


async def test_png_goes_as_photo_and_other_files_as_documents(
    polling: FakeTelegram, seen: list[IncomingMessage]
) -> None:
    polling.push(tg_text_update(1, USER, "biểu đồ"))
    (photo,) = await polling.wait_for(1, "sendPhoto")
    (document,) = await polling.wait_for(1, "sendDocument")
    assert photo["photo"] == fake_core.PNG
    assert document["document"].startswith(b"PK")


async def test_a_failure_is_told_in_vietnamese_without_internals(
    polling: FakeTelegram, seen: list[IncomingMessage], sessions: async_sessionmaker[AsyncSession]
) -> None:
    polling.push(tg_text_update(1, USER, "lỗi"))
    (sent,) = await polling.wait_for(1, "sendMessage")
    assert sent["text"] == SORRY
    assert "secret" not in sent["text"] and "sqlite" not in sent["text"]
    async with sessions() as session:  # the failed update was rolled back: a retry may answer it
        assert await session.scalar(select(func.count()).select_from(ProcessedUpdate)) == 0


def webhook_config(api: FakeTelegram) -> TelegramConfig:
    """A webhook-mode Telegram configuration against the fake API, on a free local port."""
    return TelegramConfig(
        token=api.token,
        base_url=api.base_url,
        mode="webhook",
        webhook_url="https://bot.example.vn/tg/hook",
        secret_token="s3cret-tg",
        port=0,
    )


@pytest.fixture
async def webhook(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[tuple[FakeTelegram, str]]:
    """A Telegram channel in webhook mode; yields the fake API and the local webhook URL."""
    with FakeTelegram(TOKEN) as api:
        config = webhook_config(api)
        channel = TelegramChannel(config, sessions, lambda: NOW)
        await channel.start()
        assert channel.server is not None
        port = channel.server.port
        try:
            yield api, f"http://127.0.0.1:{port}/tg/hook"
        finally:
            await channel.stop()


async def test_webhook_is_registered_with_its_secret(webhook: tuple[FakeTelegram, str]) -> None:
    api, _ = webhook
    (call,) = await api.wait_for(1, "setWebhook")
    assert call["url"] == "https://bot.example.vn/tg/hook" and call["secret_token"] == "s3cret-tg"


async def test_webhook_with_a_wrong_secret_is_refused(
    webhook: tuple[FakeTelegram, str], seen: list[IncomingMessage]
) -> None:
    api, url = webhook
    update = tg_text_update(7, USER, "menu")
    async with httpx.AsyncClient() as client:
        wrong = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
        missing = await client.post(url, json=update)
        ok = await client.post(url, json={"update_id": 8}, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-tg"})
    assert (wrong.status_code, missing.status_code, ok.status_code) == (403, 403, 200)
    assert seen == [] and api.sent("sendMessage") == []


async def test_a_duplicate_webhook_update_is_handled_once(
    webhook: tuple[FakeTelegram, str], seen: list[IncomingMessage]
) -> None:
    api, url = webhook
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-tg"}
    async with httpx.AsyncClient() as client:
        for _ in range(3):  # Telegram retries when it did not get its 200 in time
            assert (
                await client.post(url, json=tg_text_update(9, USER, "xin chào"), headers=headers)
            ).status_code == 200
        await client.post(url, json=tg_text_update(10, USER, "lần hai"), headers=headers)
    await api.wait_for(2, "sendMessage")
    assert [m.text for m in seen] == ["xin chào", "lần hai"]
    assert [m["text"] for m in api.sent("sendMessage")] == ["Đã nhận: xin chào", "Đã nhận: lần hai"]


async def test_a_user_who_blocked_the_bot_leaves_a_failed_outbox_row(
    polling: FakeTelegram, seen: list[IncomingMessage], sessions: async_sessionmaker[AsyncSession]
) -> None:
    polling.push(tg_text_update(1, 666, "xin chào"))
    await polling.wait_for(1, "sendMessage")
    (row,) = await fake_core.settled_outbox(sessions)
    assert (row.status, row.attempts) == ("failed", 1) and "blocked" in (row.last_error or "")


def test_split_text_keeps_lines_whole_and_cuts_only_overlong_ones() -> None:
    assert split_text("một\nhai\nba", 8) == ["một\nhai", "ba"]
    assert split_text("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]
    assert split_text("x" * 10, 4) == ["xxxx", "xxxx", "xx"]
    assert split_text("ngắn", 4096) == ["ngắn"]
