"""Chat side of reminders: pause them ("tạm dừng nhắc 3 ngày"), stop one deadline's, or turn them back on."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import IncomingMessage, Reply
from handlers.understand.asker_context import Asker
from storage.language.normalize import normalize_text
from storage.language.stopwords import REMINDER_FILLER
from storage.language.text import fold, format_date
from storage.reminders.due import deadline_ref
from storage.reminders.models import add_pause, dated_deadline_rows, deadline_title, last_claim, resume
from storage.reminders.obligors import load_tree
from storage.reminders.schedule import to_local

_RESUME = re.compile(r"\b(bat|mo|tiep tuc|cho)( lai)? (nhac|thong bao nhac)\b|\bnhac (lai|tiep) (di|nhe|cho toi)\b")
_PAUSE = re.compile(r"\b(tam dung|tam ngung|tam hoan|tam tat|hoan)( \w+)? nhac\b")
_STOP = re.compile(r"\b(dung|ngung|thoi|tat|bo|huy|khong can|dung gui)( \w+)? nhac\b|\bkhong (muon )?nhac\b")
_ALL = re.compile(r"\b(tat ca|moi|het|toan bo)\b")
_DURATION = re.compile(r"(\d+)\s*(ngay|tuan|thang|gio|tieng)\b")
_UNITS = {"ngay": 1.0, "tuan": 7.0, "thang": 30.0, "gio": 1 / 24, "tieng": 1 / 24}
MAX_PAUSE_DAYS = 365


async def handle(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply | None:
    """Answer a pause, stop or resume of reminders; None for any other message."""
    folded = normalize_text(message.text)
    if not re.search(r"\bnhac\b", folded):
        return None
    if _RESUME.search(folded):
        return await _resume(session, asker)
    if _PAUSE.search(folded):
        return await _pause(session, asker, folded, to_local(message.now))
    if _STOP.search(folded):
        return await _stop(session, asker, folded, to_local(message.now))
    return None


def _stranger() -> Reply:
    return Reply('Bạn chưa đăng ký nên chưa nhận tin nhắc hạn nào. Gõ "đăng ký" để đăng ký với đơn vị của mình.')


async def _resume(session: AsyncSession, asker: Asker) -> Reply:
    if not asker.registered:
        return _stranger()
    lifted = await resume(session, asker.identity)
    if not lifted:
        return Reply("Bạn đang nhận đầy đủ tin nhắc hạn, không có gì cần bật lại.")
    return Reply("Đã bật lại tin nhắc hạn. Bot sẽ nhắc bạn trước và sau mỗi hạn như bình thường.")


def _duration(folded: str) -> tuple[timedelta, str]:
    match = _DURATION.search(folded)
    if not match:
        return timedelta(days=1), "1 ngày"
    amount = min(int(match.group(1)) * _UNITS[match.group(2)], MAX_PAUSE_DAYS)
    label = {"tieng": "giờ"}.get(
        match.group(2), {"ngay": "ngày", "tuan": "tuần", "thang": "tháng", "gio": "giờ"}[match.group(2)]
    )
    return timedelta(days=amount), f"{match.group(1)} {label}"


def _when(moment: datetime) -> str:
    return f"{moment.hour}:{moment.minute:02d} ngày {format_date(moment.date())}"


async def _pause(session: AsyncSession, asker: Asker, folded: str, now: datetime) -> Reply:
    if not asker.registered:
        return _stranger()
    span, label = _duration(folded)
    until = now + span
    await add_pause(session, asker.identity, now, until)
    return Reply(
        f"Đã tạm dừng mọi tin nhắc hạn trong {label}, đến {_when(until)}. "
        'Các hạn vẫn còn nguyên; nhắn "bật nhắc" để nhận lại sớm hơn.'
    )


async def _stop(session: AsyncSession, asker: Asker, folded: str, now: datetime) -> Reply:
    if not asker.registered:
        return _stranger()
    if _ALL.search(folded):
        await add_pause(session, asker.identity, now, None)
        return Reply('Đã tắt mọi tin nhắc hạn của bạn. Nhắn "bật nhắc" khi muốn nhận lại.')
    words = set(folded.split()) - REMINDER_FILLER
    found = await _named_deadline(session, asker, words, now) if words else await _last_reminded(session, asker)
    if found is None:
        return Reply(
            "Chưa rõ bạn muốn thôi nhắc hạn nào. Hãy ghi tên hạn, ví dụ: "
            '"dừng nhắc báo cáo 6 tháng", hoặc "tạm dừng nhắc 3 ngày" để tạm dừng mọi tin nhắc.'
        )
    ref, deadline_id, title, due = found
    await add_pause(session, asker.identity, now, None, ref=ref, deadline_id=deadline_id, title=title[:300])
    return Reply(
        f"Đã thôi nhắc bạn về: {title} (hạn {format_date(due)}). Các hạn khác vẫn được nhắc. "
        'Nhắn "bật nhắc" để nhận lại.'
    )


async def _last_reminded(session: AsyncSession, asker: Asker) -> tuple[str, int, str, date] | None:
    """The deadline of the latest reminder the asker got."""
    claim = await last_claim(session, asker.identity)
    if claim is None:
        return None
    title = await deadline_title(session, claim.deadline_id)
    return claim.ref, claim.deadline_id, title or "hạn vừa được nhắc", claim.due_date


async def _named_deadline(
    session: AsyncSession, asker: Asker, words: set[str], now: datetime
) -> tuple[str, int, str, date] | None:
    """The dated deadline over the asker's units that the words name best (the nearest on a tie)."""
    tree = await load_tree(session)
    scopes: set[int] = set()
    for unit, _role in asker.units:
        node: int | None = unit.id if unit is not None else None
        while node is not None and node not in scopes:
            scopes.add(node)
            node = tree.parent.get(node)
    best, best_rank = None, None
    for row in await dated_deadline_rows(session):
        scope = row.scope_unit_id or row.issuer_unit_id
        if scope not in scopes:
            continue
        title_words = set(fold(row.title).split())
        score = len(words & title_words) / len(words)
        rank = (score, -abs((row.due_date - now.date()).days))
        if score >= 0.5 and (best_rank is None or rank > best_rank):
            best, best_rank = (
                (deadline_ref(scope, row.due_date, row.key or row.title), row.id, row.title, row.due_date),
                rank,
            )
    return best
