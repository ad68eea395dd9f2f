"""The outbox sender: per-channel rate limit, 429 retry_after, backoff then failed, quiet hours, two senders."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sender import OutboxSender, PermanentFailure, RateLimiter, RetryAfter
from storage.outbox.queue import MAX_ATTEMPTS, OutboxMessage, enqueue
from storage.reminders.schedule import to_local
from tests.reminder_data import at


class FakeTime:
    """A wall clock and a monotonic clock that only move when someone sleeps (or the test says so)."""

    def __init__(self, start: datetime) -> None:
        self.start, self.t = start, 0.0

    def wall(self) -> datetime:
        return self.start + timedelta(seconds=self.t)

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += max(seconds, 0.0)
        await asyncio.sleep(0)


class FakeChannel:
    """Records (time, user id, text); fails as the test scripts it."""

    def __init__(self, time: FakeTime, failures: dict[str, list[Exception]] | None = None) -> None:
        self.time, self.failures, self.sent = time, failures or {}, []

    async def __call__(self, user_id: str, text: str) -> None:
        queue = self.failures.get(user_id)
        if queue:
            raise queue.pop(0)
        self.sent.append((self.time.t, user_id, text))


async def queue(sessions: async_sessionmaker[AsyncSession], recipients: list[str], now: datetime, kind: str = "reply"):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        for n, recipient in enumerate(recipients):
            await enqueue(session, recipient, f"tin {n}", now, kind=kind)
        await session.commit()


async def rows(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    async with sessions() as session:
        return list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


def make(sessions, time: FakeTime, senders) -> OutboxSender:  # type: ignore[no-untyped-def]
    return OutboxSender(sessions, senders, clock=time.wall, monotonic=time.monotonic, sleep=time.sleep)


async def test_telegram_is_paced_at_thirty_a_second(sessions) -> None:  # type: ignore[no-untyped-def]
    time = FakeTime(at(17, hour=10))
    await queue(sessions, [f"tg:{n}" for n in range(90)], time.wall())
    channel = FakeChannel(time)
    result = await make(sessions, time, {"tg": channel}).drain_once()
    assert result.sent == 90 and len({user for _, user, _ in channel.sent}) == 90
    stamps = [t for t, _, _ in channel.sent]
    assert all(stamps[i + 30] - stamps[i] >= 1.0 - 1e-9 for i in range(len(stamps) - 30))
    assert {r.status for r in await rows(sessions)} == {"sent"}


async def test_rate_limiter_holds_after_429() -> None:
    time = FakeTime(at(17))
    limiter = RateLimiter(30, monotonic=time.monotonic, sleep=time.sleep)
    await limiter.acquire()
    limiter.hold(5)
    await limiter.acquire()
    assert time.t >= 5


async def test_429_retry_after_is_honoured_then_sent(sessions) -> None:  # type: ignore[no-untyped-def]
    time = FakeTime(at(17, hour=10))
    await queue(sessions, ["tg:1", "tg:2"], time.wall())
    channel = FakeChannel(time, {"1": [RetryAfter(7)]})
    sender = make(sessions, time, {"tg": channel})
    first = await sender.drain_once()
    assert (first.sent, first.retried) == (1, 1)
    assert channel.sent[0][1] == "2" and channel.sent[0][0] >= 7  # the whole channel waited retry_after
    row = (await rows(sessions))[0]
    assert (row.status, row.attempts) == ("pending", 1) and "429" in (row.last_error or "")
    retry_at = to_local(row.next_attempt_at) - time.start
    assert retry_at == timedelta(seconds=7)  # the next attempt is retry_after after the 429
    assert (await sender.drain_once()).sent == 1
    assert [r.status for r in await rows(sessions)] == ["sent", "sent"]


async def test_transient_errors_back_off_then_fail(sessions) -> None:  # type: ignore[no-untyped-def]
    time = FakeTime(at(17, hour=10))
    await queue(sessions, ["tg:9"], time.wall())
    channel = FakeChannel(time, {"9": [RuntimeError("network down")] * 10})
    sender = make(sessions, time, {"tg": channel})
    waits = []
    for _ in range(MAX_ATTEMPTS):
        await sender.drain_once()
        row = (await rows(sessions))[0]
        if row.status == "failed":
            break
        wait = (to_local(row.next_attempt_at) - time.wall()).total_seconds()
        waits.append(round(wait))
        await time.sleep(wait + 1)
    assert waits == [30, 60, 120, 240]
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS) and "network down" in row.last_error
    assert channel.sent == []


async def test_permanent_failure_is_marked_failed_at_once(sessions) -> None:  # type: ignore[no-untyped-def]
    time = FakeTime(at(17, hour=10))
    await queue(sessions, ["tg:5"], time.wall())
    await make(sessions, time, {"tg": FakeChannel(time, {"5": [PermanentFailure("bot blocked")]})}).drain_once()
    row = (await rows(sessions))[0]
    assert (row.status, row.attempts, row.last_error) == ("failed", 1, "bot blocked")


async def test_reminders_wait_for_the_morning_replies_do_not(sessions) -> None:  # type: ignore[no-untyped-def]
    time = FakeTime(at(17, hour=22))
    await queue(sessions, ["tg:1"], time.wall(), kind="reminder")
    await queue(sessions, ["tg:2"], time.wall(), kind="reply")
    channel = FakeChannel(time)
    result = await make(sessions, time, {"tg": channel}).drain_once()
    assert (result.sent, result.postponed) == (1, 1) and channel.sent[0][1] == "2"
    reminder = (await rows(sessions))[0]
    assert reminder.status == "pending" and to_local(reminder.next_attempt_at) == at(18, hour=7)


async def test_stale_reminder_is_dropped_not_sent(sessions) -> None:  # type: ignore[no-untyped-def]
    await queue(sessions, ["tg:1"], at(17), kind="reminder")
    time = FakeTime(at(18, hour=9))
    channel = FakeChannel(time)
    result = await make(sessions, time, {"tg": channel}).drain_once()
    assert result.expired == 1 and channel.sent == []
    assert (await rows(sessions))[0].status == "failed"


async def test_channels_without_a_sender_stay_queued(sessions) -> None:  # type: ignore[no-untyped-def]
    time = FakeTime(at(17, hour=10))
    await queue(sessions, ["zalo:1", "tg:1"], time.wall())
    await make(sessions, time, {"tg": FakeChannel(time)}).drain_once()
    assert [(r.recipient, r.status) for r in await rows(sessions)] == [("zalo:1", "pending"), ("tg:1", "sent")]


async def test_two_senders_never_send_the_same_row(sessions) -> None:  # type: ignore[no-untyped-def]
    time = FakeTime(at(17, hour=10))
    await queue(sessions, [f"tg:{n}" for n in range(40)], time.wall())
    channel = FakeChannel(time)
    senders = [make(sessions, time, {"tg": channel}) for _ in range(2)]
    await asyncio.gather(*(s.drain_once() for s in senders))
    assert sorted(user for _, user, _ in channel.sent) == sorted(str(n) for n in range(40))


@pytest.mark.parametrize("channel_name", ["tg", "zalo"])
async def test_background_loop_sends_then_stops(sessions, channel_name: str) -> None:  # type: ignore[no-untyped-def]
    time = FakeTime(at(17, hour=10))
    await queue(sessions, [f"{channel_name}:{n}" for n in range(5)], time.wall())
    channel = FakeChannel(time)
    sender = OutboxSender(sessions, {channel_name: channel}, clock=time.wall, idle_seconds=0.05)
    sender.start()
    for _ in range(200):
        if len(channel.sent) == 5:
            break
        await asyncio.sleep(0.02)
    await sender.stop()
    assert len(channel.sent) == 5
