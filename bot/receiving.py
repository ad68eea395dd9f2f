"""Receiving updates without losing any: store first, acknowledge after, handle from the database.

A channel adapter hands each received batch to `Inbox.store`, which commits it to the inbox table
(storage.inbox.received) and only then returns, so the platform is told "received" (the next getUpdates
offset, the webhook's 200) only for updates the database holds. The inbox's worker takes the
stored updates (per chat the oldest first, one at a time) and runs the channel's handler on each;
after a crash or a restart, what was stored but not handled is handled then. Several processes may
share one database: each update is taken by one worker at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import Clock
from storage.inbox.received import DONE, FAILED, LEASE, MAX_ATTEMPTS, Received, finish, store_updates, take_heads
from storage.inbox.retention import forget_old_updates

__all__ = ["Inbox", "Received", "unless_stopped"]

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Awaitable[None]]
T = TypeVar("T")
IDLE_SECONDS = 2.0  # how often an idle worker looks for updates stored by other processes or left by a crash
MAX_BACKOFF = 30.0
BATCH = 8  # updates (of different chats) taken and closed per transaction; well inside a lease
SWEEP_EVERY = 3600.0  # seconds between deletions of long-handled updates


def _writers(sessions: async_sessionmaker[AsyncSession]) -> int:
    """How many updates to handle at once: SQLite has one writer (waiting ones only add lock retries)."""
    bind = sessions.kw.get("bind")
    return 1 if bind is not None and bind.dialect.name == "sqlite" else 4


async def unless_stopped(stopping: asyncio.Event, work: Awaitable[T]) -> T | None:
    """Await work, or cancel it and return None as soon as stopping is set."""
    task = asyncio.ensure_future(work)
    stopper = asyncio.ensure_future(stopping.wait())
    await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    stopper.cancel()
    if not task.done():
        task.cancel()
        return None
    return task.result()


class Inbox:
    """One channel's stored updates and the worker that handles them, `concurrency` chats at a time."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        channel: str,
        handler: Handler,
        clock: Clock,
        *,
        concurrency: int | None = None,
        batch: int = BATCH,
        lease: timedelta = LEASE,
    ) -> None:
        self.sessions = sessions
        self.channel = channel
        self.handler = handler
        self.clock = clock
        self.concurrency = concurrency or _writers(sessions)
        self.batch = batch
        self.lease = lease
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None

    async def store(self, received: Sequence[Received]) -> int:
        """Commit the updates (a replayed one is ignored) and wake the worker; how many were new."""
        async with self.sessions() as session:
            new = await store_updates(session, self.channel, received, self.clock())
            await session.commit()
        if new:
            self._wake.set()
        return new

    def start(self) -> None:
        """Start handling: first whatever an earlier run left, then what arrives."""
        self._stopping.clear()
        self._worker = asyncio.create_task(self._work(), name=f"{self.channel}-inbox")

    async def stop(self) -> None:
        """Finish the updates being handled; the others wait in the database for the next start."""
        self._stopping.set()
        self._wake.set()
        if self._worker is not None:
            await self._worker
            self._worker = None

    async def forget_old(self) -> int:
        """Delete the updates handled long ago (storage.inbox.retention); how many rows."""
        async with self.sessions() as session:
            deleted = await forget_old_updates(session, self.clock())
            await session.commit()
        if deleted:
            log.info("%s inbox: deleted %d long-handled updates", self.channel, deleted)
        return deleted

    async def _work(self) -> None:
        backoff, swept_at = 1.0, -SWEEP_EVERY
        while not self._stopping.is_set():
            self._wake.clear()  # before looking: an update stored from now on wakes the wait below
            try:
                if time.monotonic() - swept_at >= SWEEP_EVERY:
                    swept_at = time.monotonic()
                    await self.forget_old()
                handled = await self.handle_some()
                backoff = 1.0
            except Exception:  # the database may be away for a while: keep trying, more slowly
                log.exception("%s inbox: taking updates failed", self.channel)
                await unless_stopped(self._stopping, asyncio.sleep(backoff))
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            if not handled:
                await self._idle()

    async def _idle(self) -> None:
        """Wait for a new update, stop, or the next look at the database."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), IDLE_SECONDS)

    async def handle_some(self) -> int:
        """Take the next update of up to `batch` chats, handle them, close them; how many were taken."""
        async with self.sessions() as session:
            rows = await take_heads(session, self.channel, self.clock(), self.batch, self.lease)
            taken = [(row.id, row.attempts, row.update()) for row in rows]
            await session.commit()
        slots = asyncio.Semaphore(self.concurrency)
        outcomes = await asyncio.gather(*(self._handle(slots, *row) for row in taken))
        await self._close([(row_id, status) for (row_id, _, _), status in zip(taken, outcomes, strict=True)])
        return len(taken)

    async def _handle(self, slots: asyncio.Semaphore, row_id: int, attempts: int, payload: dict[str, Any]) -> str:
        """Run the handler on one update when a slot is free; how its row closes (failed if the handler raised)."""
        if attempts > MAX_ATTEMPTS:
            log.error("%s update %s taken %d times without finishing: given up", self.channel, row_id, attempts)
            return FAILED
        async with slots:
            try:
                await self.handler(payload)
            except Exception:  # the handler tells the user itself; this is a bug to log, not to retry forever
                log.exception("%s update %s failed", self.channel, row_id)
                return FAILED
        return DONE

    async def _close(self, outcomes: list[tuple[int, str]]) -> None:
        """Close the handled rows in one transaction; their chats' next updates become takeable."""
        try:
            async with self.sessions() as session:
                for row_id, status in outcomes:
                    await finish(session, row_id, self.clock(), status)
                await session.commit()
        except Exception:  # their leases run out and they are taken again; the claim keeps them from a second answer
            log.exception("%s inbox: could not close %d handled updates", self.channel, len(outcomes))
