"""Progress views: "tiến độ" for one unit, "tiến độ các xã" for a manager, with chart and Excel."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.render.export import bar_chart, to_xlsx
from handlers.render.format import report_example
from storage.language.text import format_date
from storage.models import Unit
from storage.reporting.progress import ProgressLine, unit_progress, units_progress
from storage.units.lookup import descendants

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def line_text(line: ProgressLine) -> str:
    """ "- Giảm hộ nghèo (2024): 2/4 (50%)"."""
    lead = "   + " if line.depth else "- "
    measure = f" {line.target.measure}" if line.target.measure and line.target.measure != "%" else ""
    return f"{lead}{line.target.indicator} ({line.year}): {line.ratio}{measure}"


async def unit_view(session: AsyncSession, unit: Unit, message: IncomingMessage) -> Reply:
    """Every target of unit as X/Y (Z%)."""
    lines = await unit_progress(session, unit, message.now)
    if not lines:
        return Reply(f"{unit.full_name} chưa có chỉ tiêu nào trong các kế hoạch đã nhập, nên chưa tính được tiến độ.")
    head = f"Tiến độ của {unit.full_name} (tính đến {format_date(message.now.date())}):"
    missing = [line for line in lines if line.depth == 0 and line.report is None]
    example = report_example(missing[0].target, "N") if missing else ""
    tail = ["", f'Gửi "{example}" để cập nhật số liệu.'] if missing else []
    return Reply("\n".join([head, *(line_text(x) for x in lines), *tail]))


async def below_view(session: AsyncSession, unit: Unit, message: IncomingMessage) -> Reply:
    """A manager's view: the main target of every unit below, sorted, unreported named, chart and Excel."""
    units = await descendants(session, unit.id)
    lines = await units_progress(session, units, message.now)
    if not lines:
        return Reply(f"Chưa có đơn vị nào thuộc {unit.full_name} được giao chỉ tiêu trong các kế hoạch đã nhập.")
    lines.sort(key=lambda x: (-(x.percent or 0.0), x.unit.name))
    reported = [x for x in lines if x.report is not None]
    silent = [x for x in lines if x.report is None]
    indicator = lines[0].target.indicator
    title = f"Tiến độ {indicator} năm {lines[0].year} — {unit.full_name}"
    text = [f"{title} ({len(reported)}/{len(lines)} đơn vị đã báo cáo, tính đến {format_date(message.now.date())}):"]
    text += [f"{n}. {x.unit.full_name}: {x.ratio}" for n, x in enumerate(reported, 1)]
    if silent:
        text.append(f"Chưa báo cáo ({len(silent)}): " + ", ".join(x.unit.name for x in silent))
    files = [
        Attachment("tien-do.png", bar_chart(lines, title, message.now), "image/png"),
        Attachment("tien-do.xlsx", to_xlsx(lines, title), XLSX),
    ]
    return Reply(_fit("\n".join(text)), attachments=files)


def _fit(text: str, limit: int = 1900) -> str:
    """Keep a reply within one chat message; the Excel file has everything."""
    if len(text) <= limit:
        return text
    return text[: limit - 40].rsplit("\n", 1)[0] + "\n… (xem đủ trong tệp Excel)"
