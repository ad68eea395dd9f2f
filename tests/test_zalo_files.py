"""Files on Zalo, which sends only text and photos by URL: links in webhook mode, a clear notice otherwise."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import unquote

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import ZaloConfig
from bot.sender import OutboxSender
from bot.zalo_channel import LINK_DAYS, ZaloChannel
from handlers.messages import IncomingMessage
from tests import fake_core
from tests.conftest import NOW
from tests.fake_botapi import FakeZalo, zalo_text_update

TOKEN = "8899:zalo-FILES-token"
USER = "6d1f0a9c2b"
PUBLIC = "https://bot.example.vn/zalo/hook"
HEADERS = {"X-Bot-Api-Secret-Token": "s3cret-zalo"}
SHEET = b"PK\x03\x04xlsx"


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[IncomingMessage]:
    """The fake core, recording what it was asked."""
    return fake_core.install(monkeypatch)


def webhook_config(base_url: str) -> ZaloConfig:
    return ZaloConfig(
        token=TOKEN, base_url=base_url, mode="webhook", webhook_url=PUBLIC, secret_token="s3cret-zalo", port=0
    )


@pytest.fixture
async def api() -> AsyncIterator[FakeZalo]:
    with FakeZalo(TOKEN) as fake:
        yield fake


async def started(api: FakeZalo, sessions: async_sessionmaker[AsyncSession], days: float = 0) -> ZaloChannel:
    """A Zalo channel in webhook mode whose clock reads NOW plus days."""
    channel = ZaloChannel(webhook_config(api.base_url), sessions, lambda: NOW + timedelta(days=days))
    await channel.start()
    return channel


def local(channel: ZaloChannel, url: str) -> str:
    """The public URL of a file, on the channel's local webhook server."""
    assert channel.server is not None
    return url.replace("https://bot.example.vn", f"http://127.0.0.1:{channel.server.port}")


async def test_in_webhook_mode_the_sheet_goes_as_a_download_link_that_outlives_a_restart(
    api: FakeZalo, sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    channel = await started(api, sessions)
    async with httpx.AsyncClient() as client:
        await client.post(local(channel, PUBLIC), json=zalo_text_update("m1", USER, "biểu đồ"), headers=HEADERS)
        texts = [m["text"] for m in await api.wait_for(2, "sendMessage")]
        assert texts[0] == "Tiến độ các xã:" and 'Tải tệp "tien-do.xlsx" tại: https://' in texts[1]
        assert f"{LINK_DAYS} ngày" in texts[1] and len(api.sent("sendPhoto")) == 1
        (link,) = re.findall(r"https://\S+", texts[1])
        assert link.startswith(f"{PUBLIC}/files/") and link.endswith(".xlsx")
        await channel.stop()
        channel = await started(api, sessions, days=1)  # another process, a day later
        download = await client.get(local(channel, link))
        await channel.stop()
        channel = await started(api, sessions, days=LINK_DAYS + 1)
        expired = await client.get(local(channel, link))
        guessed = await client.get(local(channel, f"{PUBLIC}/files/tien-do.xlsx"))
        await channel.stop()
    assert download.status_code == 200 and download.content == SHEET
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert unquote(download.headers["content-disposition"]) == "attachment; filename*=UTF-8''tien-do.xlsx"
    assert (expired.status_code, guessed.status_code) == (404, 404)


async def test_a_chart_retried_after_a_crash_is_fetched_from_the_database(
    api: FakeZalo, sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    from bot.channels import answer

    incoming = IncomingMessage(channel="zalo", user_id=USER, text="biểu đồ", now=NOW)
    assert await answer(sessions, incoming, "m1") is not None  # committed; the process dies before sending
    channel = await started(api, sessions)  # the restart
    outbox = OutboxSender(sessions, {"zalo": channel.sender}, clock=lambda: NOW + timedelta(minutes=3))
    for _ in range(4):
        await outbox.drain_once()
    (photo,) = api.sent("sendPhoto")
    async with httpx.AsyncClient() as client:
        served = await client.get(local(channel, photo["photo"]))
    await channel.stop()
    assert served.status_code == 200 and served.content == fake_core.PNG
    assert served.headers["content-type"] == "image/png"
    assert [m["text"][:16] for m in api.sent("sendMessage")] == ["Tiến độ các xã:", 'Tải tệp "tien-do']


async def test_in_polling_mode_zalo_users_are_told_how_to_get_the_files(
    api: FakeZalo, sessions: async_sessionmaker[AsyncSession], seen: list[IncomingMessage]
) -> None:
    channel = ZaloChannel(ZaloConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: NOW)
    await channel.start()
    try:
        api.push(zalo_text_update("m1", USER, "biểu đồ"))
        texts = [m["text"] for m in await api.wait_for(3, "sendMessage")]
    finally:
        await channel.stop()
    assert texts[0] == "Tiến độ các xã:" and api.sent("sendPhoto") == []
    assert 'ảnh biểu đồ "tien-do.png"' in texts[1] and "Telegram" in texts[1]
    assert 'tệp "tien-do.xlsx"' in texts[2] and "kehoach export --unit" in texts[2]
    assert "--xlsx tien-do.xlsx" in texts[2] and "quản trị viên" in texts[2]
