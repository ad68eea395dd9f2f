"""Confirming or cancelling a plan file sent in chat: the import in the message's transaction, then the
notices to the units it names queued in the same transaction (so a crash after it sends each once)."""

from __future__ import annotations

import asyncio
import re

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.flows.plan_notices import PlanNotices
from handlers.flows.upload_access import may_import
from handlers.flows.upload_reading import read_upload
from handlers.messages import IncomingMessage, Reply
from handlers.render.upload_preview import imported_text, losses_text
from handlers.understand.asker_context import Asker
from storage.conversation.state import clear_state, load_state, newest_kind
from storage.importer import prepare_plan, write_plan
from storage.language.text import fold, format_date
from storage.reminders.schedule import to_local
from storage.uploads.models import CANCELLED, EXPIRED, IMPORTED, PlanUpload, aware, has_expired
from storage.uploads.notices import unit_figures

STATE = "upload"  # storage.conversation.state kind: {"id": the pending upload}
_COMMAND = re.compile(r"^/?(nhap|huy) tep (\d+)$")
_YES = {"1", "nhap", "nhap ke hoach", "dong y", "xac nhan", "co", "ok"}
_NO = {"2", "huy", "khong", "thoi"}
_MENUS = [STATE, "announce", "menu", "report_menu", "confirm"]


async def handle(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply | None:
    """Answer "nhập tệp N" / "hủy tệp N" (the buttons), or a bare yes/no/1/2 to the newest pending upload."""
    f = fold(message.text).strip().rstrip(".!")
    command = _COMMAND.match(f)
    if command is not None:
        upload_id, yes = int(command.group(2)), command.group(1) == "nhap"
    elif (f in _YES or f in _NO) and await newest_kind(session, message.identity, _MENUS) == STATE:
        state = await load_state(session, message.identity, STATE)
        upload_id, yes = int((state or {}).get("id", 0)), f in _YES
    else:
        return None
    upload = await session.get(PlanUpload, upload_id) if upload_id else None
    if upload is None or upload.identity != message.identity:
        return Reply(f"Không có tệp số {upload_id} nào bạn gửi đang chờ xác nhận.")
    closed = _closed(upload, message)
    if closed is not None:
        await clear_state(session, message.identity, STATE)
        return closed
    await clear_state(session, message.identity, STATE)
    if not yes:
        upload.status, upload.decided_at = CANCELLED, message.now
        return Reply(f"Đã hủy tệp {upload.filename}. Không có gì được ghi vào cơ sở dữ liệu.")
    return await _import(session, message, asker, upload)


def _closed(upload: PlanUpload, message: IncomingMessage) -> Reply | None:
    """The answer for an upload already imported, cancelled or expired (a double tap, a late answer)."""
    if upload.status == IMPORTED:
        when = _at(upload, message)
        return Reply(f"Tệp {upload.filename} đã được nhập lúc {when}; không nhập lại lần nữa.")
    if upload.status == CANCELLED:
        return Reply(f"Tệp {upload.filename} đã hủy. Nếu muốn nhập, hãy gửi lại tệp.")
    if upload.status == EXPIRED or has_expired(upload, message.now):
        upload.status, upload.decided_at = EXPIRED, upload.decided_at or message.now
        return Reply(
            f"Tệp {upload.filename} đã quá 24 giờ chưa xác nhận nên không được nhập. Hãy gửi lại tệp nếu vẫn cần. "
            "Không có gì được ghi vào cơ sở dữ liệu."
        )
    return None


def _at(upload: PlanUpload, message: IncomingMessage) -> str:
    local = to_local(aware(upload.decided_at or upload.received_at, message.now))
    return f"{local:%H:%M} ngày {format_date(local.date())}"


async def _import(session: AsyncSession, message: IncomingMessage, asker: Asker, upload: PlanUpload) -> Reply:
    """Read the kept file again, write the plan, record the upload as its version, queue the notices."""
    reading = await asyncio.to_thread(read_upload, upload.filename, upload.content, upload.ocr_text)
    if reading.error is not None or reading.checksum != upload.checksum:
        upload.status, upload.decided_at = CANCELLED, message.now
        return Reply(f"Không đọc lại được tệp {upload.filename}: {reading.error}. Không có gì được ghi.")
    read, today = reading.read, to_local(message.now).date()
    prepared = await prepare_plan(session, read.document, read.facts, checksum=upload.checksum)
    if prepared.diff.losses:
        upload.status, upload.decided_at = CANCELLED, message.now
        return Reply(losses_text(upload.filename, prepared.diff))
    notices = PlanNotices(skip=message.identity)
    before = await notices.before(session, prepared.plan, message.now)
    savepoint = await session.begin_nested()
    result = await write_plan(
        session, prepared, source_file=f"chat:{upload.id}/{upload.filename}", checksum=upload.checksum, now=message.now
    )
    figures = await unit_figures(session, result.plan, today)
    if not await may_import(session, asker, result.plan.issuer_unit_id, figures):  # the sender's role changed
        await savepoint.rollback()
        upload.status, upload.decided_at = CANCELLED, message.now
        return Reply("Bạn không còn quyền nhập kế hoạch này. Không có gì được ghi vào cơ sở dữ liệu.")
    await savepoint.commit()
    upload.status, upload.decided_at = IMPORTED, message.now
    upload.plan_id, upload.version = result.plan.id, result.version
    told = await notices.after(session, result.plan, result.version, before, message.now)
    what = f"Kế hoạch số {result.plan.number}" if result.plan.number else "Kế hoạch"
    return Reply(
        imported_text(upload.filename, f"{what} của {result.plan.issuer_name}", result.version, told.people, told.units)
    )
