"""Replies in the outbox as users see them: files survive a crash, parts are never sent twice, in order."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import answer, deliver
from bot.chunks import TELEGRAM_LIMIT, ZALO_LIMIT, split_text
from bot.config import TelegramConfig
from bot.sender import OutboxSender
from bot.telegram_channel import TelegramSender, build_application
from bot.zalo_channel import ZaloSender
from bot.zalo_client import ZaloClient
from handlers.messages import IncomingMessage
from storage.outbox.queue import MAX_ATTEMPTS, OutboxMessage
from tests import fake_core
from tests.conftest import NOW
from tests.fake_botapi import FakeTelegram, FakeZalo

TOKEN = "123456:PARTS-token"
USER = 1001
ZALO_USER = "7e2a"
SENDS = ("sendMessage", "sendPhoto", "sendDocument")
LATER = NOW + timedelta(minutes=3)  # past the adapter's grace period: the outbox sender's turn


class Flaky:
    """Mixin for the fake APIs: the send calls numbered in `failing` answer 500; `delivered` keeps the others."""

    failing: set[int]
    attempts: int
    delivered: list[tuple[str, dict[str, Any]]]

    def flaky(self, method: str, params: dict[str, Any], passed: tuple[int, dict[str, Any]]) -> tuple[int, Any]:
        if method not in SENDS:
            return passed
        self.attempts += 1
        if self.attempts in self.failing:
            return 500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}
        self.delivered.append((method, params))
        return passed


class FlakyTelegram(Flaky, FakeTelegram):
    def __init__(self, token: str, failing: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        super().__init__(token)
        self.failing, self.attempts, self.delivered = set(failing), 0, []

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return self.flaky(method, params, super().answer(method, params))


class FlakyZalo(Flaky, FakeZalo):
    def __init__(self, token: str, failing: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        super().__init__(token)
        self.failing, self.attempts, self.delivered = set(failing), 0, []

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return self.flaky(method, params, super().answer(method, params))


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[IncomingMessage]:
    """The fake core, recording what it was asked."""
    return fake_core.install(monkeypatch)


@asynccontextmanager
async def telegram_sender(api: FakeTelegram) -> AsyncIterator[TelegramSender]:
    """The real python-telegram-bot client against the fake API, as the channel's sender."""
    app = build_application(TelegramConfig(token=TOKEN, base_url=api.base_url))
    await app.initialize()
    try:
        yield TelegramSender(app.bot)
    finally:
        await app.shutdown()


async def drain(outbox: OutboxSender) -> int:
    """Run the outbox sender until a pass does nothing; the number of sends it tried."""
    tried = 0
    while True:
        result = await outbox.drain_once()
        if not (result.sent or result.retried or result.failed):
            return tried
        tried += result.sent + result.retried + result.failed


async def outbox_rows(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    async with sessions() as session:
        return list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


def message(text: str, channel: str = "tg", user: str = str(USER)) -> IncomingMessage:
    return IncomingMessage(channel=channel, user_id=user, text=text, now=NOW)


async def test_a_crash_between_commit_and_send_loses_no_file_and_sends_each_once(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    with FakeTelegram(TOKEN) as api:
        assert await answer(sessions, message("biểu đồ"), "u1") is not None  # committed; the process dies here
        async with telegram_sender(api) as sender:
            outbox = OutboxSender(sessions, {"tg": sender}, clock=lambda: NOW + timedelta(seconds=30))
            assert await drain(outbox) == 0  # within the grace period the adapter may still be sending
            outbox.clock = lambda: LATER  # the restarted process
            assert await drain(outbox) == 3
            assert await answer(sessions, message("biểu đồ"), "u1") is None  # the platform redelivers: ignored
            outbox.clock = lambda: LATER + timedelta(days=1)
            assert await drain(outbox) == 0
        assert [method for method, _ in api.calls if method in SENDS] == list(SENDS)  # text, chart, sheet
        assert [m["text"] for m in api.sent("sendMessage")] == ["Tiến độ các xã:"]
        (photo,) = api.sent("sendPhoto")
        (sheet,) = api.sent("sendDocument")
    assert photo["photo"] == fake_core.PNG and sheet["document"] == b"PK\x03\x04xlsx"
    assert [(r.status, r.attempts) for r in await outbox_rows(sessions)] == [("sent", 1)] * 3


async def test_a_menu_retried_after_a_crash_keeps_its_buttons(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    with FakeTelegram(TOKEN) as api:
        await answer(sessions, message("menu"), "u1")
        async with telegram_sender(api) as sender:
            assert await drain(OutboxSender(sessions, {"tg": sender}, clock=lambda: LATER)) == 1
        (menu,) = api.sent("sendMessage")
    assert menu["text"] == "Bạn hỏi xã nào?"
    buttons = json.loads(menu["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in buttons] == ["Xã Xuân Bái", "Xã Thọ Lập"]


async def test_when_part_two_fails_only_part_two_and_the_rest_are_sent_again(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    expected = split_text(fake_core.canned_reply("dài").text, TELEGRAM_LIMIT)
    assert len(expected) >= 3
    with FlakyTelegram(TOKEN, failing={2}) as api:
        async with telegram_sender(api) as sender:
            answered = await answer(sessions, message("dài"), "u1")
            assert answered is not None
            await deliver(sessions, sender, str(USER), answered, lambda: NOW)
            assert [p["text"] for _, p in api.delivered] == expected[:1]  # the rest waits behind part 2
            rows = await outbox_rows(sessions)
            assert [(r.status, r.attempts) for r in rows[:2]] == [("sent", 1), ("pending", 1)]
            outbox = OutboxSender(sessions, {"tg": sender}, clock=lambda: NOW + timedelta(seconds=10))
            assert await drain(outbox) == 0  # part 2 backs off 30 s, and nothing may overtake it
            outbox.clock = lambda: NOW + timedelta(seconds=31)
            assert await drain(outbox) == len(expected) - 1
    assert [p["text"] for _, p in api.delivered] == expected  # each part once, in order: part 1 not again
    assert [r.attempts for r in await outbox_rows(sessions)] == [1, 2] + [1] * (len(expected) - 2)


async def test_zalo_parts_resume_after_a_crash_and_a_failed_part(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    expected = split_text(fake_core.canned_reply("dài").text, ZALO_LIMIT)
    with FlakyZalo("77:zalo", failing={2}) as api:
        client = ZaloClient("77:zalo", api.base_url)
        await answer(sessions, message("dài", "zalo", ZALO_USER), "m1")  # committed, then the crash
        outbox = OutboxSender(sessions, {"zalo": ZaloSender(client)}, clock=lambda: LATER, rates={"zalo": 1000})
        await drain(outbox)
        assert [p["text"] for _, p in api.delivered] == expected[:1]
        outbox.clock = lambda: LATER + timedelta(seconds=31)
        await drain(outbox)
        await client.aclose()
    assert [p["text"] for _, p in api.delivered] == expected and all(len(t) <= ZALO_LIMIT for t in expected)
    assert {p["chat_id"] for _, p in api.delivered} == {ZALO_USER}


async def test_a_file_that_keeps_failing_is_retried_from_the_database_then_marked_failed(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    with FlakyTelegram(TOKEN, failing=set(range(3, 30))) as api:  # text and chart go, the sheet never
        async with telegram_sender(api) as sender:
            answered = await answer(sessions, message("biểu đồ"), "u1")
            assert answered is not None
            await deliver(sessions, sender, str(USER), answered, lambda: NOW)
            outbox = OutboxSender(sessions, {"tg": sender}, clock=lambda: NOW)
            for minutes in (1, 2, 4, 8, 16):
                outbox.clock = lambda minutes=minutes: NOW + timedelta(minutes=minutes, seconds=1)
                await drain(outbox)
        sheets = api.sent("sendDocument")
    assert len(sheets) == MAX_ATTEMPTS and {s["document"] for s in sheets} == {b"PK\x03\x04xlsx"}
    rows = await outbox_rows(sessions)
    assert [(r.kind, r.status) for r in rows] == [("reply", "sent"), ("attachment", "sent"), ("attachment", "failed")]
    assert rows[2].attempts == MAX_ATTEMPTS and "Internal Server Error" in (rows[2].last_error or "")
    assert [m for m, _ in api.delivered] == ["sendMessage", "sendPhoto"]


async def test_a_blocked_user_leaves_every_part_failed_not_pending(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    with FakeTelegram(TOKEN) as api:
        async with telegram_sender(api) as sender:
            answered = await answer(sessions, message("biểu đồ", user="666"), "u1")
            assert answered is not None
            await deliver(sessions, sender, "666", answered, lambda: NOW)
            await drain(OutboxSender(sessions, {"tg": sender}, clock=lambda: NOW))
    rows = await outbox_rows(sessions)
    assert [(r.status, r.attempts) for r in rows] == [("failed", 1)] * 3
    assert all("blocked" in (r.last_error or "") for r in rows)


async def test_a_reply_in_a_group_is_retried_in_the_group_not_in_private(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    group = "-1001234567"
    expected = split_text(fake_core.canned_reply("dài").text, TELEGRAM_LIMIT)
    with FlakyTelegram(TOKEN, failing={2}) as api:
        async with telegram_sender(api) as sender:
            answered = await answer(sessions, message("dài"), "u1", group)
            assert answered is not None
            await deliver(sessions, sender, group, answered, lambda: NOW)
            outbox = OutboxSender(sessions, {"tg": sender}, clock=lambda: NOW + timedelta(seconds=31))
            assert await drain(outbox) == len(expected) - 1
    assert [p["text"] for _, p in api.delivered] == expected
    assert {str(p["chat_id"]) for _, p in api.delivered} == {group}
    assert {(r.recipient, r.chat) for r in await outbox_rows(sessions)} == {(f"tg:{USER}", group)}


async def test_a_private_reply_keeps_no_chat_of_its_own(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    await answer(sessions, message("menu"), "u1", str(USER))
    (row,) = await outbox_rows(sessions)
    assert row.chat is None and row.chat_id == str(USER)
