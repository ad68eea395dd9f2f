"""What every chat channel does with a message: dedupe, answer, record in the outbox, commit, then send.

A channel adapter turns its update into an `IncomingMessage`, calls `answer` (one database
session: the update is claimed, the core answers, the reply is queued in the outbox as one row per
message part and per file, all committed together), then `deliver`s those rows through its
`ChannelSender`, marking each sent or failed. The rows are leased to the adapter in the transaction
that queues them, and the lease is renewed while it sends (bot.lease), so bot.sender.OutboxSender
leaves them alone however long a send takes, and takes them over only once the adapter stopped
renewing (it died). At the first failure the rest is given back in order: the OutboxSender retries
from there, so nothing is dropped and nothing sent twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import ChannelSender, Outgoing, failure_of, outgoing_of, reply_parts, send_outgoing
from bot.lease import STANDARD, Lease, LeaseTerms, apply_outcome, new_owner
from handlers import dispatch
from handlers.flows.upload_reading import read_ahead
from handlers.messages import IncomingMessage, Reply
from storage.inbox.processed import claim_update, ensure_claimed
from storage.outbox.lease import hold_new, release
from storage.outbox.parts import enqueue_parts
from storage.outbox.queue import OutboxMessage, enqueue, group_chat
from storage.reminders.schedule import to_local

__all__ = ["SORRY", "Answered", "ChannelSender", "Clock", "answer", "deliver", "notify"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
SORRY = "Xin lỗi, đã có lỗi xảy ra khi xử lý tin nhắn của bạn. Vui lòng thử lại sau ít phút."


@dataclass
class Answered:
    """A reply committed to the outbox and waiting to be sent."""

    reply: Reply
    queued: list[tuple[int, Outgoing]] = field(default_factory=list)  # (outbox row id, what it sends), in order
    owner: str = ""  # the lease the rows were queued under: deliver holds it
    until: datetime | None = None  # when that lease runs out unless renewed


async def answer(
    sessions: async_sessionmaker[AsyncSession],
    message: IncomingMessage,
    update_id: str | None = None,
    chat_id: str | None = None,
    *,
    lease: LeaseTerms = STANDARD,
) -> Answered | None:
    """Answer message in one transaction; None when this update was already handled. chat_id: where the
    message came from when not the user's private chat (a group): retries of the reply go there too.
    The reply's rows are committed leased to the caller, who `deliver`s them at once."""
    started = time.monotonic()
    message = await read_ahead(message)  # a file is read before the transaction: the database waits for no parser
    async with sessions() as session:
        if update_id is not None and not await claim_update(session, message.channel, update_id, message.now):
            log.info("%s update %s already handled: skipped", message.channel, update_id)
            return None
        reply = await dispatch.respond(session, message)
        if update_id is not None:  # the core may have rolled back (and with it the claim) after an error
            await ensure_claimed(session, message.channel, update_id, message.now)
        answered = await _record(session, message, reply, chat_id, lease)
        try:
            await session.commit()
        except IntegrityError:  # the same update, handled concurrently by another worker
            log.info("%s update %s handled concurrently: skipped", message.channel, update_id)
            return None
    elapsed = (time.monotonic() - started) * 1000
    log.info("%s message from %s handled in %.0f ms", message.channel, message.identity, elapsed)
    return answered


async def _record(
    session: AsyncSession, message: IncomingMessage, reply: Reply, chat_id: str | None, lease: LeaseTerms
) -> Answered:
    """Queue the reply as its channel's messages, leased to this adapter, which sends them right after commit."""
    parts = [item.as_part() for item in reply_parts(message.channel, reply)]
    now = to_local(message.now)
    rows = await enqueue_parts(session, message.identity, parts, now, first_attempt=now, chat=chat_id)
    owner, until = new_owner(message.channel), now + lease.length
    hold_new((row for row, _ in rows), owner, until)
    return Answered(reply, [(row.id, outgoing_of(row, file)) for row, file in rows], owner, until)


async def deliver(
    sessions: async_sessionmaker[AsyncSession],
    sender: ChannelSender,
    chat_id: str,
    answered: Answered,
    clock: Clock,
    *,
    lease: LeaseTerms = STANDARD,
) -> None:
    """Send a committed reply row by row under its lease, recording each outcome; after a failure the
    rest is given back, still in turn behind the failed row, to the outbox sender."""
    ids = [row_id for row_id, _ in answered.queued]
    held = Lease(sessions, answered.owner, clock, ids, answered.until or clock(), lease)
    async with held.kept():
        for n, (row_id, item) in enumerate(answered.queued):
            if not held.holds(row_id):  # our lease ran out (a stalled database): the outbox sender's turn
                log.warning("reply to %s left to the outbox sender: its lease ran out", chat_id)
                return
            error = await _attempt(send_outgoing(sender, chat_id, item))
            await _mark(held, row_id, clock(), error, ids[n + 1 :])
            if error is not None:
                return


async def notify(
    sessions: async_sessionmaker[AsyncSession],
    sender: ChannelSender,
    recipient: str,
    chat_id: str,
    text: str,
    clock: Clock,
    *,
    lease: LeaseTerms = STANDARD,
) -> None:
    """Send a short notice (such as SORRY) through the outbox; the send happens even if the database fails."""
    now, owner = to_local(clock()), new_owner("notice")
    row_ids: list[int] = []
    try:
        async with sessions() as session:
            row = await enqueue(session, recipient, text, now, kind="notice")
            if row is None:  # only happens with an idempotency key, which notices do not use
                raise RuntimeError("outbox refused a notice")
            row.chat = group_chat(recipient, chat_id)
            hold_new([row], owner, now + lease.length)
            await session.commit()
            row_ids.append(row.id)
    except Exception:  # the database may be what failed: tell the user anyway
        log.exception("could not queue a notice for %s", recipient)
    held = Lease(sessions, owner, clock, row_ids, now + lease.length, lease)
    async with held.kept():
        error = await _attempt(sender.send_text(chat_id, text))
        for row_id in row_ids:
            await _mark(held, row_id, clock(), error)


async def _attempt(sending: object) -> Exception | None:
    """Await a send; the exception it raised, or None."""
    try:
        await sending  # type: ignore[misc]
    except Exception as exc:  # any delivery failure is recorded, never raised into the handler
        log.warning("send failed: %s", type(exc).__name__)
        return exc
    return None


async def _mark(lease: Lease, row_id: int, now: datetime, error: Exception | None, later: Sequence[int] = ()) -> None:
    """Record one send; after a failure the later rows are given back, due at once (they still follow this one)."""
    failure = failure_of(error) if error is not None else None

    async def record(session: AsyncSession) -> None:
        apply_outcome(await session.get(OutboxMessage, row_id), to_local(now), lease.owner, failure)
        if failure is not None:
            await release(session, later, lease.owner, to_local(now))

    await lease.settle([row_id, *later] if failure is not None else [row_id], record)
