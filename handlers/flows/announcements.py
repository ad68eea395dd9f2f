"""A manager's announcement to the staff below: "thông báo cho các xã: ...", previewed with the number of
recipients, confirmed, queued through the outbox and recorded; staff are refused."""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.flows.registration import stranger_reply
from handlers.messages import Choice, IncomingMessage, Reply
from handlers.understand.asker_context import Asker
from storage.conversation.state import clear_state, load_state, newest_kind, save_state
from storage.language.kinds import kind_of
from storage.language.text import fold, format_date, format_number, nfc, short
from storage.models import Unit
from storage.reminders.schedule import to_local
from storage.uploads.announcements import PENDING, SENT, Announcement, audience, delivered, queue, sent_by

STATE = "announce"  # storage.conversation.state kind: {"id": the announcement waiting for confirmation}
MENUS = [STATE, "upload", "menu", "report_menu", "confirm"]
MAX_TEXT = 1500
_ANNOUNCE = re.compile(r"^/?thong bao\s+(?:cho|toi|den|gui)\s+(.{1,60}?)\s*:")
_COMMAND = re.compile(r"^/?(gui|huy) thong bao (\d+)$")
_RECORD = re.compile(r"^/?(cac |nhung )?thong bao (da gui|cua toi)$")
_YES = {"1", "gui", "dong y", "xac nhan", "co", "ok"}
_NO = {"2", "huy", "khong", "thoi"}
_ALL = {"tat ca", "moi", "can bo", "don vi", "toan"}


async def handle(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply | None:
    """Answer a new announcement, its confirmation or cancellation, or "thông báo đã gửi"; None otherwise."""
    f = fold(message.text).strip().rstrip(".!")
    if _ANNOUNCE.match(f):
        return await _new(session, message, asker, f)
    if _RECORD.match(f):
        return await _record(session, message)
    command = _COMMAND.match(f)
    if command is not None:
        return await _decide(session, message, int(command.group(2)), command.group(1) == "gui")
    if (f in _YES or f in _NO) and await newest_kind(session, message.identity, MENUS) == STATE:
        state = await load_state(session, message.identity, STATE, message.now)
        if state is not None:
            return await _decide(session, message, int(state["id"]), f in _YES)
    return None


def _sender_unit(asker: Asker) -> Unit | None:
    """The unit whose staff the asker may address: the first they manage (or administer)."""
    return next((unit for unit, role in asker.units if role in ("manager", "admin")), None)


def _level(words: str) -> int | None:
    """The level an audience names ("các xã" -> 3); None for everyone below."""
    tokens = [t for t in words.split() if t not in ("cac", "tat", "ca", "nhung")]
    if not tokens or any(word in words for word in _ALL):
        return None
    kind = kind_of(tokens[0])
    return kind.level if kind is not None else None


async def _new(session: AsyncSession, message: IncomingMessage, asker: Asker, f: str) -> Reply:
    if asker.group is not None:
        return Reply("Hãy soạn thông báo trong tin nhắn riêng với bot.")
    if not asker.units and not asker.is_admin:
        return await stranger_reply(session)
    unit = _sender_unit(asker)
    if unit is None:
        return Reply("Chỉ cán bộ quản lý mới gửi được thông báo cho các đơn vị cấp dưới.")
    body = nfc(message.text).split(":", 1)[1].strip()
    if not body or len(body) > MAX_TEXT:
        return Reply(f"Nội dung thông báo phải có chữ và không quá {format_number(MAX_TEXT)} ký tự.")
    level = _level(_ANNOUNCE.match(f).group(1))  # type: ignore[union-attr]
    people = await audience(session, unit.id, level, message.identity)
    if not people:
        return Reply(f"Chưa có cán bộ nào đã đăng ký ở các đơn vị đó thuộc {unit.full_name}: không có ai để gửi.")
    row = Announcement(identity=message.identity, unit_id=unit.id, level=level, text=body, created_at=message.now)
    row.status, row.recipients = PENDING, len(people)
    session.add(row)
    await session.flush()
    await save_state(session, message.identity, STATE, {"id": row.id}, message.now)
    choices = [Choice("Gửi thông báo", f"gửi thông báo {row.id}"), Choice("Hủy", f"hủy thông báo {row.id}")]
    return Reply(
        f"Thông báo sẽ gửi tới {format_number(len(people))} cán bộ đã đăng ký thuộc {unit.full_name}:\n"
        f"«{body}»\nGửi thông báo này?",
        choices,
    )


def message_text(row: Announcement, sender: str, unit: Unit) -> str:
    """What each recipient reads."""
    return f"Thông báo của {sender} ({unit.full_name}):\n{row.text}"


async def _decide(session: AsyncSession, message: IncomingMessage, row_id: int, send: bool) -> Reply:
    row = await session.get(Announcement, row_id)
    if row is None or row.identity != message.identity:
        return Reply(f"Không có thông báo số {row_id} nào của bạn đang chờ gửi.")
    await clear_state(session, message.identity, STATE)
    if row.status == SENT:
        return Reply(f"Thông báo này đã được gửi lúc {_when(row)} tới {format_number(row.recipients)} cán bộ.")
    if row.status != PENDING:
        return Reply("Thông báo này đã hủy.")
    if not send:
        row.status = "cancelled"
        return Reply("Đã hủy thông báo, không gửi cho ai.")
    unit = await session.get(Unit, row.unit_id)
    assert unit is not None
    sender = message.sender_name or message.identity
    count = await queue(session, row, message_text(row, sender, unit), to_local(message.now))
    return Reply(f"Đã gửi thông báo tới {format_number(count)} cán bộ (qua hàng đợi tin nhắn, ngoài giờ yên lặng).")


async def _record(session: AsyncSession, message: IncomingMessage) -> Reply:
    rows = await sent_by(session, message.identity)
    if not rows:
        return Reply("Bạn chưa gửi thông báo nào.")
    lines = ["Các thông báo bạn đã gửi (mới nhất trước):"]
    for row in rows:
        got = await delivered(session, row.id)
        lines.append(
            f"- {_when(row)}: {format_number(row.recipients)} người nhận, đã chuyển {format_number(got)} — "
            f"«{short(row.text, 80)}»"
        )
    return Reply("\n".join(lines))


def _when(row: Announcement) -> str:
    local = to_local(row.sent_at or row.created_at)
    return f"{local:%H:%M} ngày {format_date(local.date())}"
