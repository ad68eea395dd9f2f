"""Holding outbox rows while they are sent: a heartbeat renews the lease, the outcome is committed with retries.

Whoever sends outbox rows (bot.sender.OutboxSender, or an adapter sending the reply it has just
committed, bot.channels.deliver) holds them through a `Lease`: while it is `kept`, a background task
pushes the rows' expiry forward every quarter of the lease, so a send that takes long (a platform
client waiting out a 429 inside the call) never outlives its lease, and no other sender takes the
row meanwhile. `settle` records a row's outcome, retrying on a lock error, and keeps renewing the
lease until that record is committed.

What remains: a process killed between the platform's acceptance of a message and the commit of
"sent" (or whose database stays locked longer than the retries and the lease) leaves the row
pending; once the lease has run out it is sent again. Only an idempotency key honoured by the
platform could close that window, and Telegram and Zalo offer none for sending.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import Failure
from storage.outbox import lease as outbox_lease
from storage.outbox.queue import OutboxMessage, mark_failed, mark_sent
from storage.reminders.schedule import to_local

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
WRITE_TRIES = 5  # a lock error on recording an outcome is retried this often (backoff 0.4 s, 0.8 s, ...)
Sleep = Callable[[float], Awaitable[None]]
Work = Callable[[AsyncSession], Awaitable[None]]


@dataclass(frozen=True)
class LeaseTerms:
    """How long a lease lasts, and how its heartbeat waits between renewals (tests pass a fake clock's)."""

    length: timedelta = LEASE
    sleep: Sleep = asyncio.sleep

    @property
    def renew_every(self) -> float:
        """Seconds between renewals: a quarter of the lease, so two missed beats still leave time."""
        return self.length.total_seconds() / 4


STANDARD = LeaseTerms()


def new_owner(role: str) -> str:
    """A lease holder's name no other holder has: role, host, process and a random part."""
    return f"{role}:{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def _retryable(exc: DBAPIError) -> bool:
    """A lock timeout or a dropped connection: worth trying again; a constraint error is not."""
    return isinstance(exc, OperationalError | InterfaceError) or exc.connection_invalidated


async def write(sessions: async_sessionmaker[AsyncSession], work: Work, sleep: Sleep = asyncio.sleep) -> None:
    """Run work in a fresh session and commit it, retrying on a lock error or a dropped connection."""
    for attempt in range(1, WRITE_TRIES + 1):
        try:
            async with sessions() as session:
                await work(session)
                await session.commit()
            return
        except DBAPIError as exc:
            if attempt == WRITE_TRIES or not _retryable(exc):
                raise
            log.warning("outbox write failed (%s), try %d of %d", type(exc.orig).__name__, attempt, WRITE_TRIES)
            await sleep(0.2 * 2**attempt)


def apply_outcome(row: OutboxMessage | None, now: datetime, owner: str, failure: Failure | None) -> str:
    """Write a send's outcome on its row: "sent", "retried", "failed", or "" when the row is settled or no
    longer ours (a failure must not undo what its new holder does; a success is recorded regardless)."""
    if row is None or row.status != "pending":
        return ""
    if failure is None:
        mark_sent(row, now)
        return "sent"
    if row.lease_owner != owner:
        log.warning("outcome of a send to %s not recorded: the row is no longer ours", row.recipient)
        return ""
    mark_failed(row, now, failure.error, failure.retry_after)
    if failure.permanent:
        row.status = "failed"
    return "failed" if row.status == "failed" else "retried"


class Lease:
    """Outbox rows one holder has leased: renewed while kept, until each is settled."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        owner: str,
        clock: Callable[[], datetime],
        ids: Iterable[int],
        until: datetime,
        terms: LeaseTerms = STANDARD,
    ) -> None:
        self.sessions, self.owner, self.clock, self.terms = sessions, owner, clock, terms
        self.held, self.until = set(ids), to_local(until)
        self._settling: set[int] = set()

    def holds(self, row_id: int) -> bool:
        """True while row_id is still ours and our lease on it has not run out: safe to start sending it."""
        return row_id in self.held and to_local(self.clock()) < self.until

    async def renew(self) -> None:
        """Push the lease of every unsettled row a lease length past now; forget the rows lost."""
        asked = sorted(self.held)
        if not asked:
            return
        until = to_local(self.clock()) + self.terms.length
        async with self.sessions() as session:
            kept = await outbox_lease.renew(session, asked, self.owner, until)
            await session.commit()
        lost = (set(asked) - kept) & (self.held - self._settling)  # a row settled meanwhile is not lost
        if lost:
            log.warning("outbox lease lost on %d row(s): left to whoever holds them now", len(lost))
            self.held -= lost
        self.until = until

    async def _beat(self) -> None:
        while True:
            await self.terms.sleep(self.terms.renew_every)
            try:
                await self.renew()
            except Exception:  # noqa: BLE001  (a database hiccup: the next beat tries again)
                log.warning("outbox lease renewal failed", exc_info=True)

    @contextlib.asynccontextmanager
    async def kept(self) -> AsyncIterator[Lease]:
        """Renew the lease in the background for as long as the block runs."""
        beat = asyncio.create_task(self._beat(), name="outbox-lease")
        await asyncio.sleep(0)  # let the heartbeat start waiting before the first send
        try:
            yield self
        finally:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beat

    async def settle(self, row_ids: Iterable[int], work: Work) -> None:
        """Commit what became of rows (retried on a lock error), renewing their lease until the commit is done."""
        ids = set(row_ids)
        self._settling |= ids
        try:
            await write(self.sessions, work)
        finally:
            self._settling -= ids
            self.held -= ids

    async def release(self, row_ids: Iterable[int], next_attempt: datetime) -> int:
        """Give back rows we will not send now: due again at next_attempt, for any sender; how many."""
        mine = [row_id for row_id in row_ids if row_id in self.held]

        async def give_back(session: AsyncSession) -> None:
            await outbox_lease.release(session, mine, self.owner, to_local(next_attempt))

        if mine:
            await self.settle(mine, give_back)
        return len(mine)
