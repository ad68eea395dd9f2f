"""The benchmark's measurements: ask latency and throughput, the reminder scan, the send rate under 429s."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmarks.national import FIRST_USER
from bot.config import ChannelConfig
from bot.sender import OutboxSender
from bot.telegram_channel import TelegramSender, build_application
from handlers.dispatch import respond
from handlers.messages import IncomingMessage
from handlers.render.reminders import reminder_text
from storage.outbox.queue import OutboxMessage
from storage.reminders.claims import claim, enqueue
from storage.reminders.due import Reminder, due_reminders
from storage.reminders.notices import StaffNotice
from storage.reminders.schedule import ReminderSchedule
from tests.fake_botapi import FakeTelegram

QUESTIONS = [
    "Chỉ tiêu giảm hộ nghèo năm 2024 của xã Xuân Bái là bao nhiêu?",
    "chi tieu giam ngheo xa tho xuong",
    "Xã mình năm nay phải giảm mấy hộ nghèo?",
    "Cơ quan nào được phân công giúp đỡ xã Xuân Phú giảm nghèo?",
    "Hạn nộp báo cáo 6 tháng là khi nào?",
    "bao cao nam nop truoc ngay nao",
    "Phòng Tài chính - Kế hoạch huyện Thọ Xuân có nhiệm vụ gì trong công tác giảm nghèo?",
    "Kinh phí Dự án 2 năm 2024 là bao nhiêu?",
    "ty le ho ngheo cuoi nam 2024 phan dau con bao nhieu",
    "Năm 2024 hỗ trợ nhà ở cho bao nhiêu hộ?",
    "tiến độ",
    "trợ giúp",
]
REF_DAY = date(2024, 6, 20)
TOKEN = "123456:BENCHMARK-not-a-real-token"


@dataclass
class AskResult:
    """Latencies of one ask run."""

    p50_ms: float
    p99_ms: float
    msgs_per_s: float
    count: int
    cpu_ms: float  # CPU time of the whole process per message: what an idle core would take


def messages(count: int, users: int, now: datetime, seed: int = 7) -> list[IncomingMessage]:
    """count messages: the questions in turn, each from a random staff identity among the first `users`."""
    rng = random.Random(seed)
    return [
        IncomingMessage("tg", str(FIRST_USER + rng.randrange(max(users, 1))), QUESTIONS[n % len(QUESTIONS)], now)
        for n in range(count)
    ]


async def _one(sessions: async_sessionmaker[AsyncSession], message: IncomingMessage) -> str:
    async with sessions() as session:
        reply = await respond(session, message)
        await session.commit()
    return reply.text


async def ask_run(sessions: async_sessionmaker[AsyncSession], batch: list[IncomingMessage]) -> AskResult:
    """Each message through the core in its own session (as a channel does), one after another."""
    for message in batch[: len(QUESTIONS)]:  # warm the snapshot and the statement caches
        await _one(sessions, message)
    times: list[float] = []
    start, cpu = time.perf_counter(), time.process_time()
    for message in batch:
        began = time.perf_counter()
        await _one(sessions, message)
        times.append((time.perf_counter() - began) * 1000)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return AskResult(statistics.median(times), p99, len(times) / total, len(times), cpu * 1000 / len(times))


async def reminder_scan(
    sessions: async_sessionmaker[AsyncSession], at: datetime, schedule: ReminderSchedule
) -> tuple[float, list[Reminder]]:
    """Seconds to compute every reminder due at `at` for all users, and the reminders."""
    async with sessions() as session:
        start = time.perf_counter()
        due = await due_reminders(session, at, schedule)
        return time.perf_counter() - start, due


async def fallback_reminders(sessions: async_sessionmaker[AsyncSession], count: int) -> list[Reminder]:
    """Reminders for the send test when the scan failed: one per staff member, built directly."""
    return [
        Reminder(f"tg:{FIRST_USER + n}", _test_notice(n), "staff", f"bench|{n}", -7, 0, None, REF_DAY)
        for n in range(count)
    ]


def _test_notice(n: int) -> StaffNotice:
    return StaffNotice(f"Báo cáo thử {n}", REF_DAY, -7, "Đơn vị thử", None, ())


async def _queue(sessions: async_sessionmaker[AsyncSession], due: list[Reminder], at: datetime) -> list[int]:
    """Claim and queue the reminders as the scheduler does; their outbox ids."""
    async with sessions() as session:
        won = await claim(session, due, at)
        ids = await enqueue(session, [(won[r.key], r) for r in due if r.key in won], at, reminder_text)
        await session.commit()
    return list(ids.values())


async def _pending(sessions: async_sessionmaker[AsyncSession], ids: list[int]) -> dict[str, int]:
    async with sessions() as session:
        query = select(OutboxMessage.status, func.count()).where(OutboxMessage.id.in_(ids))
        return {status: int(n) for status, n in (await session.execute(query.group_by(OutboxMessage.status))).all()}


async def send_rate(
    sessions: async_sessionmaker[AsyncSession], due: list[Reminder], at: datetime, rate: int = 30
) -> dict[str, float]:
    """Send the reminders through the outbox sender and the Telegram channel to a 429-ing fake; rate and losses."""
    ids = await _queue(sessions, due, at)
    with FakeTelegram(TOKEN, rate=rate) as api:
        app = build_application(ChannelConfig(token=TOKEN, base_url=api.base_url))
        await app.initialize()
        sender = OutboxSender(sessions, {"tg": TelegramSender(app.bot).send_text}, clock=lambda: at)
        start = time.perf_counter()
        while (await _pending(sessions, ids)).get("pending", 0):
            result = await sender.drain_once()
            if not (result.sent or result.retried or result.failed):
                await asyncio.sleep(0.05)
        elapsed = time.perf_counter() - start
        await app.shutdown()
    statuses = await _pending(sessions, ids)
    delivered = [chat for chat, _ in api.accepted]
    wanted = sorted(r.recipient.partition(":")[2] for r in due)
    return {
        "sent": float(len(delivered)),
        "rate": len(delivered) / elapsed,
        "ratio": len(delivered) / elapsed / rate,
        "refused_429": float(api.refused),
        "lost": float(len(set(wanted) - set(delivered))),
        "duplicates": float(len(delivered) - len(set(delivered))),
        "failed": float(statuses.get("failed", 0)),
    }
