"""The outbox: every message the bot sends is written here first, then delivered.

Channels and reminders enqueue with `enqueue`, a sender claims due rows with `due_messages`
and records the outcome with `mark_sent` / `mark_failed` (retries with backoff, then "failed").
A `key` makes an enqueue idempotent: the same key is never queued twice.
A row being sent carries a lease (its holder and an expiry the holder renews, storage.outbox.lease):
no one else takes it until the lease is settled or has run out.
A reply goes as several rows (one per message part, one per file, see storage.outbox.parts):
`after_id` names the row that must be settled before this one is sent, `choices` keeps its buttons
and an `OutboxFile` keeps the bytes of a file, so a restart sends exactly what was queued.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, unleased

MAX_ATTEMPTS = 5
BACKOFF = timedelta(seconds=30)


class OutboxMessage(Base):
    """One outgoing message: to whom, what, and how its delivery went."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient: Mapped[str] = mapped_column(String(200), index=True)  # identity "tg:123"
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40), default="reply")  # "reply", "reminder", "notice"...
    key: Mapped[str | None] = mapped_column(String(300), unique=True)  # idempotency key, optional
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    choices: Mapped[str | None] = mapped_column(Text)  # JSON [[label, value], ...]: buttons of this part
    after_id: Mapped[int | None] = mapped_column(Integer)  # the previous part of the same reply
    # The chat to send to when it is not the recipient's own (a reply in a group); None: the recipient's id.
    chat: Mapped[str | None] = mapped_column(String(200))
    lease_owner: Mapped[str | None] = mapped_column(String(100))  # who is sending this row now
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # until when, unless renewed

    @property
    def chat_id(self) -> str:
        """Where this row is sent: its chat, else the recipient's own chat."""
        return self.chat or self.recipient.partition(":")[2]


class OutboxFile(Base):
    """The file an outbox row of kind "attachment" sends, and its unguessable public name."""

    __tablename__ = "outbox_files"

    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(120))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    public_name: Mapped[str] = mapped_column(String(80), unique=True)  # for a URL (Zalo fetches by URL)


def lease_free(now: datetime) -> ColumnElement[bool]:
    """A row no one holds at now: never leased, settled, or its holder stopped renewing."""
    return unleased(OutboxMessage.lease_until, now)


def group_chat(recipient: str, chat: str | None) -> str | None:
    """The chat to keep on a row: None when it is the recipient's own private chat."""
    return chat if chat and chat != recipient.partition(":")[2] else None


async def enqueue(
    session: AsyncSession,
    recipient: str,
    text: str,
    now: datetime,
    *,
    kind: str = "reply",
    key: str | None = None,
    status: str = "pending",
) -> OutboxMessage | None:
    """Queue a message; None when a message with the same key is already queued."""
    if key is not None and await find_by_key(session, key) is not None:
        return None
    row = OutboxMessage(recipient=recipient, text=text, kind=kind, key=key, status=status, attempts=0, created_at=now)
    row.next_attempt_at = now
    if status == "sent":
        row.sent_at, row.attempts = now, 1
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another process queued the same key first
        return None
    return row


async def find_by_key(session: AsyncSession, key: str) -> OutboxMessage | None:
    """The queued message with this idempotency key, if any."""
    query = select(OutboxMessage).where(OutboxMessage.key == key)
    return (await session.execute(query)).scalar_one_or_none()


async def due_messages(session: AsyncSession, now: datetime, limit: int = 100) -> list[OutboxMessage]:
    """Pending messages whose next attempt is due at now and that no one holds, oldest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == "pending")
        .where(or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        .where(lease_free(now))
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


def mark_sent(row: OutboxMessage, now: datetime) -> None:
    """Record a successful delivery (which ends the row's lease)."""
    row.status, row.sent_at, row.last_error = "sent", now, None
    row.attempts += 1
    row.lease_owner = row.lease_until = None


def mark_failed(row: OutboxMessage, now: datetime, error: str, retry_after: float | None = None) -> None:
    """Record a failed attempt (which ends the row's lease): retry later with backoff, or give up after
    MAX_ATTEMPTS. A 429 (retry_after) never gives up: the platform only asked us to wait."""
    row.attempts += 1
    row.last_error = error[:1000]
    row.lease_owner = row.lease_until = None
    if row.attempts >= MAX_ATTEMPTS and not retry_after:
        row.status = "failed"
        return
    wait = timedelta(seconds=retry_after) if retry_after else BACKOFF * (2 ** (row.attempts - 1))
    row.next_attempt_at = now + wait


async def record_reply(session: AsyncSession, recipient: str, text: str, now: datetime) -> OutboxMessage | None:
    """Log a reply the caller delivers itself right after the commit (console, `kehoach ask`)."""
    return await enqueue(session, recipient, text, now, kind="reply", status="sent")
