"""The words of a plan file's preview in chat, and of what its confirmation did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from storage.importer import time_and_issuer_line, warning_line
from storage.importer.diff import PlanDiff
from storage.importer.diff_text import change_lines, loss_phrase
from storage.importer.model import Document
from storage.language.text import format_date, format_number, short

SHOWN_UNITS = 12
OCR_NOTE = "Tệp là bản quét, đọc bằng OCR — hãy kiểm tra số liệu trước khi xác nhận."


@dataclass
class Preview:
    """What a dry run of one file found, before anything is written."""

    filename: str
    number: str | None
    doc_date: date | None
    issuer: str
    title: str
    time_line: str  # storage.importer's "Thời gian kế hoạch: ...; cơ quan ban hành: ..." line
    counts: dict[str, int]  # noun -> how many: "đơn vị", "chỉ tiêu", "nhiệm vụ", "hạn", "kinh phí"
    units: list[str]  # the units given a target or a duty
    diff: PlanDiff
    warnings: list[str] = field(default_factory=list)
    ocr: bool = False


def preview_text(preview: Preview) -> str:
    """Number, date, issuer, period, counts, units, the changes from a stored version, warnings; then the question."""
    lines = [f"Xem trước tệp {preview.filename}:"]
    if preview.ocr:
        lines.append(OCR_NOTE)
    lines.append(_identity(preview))
    lines.append(preview.time_line.strip())
    counts = ", ".join(f"{format_number(n)} {noun}" for noun, n in preview.counts.items())
    lines.append(f"Đọc được: {counts}.")
    lines.append(_units(preview.units))
    lines += [line.strip() for line in change_lines(preview.diff)]
    lines += [warning_line(w) for w in preview.warnings]
    told = "cán bộ đã đăng ký của các đơn vị trên sẽ nhận thông báo" if preview.units else "không đơn vị nào được báo"
    lines.append(f"Nhập kế hoạch này vào cơ sở dữ liệu? Chưa có gì được ghi. Khi nhập, {told}.")
    return "\n".join(lines)


def _identity(preview: Preview) -> str:
    number = f"Kế hoạch số {preview.number}" if preview.number else "Kế hoạch (chưa ghi số)"
    when = f" ngày {format_date(preview.doc_date)}" if preview.doc_date else ""
    title = f": {short(preview.title, 200)}" if preview.title else ""
    return f"{number}{when} của {preview.issuer}{title}"


def _units(names: list[str]) -> str:
    if not names:
        return "Không đơn vị nào được giao chỉ tiêu hay nhiệm vụ."
    shown = ", ".join(names[:SHOWN_UNITS])
    more = f" và {format_number(len(names) - SHOWN_UNITS)} đơn vị khác" if len(names) > SHOWN_UNITS else ""
    return f"Đơn vị được giao việc ({format_number(len(names))}): {shown}{more}."


def losses_text(filename: str, diff: PlanDiff) -> str:
    """Why a version that deletes reported figures is not taken in chat."""
    return (
        f"Chưa nhập tệp {filename}: bản này bỏ những chỉ tiêu hoặc hạn đã có số liệu báo cáo, nhập sẽ xóa "
        f"{loss_phrase(diff)}. Không có gì được ghi. Nếu đúng là bản thay thế, hãy nhờ quản trị viên nhập bằng "
        "lệnh kehoach import --replace."
    )


def imported_text(filename: str, what: str, version: int, told: int, units: int) -> str:
    """What the confirmation did: imported, which version, how many people will be told."""
    first = "Đã nhập" if version <= 1 else f"Đã cập nhật (bản {version})"
    if told:
        news = f"Đang gửi thông báo cho {format_number(told)} cán bộ của {format_number(units)} đơn vị."
    else:
        news = "Không có cán bộ đã đăng ký nào cần báo."
    return f"{first}: {what} (tệp {filename}). {news}"


def time_line(document: Document) -> str:
    """storage.importer's line on the plan's time and issuing body."""
    return time_and_issuer_line(document)
