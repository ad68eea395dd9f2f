"""Plan-document importer: file -> text -> Document -> Facts -> database."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer.facts import extract_facts
from storage.importer.model import Document, Facts
from storage.importer.reader import UnreadableDocument, read_document
from storage.importer.store import StoreResult, store_plan
from storage.importer.structure import parse_document
from storage.text import fold

log = logging.getLogger(__name__)


@dataclass
class FileOutcome:
    """What importing one file did: success, and the lines to print (summary, warnings or the error)."""

    path: str
    ok: bool
    lines: list[str] = field(default_factory=list)
    plan_id: int | None = None


async def import_paths(
    sessions: async_sessionmaker[AsyncSession], paths: list[Path], *, now: datetime
) -> list[FileOutcome]:
    """Import each file in its own transaction; a failed file changes nothing."""
    return [await import_file(sessions, path, now=now) for path in paths]


def prepare(path: Path) -> tuple[Document, Facts, str]:
    """Read, parse and extract one file, with no database: the document, its facts and the file's checksum."""
    text = read_document(path)
    document = parse_document(text)
    return document, extract_facts(document), file_checksum(path)


async def import_file(sessions: async_sessionmaker[AsyncSession], path: Path, *, now: datetime) -> FileOutcome:
    """Read, parse, extract and store one file; the outcome says what was found or why it failed.

    Everything but the store runs in a worker thread before any transaction begins: the event loop keeps
    answering and the SQLite write lock is held only while the rows are written.
    """
    name = path.name
    try:
        document, facts, checksum = await asyncio.to_thread(prepare, path)
    except UnreadableDocument as exc:
        return FileOutcome(str(path), False, [f"Lỗi: {name}: {exc}"])
    except Exception as exc:  # a parser bug must not stop the other files
        log.exception("reading %s failed", path)
        return FileOutcome(str(path), False, [f"Lỗi: {name}: không đọc được nội dung văn bản ({type(exc).__name__})"])
    try:
        started = time.monotonic()
        async with sessions() as session, session.begin():
            result = await store_plan(session, document, facts, source_file=str(path), checksum=checksum, now=now)
        log.info("stored %s in one transaction of %.2f s", name, time.monotonic() - started)
    except Exception as exc:  # the transaction rolled back: nothing changed
        log.exception("storing %s failed", path)
        reason = f"lỗi khi ghi vào cơ sở dữ liệu ({type(exc).__name__}), không có gì thay đổi"
        return FileOutcome(str(path), False, [f"Lỗi: {name}: {reason}"])
    warnings = [*_structure_warnings(document), *facts.warnings]
    lines = [summary_line(name, result), *(warning_line(w) for w in warnings)]
    return FileOutcome(str(path), True, lines, plan_id=result.plan.id)


def warning_line(warning: str) -> str:
    """ "Cảnh báo: ..." once, whether or not the extractor already wrote the prefix."""
    text = warning.strip()
    return text if fold(text).startswith("canh bao") else f"Cảnh báo: {text}"


def file_checksum(path: Path) -> str:
    """SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _structure_warnings(document: Document) -> list[str]:
    warnings = []
    if document.header.issuer is None:
        warnings.append("không xác định được cơ quan ban hành (UBND nào)")
    header = document.header
    if header.partial_date:
        warnings.append(f"ngày ban hành để trống ({header.partial_date}): chỉ lưu năm {header.year}, không lưu ngày")
    if not any(section.number for section in document.sections):
        warnings.append("không thấy mục đánh số nào (I., 1., a)...): toàn văn được lưu thành một mục")
    return warnings


def summary_line(name: str, result: StoreResult) -> str:
    """ "Đã nhập: FILE — Kế hoạch ... của UBND ...: N mục, N đơn vị, ..." in Vietnamese."""
    plan = result.plan
    what = f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch (chưa ghi số)"
    year = f" năm {plan.year}" if plan.year else ""
    verb = "Đã cập nhật" if result.updated else "Đã nhập"
    counts = (
        f"{result.sections} mục, {result.units} đơn vị, {result.targets} chỉ tiêu, {result.duties} nhiệm vụ, "
        f"{result.deadlines} hạn, {result.budgets} kinh phí, {result.helpers} phân công giúp đỡ"
    )
    return f"{verb}: {name} — {what}{year} của {plan.issuer_name}: {counts}"
