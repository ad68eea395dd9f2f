"""What every chat channel does with a message: dedupe, answer, record in the outbox, commit, then send.

A channel adapter turns its update into an `IncomingMessage`, calls `answer` (one database
session: the update is claimed, the core answers, the reply is queued in the outbox, all
committed together), then `deliver`s the reply through its `ChannelSender`, which marks the
outbox rows sent or failed. A reply whose send failed stays pending: bot.sender.OutboxSender retries it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sender import PermanentFailure, RetryAfter
from handlers import dispatch
from handlers.messages import Attachment, Choice, IncomingMessage, Reply
from storage.channel_updates import claim_update, ensure_claimed
from storage.outbox import OutboxMessage, enqueue, mark_failed, mark_sent

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
# A reply queued here is sent at once by its adapter; the outbox sender leaves it alone this long.
SEND_GRACE = timedelta(minutes=2)
SORRY = "Xin lỗi, đã có lỗi xảy ra khi xử lý tin nhắn của bạn. Vui lòng thử lại sau ít phút."


class ChannelSender(Protocol):
    """How a channel delivers what the bot says to one chat.

    Sends raise bot.sender.RetryAfter on 429 and PermanentFailure when retrying cannot help;
    send_text(chat_id, text) is also the channel's send function for bot.sender.OutboxSender.
    """

    channel: str

    async def send_text(self, chat_id: str, text: str, choices: Sequence[Choice] = ()) -> None:
        """Send text (split as the channel needs), with choices as buttons or a numbered menu."""

    async def send_attachment(self, chat_id: str, attachment: Attachment) -> None:
        """Send a file: a chart as a photo, an export as a document."""


@dataclass
class Answered:
    """A reply committed to the outbox and waiting to be sent."""

    reply: Reply
    text_id: int
    attachment_ids: list[int] = field(default_factory=list)


async def answer(
    sessions: async_sessionmaker[AsyncSession], message: IncomingMessage, update_id: str | None = None
) -> Answered | None:
    """Answer message in one transaction; None when this update was already handled."""
    started = time.monotonic()
    async with sessions() as session:
        if update_id is not None and not await claim_update(session, message.channel, update_id, message.now):
            log.info("%s update %s already handled: skipped", message.channel, update_id)
            return None
        reply = await dispatch.respond(session, message)
        if update_id is not None:  # the core may have rolled back (and with it the claim) after an error
            await ensure_claimed(session, message.channel, update_id, message.now)
        answered = await _record(session, message.identity, reply, message.now)
        try:
            await session.commit()
        except IntegrityError:  # the same update, handled concurrently by another worker
            log.info("%s update %s handled concurrently: skipped", message.channel, update_id)
            return None
    elapsed = (time.monotonic() - started) * 1000
    log.info("%s message from %s handled in %.0f ms", message.channel, message.identity, elapsed)
    return answered


async def _record(session: AsyncSession, recipient: str, reply: Reply, now: datetime) -> Answered:
    """Queue the reply text and one row per attachment; the adapter sends them right after commit."""
    text_row = await _enqueue(session, recipient, reply.as_plain_text(), now, "reply")
    answered = Answered(reply=reply, text_id=text_row.id)
    for attachment in reply.attachments:
        row = await _enqueue(session, recipient, attachment.filename, now, "attachment")
        answered.attachment_ids.append(row.id)
    return answered


async def _enqueue(session: AsyncSession, recipient: str, text: str, now: datetime, kind: str) -> OutboxMessage:
    row = await enqueue(session, recipient, text, now, kind=kind)
    if row is None:  # only happens with an idempotency key, which replies do not use
        raise RuntimeError("outbox refused a reply")
    row.next_attempt_at = now + SEND_GRACE
    await session.flush()
    return row


async def deliver(
    sessions: async_sessionmaker[AsyncSession], sender: ChannelSender, chat_id: str, answered: Answered, clock: Clock
) -> None:
    """Send a committed reply and record each part's outcome in the outbox."""
    reply = answered.reply
    error = await _attempt(sender.send_text(chat_id, reply.text, reply.choices))
    await _mark(sessions, answered.text_id, clock(), error)
    for attachment, row_id in zip(reply.attachments, answered.attachment_ids, strict=True):
        error = await _attempt(sender.send_attachment(chat_id, attachment))
        await _mark(sessions, row_id, clock(), error, final=True)


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
            row = await _enqueue(session, recipient, text, now, "notice")
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
    sessions: async_sessionmaker[AsyncSession], row_id: int, now: datetime, error: Exception | None, final: bool = False
) -> None:
    async with sessions() as session:
        row = await session.get(OutboxMessage, row_id)
        if row is None:
            return
        if error is None:
            mark_sent(row, now)
        else:
            retry_after = error.seconds if isinstance(error, RetryAfter) else None
            mark_failed(row, now, f"{type(error).__name__}: {error}", retry_after)
            if final or isinstance(error, PermanentFailure):  # attachments are not kept: no retry for them
                row.status = "failed"
        await session.commit()
