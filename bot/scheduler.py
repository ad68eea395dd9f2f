"""The reminder scheduler: one periodic tick that claims the reminders due now and queues them in the outbox.

Nothing about reminders lives in memory: every tick recomputes what is due from the database,
claims it under a unique key and queues it; the outbox sender (bot.sender) delivers it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import ReminderConfig
from handlers.render.reminders import reminder_text
from storage.reminders.claims import EnqueueResult, enqueue_due, fingerprint, missed_count
from storage.reminders.schedule import LOCAL_ZONE, to_local

log = logging.getLogger(__name__)
JOB_ID = "deadline-reminders"
COMMIT_EVERY = 5000  # claims + outbox rows per transaction: keeps write locks short for chat replies


def _wall_clock() -> datetime:
    return datetime.now(LOCAL_ZONE)


class ReminderScheduler:
    """Start/stop wrapper around an AsyncIOScheduler (Asia/Ho_Chi_Minh) running `tick` every tick_seconds."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        config: ReminderConfig,
        *,
        clock: Callable[[], datetime] = _wall_clock,
        on_queued: Callable[[EnqueueResult], None] | None = None,
    ) -> None:
        self.sessions, self.config, self.clock, self.on_queued = sessions, config, clock, on_queued
        self.schedule = config.schedule()
        self.scheduler = AsyncIOScheduler(timezone=LOCAL_ZONE)
        self._started_up = False
        self._last_state: tuple[object, ...] | None = None  # only a shortcut: the database stays the truth

    async def tick(self, now: datetime | None = None) -> EnqueueResult:
        """Claim and queue the reminders due at now (the clock's time by default); the result."""
        now = to_local(now or self.clock())
        async with self.sessions() as session:
            state = await fingerprint(session, now, self.schedule)
            if state == self._last_state:  # nothing that decides who is due changed: all claimed already
                return EnqueueResult()
            result = await enqueue_due(session, now, self.schedule, reminder_text, commit_every=COMMIT_EVERY)
            if not self._started_up:  # first tick after a start: count what the downtime cost
                skipped = await missed_count(session, now, self.schedule)
                if skipped:
                    log.warning("reminders: %d reminders of earlier days were missed while stopped; skipped", skipped)
            await session.commit()
        self._started_up, self._last_state = True, state
        if result.queued:
            log.info("reminders: queued %d (%d already sent)", len(result.queued), result.already)
            if self.on_queued is not None:
                self.on_queued(result)
        return result

    async def _safe_tick(self) -> None:
        try:
            await self.tick()
        except Exception:  # noqa: BLE001  (a locked or unreachable database: try again next tick)
            log.exception("reminders: tick failed; retrying at the next tick")

    def start(self) -> bool:
        """Start ticking (the first tick at once); False when [reminders] enabled = false. Needs a running loop."""
        if not self.config.enabled:
            log.info("reminders: disabled in the config")
            return False
        self.scheduler.add_job(
            self._safe_tick,
            "interval",
            seconds=self.config.tick_seconds,
            id=JOB_ID,
            next_run_time=datetime.now(LOCAL_ZONE),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=self.config.tick_seconds,
            replace_existing=True,
        )
        self.scheduler.start()
        return True

    def stop(self) -> None:
        """Stop ticking (takes effect at the loop's next turn); a tick in progress finishes on its own."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    @property
    def running(self) -> bool:
        """Whether the scheduler is ticking."""
        return self.scheduler.running
