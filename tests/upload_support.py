"""A district with four communes, its manager and staff, and a polling Telegram channel, for the upload tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import TelegramConfig
from bot.sender import OutboxSender
from bot.telegram_channel import TelegramChannel
from handlers.dispatch import respond
from handlers.messages import IncomingFile, IncomingMessage, Reply
from storage.models import Plan
from storage.uploads.models import PlanUpload
from tests import factories
from tests.conftest import NOW
from tests.fake_botapi import FakeTelegram

TOKEN = "123456:TEST-uploads"
MANAGER, ADMIN, OTHER_MANAGER = 100, 101, 102
STAFF = {"xuan bai": 201, "tho lam": 202, "sao vang": 203, "xuan phu": 204}
Sessions = async_sessionmaker[AsyncSession]


@dataclass
class Seeded:
    """Unit ids by folded bare name."""

    units: dict[str, int]


async def seed(sessions: Sessions) -> Seeded:
    """Huyện Thọ Xuân, four communes (the plan names three), a manager of the district, an admin, a manager of
    another district, and one staff member per commune."""
    async with sessions() as session:
        province = await factories.unit(session, "tỉnh Thanh Hóa")
        district = await factories.unit(session, "huyện Thọ Xuân", parent=province)
        other = await factories.unit(session, "huyện Như Xuân", parent=province)
        units = {"tho xuan": district.id, "nhu xuan": other.id}
        for name in ("xã Xuân Bái", "xã Thọ Lâm", "thị trấn Sao Vàng", "xã Xuân Phú"):
            row = await factories.unit(session, name, parent=district)
            units[row.key] = row.id
        await factories.user(session, f"tg:{MANAGER}", district, role="manager", name="Trưởng phòng")
        await factories.user(session, f"tg:{ADMIN}", province, role="admin")
        await factories.user(session, f"tg:{OTHER_MANAGER}", other, role="manager")
        for key, user_id in STAFF.items():
            await factories.user(session, f"tg:{user_id}", units[key])
        await session.commit()
    return Seeded(units)


@asynccontextmanager
async def telegram(sessions: Sessions, clock: datetime = NOW) -> AsyncIterator[tuple[FakeTelegram, TelegramChannel]]:
    """A fake Telegram and a started polling channel whose clock reads clock."""
    with FakeTelegram(TOKEN) as api:
        channel = TelegramChannel(TelegramConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: clock)
        await channel.start()
        try:
            yield api, channel
        finally:
            await channel.stop()


async def drain(sessions: Sessions, channel: TelegramChannel, clock: datetime = NOW) -> int:
    """Send what the outbox holds (the notices) once; how many were sent."""
    sender = OutboxSender(sessions, {"tg": channel.sender}, clock=lambda: clock)
    return (await sender.drain_once()).sent


def texts_to(api: FakeTelegram, user_id: int) -> list[str]:
    """Every message Telegram accepted for one chat, in order."""
    return [text for chat, text in api.accepted if chat == str(user_id)]


async def nth_to(api: FakeTelegram, user_id: int, n: int, timeout: float = 10.0) -> str:
    """Wait until the chat of user_id got n messages; the n-th."""
    deadline = time.monotonic() + timeout
    while len(texts_to(api, user_id)) < n:
        assert time.monotonic() < deadline, f"expected {n} messages to {user_id}: {texts_to(api, user_id)}"
        await asyncio.sleep(0.02)
    return texts_to(api, user_id)[n - 1]


async def send(sessions: Sessions, user: int, file: IncomingFile | None, text: str = "", at: datetime = NOW) -> Reply:
    """One Telegram message through the core, committed, as the channel sends it."""
    async with sessions() as session:
        reply = await respond(session, IncomingMessage("tg", str(user), text, at, file=file))
        await session.commit()
    return reply


async def counts(sessions: Sessions) -> tuple[int, int]:
    """(plans, uploads) in the database."""
    async with sessions() as session:
        plans = await session.scalar(select(func.count()).select_from(Plan))
        uploads = await session.scalar(select(func.count()).select_from(PlanUpload))
    return plans or 0, uploads or 0
