"""SIGKILL a real `kehoach run` in the middle of a burst of Telegram reports, restart it: none lost, none twice.

Before the inbox, python-telegram-bot confirmed a polled batch (and the webhook answered 200) before
the reports in it were handled, so a kill lost every report received but not yet answered. Here
the fake Telegram stops answering sends after the first replies: the bot is stuck with most of the
burst received and unanswered, and is killed right then. After the restart every report must be
stored once and answered once (a send cut off by the kill was never answered, so it counts as not
delivered, as a connection that died before reaching Telegram).
"""

from __future__ import annotations

import asyncio
import inspect
import os
import re
import signal
import socket
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from storage.db import open_database
from storage.inbox.received import DONE, InboxUpdate
from storage.outbox.queue import OutboxMessage
from tests.crash_support import NOW, SAVED, saved_reports, seed_users, start_run
from tests.fake_botapi import FakeTelegram, tg_text_update

TOKEN = "4244:CRASH-updates-token"
SECRET = "s3cret-crash"
USERS = 20
REPORTS_EACH = 6  # 120 reports, values 1..6 per user in the order sent
ANSWERED_BEFORE_KILL = 40
AT = datetime.fromisoformat(NOW)
FIGURE = re.compile(r"lũy kế đến [\d/]+: (\d+) hộ")


class StallingTelegram(FakeTelegram):
    """Delivers the first `allowed` sendMessage calls; later ones hang unanswered (never delivered) until released."""

    def __init__(self, token: str, allowed: int | None) -> None:
        super().__init__(token)
        self.allowed = allowed
        self.delivered: list[dict[str, Any]] = []
        self.release = threading.Event()

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "sendMessage":
            with self.cond:
                stall = self.allowed is not None and len(self.delivered) >= self.allowed
                if not stall:
                    self.delivered.append(params)
            if stall:
                self.release.wait(timeout=120)
                return 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        return super().answer(method, params)

    def replies(self) -> Counter[tuple[int, int]]:
        """(chat, reported figure) of every delivered 'report saved' reply, counted."""
        with self.cond:
            texts = [(int(p["chat_id"]), p["text"]) for p in self.delivered]
        return Counter((chat, int(m.group(1))) for chat, text in texts if SAVED in text and (m := FIGURE.search(text)))


def _updates(users: list[str]) -> list[dict[str, Any]]:
    """The burst: each user reports 1, 2, ... households in turn, interleaved across users."""
    chats = [int(identity.partition(":")[2]) for identity in users]
    return [
        tg_text_update(1 + n, chat, f"Báo cáo: xã đã giảm được {value} hộ nghèo")
        for n, (value, chat) in enumerate((v, c) for v in range(1, REPORTS_EACH + 1) for c in chats)
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _start(db_url: str, folder: Path, api: FakeTelegram, now: datetime, port: int | None) -> Any:
    """`kehoach run` with Telegram alone, polling (port None) or behind a webhook on port."""
    section = f'[telegram]\ntoken = "{TOKEN}"\nbase_url = "{api.base_url}"\n'
    if port is not None:
        section += f'mode = "webhook"\nwebhook_url = "https://bot.example.vn/tg/hook"\nsecret_token = "{SECRET}"\n'
        section += f"port = {port}\n"
    config = folder / "kehoach.toml"
    config.write_text(section, encoding="utf-8")
    return await start_run(db_url, config, now)


async def _became(done: Callable[[], bool | Awaitable[bool]], timeout: float = 90) -> bool:
    """Whether done() (a check, or a database query) became true within timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = done()
        if await result if inspect.isawaitable(result) else result:
            return True
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.1)


async def _until(done: Callable[[], bool | Awaitable[bool]], timeout: float = 90) -> None:
    assert await _became(done, timeout), "timed out"


async def _count(db_url: str, query: Any) -> int:
    async with open_database(db_url) as factory, factory() as session:
        return int(await session.scalar(query) or 0)


async def _all_delivered_marked_sent(db_url: str, api: StallingTelegram) -> bool:
    """Whether the bot has recorded every delivered reply as sent (so the kill cannot make it send one again)."""
    query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "sent")
    return await _count(db_url, query) == len(api.delivered)


async def _handled(db_url: str) -> list[str]:
    async with open_database(db_url) as factory, factory() as session:
        return list((await session.execute(select(InboxUpdate.status))).scalars())


async def _kill(process: Any) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    await process.wait()


async def _restart_and_finish(
    db_url: str, folder: Path, first: StallingTelegram, port: int | None, replay: list[dict[str, Any]] | None = None
) -> StallingTelegram:
    """Run again five minutes later (leases and send grace over) until every report is answered; stop cleanly.

    replay: updates posted to the webhook again, as Telegram does when it missed the 200 (they are ignored).
    """
    with StallingTelegram(TOKEN, allowed=None) as api:
        process = await _start(db_url, folder, api, AT + timedelta(minutes=5), port)
        try:
            if replay:
                await api.wait_for(1, "setWebhook", timeout=60)
                async with httpx.AsyncClient(timeout=30) as client:
                    assert len(await _post_in_order(client, f"http://127.0.0.1:{port}/tg/hook", replay)) == len(replay)
            answered_before = set(first.replies())
            await _became(lambda: len(answered_before | set(api.replies())) >= USERS * REPORTS_EACH, 60)
            await asyncio.sleep(1.0)  # anything answered twice would go now
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 60)
    return api


async def _check(db_url: str, users: list[str], first: StallingTelegram, second: StallingTelegram) -> None:
    expected = {(int(who.partition(":")[2]), value) for who in users for value in range(1, REPORTS_EACH + 1)}
    answered = first.replies() + second.replies()
    assert set(answered) == expected, f"never answered: {sorted(expected - set(answered))[:5]}"
    assert [key for key, n in answered.items() if n > 1] == [], "a report was answered twice"
    saved = await saved_reports(db_url)
    assert set(saved) == {(f"tg:{chat}", float(value)) for chat, value in expected}
    assert set(saved.values()) == {1}, "a report was stored twice"
    assert set(await _handled(db_url)) == {DONE} and len(await _handled(db_url)) == len(expected)


async def test_kill_while_polling_a_burst_then_restart_answers_every_report_once(db_url: str, tmp_path: Path) -> None:
    users = await seed_users(db_url, USERS)
    with StallingTelegram(TOKEN, allowed=ANSWERED_BEFORE_KILL) as api:
        process = await _start(db_url, tmp_path, api, AT, None)
        for update in _updates(users):
            api.push(update)
        await _until(lambda: len(api.delivered) == ANSWERED_BEFORE_KILL)
        await _until(lambda: _all_delivered_marked_sent(db_url, api))
        confirmed = USERS * REPORTS_EACH - len(api.unconfirmed())
        await _kill(process)
        api.release.set()
    assert confirmed > ANSWERED_BEFORE_KILL, "Telegram had not been told of more reports than were answered"
    second = await _restart_and_finish(db_url, tmp_path, api, None)
    await _check(db_url, users, api, second)


async def _post_in_order(client: httpx.AsyncClient, url: str, updates: list[dict[str, Any]]) -> list[int]:
    """Post one chat's updates one after another, as Telegram does; the ids answered 200."""
    acknowledged = []
    for update in updates:
        response = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        if response.status_code != 200:
            break  # Telegram would send this one again, before the chat's later ones
        acknowledged.append(update["update_id"])
    return acknowledged


async def test_kill_behind_a_webhook_during_a_burst_then_restart_answers_every_report_once(
    db_url: str, tmp_path: Path
) -> None:
    users = await seed_users(db_url, USERS)
    updates = _updates(users)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/tg/hook"
    with StallingTelegram(TOKEN, allowed=ANSWERED_BEFORE_KILL) as api:
        process = await _start(db_url, tmp_path, api, AT, port)
        await api.wait_for(1, "setWebhook", timeout=60)
        by_chat = [
            [u for u in updates if u["message"]["chat"]["id"] == chat]
            for chat in {u["message"]["chat"]["id"] for u in updates}
        ]
        async with httpx.AsyncClient(timeout=30) as client:
            acked = [
                n for chat in await asyncio.gather(*(_post_in_order(client, url, u) for u in by_chat)) for n in chat
            ]
        await _until(lambda: len(api.delivered) == ANSWERED_BEFORE_KILL)
        await _until(lambda: _all_delivered_marked_sent(db_url, api))
        await _kill(process)
        api.release.set()
    assert len(acked) == len(updates), "every report was acknowledged with a 200 before the kill"
    second = await _restart_and_finish(db_url, tmp_path, api, port, replay=updates[:5])
    await _check(db_url, users, api, second)
