"""The outbox: queue, idempotent keys, due messages, sent, retries with backoff, failed at last."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.outbox.parts import KEEP_FILES, FileData, Part, enqueue_parts, purge_files
from storage.outbox.queue import (
    MAX_ATTEMPTS,
    OutboxFile,
    OutboxMessage,
    due_messages,
    enqueue,
    mark_failed,
    mark_sent,
    record_reply,
)
from tests.conftest import NOW


async def test_enqueue_is_idempotent_by_key(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        first = await enqueue(session, "tg:1", "Nhắc hạn", NOW, kind="reminder", key="d1:tg:1:-7")
        again = await enqueue(session, "tg:1", "Nhắc hạn", NOW, kind="reminder", key="d1:tg:1:-7")
        await session.commit()
        assert first is not None and again is None
        assert len((await session.execute(select(OutboxMessage))).scalars().all()) == 1


async def test_delivery_retries_then_fails(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await enqueue(session, "tg:1", "a", NOW)
        await enqueue(session, "zalo:2", "b", NOW)
        await session.commit()
        first, second = await due_messages(session, NOW)
        mark_sent(first, NOW)
        mark_failed(second, NOW, "429", retry_after=5)
        await session.commit()
        assert first.status == "sent" and first.attempts == 1
        assert await due_messages(session, NOW) == []
        assert [m.id for m in await due_messages(session, NOW + timedelta(seconds=6))] == [second.id]
        for _ in range(MAX_ATTEMPTS - 1):
            mark_failed(second, NOW, "mạng lỗi")
        await session.commit()
        assert second.status == "failed" and second.attempts == MAX_ATTEMPTS and second.last_error == "mạng lỗi"
        assert await due_messages(session, NOW + timedelta(days=1)) == []


async def test_record_reply_logs_a_delivered_reply(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        row = await record_reply(session, "cli:local", "Xin chào", NOW)
        await session.commit()
        assert row is not None and row.status == "sent" and row.sent_at is not None
        assert await due_messages(session, NOW) == []


async def test_old_files_of_finished_replies_are_purged(sessions: async_sessionmaker[AsyncSession]) -> None:
    sheet = FileData("tien-do.xlsx", "application/octet-stream", b"PK-bytes")
    async with sessions() as session:
        rows = {}
        for name, created in (("sent", NOW), ("pending", NOW), ("recent", NOW + timedelta(days=9))):
            parts = [Part("Tiến độ các xã"), Part("tien-do.xlsx", file=sheet)]
            rows[name] = await enqueue_parts(session, "tg:1", parts, created, first_attempt=created)
        for row, _ in rows["sent"] + rows["recent"]:
            mark_sent(row, NOW)
        await session.commit()
        purged = await purge_files(session, NOW + timedelta(days=9) - KEEP_FILES)
        await session.commit()
        kept = set((await session.execute(select(OutboxFile.outbox_id))).scalars())
        messages = len((await session.execute(select(OutboxMessage))).scalars().all())
    assert purged == 1
    assert kept == {rows["pending"][1][0].id, rows["recent"][1][0].id}  # unsent and recent files stay
    assert messages == 6  # the outbox rows themselves are the history: kept
