"""`kehoach run`: every configured channel and the reminder scheduler in one process, until SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Awaitable
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import ChannelSender, Clock, retry_pending
from bot.clock import VIETNAM
from bot.config import Config
from storage.db import open_database

log = logging.getLogger(__name__)

RETRY_EVERY = 30.0  # seconds between two passes over replies left unsent
QUIET_LOGGERS = ("httpx", "httpcore", "apscheduler.executors.default")  # httpx logs URLs, which hold tokens


class Channel(Protocol):
    """What the runner needs from a channel."""

    sender: ChannelSender

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
    if config.telegram.enabled:
        from bot.telegram_channel import TelegramChannel

        channels.append(TelegramChannel(config.telegram, sessions, clock))
    if config.zalo.enabled:
        from bot.zalo_channel import ZaloChannel

        channels.append(ZaloChannel(config.zalo, sessions, clock))
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
        reminders: Stoppable | None = None
        try:
            for channel in channels:
                await channel.start()
                started.append(channel)
            reminders = await start_reminders(config, sessions, senders, clock)
            log.info("kehoach running: %s", ", ".join(senders))
            await _retry_until(stop, sessions, senders, clock)
        finally:
            await _shutdown(reminders, started)
    log.info("kehoach stopped")
    return 0


async def _shutdown(reminders: Stoppable | None, started: list[Channel]) -> None:
    """Stop the scheduler, then each channel (newest first); each finishes what it started."""
    if reminders is not None:
        await _quietly(reminders.stop(), "reminder scheduler")
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


async def _retry_until(
    stop: asyncio.Event,
    sessions: async_sessionmaker[AsyncSession],
    senders: dict[str, ChannelSender],
    clock: Clock,
) -> None:
    """Every RETRY_EVERY seconds, resend replies that a failure left in the outbox; return on stop."""
    while True:
        try:
            await asyncio.wait_for(stop.wait(), timeout=RETRY_EVERY)
            return
        except TimeoutError:
            pass
        try:
            await retry_pending(sessions, senders, clock())
        except Exception:  # a database hiccup must not end the process
            log.exception("outbox retry failed")


class Stoppable(Protocol):
    """Something running in the background that can be stopped."""

    def stop(self) -> Awaitable[None]: ...


async def start_reminders(
    config: Config,
    sessions: async_sessionmaker[AsyncSession],
    senders: dict[str, ChannelSender],
    clock: Clock,
) -> Stoppable | None:
    """THE call site of the reminder scheduler (bot/scheduler.py, issue 5); None until it exists."""
    try:
        from bot import scheduler  # type: ignore[attr-defined]
    except ImportError:
        log.warning("reminder scheduler not available yet (bot/scheduler.py): reminders are not sent")
        return None
    return await scheduler.start_scheduler(config, sessions, senders, clock)
