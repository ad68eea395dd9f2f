"""What every chat channel does with a message: dedupe, answer, record in the outbox, commit, then send.

A channel adapter turns its update into an `IncomingMessage`, calls `answer` (one database
session: the update is claimed, the core answers, the reply is queued in the outbox as one row per
message part and per file, all committed together), then `deliver`s those rows through its
`ChannelSender`, marking each sent or failed. At the first failure the rest stays pending, in
order: bot.sender.OutboxSender retries from there, so nothing is dropped and nothing sent twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import (
    ChannelSender,
    Outgoing,
    PermanentFailure,
    RetryAfter,
    outgoing_of,
    reply_parts,
    send_outgoing,
)
from handlers import dispatch
from handlers.messages import IncomingMessage, Reply
from storage.channel_updates import claim_update, ensure_claimed
from storage.outbox import OutboxMessage, enqueue, group_chat, mark_failed, mark_sent
from storage.outbox_parts import enqueue_parts, release

__all__ = ["SORRY", "Answered", "ChannelSender", "Clock", "answer", "deliver", "notify"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
# A reply queued here is sent at once by its adapter; the outbox sender leaves it alone this long.
SEND_GRACE = timedelta(minutes=2)
SORRY = "Xin lỗi, đã có lỗi xảy ra khi xử lý tin nhắn của bạn. Vui lòng thử lại sau ít phút."


@dataclass
class Answered:
    """A reply committed to the outbox and waiting to be sent."""

    reply: Reply
    queued: list[tuple[int, Outgoing]] = field(default_factory=list)  # (outbox row id, what it sends), in order


async def answer(
    sessions: async_sessionmaker[AsyncSession],
    message: IncomingMessage,
    update_id: str | None = None,
    chat_id: str | None = None,
) -> Answered | None:
    """Answer message in one transaction; None when this update was already handled. chat_id: where the
    message came from when not the user's private chat (a group): retries of the reply go there too."""
    started = time.monotonic()
    async with sessions() as session:
        if update_id is not None and not await claim_update(session, message.channel, update_id, message.now):
            log.info("%s update %s already handled: skipped", message.channel, update_id)
            return None
        reply = await dispatch.respond(session, message)
        if update_id is not None:  # the core may have rolled back (and with it the claim) after an error
            await ensure_claimed(session, message.channel, update_id, message.now)
        answered = await _record(session, message, reply, chat_id)
        try:
            await session.commit()
        except IntegrityError:  # the same update, handled concurrently by another worker
            log.info("%s update %s handled concurrently: skipped", message.channel, update_id)
            return None
    elapsed = (time.monotonic() - started) * 1000
    log.info("%s message from %s handled in %.0f ms", message.channel, message.identity, elapsed)
    return answered


async def _record(session: AsyncSession, message: IncomingMessage, reply: Reply, chat_id: str | None) -> Answered:
    """Queue the reply as its channel's messages; the adapter sends them right after commit."""
    parts = [item.as_part() for item in reply_parts(message.channel, reply)]
    later = message.now + SEND_GRACE
    rows = await enqueue_parts(session, message.identity, parts, message.now, first_attempt=later, chat=chat_id)
    return Answered(reply=reply, queued=[(row.id, outgoing_of(row, file)) for row, file in rows])


async def _enqueue(
    session: AsyncSession, recipient: str, chat_id: str, text: str, now: datetime, kind: str
) -> OutboxMessage:
    row = await enqueue(session, recipient, text, now, kind=kind)
    if row is None:  # only happens with an idempotency key, which replies do not use
        raise RuntimeError("outbox refused a reply")
    row.next_attempt_at = now + SEND_GRACE
    row.chat = group_chat(recipient, chat_id)
    await session.flush()
    return row


async def deliver(
    sessions: async_sessionmaker[AsyncSession], sender: ChannelSender, chat_id: str, answered: Answered, clock: Clock
) -> None:
    """Send a committed reply row by row, recording each outcome; after a failure the rest waits its turn."""
    for n, (row_id, item) in enumerate(answered.queued):
        error = await _attempt(send_outgoing(sender, chat_id, item))
        later = [later_id for later_id, _ in answered.queued[n + 1 :]]
        await _mark(sessions, row_id, clock(), error, later)
        if error is not None:
            return


async def notify(
    sessions: async_sessionmaker[AsyncSession],
    sender: ChannelSender,
    recipient: str,
    chat_id: str,
    text: str,
    clock: Clock,
) -> None:
    """Send a short notice (such as SORRY) through the outbox; the send happens even if the database fails."""
    now = clock()
    row_id: int | None = None
    try:
        async with sessions() as session:
            row = await _enqueue(session, recipient, chat_id, text, now, "notice")
            await session.commit()
            row_id = row.id
    except Exception:  # the database may be what failed: tell the user anyway
        log.exception("could not queue a notice for %s", recipient)
    error = await _attempt(sender.send_text(chat_id, text))
    if row_id is not None:
        await _mark(sessions, row_id, clock(), error)


async def _attempt(sending: object) -> Exception | None:
    """Await a send; the exception it raised, or None."""
    try:
        await sending  # type: ignore[misc]
    except Exception as exc:  # any delivery failure is recorded, never raised into the handler
        log.warning("send failed: %s", type(exc).__name__)
        return exc
    return None


async def _mark(
    sessions: async_sessionmaker[AsyncSession],
    row_id: int,
    now: datetime,
    error: Exception | None,
    later: list[int] | None = None,
) -> None:
    """Record one send; after a failure the later rows become due (they still follow this one)."""
    async with sessions() as session:
        row = await session.get(OutboxMessage, row_id)
        if row is None:
            return
        if error is None:
            mark_sent(row, now)
        else:
            retry_after = error.seconds if isinstance(error, RetryAfter) else None
            mark_failed(row, now, f"{type(error).__name__}: {error}", retry_after)
            if isinstance(error, PermanentFailure):
                row.status = "failed"
            await release(session, later or [], now)
        await session.commit()
