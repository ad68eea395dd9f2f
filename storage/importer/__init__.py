"""Plan-document importer: file -> text -> Document -> Facts -> database."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer.diff import PlanDiff
from storage.importer.diff_text import change_lines, loss_phrase, refusal_lines
from storage.importer.facts import extract_facts
from storage.importer.model import Document, Facts
from storage.importer.reader import UnreadableDocument, read_document
from storage.importer.store import StoreResult, prepare_plan, write_plan
from storage.importer.structure import check_administrative, parse_document
from storage.language.text import fold, format_number
from storage.models import Plan
from storage.uploads.notices import UnitFigures

log = logging.getLogger(__name__)


@dataclass
class FileOutcome:
    """What importing one file did: success, and the lines to print (summary, warnings or the error)."""

    path: str
    ok: bool
    lines: list[str] = field(default_factory=list)
    plan_id: int | None = None
    refused: bool = False  # a re-import that would delete reports or completions, not confirmed
    diff: PlanDiff | None = None


@dataclass
class _Read:
    """A file read, parsed and extracted, before it is stored."""

    document: Document
    facts: Facts
    checksum: str


class Told(Protocol):
    """How many people a notifier told, of how many units."""

    @property
    def people(self) -> int: ...

    @property
    def units(self) -> int: ...


class Notifier(Protocol):
    """Tells people of an imported plan inside the import's transaction (the caller supplies the words)."""

    async def before(self, session: AsyncSession, plan: Plan | None, now: datetime) -> dict[int, UnitFigures]:
        """The stored version's figures, before the write."""
        ...

    async def after(
        self, session: AsyncSession, plan: Plan, version: int, before: dict[int, UnitFigures], now: datetime
    ) -> Told:
        """Queue the notices of the written version."""
        ...


class _Undo(Exception):
    """Leaves the import's transaction, rolling it back (a refusal or a dry run)."""

    def __init__(self, outcome: FileOutcome) -> None:
        super().__init__("rolled back")
        self.outcome = outcome


async def import_paths(
    sessions: async_sessionmaker[AsyncSession],
    paths: list[Path],
    *,
    now: datetime,
    replace: bool = False,
    dry_run: bool = False,
    notifier: Notifier | None = None,
) -> list[FileOutcome]:
    """Import each file in its own transaction; a failed or refused file changes nothing.

    replace: apply a re-import even when it removes targets or deadlines that carry reports or
    completions (they are deleted with them). dry_run: compute and report everything, keep nothing.
    notifier: queue notices to the staff of the units each written plan names, in its transaction.
    """
    return [
        await import_file(sessions, path, now=now, replace=replace, dry_run=dry_run, notifier=notifier)
        for path in paths
    ]


def prepare(path: Path) -> _Read:
    """Read, parse and extract one file, with no database: the document, its facts and the file's checksum."""
    document = parse_document(read_document(path))
    check_administrative(document)
    return _Read(document, extract_facts(document), file_checksum(path))


async def import_file(
    sessions: async_sessionmaker[AsyncSession],
    path: Path,
    *,
    now: datetime,
    replace: bool = False,
    dry_run: bool = False,
    notifier: Notifier | None = None,
) -> FileOutcome:
    """Read, parse, extract and store one file; the outcome says what was found or why it failed.

    Everything but the store runs in a worker thread before any transaction begins: the event loop keeps
    answering and the SQLite write lock is held only while the rows are written.
    """
    name = path.name
    try:
        read = await asyncio.to_thread(prepare, path)
    except UnreadableDocument as exc:
        return FileOutcome(str(path), False, [f"Lỗi: {name}: {exc}"])
    except Exception as exc:  # a parser bug must not stop the other files
        log.exception("reading %s failed", path)
        return FileOutcome(str(path), False, [f"Lỗi: {name}: không đọc được nội dung văn bản ({type(exc).__name__})"])
    try:
        started = time.monotonic()
        async with sessions() as session, session.begin():
            outcome = await _store(session, path, read, now, replace=replace, dry_run=dry_run, notifier=notifier)
            if outcome.refused or dry_run:
                raise _Undo(outcome)
        log.info("stored %s in one transaction of %.2f s", name, time.monotonic() - started)
    except _Undo as undone:  # the transaction rolled back: nothing changed
        return undone.outcome
    except Exception as exc:  # the transaction rolled back: nothing changed
        log.exception("storing %s failed", path)
        reason = f"lỗi khi ghi vào cơ sở dữ liệu ({type(exc).__name__}), không có gì thay đổi"
        return FileOutcome(str(path), False, [f"Lỗi: {name}: {reason}"])
    return outcome


async def _store(
    session: AsyncSession,
    path: Path,
    read: _Read,
    now: datetime,
    *,
    replace: bool,
    dry_run: bool,
    notifier: Notifier | None,
) -> FileOutcome:
    """Prepare the plan and write it unless that is refused; the lines are made while its rows are loaded."""
    prepared = await prepare_plan(session, read.document, read.facts, checksum=read.checksum)
    diff = prepared.diff
    if diff.losses and not replace and not dry_run:
        return FileOutcome(str(path), False, refusal_lines(path.name, str(path), diff), refused=True, diff=diff)
    notifier = None if dry_run else notifier  # a dry run tells no one
    before = await notifier.before(session, prepared.plan, now) if notifier is not None else {}
    result = await write_plan(session, prepared, source_file=str(path), checksum=read.checksum, now=now)
    warnings = [*_structure_warnings(read.document), *read.facts.warnings]
    lines = [summary_line(path.name, result, dry_run=dry_run), *_outcome_notes(diff, replace, dry_run)]
    if notifier is not None:
        told = await notifier.after(session, result.plan, result.version, before, now)
        lines.append(told_line(told))
    lines.append(time_and_issuer_line(read.document))
    lines += [warning_line(w) for w in warnings]
    return FileOutcome(str(path), True, lines, plan_id=None if dry_run else result.plan.id, diff=diff)


def _outcome_notes(diff: PlanDiff, replace: bool, dry_run: bool) -> list[str]:
    """The changes since the stored version, and what was (or would be) deleted."""
    lines = change_lines(diff)
    if diff.losses and dry_run and not replace:
        lines.append(f"  Nhập bản này sẽ xóa {loss_phrase(diff)}: chỉ được nhập với --replace.")
    elif diff.losses:
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        lines.append(f"  {verb} {loss_phrase(diff)} theo --replace.")
    if dry_run:
        lines.append("  Chạy thử (--dry-run): cơ sở dữ liệu không thay đổi.")
    return lines


def told_line(told: Told) -> str:
    """How many people the import's notices go to (sent by `kehoach run`'s outbox sender)."""
    if not told.people:
        return "  Thông báo: không có cán bộ đã đăng ký nào cần báo."
    return (
        f"  Thông báo: đã xếp {format_number(told.people)} tin cho cán bộ của {format_number(told.units)} đơn vị"
        " (gửi khi bot chạy)."
    )


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


def time_and_issuer_line(document: Document) -> str:
    """ "  Thời gian: giai đoạn 2026–2030; cơ quan ban hành: UBND cấp tỉnh." from the document's header."""
    header = document.header
    if header.period_start is None or header.period_end is None:
        period = "không xác định"
    elif header.period_start == header.period_end:
        period = f"năm {header.period_start}"
    else:
        period = f"giai đoạn {header.period_start}–{header.period_end}"
    return f"  Thời gian kế hoạch: {period}; cơ quan ban hành: {header.issuer_kind or 'không xác định'}."


def summary_line(name: str, result: StoreResult, *, dry_run: bool = False) -> str:
    """ "Đã nhập: FILE — Kế hoạch ... của UBND ...: N mục, N đơn vị, ..." in Vietnamese."""
    plan = result.plan
    what = f"Kế hoạch số {plan.number}" if plan.number else "Kế hoạch (chưa ghi số)"
    year = f" năm {plan.year}" if plan.year else ""
    verb = "Đã cập nhật" if result.updated else "Đã nhập"
    if dry_run:
        verb = "Chạy thử, sẽ cập nhật" if result.updated else "Chạy thử, sẽ nhập"
    counts = (
        f"{result.sections} mục, {result.units} đơn vị, {result.targets} chỉ tiêu, {result.duties} nhiệm vụ, "
        f"{result.deadlines} hạn, {result.budgets} kinh phí, {result.helpers} phân công giúp đỡ, "
        f"{result.references} văn bản căn cứ"
    )
    return f"{verb}: {name} — {what}{year} của {plan.issuer_name}: {counts}"
