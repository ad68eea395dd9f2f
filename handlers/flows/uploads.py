"""A plan file sent in chat: checked, read in a dry run, previewed, kept until the sender confirms.

Nothing is written before the confirmation but the pending upload itself (the file and its checksum);
the dry run happens in a savepoint that is rolled back. Confirming (handlers.flows.upload_confirm) imports
the plan in the message's one transaction and queues the notices to the units it names.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.flows import upload_confirm
from handlers.flows.registration import stranger_reply
from handlers.flows.upload_access import may_import, may_upload, whom_to_ask
from handlers.flows.upload_reading import UploadReading, file_refusal, read_upload
from handlers.messages import Choice, IncomingFile, IncomingMessage, Reply
from handlers.render.upload_preview import Preview, losses_text, preview_text, time_line
from handlers.understand.asker_context import Asker
from storage.conversation.state import save_state
from storage.importer import StoreResult, prepare_plan, write_plan
from storage.importer.model import Document, Facts
from storage.language.text import format_date
from storage.reminders.schedule import to_local
from storage.uploads.models import EXPIRED, KEEP_PENDING, PlanUpload, has_expired, pending_upload
from storage.uploads.notices import UnitFigures, unit_figures

STATE = upload_confirm.STATE
NOTHING_WRITTEN = "Không có gì được ghi vào cơ sở dữ liệu."
IN_GROUP = "Hãy gửi tệp kế hoạch trong tin nhắn riêng với bot, không gửi trong nhóm."


def choices(upload_id: int) -> list[Choice]:
    """Confirm or cancel one pending upload (buttons on Telegram, numbers elsewhere)."""
    return [Choice("Nhập kế hoạch", f"nhập tệp {upload_id}"), Choice("Hủy", f"hủy tệp {upload_id}")]


async def receive(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply:
    """Answer a file: who may, what is wrong with it, or its preview with the question to import it."""
    file = message.file
    assert file is not None
    if asker.group is not None:
        return Reply(IN_GROUP)
    if not asker.units and not asker.is_admin:
        reply = await stranger_reply(session)
        return Reply("Chỉ cán bộ đã đăng ký mới gửi được kế hoạch cho bot. " + reply.text, reply.choices)
    if not may_upload(asker):
        who = await whom_to_ask(session, asker)
        return Reply(
            "Chỉ cán bộ quản lý hoặc quản trị viên mới gửi được kế hoạch cho bot. "
            f"Hãy gửi tệp cho {who} để nhập. {NOTHING_WRITTEN}"
        )
    waiting = await _waiting(session, message)
    if waiting is not None:
        return waiting
    refusal = file_refusal(file)
    if refusal is not None:
        return Reply(f"{refusal} {NOTHING_WRITTEN}")
    reading = file.reading if isinstance(file.reading, UploadReading) else None
    if reading is None:  # a channel that did not read ahead
        reading = await asyncio.to_thread(read_upload, file.name, file.content or b"")
    if reading.error is not None:
        return Reply(f"Không đọc được tệp {file.name} thành kế hoạch: {reading.error}. {NOTHING_WRITTEN}")
    return await _preview(session, message, asker, file, reading)


async def _waiting(session: AsyncSession, message: IncomingMessage) -> Reply | None:
    """The refusal of a second file while one waits for confirmation; an expired one is dropped."""
    pending = await pending_upload(session, message.identity)
    if pending is None:
        return None
    if has_expired(pending, message.now):
        pending.status, pending.decided_at = EXPIRED, message.now
        await session.flush()
        return None
    sent = _when(pending.received_at, message.now)
    return Reply(
        f"Bạn đang có tệp {pending.filename} (gửi lúc {sent}) chờ xác nhận. Hãy nhập hoặc hủy tệp đó trước, "
        f"rồi gửi tệp mới. Tệp vừa gửi chưa được nhận. {NOTHING_WRITTEN}",
        choices(pending.id),
    )


async def _preview(
    session: AsyncSession, message: IncomingMessage, asker: Asker, file: IncomingFile, reading: UploadReading
) -> Reply:
    """The dry run in a savepoint (rolled back), the permission check, then the pending upload and preview."""
    read = reading.read
    savepoint = await session.begin_nested()
    try:
        prepared = await prepare_plan(session, read.document, read.facts, checksum=reading.checksum)
        diff = prepared.diff
        result = await write_plan(session, prepared, source_file=file.name, checksum=reading.checksum, now=message.now)
        figures = await unit_figures(session, result.plan, to_local(message.now).date())
        allowed = await may_import(session, asker, result.plan.issuer_unit_id, figures)
        ocr = reading.ocr_text is not None
        preview = _preview_of(file.name, read.document, read.facts, result, figures, ocr)
    finally:
        await savepoint.rollback()
    if not allowed:
        return Reply(
            f"Bạn không nhập được kế hoạch này: {preview.issuer} ban hành, và kế hoạch không giao chỉ tiêu hay "
            f"nhiệm vụ cho đơn vị nào bạn quản lý. Hãy gửi tệp cho quản trị viên của bot. {NOTHING_WRITTEN}"
        )
    if diff.losses:
        return Reply(losses_text(file.name, diff))
    text = preview_text(preview)
    upload = _pending(message, file, reading, text)
    session.add(upload)
    await session.flush()
    await save_state(session, message.identity, STATE, {"id": upload.id}, message.now, ttl=KEEP_PENDING)
    return Reply(text, choices(upload.id))


def _preview_of(
    name: str, document: Document, facts: Facts, result: StoreResult, figures: dict[int, UnitFigures], ocr: bool
) -> Preview:
    """The preview's data, taken from the dry run's rows before they are rolled back."""
    plan, header = result.plan, document.header
    counts = {
        "đơn vị": result.units,
        "chỉ tiêu": result.targets,
        "nhiệm vụ": result.duties,
        "hạn": result.deadlines,
        "kinh phí": result.budgets,
    }
    warnings = list(facts.warnings)
    if header.issuer is None:
        warnings.insert(0, "không xác định được cơ quan ban hành (UBND nào)")
    units = [f.name for f in figures.values()]
    title, issuer, line = plan.title, plan.issuer_name, time_line(document)
    return Preview(name, plan.number, plan.doc_date, issuer, title, line, counts, units, result.diff, warnings, ocr)


def _pending(message: IncomingMessage, file: IncomingFile, reading: UploadReading, text: str) -> PlanUpload:
    return PlanUpload(
        identity=message.identity,
        sender_name=message.sender_name,
        filename=file.name[:255],
        size=len(file.content or b""),
        checksum=reading.checksum,
        content=file.content or b"",
        ocr_text=reading.ocr_text,
        ocr=reading.ocr_text is not None,
        status="pending",
        received_at=message.now,
        expires_at=message.now + KEEP_PENDING,
        preview=text,
    )


def _when(moment: datetime, now: datetime) -> str:
    local = to_local(moment if moment.tzinfo is not None else moment.replace(tzinfo=now.tzinfo))
    return f"{local:%H:%M} ngày {format_date(local.date())}"
