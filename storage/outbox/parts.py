"""A reply in the outbox: one row per message part and per file, each sent only after the one before it.

Every part is its own delivery unit (status, attempts, backoff), so a retry resends only what was
not delivered; a file's bytes are stored with its row, so a restart still sends it. A file also gets
an unguessable public name, for channels that fetch files by URL (Zalo).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.outbox.queue import OutboxFile, OutboxMessage, group_chat

FILE_KIND = "attachment"
KEEP_FILES = timedelta(days=8)  # longer than any download link lives (Zalo: 7 days)
SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


@dataclass(frozen=True)
class FileData:
    """A file to send: its name, type and bytes."""

    filename: str
    mime_type: str
    content: bytes


@dataclass(frozen=True)
class Part:
    """One message to queue: text with its buttons as (label, value) pairs, or a file."""

    text: str
    choices: tuple[tuple[str, str], ...] = ()
    file: FileData | None = None


async def enqueue_parts(
    session: AsyncSession,
    recipient: str,
    parts: Sequence[Part],
    now: datetime,
    *,
    first_attempt: datetime,
    chat: str | None = None,
) -> list[tuple[OutboxMessage, OutboxFile | None]]:
    """Queue parts in order, each to be sent after the one before; the rows (with ids) and their files.
    chat: the chat they go to when it is not the recipient's own (a group)."""
    rows: list[tuple[OutboxMessage, OutboxFile | None]] = []
    for part in parts:
        row = OutboxMessage(
            recipient=recipient,
            text=part.text,
            kind=FILE_KIND if part.file else "reply",
            status="pending",
            attempts=0,
            created_at=now,
            next_attempt_at=first_attempt,
            choices=json.dumps([list(c) for c in part.choices], ensure_ascii=False) if part.choices else None,
            after_id=rows[-1][0].id if rows else None,
            chat=group_chat(recipient, chat),
        )
        session.add(row)
        await session.flush()
        file = _file_row(row.id, part.file) if part.file is not None else None
        if file is not None:
            session.add(file)
        rows.append((row, file))
    await session.flush()
    return rows


def _file_row(outbox_id: int, file: FileData) -> OutboxFile:
    suffix = PurePath(file.filename).suffix.lower()
    name = secrets.token_urlsafe(24) + (suffix if SAFE_SUFFIX.fullmatch(suffix) else "")
    return OutboxFile(
        outbox_id=outbox_id, filename=file.filename, mime_type=file.mime_type, content=file.content, public_name=name
    )


def choices_of(row: OutboxMessage) -> tuple[tuple[str, str], ...]:
    """The buttons stored with a row, as (label, value) pairs."""
    if not row.choices:
        return ()
    return tuple((str(label), str(value)) for label, value in json.loads(row.choices))


async def file_of(session: AsyncSession, row: OutboxMessage) -> OutboxFile | None:
    """The file a row sends, or None for a text row (or a file row whose bytes are gone)."""
    if row.kind != FILE_KIND:
        return None
    return await session.get(OutboxFile, row.id)


async def published_file(session: AsyncSession, public_name: str, since: datetime) -> OutboxFile | None:
    """The file with this public name, if its reply was queued at or after since."""
    query = (
        select(OutboxFile)
        .join(OutboxMessage, OutboxMessage.id == OutboxFile.outbox_id)
        .where(OutboxFile.public_name == public_name, OutboxMessage.created_at >= since)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def purge_files(session: AsyncSession, before: datetime) -> int:
    """Drop the bytes of files whose reply was queued before `before` and is no longer pending; how many."""
    old = select(OutboxMessage.id).where(OutboxMessage.created_at < before, OutboxMessage.status != "pending")
    result = await session.execute(delete(OutboxFile).where(OutboxFile.outbox_id.in_(old)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
