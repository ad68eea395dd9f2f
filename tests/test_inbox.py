"""The inbox: updates stored before they are acknowledged, then handled once each, per chat in order."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import answer
from bot.receiving import Inbox
from handlers.messages import IncomingMessage
from storage.inbox.processed import ProcessedUpdate, claim_update
from storage.inbox.received import DONE, FAILED, LEASE, MAX_ATTEMPTS, InboxUpdate, Received, finish, take_heads
from tests import fake_core
from tests.conftest import NOW


def update(number: int, chat: str = "a") -> Received:
    """An update of one chat; its payload names both."""
    return Received(str(number), chat, {"n": number, "chat": chat})


class Recorder:
    """A handler that records the payloads it was given."""

    def __init__(self) -> None:
        self.handled: list[dict[str, Any]] = []

    async def __call__(self, payload: dict[str, Any]) -> None:
        self.handled.append(payload)


async def rows(sessions: async_sessionmaker[AsyncSession]) -> list[InboxUpdate]:
    async with sessions() as session:
        return list((await session.execute(select(InboxUpdate).order_by(InboxUpdate.id))).scalars())


async def take(sessions: async_sessionmaker[AsyncSession], at: datetime, limit: int = 10) -> list[str]:
    """Lease what a worker may take at `at`; the update ids taken."""
    async with sessions() as session:
        taken = [row.update_id for row in await take_heads(session, "tg", at, limit)]
        await session.commit()
    return taken


async def test_a_stored_update_is_handled_once_and_a_replay_is_ignored(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    recorder = Recorder()
    inbox = Inbox(sessions, "tg", recorder, lambda: NOW)
    assert await inbox.store([update(1)]) == 1
    assert await inbox.handle_some() == 1
    assert await inbox.handle_some() == 0
    assert await inbox.store([update(1)]) == 0  # the platform sent it again (no confirmation reached it)
    assert await inbox.handle_some() == 0
    assert recorder.handled == [{"n": 1, "chat": "a"}]
    (row,) = await rows(sessions)
    assert (row.status, row.attempts, row.finished_at is not None) == (DONE, 1, True)


async def test_the_worker_handles_what_a_previous_run_left_then_what_arrives(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    recorder = Recorder()
    await Inbox(sessions, "tg", recorder, lambda: NOW).store([update(1), update(2, "b")])  # stored, never handled
    inbox = Inbox(sessions, "tg", recorder, lambda: NOW)
    inbox.start()
    try:
        await inbox.store([update(3)])
        async with asyncio.timeout(10):
            while len(recorder.handled) < 3:
                await asyncio.sleep(0.01)
    finally:
        await inbox.stop()
    assert sorted(p["n"] for p in recorder.handled) == [1, 2, 3]
    assert {row.status for row in await rows(sessions)} == {DONE}


async def test_one_chat_is_taken_one_update_at_a_time_in_the_order_received(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await Inbox(sessions, "tg", Recorder(), lambda: NOW).store([update(1, "a"), update(2, "a"), update(3, "b")])
    assert await take(sessions, NOW) == ["1", "3"]
    assert await take(sessions, NOW) == []  # 2 waits for 1, which a worker holds
    first = (await rows(sessions))[0]
    async with sessions() as session:
        await finish(session, first.id, NOW)
        await session.commit()
    assert await take(sessions, NOW) == ["2"]


async def test_a_crashed_workers_update_is_taken_again_when_its_lease_runs_out(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await Inbox(sessions, "tg", Recorder(), lambda: NOW).store([update(1)])
    assert await take(sessions, NOW) == ["1"]  # and the worker dies
    assert await take(sessions, NOW + LEASE / 2) == []
    assert await take(sessions, NOW + LEASE + timedelta(seconds=1)) == ["1"]
    assert (await rows(sessions))[0].attempts == 2


async def test_an_update_answered_before_a_crash_is_not_answered_again(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_core.install(monkeypatch)
    replies: list[str] = []

    async def handler(payload: dict[str, Any]) -> None:
        message = IncomingMessage(channel="tg", user_id="7", text=payload["text"], now=NOW)
        answered = await answer(sessions, message, payload["id"])
        if answered is not None:
            replies.append(answered.reply.text)

    await Inbox(sessions, "tg", handler, lambda: NOW).store([Received("41", "7", {"id": "41", "text": "xin chào"})])
    assert await take(sessions, NOW) == ["41"]
    await handler({"id": "41", "text": "xin chào"})  # answered and committed, then killed before the row closed
    later = Inbox(sessions, "tg", handler, lambda: NOW + LEASE * 2)
    assert await later.handle_some() == 1
    assert replies == ["Đã nhận: xin chào"]
    assert [row.status for row in await rows(sessions)] == [DONE]


async def test_a_failing_update_is_closed_as_failed_and_its_chat_moves_on(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    recorder = Recorder()

    async def handler(payload: dict[str, Any]) -> None:
        if payload["n"] == 1:
            raise RuntimeError("bug")
        await recorder(payload)

    inbox = Inbox(sessions, "tg", handler, lambda: NOW)
    await inbox.store([update(1), update(2)])
    assert await inbox.handle_some() == 1
    assert await inbox.handle_some() == 1
    assert [row.status for row in await rows(sessions)] == [FAILED, DONE]
    assert recorder.handled == [{"n": 2, "chat": "a"}]


async def test_an_update_that_keeps_killing_its_worker_is_given_up(sessions: async_sessionmaker[AsyncSession]) -> None:
    recorder = Recorder()
    await Inbox(sessions, "tg", recorder, lambda: NOW).store([update(1)])
    at = NOW
    for _ in range(MAX_ATTEMPTS):
        assert await take(sessions, at) == ["1"]
        at += LEASE + timedelta(seconds=1)
    assert await Inbox(sessions, "tg", recorder, lambda: at).handle_some() == 1
    assert recorder.handled == [] and [row.status for row in await rows(sessions)] == [FAILED]


async def test_several_workers_take_each_update_once_and_keep_each_chats_order(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    chats = [f"c{n}" for n in range(6)]
    handled: list[tuple[str, int]] = []
    busy: set[str] = set()

    async def handler(payload: dict[str, Any]) -> None:
        chat = payload["chat"]
        assert chat not in busy, f"two workers in chat {chat} at once"
        busy.add(chat)
        await asyncio.sleep(0.002)
        handled.append((chat, payload["n"]))
        busy.discard(chat)

    workers = [Inbox(sessions, "tg", handler, lambda: NOW, concurrency=3) for _ in range(3)]
    await workers[0].store([update(n, chats[n % len(chats)]) for n in range(60)])
    async with asyncio.timeout(60):
        while len(handled) < 60:
            await asyncio.gather(*(worker.handle_some() for worker in workers))
    assert sorted(n for _, n in handled) == list(range(60))
    for chat in chats:
        assert [n for c, n in handled if c == chat] == list(range(chats.index(chat), 60, len(chats)))


async def test_updates_handled_long_ago_are_deleted_and_pending_ones_never(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    clock = [NOW]

    async def claiming(payload: dict[str, Any]) -> None:  # as a channel handler does, with the reply's data
        async with sessions() as session:
            assert await claim_update(session, "tg", str(payload["n"]), clock[0])
            await session.commit()

    inbox = Inbox(sessions, "tg", claiming, lambda: clock[0])
    await inbox.store([update(1, "a"), update(2, "b")])
    assert await inbox.handle_some() == 2
    await inbox.store([update(3, "c")])  # stored but never handled (its worker is gone)
    clock[0] = NOW + timedelta(days=6)
    assert await inbox.forget_old() == 0  # still inside the time a platform might send them again
    clock[0] = NOW + timedelta(days=8)
    assert await inbox.forget_old() == 2 + 2  # the two rows and their two claims
    assert [row.update_id for row in await rows(sessions)] == ["3"]
    async with sessions() as session:
        assert (await session.execute(select(ProcessedUpdate))).first() is None


async def test_a_failed_update_is_kept_a_month_for_the_operator(sessions: async_sessionmaker[AsyncSession]) -> None:
    async def broken(payload: dict[str, Any]) -> None:
        raise RuntimeError("bug")

    clock = [NOW]
    inbox = Inbox(sessions, "tg", broken, lambda: clock[0])
    await inbox.store([update(1)])
    await inbox.handle_some()
    clock[0] = NOW + timedelta(days=8)
    await inbox.forget_old()
    assert [row.status for row in await rows(sessions)] == [FAILED]
    clock[0] = NOW + timedelta(days=31)
    await inbox.forget_old()
    assert await rows(sessions) == []
