"""The reminder scheduler: an APScheduler tick that claims due reminders and queues them; start/stop."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import select

from bot.config import ReminderConfig
from bot.scheduler import JOB_ID, ReminderScheduler
from storage.outbox.queue import OutboxMessage
from tests.reminder_data import at, build_world


async def outbox(sessions) -> list[str]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return sorted((await session.execute(select(OutboxMessage.recipient))).scalars())


async def test_tick_queues_due_reminders_once(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    scheduler = ReminderScheduler(sessions, ReminderConfig())
    assert {r.recipient for r in (await scheduler.tick(at(17))).queued} == {"tg:1001", "zalo:1002"}
    assert (await scheduler.tick(at(17, minute=1))).queued == []
    assert (await scheduler.tick(at(17, hour=22))).queued == []
    assert await outbox(sessions) == ["tg:1001", "zalo:1002"]


async def test_first_tick_logs_what_downtime_skipped(sessions, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    scheduler = ReminderScheduler(sessions, ReminderConfig())
    with caplog.at_level(logging.WARNING, logger="bot.scheduler"):
        await scheduler.tick(at(18))
    assert "2 reminders of earlier days were missed" in caplog.text


async def test_start_runs_a_tick_at_once_and_stop_ends_it(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    queued = []
    scheduler = ReminderScheduler(
        sessions, ReminderConfig(tick_seconds=60), clock=lambda: at(21), on_queued=queued.append
    )
    assert scheduler.start() and scheduler.running
    assert scheduler.scheduler.get_job(JOB_ID) is not None
    for _ in range(100):
        if queued:
            break
        await asyncio.sleep(0.05)
    scheduler.stop()
    await asyncio.sleep(0.05)  # AsyncIOScheduler shuts down through the event loop
    assert not scheduler.running
    assert await outbox(sessions) == ["tg:1001", "tg:3001", "zalo:1002"]


async def test_disabled_in_config_does_not_start(sessions) -> None:  # type: ignore[no-untyped-def]
    scheduler = ReminderScheduler(sessions, ReminderConfig(enabled=False))
    assert not scheduler.start() and not scheduler.running


def test_config_refuses_an_hour_inside_the_quiet_night() -> None:
    with pytest.raises(ValueError):
        ReminderConfig(hour=22)
    assert ReminderConfig(days_before=[1, 7, 3]).days_before == (7, 3, 1)
