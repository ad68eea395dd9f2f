"""A Telegram webhook under hostile requests: each is refused with a 4xx and nothing handled, a silent client
holds up no one, and the next valid update is still answered (the server alone: test_webhook_server.py)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.telegram_channel import TelegramChannel
from handlers.messages import IncomingMessage
from tests import fake_core
from tests.conftest import NOW
from tests.fake_botapi import FakeTelegram, tg_text_update
from tests.test_telegram_channel import webhook_config

TOKEN = "246810:HOSTILE-token"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
USER = 1001
TWENTY_MB = 20 * 1024 * 1024


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[IncomingMessage]:
    return fake_core.install(monkeypatch)


@pytest.fixture
async def hook(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[tuple[FakeTelegram, int]]:
    """A Telegram channel in webhook mode; the fake API and the local port of its webhook."""
    with FakeTelegram(TOKEN) as api:
        channel = TelegramChannel(webhook_config(api), sessions, lambda: NOW)
        await channel.start()
        assert channel.server is not None
        try:
            yield api, channel.server.port
        finally:
            await channel.stop()


async def _post(port: int, body: bytes, secret: str | None = "s3cret-tg", length: int | None = None) -> int:
    """POST body to the hook (only its first MB when it is longer, as a client cut off would); the status."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = "POST /tg/hook HTTP/1.1\r\nHost: bot\r\n"
    head += f"{SECRET_HEADER}: {secret}\r\n" if secret is not None else ""
    head += f"Content-Length: {len(body) if length is None else length}\r\n\r\n"
    writer.write(head.encode() + body[: 1024 * 1024])
    try:
        answer = await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()
    return int(answer.split(b" ", 2)[1])


async def test_hostile_requests_get_4xx_handle_nothing_and_the_next_update_is_answered(
    hook: tuple[FakeTelegram, int], seen: list[IncomingMessage]
) -> None:
    api, port = hook
    update = json.dumps(tg_text_update(5, USER, "xin chào"), ensure_ascii=False).encode()
    hostile = {
        "no secret": await _post(port, update, secret=None),
        "wrong secret": await _post(port, update, secret="s3cret-tG"),
        "cut-off JSON": await _post(port, update[:-7]),
        "a list": await _post(port, b"[" + update + b"]"),
        "20 MB": await _post(port, b"{" + b" " * (TWENTY_MB - 2) + b"}"),
        "20 MB claimed": await _post(port, update, length=TWENTY_MB),
    }
    assert hostile == {
        "no secret": 403,
        "wrong secret": 403,
        "cut-off JSON": 400,
        "a list": 400,
        "20 MB": 413,
        "20 MB claimed": 413,
    }
    assert seen == [] and api.sent("sendMessage") == []
    assert await _post(port, update) == 200
    (reply,) = await api.wait_for(1, "sendMessage")
    assert reply["text"] == "Đã nhận: xin chào" and [m.text for m in seen] == ["xin chào"]


async def test_a_silent_client_does_not_delay_the_others(
    hook: tuple[FakeTelegram, int], seen: list[IncomingMessage]
) -> None:
    api, port = hook
    silent = []
    for _ in range(5):  # five clients that open a request and never finish it
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST /tg/hook HTTP/1.1\r\nContent-Length: 100\r\n")
        silent.append(writer)
    started = time.monotonic()
    update = json.dumps(tg_text_update(6, USER, "tiến độ"), ensure_ascii=False).encode()
    assert await _post(port, update) == 200
    await api.wait_for(1, "sendMessage")
    assert time.monotonic() - started < 5  # the silent ones have 10 s before they are dropped
    for writer in silent:
        writer.close()
    assert [m.text for m in seen] == ["tiến độ"]
