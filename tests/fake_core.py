"""A stand-in for the conversation core, for tests of the channel mechanics alone."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import dispatch
from handlers.messages import Attachment, Choice, IncomingMessage, Reply
from storage.outbox.queue import OutboxMessage

LONG_LINE = "Xã Xuân Bái: giảm 3 hộ nghèo, 2 hộ cận nghèo; hỗ trợ nhà ở cho 1.200 hộ."
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
INTERNAL = "sqlite3.OperationalError at /srv/kehoach/secret.py line 42"


def canned_reply(text: str) -> Reply:
    """The fake core's answer to text."""
    if text == "menu":
        choices = [Choice("Xã Xuân Bái", "chỉ tiêu xã Xuân Bái"), Choice("Xã Thọ Lập", "chỉ tiêu xã Thọ Lập")]
        return Reply("Bạn hỏi xã nào?", choices=choices)
    if text == "dài":
        return Reply("\n".join(f"{n}. {LONG_LINE}" for n in range(1, 201)))
    if text == "biểu đồ":
        files = [
            Attachment("tien-do.png", PNG, "image/png"),
            Attachment(
                "tien-do.xlsx", b"PK\x03\x04xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        ]
        return Reply("Tiến độ các xã:", attachments=files)
    if text == "lỗi":
        raise RuntimeError(INTERNAL)
    return Reply(f"Đã nhận: {text}")


def install(monkeypatch: pytest.MonkeyPatch) -> list[IncomingMessage]:
    """Replace the core's respond with canned_reply; the messages it received."""
    seen: list[IncomingMessage] = []

    async def respond(session: AsyncSession, message: IncomingMessage) -> Reply:
        seen.append(message)
        return canned_reply(message.text)

    monkeypatch.setattr(dispatch, "respond", respond)
    return seen


async def settled_outbox(sessions: async_sessionmaker[AsyncSession], timeout: float = 5.0) -> list[OutboxMessage]:
    """The outbox rows once none is still waiting for its send's outcome (pending with no attempt)."""
    for _ in range(int(timeout / 0.05)):
        async with sessions() as session:
            rows = list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())
        if rows and all(row.status != "pending" or row.attempts for row in rows):
            return rows
        await asyncio.sleep(0.05)
    return rows
