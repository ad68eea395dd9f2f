"""Updates are in the database before the platform is told they arrived (getUpdates offset, webhook 200)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import TelegramConfig, ZaloConfig
from bot.receiving import Received
from bot.telegram_channel import TelegramChannel
from bot.zalo_channel import ZaloChannel
from handlers.messages import IncomingMessage
from storage.inbox.received import DONE, InboxUpdate
from tests import fake_core
from tests.conftest import NOW
from tests.fake_botapi import FakeTelegram, FakeZalo, tg_text_update, zalo_text_update
from tests.test_telegram_channel import webhook_config

TOKEN = "123456:TEST-updates"
USER = 1001
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-tg"}


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[IncomingMessage]:
    """The fake core, recording what it was asked."""
    return fake_core.install(monkeypatch)


class HeldStore:
    """Wraps a channel's inbox store: each call waits for `release`, and the first `failures` calls fail."""

    def __init__(self, channel: TelegramChannel | ZaloChannel, failures: int = 0) -> None:
        self.store = channel.inbox.store
        self.release = asyncio.Event()
        self.failures = failures
        self.calls = 0
        channel.inbox.store = self  # type: ignore[method-assign]

    async def __call__(self, received: list[Received]) -> int:
        self.calls += 1
        await self.release.wait()
        if self.calls <= self.failures:
            raise ConnectionError("database unavailable")
        return await self.store(received)


async def inbox_rows(sessions: async_sessionmaker[AsyncSession]) -> list[InboxUpdate]:
    async with sessions() as session:
        return list((await session.execute(select(InboxUpdate).order_by(InboxUpdate.id))).scalars())


async def until(done: Any, timeout: float = 10) -> None:
    async with asyncio.timeout(timeout):
        while not done():
            await asyncio.sleep(0.02)


async def test_the_fake_telegram_keeps_updates_until_an_offset_confirms_them() -> None:
    with FakeTelegram(TOKEN) as api:
        for number in (1, 2, 3):
            api.push(tg_text_update(number, USER, f"tin {number}"))
        url = f"{api.base_url}/bot{TOKEN}/getUpdates"
        async with httpx.AsyncClient() as client:
            ids = [
                [u["update_id"] for u in (await client.post(url, json=body)).json()["result"]]
                for body in ({}, {}, {"offset": 3}, {"offset": 4})
            ]
    assert ids == [[1, 2, 3], [1, 2, 3], [3], []]
    assert api.unconfirmed() == []


async def test_a_polled_batch_is_confirmed_only_after_it_is_stored(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    with FakeTelegram(TOKEN) as api:
        channel = TelegramChannel(TelegramConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        held = HeldStore(channel, failures=1)
        await channel.start()
        try:
            api.push(tg_text_update(1, USER, "xin chào"))
            await until(lambda: held.calls == 1)
            await asyncio.sleep(0.3)
            assert api.unconfirmed() == [1]  # fetched, not stored: Telegram still holds it
            held.release.set()  # the first store fails; the same update comes again and is stored
            (sent,) = await api.wait_for(1, "sendMessage")
            await until(lambda: api.unconfirmed() == [])
        finally:
            await channel.stop()
    assert sent["text"] == "Đã nhận: xin chào" and held.calls >= 2
    assert [(row.update_id, row.status) for row in await inbox_rows(sessions)] == [("1", DONE)]


async def test_updates_stored_by_an_earlier_run_are_answered_at_start_in_order(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    with FakeTelegram(TOKEN) as api:
        channel = TelegramChannel(TelegramConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        left = [Received(str(n), str(USER), tg_text_update(n, USER, f"tin {n}")) for n in (7, 8, 9)]
        await channel.inbox.store(left)  # stored and confirmed, then the process died
        await channel.start()
        try:
            sent = await api.wait_for(3, "sendMessage")
        finally:
            await channel.stop()
    assert [m["text"] for m in sent] == ["Đã nhận: tin 7", "Đã nhận: tin 8", "Đã nhận: tin 9"]


@pytest.fixture
async def webhook(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[tuple[FakeTelegram, TelegramChannel]]:
    """A Telegram channel in webhook mode on a free local port."""
    with FakeTelegram(TOKEN) as api:
        config = webhook_config(api)
        channel = TelegramChannel(config, sessions, lambda: NOW)
        await channel.start()
        try:
            yield api, channel
        finally:
            await channel.stop()


async def test_the_webhook_answers_only_after_the_update_is_stored(
    webhook: tuple[FakeTelegram, TelegramChannel], seen: list[IncomingMessage]
) -> None:
    api, channel = webhook
    assert channel.server is not None
    url = f"http://127.0.0.1:{channel.server.port}/tg/hook"
    held = HeldStore(channel, failures=1)
    async with httpx.AsyncClient() as client:
        posting = asyncio.create_task(client.post(url, json=tg_text_update(5, USER, "báo cáo"), headers=HEADERS))
        await until(lambda: held.calls == 1)
        await asyncio.sleep(0.2)
        assert not posting.done()  # no answer while the update is not in the database
        held.release.set()
        assert (await posting).status_code == 500  # the store failed: Telegram sends it again
        again = await client.post(url, json=tg_text_update(5, USER, "báo cáo"), headers=HEADERS)
    assert again.status_code == 200
    (sent,) = await api.wait_for(1, "sendMessage")
    assert sent["text"] == "Đã nhận: báo cáo" and [m.text for m in seen] == ["báo cáo"]


async def test_a_zalo_update_is_held_until_the_database_takes_it(
    sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    with FakeZalo("8899:zalo-updates") as api:
        channel = ZaloChannel(ZaloConfig(token="8899:zalo-updates", base_url=api.base_url), sessions, lambda: NOW)
        held = HeldStore(channel, failures=1)
        await channel.start()
        try:
            api.push(zalo_text_update("m1", "6d1f0a9c2b", "xin chào"))
            await until(lambda: held.calls == 1)
            assert api.updates == []  # Zalo has forgotten it: only the poller holds it now
            held.release.set()  # the first store fails; the poller keeps the update and stores it again
            (sent,) = await api.wait_for(1, "sendMessage")
        finally:
            await channel.stop()
    assert sent["text"] == "Đã nhận: xin chào" and held.calls == 2
    assert [(row.channel, row.update_id, row.status) for row in await inbox_rows(sessions)] == [("zalo", "m1", DONE)]
