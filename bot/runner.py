"""`kehoach run`: every configured channel and the reminder scheduler in one process, until SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import Clock
from bot.clock import VIETNAM
from bot.config import Config
from bot.delivery import ChannelSender
from bot.scheduler import ReminderScheduler
from bot.sender import OutboxSender
from storage.db import open_database

log = logging.getLogger(__name__)

QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler.executors.default")  # httpx logs URLs, which hold tokens


class Channel(Protocol):
    """What the runner needs from a channel."""

    @property
    def sender(self) -> ChannelSender: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def make_clock(now: datetime | None) -> Clock:
    """The real clock in Vietnam, or one that starts at now (--now) and runs on from there."""
    if now is None:
        return lambda: datetime.now(VIETNAM)
    started = time.monotonic()
    return lambda: now + timedelta(seconds=time.monotonic() - started)


def configure_logging(verbose: bool) -> None:
    """Info lines for the operator; never the HTTP client's request lines (they contain tokens)."""
    logging.getLogger().setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def build_channels(config: Config, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> list[Channel]:
    """One channel object for each configured channel (those with a token)."""
    channels: list[Channel] = []
    public = config.access.public_questions
    if config.telegram.enabled:
        from bot.telegram_channel import TelegramChannel

        channels.append(TelegramChannel(config.telegram, sessions, clock, public_questions=public))
    if config.zalo.enabled:
        from bot.zalo_channel import ZaloChannel

        channels.append(ZaloChannel(config.zalo, sessions, clock, public_questions=public))
    return channels


async def run(config: Config, clock: Clock, stop: asyncio.Event | None = None) -> int:
    """Serve until SIGTERM/SIGINT (or stop is set); 2 when no channel is configured."""
    if not (config.telegram.enabled or config.zalo.enabled):
        log.error("no channel configured: give [telegram] or [zalo] a token (or KEHOACH_*_TOKEN)")
        return 2
    stop = stop or asyncio.Event()
    _on_signals(stop)
    async with open_database(config.database.url) as sessions:
        channels = build_channels(config, sessions, clock)
        senders = {channel.sender.channel: channel.sender for channel in channels}
        started: list[Channel] = []
        background: Background | None = None
        try:
            for channel in channels:
                await channel.start()
                started.append(channel)
            background = start_reminders(config, sessions, senders, clock)
            log.info("kehoach running: %s", ", ".join(senders))
            await stop.wait()
        finally:
            await _shutdown(background, started)
    log.info("kehoach stopped")
    return 0


@dataclass
class Background:
    """The reminder scheduler (queues due reminders) and the outbox sender (delivers pending rows)."""

    scheduler: ReminderScheduler
    outbox: OutboxSender


def start_reminders(
    config: Config, sessions: async_sessionmaker[AsyncSession], senders: dict[str, ChannelSender], clock: Clock
) -> Background:
    """Start the reminder ticks and the outbox drain over the running channels' senders (text and files)."""
    scheduler = ReminderScheduler(sessions, config.reminders, clock=clock)
    scheduler.start()
    outbox = OutboxSender(sessions, senders, schedule=config.reminders.schedule(), clock=clock)
    outbox.start()
    return Background(scheduler, outbox)


async def _shutdown(background: Background | None, started: list[Channel]) -> None:
    """Stop the reminders and the outbox drain, then each channel (newest first); each finishes its work."""
    if background is not None:
        background.scheduler.stop()
        await _quietly(background.outbox.stop(), "outbox sender")
    for channel in reversed(started):
        await _quietly(channel.stop(), type(channel).__name__)


async def _quietly(work: Awaitable[Any], what: str) -> None:
    try:
        await work
    except Exception:  # keep stopping the rest
        log.exception("stopping %s failed", what)


def _on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread, or no signals here
            log.debug("cannot watch signal %s", sig)
