"""The Zalo channel end to end: our httpx client against a fake Zalo Bot API on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import SORRY
from bot.chunks import ZALO_LIMIT, split_text
from bot.config import ZaloConfig
from bot.zalo_channel import TEXT_ONLY, ZaloChannel
from bot.zalo_client import ZaloClient, ZaloError
from handlers.messages import IncomingMessage
from tests import fake_core
from tests.conftest import NOW
from tests.fake_botapi import FakeZalo, zalo_text_update

TOKEN = "8899:zalo-TEST-token"
USER = "6d1f0a9c2b"
HEADERS = {"X-Bot-Api-Secret-Token": "s3cret-zalo"}


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[IncomingMessage]:
    """The fake core, recording what it was asked."""
    return fake_core.install(monkeypatch)


@pytest.fixture
async def polling(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[FakeZalo]:
    """A Zalo channel long-polling a fake API."""
    with FakeZalo(TOKEN) as api:
        channel = ZaloChannel(ZaloConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            yield api
        finally:
            await channel.stop()


async def test_text_message_is_answered_and_recorded(
    polling: FakeZalo, seen: list[IncomingMessage], sessions: async_sessionmaker[AsyncSession]
) -> None:
    polling.push(zalo_text_update("m1", USER, "chi tieu xa xuan bai"))
    (sent,) = await polling.wait_for(1, "sendMessage")
    assert sent == {"chat_id": USER, "text": "Đã nhận: chi tieu xa xuan bai"}
    assert (seen[0].channel, seen[0].user_id, seen[0].identity) == ("zalo", USER, f"zalo:{USER}")
    (row,) = await fake_core.settled_outbox(sessions)
    assert (row.recipient, row.status, row.attempts) == (f"zalo:{USER}", "sent", 1)


async def test_choices_become_a_numbered_menu_and_a_digit_goes_to_the_core(
    polling: FakeZalo, seen: list[IncomingMessage]
) -> None:
    polling.push(zalo_text_update("m1", USER, "menu"))
    (menu,) = await polling.wait_for(1, "sendMessage")
    assert "1. Xã Xuân Bái\n2. Xã Thọ Lập" in menu["text"] and "Trả lời bằng số" in menu["text"]
    polling.push(zalo_text_update("m2", USER, "2"))
    await polling.wait_for(2, "sendMessage")
    assert seen[-1].text == "2"  # the core resolves it against the menu it stored


async def test_long_reply_is_split_at_2000_characters_on_line_ends(
    polling: FakeZalo, seen: list[IncomingMessage]
) -> None:
    polling.push(zalo_text_update("m1", USER, "dài"))
    expected = fake_core.canned_reply("dài").text
    parts = await polling.wait_for(len(split_text(expected, ZALO_LIMIT)), "sendMessage")
    texts = [p["text"] for p in parts]
    assert len(texts) >= 4 and all(len(t) <= ZALO_LIMIT for t in texts)
    assert "\n".join(texts) == expected


async def test_failure_and_non_text_get_vietnamese_notices(polling: FakeZalo, seen: list[IncomingMessage]) -> None:
    polling.push(zalo_text_update("m1", USER, "lỗi"))
    sticker = zalo_text_update("m2", USER, "")
    sticker["event_name"] = "message.sticker.received"
    polling.push(sticker)
    texts = [m["text"] for m in await polling.wait_for(2, "sendMessage")]
    assert texts == [SORRY, TEXT_ONLY]
    assert all("sqlite" not in t and "secret" not in t for t in texts)


async def test_attachments_are_named_since_zalo_needs_public_urls(
    polling: FakeZalo, seen: list[IncomingMessage]
) -> None:
    polling.push(zalo_text_update("m1", USER, "biểu đồ"))
    texts = [m["text"] for m in await polling.wait_for(3, "sendMessage")]
    assert texts[0] == "Tiến độ các xã:" and "tien-do.png" in texts[1] and "tien-do.xlsx" in texts[2]


@pytest.fixture
async def webhook(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[tuple[FakeZalo, str]]:
    """A Zalo channel in webhook mode; yields the fake API and the local webhook URL."""
    with FakeZalo(TOKEN) as api:
        config = ZaloConfig(
            token=TOKEN,
            base_url=api.base_url,
            mode="webhook",
            webhook_url="https://bot.example.vn/zalo/hook",
            secret_token="s3cret-zalo",
            port=0,
        )
        channel = ZaloChannel(config, sessions, lambda: NOW)
        await channel.start()
        assert channel.server is not None
        try:
            yield api, f"http://127.0.0.1:{channel.server.port}/zalo/hook"
        finally:
            await channel.stop()


async def test_webhook_is_registered_with_its_secret(webhook: tuple[FakeZalo, str]) -> None:
    api, _ = webhook
    assert api.sent("setWebhook") == [{"url": "https://bot.example.vn/zalo/hook", "secret_token": "s3cret-zalo"}]


async def test_webhook_with_a_wrong_secret_is_refused(
    webhook: tuple[FakeZalo, str], seen: list[IncomingMessage]
) -> None:
    api, url = webhook
    update = zalo_text_update("m1", USER, "menu")
    async with httpx.AsyncClient() as client:
        wrong = await client.post(url, json=update, headers={"X-Bot-Api-Secret-Token": "guess"})
        missing = await client.post(url, json=update)
        elsewhere = await client.post(url.replace("/zalo/hook", "/other"), json=update, headers=HEADERS)
    assert (wrong.status_code, missing.status_code, elsewhere.status_code) == (403, 403, 404)
    assert seen == [] and api.sent("sendMessage") == []


async def test_a_duplicate_webhook_update_is_handled_once(
    webhook: tuple[FakeZalo, str], seen: list[IncomingMessage]
) -> None:
    api, url = webhook
    wrapped = {"ok": True, "result": zalo_text_update("m9", USER, "xin chào")}  # the form Zalo posts
    async with httpx.AsyncClient() as client:
        for _ in range(3):
            assert (await client.post(url, json=wrapped, headers=HEADERS)).status_code == 200
        assert (await client.post(url, json=zalo_text_update("m10", USER, "lần hai"), headers=HEADERS)).is_success
    await api.wait_for(2, "sendMessage")
    assert [m.text for m in seen] == ["xin chào", "lần hai"]
    assert [m["text"] for m in api.sent("sendMessage")] == ["Đã nhận: xin chào", "Đã nhận: lần hai"]


async def test_client_reads_empty_polls_and_keeps_the_token_out_of_errors() -> None:
    with FakeZalo(TOKEN) as api:
        client = ZaloClient(TOKEN, api.base_url)
        try:
            assert await client.get_updates(timeout=1) == []
            assert (await client.get_me())["id"] == "zbot"
        finally:
            await client.aclose()
        wrong = ZaloClient("wrong-token", api.base_url)
        with pytest.raises(ZaloError) as refused:
            await wrong.send_message(USER, "x")
        await wrong.aclose()
    assert refused.value.error_code == 401 and "wrong-token" not in str(refused.value)
    dead = ZaloClient(TOKEN, "http://127.0.0.1:9")
    with pytest.raises(ZaloError) as unreachable:
        await dead.get_me()
    await dead.aclose()
    assert TOKEN not in str(unreachable.value)


async def test_in_webhook_mode_a_chart_goes_as_a_photo_by_url(
    webhook: tuple[FakeZalo, str], seen: list[IncomingMessage]
) -> None:
    api, url = webhook
    async with httpx.AsyncClient() as client:
        await client.post(url, json=zalo_text_update("m1", USER, "biểu đồ"), headers=HEADERS)
        await api.wait_for(2, "sendMessage")  # the webhook answers once the update is stored; the reply follows
        (photo,) = api.sent("sendPhoto")
        assert photo["photo"].startswith("https://bot.example.vn/zalo/hook/files/") and photo["chat_id"] == USER
        served = await client.get(url + photo["photo"].removeprefix("https://bot.example.vn/zalo/hook"))
        unknown = await client.get(url + "/files/nothing.png")
    assert served.status_code == 200 and served.content == fake_core.PNG
    assert served.headers["content-type"] == "image/png" and unknown.status_code == 404
    texts = [m["text"] for m in api.sent("sendMessage")]
    assert texts[0] == "Tiến độ các xã:" and "tien-do.xlsx" in texts[1]


async def test_client_through_a_mock_transport_posts_json_and_reads_refusals() -> None:
    calls: list[tuple[str, dict]] = []

    def api(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        calls.append((request.url.path, body))
        if body.get("chat_id") == "blocked":
            refusal = {"ok": False, "error_code": 429, "description": "slow down", "parameters": {"retry_after": 3}}
            return httpx.Response(200, json=refusal)
        return httpx.Response(200, json={"ok": True, "result": {"message_id": "z1"}})

    client = ZaloClient(TOKEN, "https://zalo.test", transport=httpx.MockTransport(api))
    try:
        assert (await client.send_message(USER, "chào")) == {"message_id": "z1"}
        with pytest.raises(ZaloError) as refused:
            await client.send_message("blocked", "x")
    finally:
        await client.aclose()
    assert calls[0] == (f"/bot{TOKEN}/sendMessage", {"chat_id": USER, "text": "chào"})
    assert refused.value.error_code == 429 and refused.value.retry_after == 3
    assert TOKEN not in str(refused.value)
