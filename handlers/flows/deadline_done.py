"""A deadline done: "đã nộp báo cáo 6 tháng", said casually ("bên em gửi báo cáo 6 tháng rồi ạ"), or bare
("xong rồi", "rồi nhé") in answer to the reminder just sent; recorded for the unit, whose reminders of that
deadline then stop, and confirmed by name and date."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.access import may_see
from handlers.flows.report_saving import report_unit
from handlers.messages import IncomingMessage, Reply
from handlers.understand.asker_context import Asker
from storage.language.stopwords import DONE_WORDS
from storage.language.text import fold, format_date
from storage.models import Deadline, Unit
from storage.reminders.models import last_staff_reminder
from storage.reporting.reports import deadlines_over, is_deadline_done, record_completion
from storage.units.lookup import ancestors

REMINDER_ANSWERED = timedelta(days=7)  # a bare "xong rồi" answers a reminder sent this recently


async def mark_bare_done(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply | None:
    """ "xong rồi" after a reminder: that deadline done for the reminded unit; None when no reminder is recent."""
    claim = await last_staff_reminder(session, message.identity, message.now - REMINDER_ANSWERED)
    if claim is None or claim.unit_id is None:
        return None
    deadline = await session.get(Deadline, claim.deadline_id)
    unit = await session.get(Unit, claim.unit_id)
    if deadline is None or unit is None or not await may_see(session, asker, unit):
        return None
    return await _record(session, message, unit, deadline)


async def mark_deadline_done(session: AsyncSession, message: IncomingMessage, asker: Asker, f: str) -> Reply:
    """ "đã nộp báo cáo 6 tháng": mark the matching deadline done for the reporter's unit."""
    unit, refusal = await report_unit(session, asker, f)
    if unit is None:
        return Reply(refusal or "Chưa rõ đơn vị. Chưa lưu gì.")
    scope = [unit.id] + [u.id for u in await ancestors(session, unit)]
    deadline = _match_deadline(f, await deadlines_over(session, scope))
    if deadline is None:
        return Reply(f"Không thấy hạn báo cáo nào của {unit.full_name} khớp với tin này, nên chưa lưu gì.")
    return await _record(session, message, unit, deadline)


async def _record(session: AsyncSession, message: IncomingMessage, unit: Unit, deadline: Deadline) -> Reply:
    """Record the completion (once) and confirm it."""
    due = f" (hạn {format_date(deadline.due_date)})" if deadline.due_date else ""
    if await is_deadline_done(session, deadline.id, unit.id):
        return Reply(f"{unit.full_name} đã được ghi nhận hoàn thành: {deadline.title}{due} từ trước.")
    await record_completion(session, deadline.id, unit.id, message.identity, message.text, message.now)
    return Reply(f"Đã ghi nhận {unit.full_name} hoàn thành: {deadline.title}{due}. Bot sẽ không nhắc hạn này nữa.")


def _match_deadline(f: str, deadlines: list[Deadline]) -> Deadline | None:
    words = set(f.split()) - DONE_WORDS
    best, best_score = None, 0.0
    for deadline in deadlines:
        title = set(fold(deadline.title).split())
        score = len(words & title) + (0.5 if "bao" in title and "cao" in title else 0)
        if _period(f) and _period(f) != _period(fold(deadline.title)):
            continue
        if score > best_score or (score == best_score and best and _earlier(deadline, best)):
            best, best_score = deadline, score
    return best


def _period(text: str) -> str | None:
    for period in ("6 thang", "quy", "9 thang", "thang", "nam"):
        if period in text:
            return period
    return None


def _earlier(a: Deadline, b: Deadline) -> bool:
    return a.due_date is not None and (b.due_date is None or a.due_date < b.due_date)
