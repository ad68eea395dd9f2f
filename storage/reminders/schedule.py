"""When reminders fall due: steps around a deadline, the daily hour and quiet hours (pure time logic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def to_local(now: datetime) -> datetime:
    """now in Vietnam time (a naive now is taken as Vietnam time); SQLite stores times without a zone."""
    return now.replace(tzinfo=LOCAL_ZONE) if now.tzinfo is None else now.astimezone(LOCAL_ZONE)


@dataclass(frozen=True)
class ReminderSchedule:
    """Days before the due date, the local hour to send, overdue repetition and quiet hours."""

    days_before: tuple[int, ...] = (7, 3, 1, 0)
    hour: int = 8
    overdue_every_days: int = 7
    overdue_for_days: int = 90  # after this many days late a deadline stops being reminded (0 = never stops)
    quiet_start: int = 21
    quiet_end: int = 7

    def local(self, now: datetime) -> datetime:
        """now in Vietnam time."""
        return to_local(now)

    def is_quiet(self, now: datetime) -> bool:
        """Whether now falls in the quiet hours (nothing is sent then)."""
        hour = self.local(now).hour
        if self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start > self.quiet_end:  # wraps midnight: 21:00-07:00
            return hour >= self.quiet_start or hour < self.quiet_end
        return self.quiet_start <= hour < self.quiet_end

    def is_open(self, now: datetime) -> bool:
        """Whether today's reminders may go out at now: past the daily hour and outside quiet hours."""
        return not self.is_quiet(now) and self.local(now).hour >= self.hour

    def quiet_ends_at(self, now: datetime) -> datetime:
        """The first instant after now that is outside the quiet hours (now itself when not quiet)."""
        local = self.local(now)
        if not self.is_quiet(local):
            return local
        end = local.replace(hour=self.quiet_end, minute=0, second=0, microsecond=0)
        return end if end > local else end + timedelta(days=1)

    def step(self, due: date, day: date) -> int | None:
        """The step (days after due, negative before) that falls on day, or None when no reminder does."""
        offset = (day - due).days
        if offset <= 0:
            return offset if -offset in self.days_before else None
        if offset == 1:
            return 1
        if self.overdue_for_days and offset > self.overdue_for_days:
            return None
        every = self.overdue_every_days
        return offset if every > 0 and (offset - 1) % every == 0 else None

    def previous_step(self, due: date, day: date, lookback: int = 31) -> tuple[int, date] | None:
        """The latest step strictly before day (within lookback days), with the day it fell on."""
        for back in range(1, lookback + 1):
            earlier = day - timedelta(days=back)
            step = self.step(due, earlier)
            if step is not None:
                return step, earlier
        return None

    def send_time(self, day: date) -> datetime:
        """The local instant the reminders of day go out."""
        start = datetime(day.year, day.month, day.day, self.hour, tzinfo=LOCAL_ZONE)
        return self.quiet_ends_at(start)
