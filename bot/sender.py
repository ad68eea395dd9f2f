"""Draining the outbox: per-channel rate limits, 429 retry_after, backoff, and finally "failed".

Channel-independent: each channel ("tg", "zalo", "console") plugs in its ChannelSender (text with
buttons, files) or a bare send function `async def send(user_id, text)`; sends raise RetryAfter on
HTTP 429, PermanentFailure when retrying is pointless (blocked bot, unknown chat), anything else for
a transient error. A row is leased (bot.lease: an owner and an expiry, renewed on a heartbeat while
the pass runs) before it is sent, so two senders never take the same row, however long a send takes;
a crash mid-send retries it once the lease runs out. A 429 longer than LONGEST_WAIT is not slept
through: the rows behind it on that channel are given back with their next attempt at its end. A row
that follows another part of the same reply waits until that part is sent or has failed for good.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from bot.delivery import (
    ChannelSender,
    Failure,
    Outgoing,
    PermanentFailure,
    RetryAfter,
    SendFunction,
    as_channel_sender,
    failure_of,
    outgoing_of,
    send_outgoing,
)
from bot.lease import STANDARD, Lease, LeaseTerms, apply_outcome, new_owner
from storage.outbox import lease as outbox_lease
from storage.outbox.parts import FILE_KIND, KEEP_FILES, file_of, purge_files
from storage.outbox.queue import OutboxMessage, lease_free, mark_sent
from storage.reminders.claims import OUTBOX_KIND
from storage.reminders.schedule import ReminderSchedule, to_local
from storage.uploads.announcements import ANNOUNCEMENT_KIND
from storage.uploads.notices import NOTICE_KIND

__all__ = ["DrainResult", "OutboxSender", "PermanentFailure", "RateLimiter", "RetryAfter", "deliver_console"]

log = logging.getLogger(__name__)

DEFAULT_RATES = {"tg": 30.0, "zalo": 10.0, "console": 1000.0}  # messages per second, per channel
LONGEST_WAIT = 30.0  # seconds a channel's 429 is waited out in a pass; a longer one becomes next_attempt_at
PURGE_EVERY = 3600.0  # seconds between sweeps of old files
REMINDER_MAX_AGE = timedelta(hours=20)  # an undelivered reminder older than this is dropped as stale
QUIET_KINDS = {OUTBOX_KIND, NOTICE_KIND, ANNOUNCEMENT_KIND}  # messages nobody asked for wait out the quiet hours


class RateLimiter:
    """A token bucket: at most `rate` sends a second on average, bursts of up to `burst`."""

    def __init__(
        self,
        rate: float,
        burst: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rate, self.burst = rate, burst if burst is not None else 1.0
        self._monotonic, self._sleep = monotonic, sleep
        self._tokens, self._stamp, self._hold_until = self.burst, monotonic(), 0.0

    def held_for(self) -> float:
        """Seconds this channel still has to wait after a 429 (0 when none)."""
        return max(0.0, self._hold_until - self._monotonic())

    def hold(self, seconds: float) -> None:
        """Send nothing on this channel for seconds (after a 429)."""
        self._hold_until = max(self._hold_until, self._monotonic() + seconds)
        self._tokens = 0.0

    async def acquire(self) -> None:
        """Wait until one send is allowed, then take it."""
        while True:
            now = self._monotonic()
            if now < self._hold_until:
                await self._sleep(self._hold_until - now)
                continue
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            if self._tokens >= 1 - 1e-9:  # float dust must not leave us spinning
                self._tokens = max(0.0, self._tokens - 1)
                return
            await self._sleep(max((1 - self._tokens) / self.rate, 1e-6))


@dataclass
class DrainResult:
    """What one pass over the outbox did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    postponed: int = 0
    expired: int = 0


def _in_turn() -> ColumnElement[bool]:
    """A row is in turn when the part before it (if any) is no longer pending."""
    before = aliased(OutboxMessage)
    waiting = exists().where(before.id == OutboxMessage.after_id, before.status == "pending")
    return or_(OutboxMessage.after_id.is_(None), ~waiting)


def _wall_clock() -> datetime:
    return to_local(datetime.now().astimezone())


class OutboxSender:
    """Sends pending outbox rows through the channels' send functions."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        senders: Mapping[str, ChannelSender | SendFunction],
        *,
        schedule: ReminderSchedule | None = None,
        rates: dict[str, float] | None = None,
        clock: Callable[[], datetime] = _wall_clock,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        batch: int = 200,
        idle_seconds: float = 1.0,
        lease: LeaseTerms = STANDARD,
    ) -> None:
        self.sessions, self.schedule = sessions, schedule or ReminderSchedule()
        self.senders = {channel: as_channel_sender(channel, sender) for channel, sender in senders.items()}
        rates = {**DEFAULT_RATES, **(rates or {})}
        self.limiters = {ch: RateLimiter(rates.get(ch, 10.0), monotonic=monotonic, sleep=sleep) for ch in senders}
        self.clock, self.sleep, self.batch, self.idle_seconds = clock, sleep, batch, idle_seconds
        self.terms, self.owner = lease, new_owner("outbox")
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def _lease(self) -> tuple[list[OutboxMessage], Lease]:
        """Lease up to `batch` due rows of the channels we have that no one else holds; the rows, in order."""
        now = to_local(self.clock())
        until = now + self.terms.length
        due = or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now)
        channels = or_(*(OutboxMessage.recipient.like(f"{ch}:%") for ch in self.senders))
        wanted = [OutboxMessage.status == "pending", due, lease_free(now), channels, _in_turn()]
        async with self.sessions() as session:
            query = select(OutboxMessage.id).where(*wanted).order_by(OutboxMessage.id).limit(self.batch)
            ids = list((await session.execute(query)).scalars())
            won = await outbox_lease.take(session, ids, self.owner, now, until) if ids else []
            rows = list((await session.execute(select(OutboxMessage).where(OutboxMessage.id.in_(won)))).scalars())
            await session.commit()
        return sorted(rows, key=lambda r: r.id), Lease(self.sessions, self.owner, self.clock, won, until, self.terms)

    async def drain_once(self) -> DrainResult:
        """Send every row due now, each channel at its own pace, renewing their lease meanwhile; the tally."""
        result = DrainResult()
        rows, lease = await self._lease()
        if not rows:
            return result
        by_channel: dict[str, list[OutboxMessage]] = {}
        for row in rows:
            by_channel.setdefault(row.recipient.partition(":")[0], []).append(row)
        async with lease.kept():
            await asyncio.gather(*(self._send_all(ch, group, lease, result) for ch, group in by_channel.items()))
        return result

    async def _send_all(self, channel: str, rows: list[OutboxMessage], lease: Lease, result: DrainResult) -> None:
        """Send a channel's rows in order; after a long 429 the rest are given back until it ends."""
        limiter = self.limiters[channel]
        for n, row in enumerate(rows):
            if limiter.held_for() > LONGEST_WAIT:  # come back when it ends, rather than wait asleep in a lease
                later = to_local(self.clock()) + timedelta(seconds=limiter.held_for())
                result.postponed += await lease.release([r.id for r in rows[n:]], later)
                return
            await self._send_one(channel, row, lease, result)

    async def _send_one(self, channel: str, row: OutboxMessage, lease: Lease, result: DrainResult) -> None:
        """Send one leased row and record the outcome in its own transaction."""
        now = to_local(self.clock())
        if not lease.holds(row.id) or (row.kind in QUIET_KINDS and await self._held(row, now, lease, result)):
            return
        item = await self._outgoing(row)
        if item is None:
            await self._record(lease, row, Failure("the file of this message is gone", permanent=True), result)
            return
        limiter = self.limiters[channel]
        await limiter.acquire()
        if not lease.holds(row.id):
            return
        failure = None
        try:
            await send_outgoing(self.senders[channel], row.chat_id, item)
        except Exception as exc:  # noqa: BLE001  (recorded: retried with backoff unless permanent)
            failure = failure_of(exc)
            if failure.retry_after is not None:
                limiter.hold(failure.retry_after)
        await self._record(lease, row, failure, result)

    async def _outgoing(self, row: OutboxMessage) -> Outgoing | None:
        """What the row sends (its stored file read here); None when a file row lost its file."""
        if row.kind != FILE_KIND:
            return outgoing_of(row, None)
        async with self.sessions() as session:
            file = await file_of(session, row)
        return outgoing_of(row, file) if file is not None else None

    async def _held(self, row: OutboxMessage, now: datetime, lease: Lease, result: DrainResult) -> bool:
        """Quiet hours push a reminder or a notice to the morning; a stale reminder is dropped. True: not sent now."""
        created = to_local(row.created_at) if row.created_at else now
        if row.kind == OUTBOX_KIND and now - created > REMINDER_MAX_AGE:
            await self._record(lease, row, Failure("expired: stale reminder, not sent", permanent=True), result)
            result.expired += 1
            log.warning("dropped a stale reminder to %s queued at %s", row.recipient, created)
            return True
        if self.schedule.is_quiet(now):
            await lease.release([row.id], self.schedule.quiet_ends_at(now))
            result.postponed += 1
            return True
        return False

    async def _record(self, lease: Lease, sent: OutboxMessage, failure: Failure | None, result: DrainResult) -> None:
        """Commit what became of a send (retried on a lock error); a failure only while the row is still ours."""
        outcome, attempts = "", 0

        async def record(session: AsyncSession) -> None:
            nonlocal outcome, attempts
            row = await session.get(OutboxMessage, sent.id)
            outcome = apply_outcome(row, to_local(self.clock()), lease.owner, failure)
            attempts = row.attempts if row is not None else 0

        await lease.settle([sent.id], record)
        result.sent += outcome == "sent"
        result.retried += outcome == "retried"
        result.failed += outcome == "failed" and not (failure and failure.error.startswith("expired"))
        if outcome == "retried" and failure is not None:
            log.warning("send to %s failed (%s), attempt %d", sent.recipient, failure.error, attempts)

    async def purge_old_files(self) -> int:
        """Forget the bytes of files sent (or failed) more than KEEP_FILES ago; how many."""
        async with self.sessions() as session:
            purged = await purge_files(session, to_local(self.clock()) - KEEP_FILES)
            await session.commit()
        if purged:
            log.info("outbox: dropped %d old files", purged)
        return purged

    async def run(self) -> None:
        """Drain until stop(): again at once after a busy pass, after idle_seconds otherwise."""
        purged_at = -PURGE_EVERY
        while not self._stopping.is_set():
            try:
                if time.monotonic() - purged_at >= PURGE_EVERY:
                    purged_at = time.monotonic()
                    await self.purge_old_files()
                result = await self.drain_once()
            except Exception:  # noqa: BLE001  (a database hiccup must not kill the loop)
                log.exception("outbox drain failed")
                result = DrainResult()
            if result.sent or result.retried or result.failed:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.idle_seconds)

    def start(self) -> asyncio.Task[None]:
        """Run the drain loop in the background."""
        self._stopping.clear()
        self._task = asyncio.create_task(self.run(), name="outbox-sender")
        return self._task

    async def stop(self) -> None:
        """Finish the current row and stop."""
        self._stopping.set()
        if self._task is not None:
            await self._task
            self._task = None


async def deliver_console(sessions: async_sessionmaker[AsyncSession], outbox_ids: list[int], now: datetime) -> int:
    """Mark the queued rows addressed to console: users as sent (the caller printed them); the count."""
    if not outbox_ids:
        return 0
    delivered = 0
    async with sessions() as session:
        query = select(OutboxMessage).where(OutboxMessage.recipient.like("console:%"))
        for start in range(0, len(outbox_ids), 1000):
            chunk = query.where(OutboxMessage.id.in_(outbox_ids[start : start + 1000]))
            for row in (await session.execute(chunk)).scalars():
                mark_sent(row, to_local(now))
                delivered += 1
        await session.commit()
    return delivered
