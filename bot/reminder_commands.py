"""`kehoach reminders --at ISO-TIME [--send]`: show, or claim and queue, the reminders due at a time."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime

from bot.clock import parse_now
from bot.config import Config
from bot.sender import deliver_console
from handlers.render.reminders import reminder_text
from storage.db import open_database
from storage.reminders.claims import enqueue_due, missed_count
from storage.reminders.due import Reminder, due_reminders
from storage.reminders.schedule import ReminderSchedule

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `reminders` subcommand's arguments."""
    p = sub.add_parser("reminders", help="các tin nhắc hạn đến giờ gửi vào một thời điểm")
    p.add_argument("--at", help="thời điểm, giờ ISO (mặc định: đồng hồ của bot)")
    p.add_argument(
        "--send", action="store_true", help="nhận và xếp các tin vào hàng đợi gửi, không bao giờ gửi hai lần"
    )


def format_block(reminder: Reminder, note: str = "") -> str:
    """One reminder as printed: a header with the recipient, then the text."""
    label = "tổng hợp cho lãnh đạo" if reminder.kind == "summary" else "nhắc hạn"
    return f"=== {reminder.recipient} ({label}{note}) ===\n{reminder_text(reminder.data)}\n"


def _nothing(at: datetime, schedule: ReminderSchedule) -> str:
    local = schedule.local(at)
    when = f"{local.hour}:{local.minute:02d} {local.day}/{local.month}/{local.year}"
    if schedule.is_quiet(at):
        return f"Không gửi nhắc lúc {when}: đang trong giờ yên lặng ({schedule.quiet_start}h-{schedule.quiet_end}h)."
    if not schedule.is_open(at):
        return f"Chưa đến giờ gửi nhắc ({schedule.hour}h) lúc {when}."
    return f"Không có tin nhắc nào đến hạn lúc {when}."


async def cmd_reminders(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Print the reminders due at --at; with --send, claim and queue them so they never go twice."""
    at = parse_now(args.at) if args.at else now
    schedule = config.reminders.schedule()
    async with open_database(config.database.url) as sessions:
        if not args.send:
            async with sessions() as session:
                due = await due_reminders(session, at, schedule, include_sent=True)
            for reminder in due:
                print(format_block(reminder, ", đã gửi trước đó" if reminder.sent else ""))
            if not due:
                print(_nothing(at, schedule))
            return 0
        async with sessions() as session:
            result = await enqueue_due(session, at, schedule, reminder_text)
            skipped = await missed_count(session, at, schedule)
            await session.commit()
        for reminder in result.queued:
            print(format_block(reminder))
        delivered = await deliver_console(sessions, list(result.outbox_ids.values()), at)
    if not result.queued:
        print(_nothing(at, schedule) if not result.already else "Không có tin nhắc mới: các tin đến hạn đã gửi rồi.")
    print(
        f"Đã nhận {len(result.queued)} tin nhắc mới: {delivered} tin đã in ra màn hình (console:), "
        f"{len(result.queued) - delivered} tin nằm trong hàng đợi gửi (outbox) chờ kênh Telegram/Zalo "
        f"(`kehoach run`); {result.already} tin đã gửi trước đó; {skipped} tin của các ngày trước bị bỏ qua.",
        file=sys.stderr,
    )
    if skipped:
        log.warning("skipped %d reminders whose day has passed", skipped)
    return 0
