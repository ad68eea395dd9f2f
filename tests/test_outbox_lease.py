"""Outbox leases: a row held by a live sender (or adapter) is never sent by another; a dead one's row goes once."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import answer, deliver
from bot.delivery import SendFunction
from bot.lease import LeaseTerms
from bot.sender import OutboxSender, RetryAfter
from handlers.messages import Attachment, Choice, IncomingMessage
from storage.outbox.queue import OutboxMessage, enqueue
from tests import fake_core
from tests.conftest import NOW
from tests.test_sender import FakeTime as SenderTime

LEASE = timedelta(seconds=30)  # short, so that a 130-second send would outlive it many times over


class FakeTime(SenderTime):
    """A wall clock that moves when the sender sleeps, or when the test (or a fake platform) moves it.

    `sleep` is the sender's own waiting (the clock jumps); `timer` is the lease heartbeat's: it wakes only
    when `advance` moves the clock past it, and `advance` waits for the heartbeat to go back to sleep.
    """

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self._timers: list[tuple[float, asyncio.Future[None]]] = []
        self._rearmed = asyncio.Event()

    async def timer(self, seconds: float) -> None:
        wake: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._timers.append((self.t + seconds, wake))
        self._rearmed.set()
        await wake

    async def advance(self, seconds: float) -> None:
        """Move the clock, letting each heartbeat due on the way renew its lease first."""
        end = self.t + seconds
        while due := sorted((t for t in self._timers if t[0] <= end and not t[1].done()), key=lambda t: t[0]):
            at, wake = due[0]
            self._timers.remove(due[0])
            self.t = max(self.t, at)
            self._rearmed.clear()
            wake.set_result(None)
            await asyncio.wait_for(self._rearmed.wait(), 10)
        self.t = end

    def terms(self) -> LeaseTerms:
        return LeaseTerms(length=LEASE, sleep=self.timer)


class Recorder:
    """A bare send function that records who got what."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def __call__(self, user_id: str, text: str) -> None:
        self.sent.append((user_id, text))


def sender(sessions: async_sessionmaker[AsyncSession], time: FakeTime, send: SendFunction) -> OutboxSender:
    """An outbox sender on the fake clock with the short lease, sending through send."""
    return OutboxSender(
        sessions, {"tg": send}, clock=time.wall, monotonic=time.monotonic, sleep=time.sleep, lease=time.terms()
    )


async def queue(sessions: async_sessionmaker[AsyncSession], users: Sequence[str]) -> None:
    async with sessions() as session:
        for user in users:
            await enqueue(session, f"tg:{user}", f"tin cho {user}", NOW)
        await session.commit()


async def rows(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    async with sessions() as session:
        return list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


async def test_a_send_waiting_out_two_429s_of_65_seconds_is_never_taken_by_a_second_sender(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    time = FakeTime(NOW)
    await queue(sessions, ["1"])
    other = Recorder()
    second = sender(sessions, time, other)
    taken_meanwhile = []

    async def slow_platform(user_id: str, text: str) -> None:
        """Like a client that sleeps through retry_after 65 twice inside one call: 130 s for one send."""
        for _ in range(26):
            await time.advance(5)
            taken_meanwhile.append((await second.drain_once()).sent)
        other.sent.append(("first", user_id))

    result = await sender(sessions, time, slow_platform).drain_once()
    assert time.t == 130 and result.sent == 1
    assert taken_meanwhile == [0] * 26 and other.sent == [("first", "1")]
    await time.advance(LEASE.total_seconds() * 2)
    assert (await second.drain_once()).sent == 0
    assert [(r.status, r.attempts, r.lease_owner) for r in await rows(sessions)] == [("sent", 1, None)]


async def test_two_429s_of_65_seconds_become_next_attempts_not_sleeps_and_the_row_goes_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    time = FakeTime(NOW)
    await queue(sessions, ["1", "2"])
    sent = Recorder()
    refusals = [RetryAfter(65), RetryAfter(65)]

    async def platform(user_id: str, text: str) -> None:
        if user_id == "1" and refusals:
            raise refusals.pop(0)
        await sent(user_id, text)

    first, second = sender(sessions, time, platform), sender(sessions, time, platform)
    result = await first.drain_once()
    assert (result.retried, result.postponed, time.t) == (1, 1, 0)  # row 2 given back, not slept for
    time.t = 64
    assert (await second.drain_once()).sent == 0 and sent.sent == []
    time.t = 65
    assert (await second.drain_once()).retried == 1 and sent.sent == []
    time.t = 130
    assert (await first.drain_once()).sent == 2
    time.t = 1000
    assert (await second.drain_once()).sent == 0
    assert [user for user, _ in sent.sent] == ["1", "2"]
    assert [(r.status, r.attempts) for r in await rows(sessions)] == [("sent", 3), ("sent", 1)]


async def test_a_dead_senders_row_waits_for_its_lease_to_run_out_then_goes_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    time = FakeTime(NOW)
    await queue(sessions, ["1"])
    started = asyncio.Event()

    async def hangs(user_id: str, text: str) -> None:
        started.set()
        await asyncio.Event().wait()

    dying = asyncio.create_task(sender(sessions, time, hangs).drain_once())
    await started.wait()
    dying.cancel()  # killed mid-send: no mark, no more heartbeats
    with contextlib.suppress(asyncio.CancelledError):
        await dying
    survivor = Recorder()
    second = sender(sessions, time, survivor)
    time.t = LEASE.total_seconds() - 1
    assert (await second.drain_once()).sent == 0
    time.t = LEASE.total_seconds()
    assert (await second.drain_once()).sent == 1
    time.t += 3600
    assert (await second.drain_once()).sent == 0
    assert survivor.sent == [("1", "tin cho 1")]


async def test_a_row_whose_lease_ran_out_unrenewed_is_not_started_but_left_to_another_sender(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    time = FakeTime(NOW)
    await queue(sessions, ["1", "2"])
    first_sent = Recorder()

    async def stalled(user_id: str, text: str) -> None:
        time.t += LEASE.total_seconds() + 10  # the heartbeat never got to renew meanwhile (timers not advanced)
        await first_sent(user_id, text)

    result = await sender(sessions, time, stalled).drain_once()
    assert result.sent == 1 and [user for user, _ in first_sent.sent] == ["1"]
    second_sent = Recorder()
    assert (await sender(sessions, time, second_sent).drain_once()).sent == 1
    assert [user for user, _ in second_sent.sent] == ["2"]


class SlowChannel:
    """A channel sender whose platform makes each message wait 130 s (two 429s waited out inside the call)."""

    channel = "tg"

    def __init__(self, time: FakeTime, meanwhile: Callable[[], Awaitable[None]]) -> None:
        self.time, self.meanwhile = time, meanwhile
        self.sent: list[tuple[str, str]] = []

    async def send_text(self, chat_id: str, text: str, choices: Sequence[Choice] = ()) -> None:
        for _ in range(26):
            await self.time.advance(5)
            await self.meanwhile()
        self.sent.append((chat_id, text))

    async def send_attachment(self, chat_id: str, attachment: Attachment, public_name: str = "") -> None:
        raise AssertionError("no files here")


async def test_the_adapter_holds_its_reply_while_the_platform_makes_it_wait(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_core.install(monkeypatch)
    time = FakeTime(NOW)
    outbox_sent = Recorder()
    outbox = sender(sessions, time, outbox_sent)
    taken: list[int] = []

    async def outbox_pass() -> None:
        taken.append((await outbox.drain_once()).sent)

    channel = SlowChannel(time, outbox_pass)
    message = IncomingMessage(channel="tg", user_id="1001", text="xin chào", now=time.wall())
    answered = await answer(sessions, message, "u1", lease=time.terms())
    assert answered is not None
    await deliver(sessions, channel, "1001", answered, time.wall, lease=time.terms())
    assert channel.sent == [("1001", "Đã nhận: xin chào")] and taken == [0] * 26 and outbox_sent.sent == []
    await time.advance(3600)
    await outbox_pass()
    assert outbox_sent.sent == [] and [r.status for r in await rows(sessions)] == ["sent"]


async def test_a_reply_whose_adapter_died_after_the_commit_is_sent_once_its_lease_ran_out(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_core.install(monkeypatch)
    time = FakeTime(NOW)
    message = IncomingMessage(channel="tg", user_id="1001", text="xin chào", now=time.wall())
    assert await answer(sessions, message, "u1", lease=time.terms()) is not None  # then the process dies
    sent = Recorder()
    outbox = sender(sessions, time, sent)
    time.t = LEASE.total_seconds() - 1
    assert (await outbox.drain_once()).sent == 0
    time.t = LEASE.total_seconds()
    assert (await outbox.drain_once()).sent == 1
    time.t += 3600
    assert (await outbox.drain_once()).sent == 0
    assert sent.sent == [("1001", "Đã nhận: xin chào")]


def locked_commits(sessions: async_sessionmaker[AsyncSession], failures: list[str]) -> async_sessionmaker[AsyncSession]:
    """Sessions whose commits fail as SQLite's do under another writer's lock, once per entry of failures."""

    def make() -> AsyncSession:
        session = sessions()
        commit = session.commit

        async def locked_then_commit() -> None:
            if failures:
                failures.pop()
                raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database is locked"))
            await commit()

        session.commit = locked_then_commit  # type: ignore[method-assign]
        return session

    return make  # type: ignore[return-value]


async def test_a_sent_mark_that_meets_a_locked_database_is_retried_not_lost(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    time = FakeTime(NOW)
    await queue(sessions, ["1"])
    failures: list[str] = []
    sent = Recorder()

    async def platform(user_id: str, text: str) -> None:
        await sent(user_id, text)
        failures.extend(["locked", "locked"])  # the next two commits (the "sent" mark) meet a lock

    result = await sender(locked_commits(sessions, failures), time, platform).drain_once()
    assert result.sent == 1 and failures == []
    time.t += 3600
    assert (await sender(sessions, time, sent).drain_once()).sent == 0
    assert len(sent.sent) == 1 and [(r.status, r.attempts) for r in await rows(sessions)] == [("sent", 1)]
