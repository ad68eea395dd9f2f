"""Progress views: "tiến độ" for one unit, "tiến độ các xã" for a manager, with chart and Excel.

One unit's view fits one chat message: a line per target with a name that tells it apart and the figure of its
kind, in the groups the plan puts them in, targets behind schedule first.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.render.export import bar_chart, to_xlsx
from handlers.render.format import report_example
from handlers.render.progress_text import short_name, short_names, standing_text
from storage.language.text import format_date
from storage.models import Unit
from storage.reporting.groups import target_groups
from storage.reporting.progress import ProgressLine, unit_progress, units_progress
from storage.reporting.standing import STATUS_ORDER
from storage.units.lookup import descendants

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIMIT = 2000  # one chat message


def line_text(line: ProgressLine, name: str | None = None, indent: str = "", year: bool = True) -> str:
    """ "- giảm hộ nghèo (2024): 2/4 (50%) hộ", "- tỷ lệ hộ nghèo: 0,82% → 0,8% → 0,79%: ..." (the year left to
    the heading when every line has the same)."""
    lead = f"{indent}   + " if line.depth else f"{indent}- "
    when = f" ({line.year})" if year else ""
    return f"{lead}{name or line.target.indicator}{when}: {standing_text(line.standing, line.target)}"


def _blocks(lines: list[ProgressLine], groups: dict[int, str]) -> list[tuple[str | None, list[ProgressLine]]]:
    """Top-level targets with their parts, gathered under their group label, in the order first seen."""
    blocks: list[tuple[str | None, list[ProgressLine]]] = []
    for line in lines:
        if line.depth and blocks:
            blocks[-1][1].append(line)
            continue
        label = groups.get(line.target.id)
        if label is not None and blocks and blocks[-1][0] == label:
            blocks[-1][1].append(line)
        else:
            blocks.append((label, [line]))
    return blocks


def _rank(block: list[ProgressLine], message: IncomingMessage) -> int:
    return min(STATUS_ORDER.index(x.status(message.now.date())) for x in block if x.depth == 0)


async def unit_view(session: AsyncSession, unit: Unit, message: IncomingMessage) -> Reply:
    """Every target of unit by its kind, grouped as the plan groups them, the ones behind first."""
    lines = await unit_progress(session, unit, message.now)
    if not lines:
        return Reply(f"{unit.full_name} chưa có chỉ tiêu nào trong các kế hoạch đã nhập, nên chưa tính được tiến độ.")
    groups = await target_groups(session, [x.target for x in lines])
    names = short_names([x.target for x in lines], groups)
    years = {x.year for x in lines}
    one_year = f" năm {next(iter(years))}" if len(years) == 1 else ""
    head = f"Tiến độ của {unit.full_name}{one_year} (tính đến {format_date(message.now.date())}, chậm trước):"
    body: list[str] = []
    for label, block in sorted(_merge(_blocks(lines, groups)), key=lambda b: _rank(b[1], message)):
        if label is not None:
            body.append(f"{label[:1].upper()}{label[1:]}:")
        indent = "  " if label is not None else ""
        body.extend(line_text(x, names.get(x.target.id), indent, not one_year) for x in _ordered(block, message))
    missing = [line for line in lines if line.depth == 0 and line.report is None]
    tail = ["", f'Gửi "{report_example(missing[0].target, "N")}" để cập nhật số liệu.'] if missing else []
    return Reply(_fit("\n".join([head, *body, *tail]), LIMIT, "… (còn nữa: hỏi từng chỉ tiêu, hoặc xuất tệp Excel)"))


def _merge(blocks: list[tuple[str | None, list[ProgressLine]]]) -> list[tuple[str | None, list[ProgressLine]]]:
    """One block per group label even when the plan's order split it."""
    merged: dict[str, list[ProgressLine]] = {}
    out: list[tuple[str | None, list[ProgressLine]]] = []
    for label, block in blocks:
        if label is None:
            out.append((None, block))
        elif label in merged:
            merged[label].extend(block)
        else:
            merged[label] = block
            out.append((label, block))
    return out


def _ordered(block: list[ProgressLine], message: IncomingMessage) -> list[ProgressLine]:
    """A group's targets behind first, each followed by its parts."""
    families: list[list[ProgressLine]] = []
    for line in block:
        if line.depth and families:
            families[-1].append(line)
        else:
            families.append([line])
    families.sort(key=lambda f: STATUS_ORDER.index(f[0].status(message.now.date())))
    return [line for family in families for line in family]


async def below_view(session: AsyncSession, unit: Unit, message: IncomingMessage) -> Reply:
    """A manager's view: the main target of every unit below, sorted, unreported named, chart and Excel."""
    units = await descendants(session, unit.id)
    lines = await units_progress(session, units, message.now)
    if not lines:
        return Reply(f"Chưa có đơn vị nào thuộc {unit.full_name} được giao chỉ tiêu trong các kế hoạch đã nhập.")
    today = message.now.date()
    lines.sort(key=lambda x: (-(x.percent or 0.0), x.unit.name))
    reported = [x for x in lines if x.report is not None]
    silent = [x for x in lines if x.report is None]
    indicator = short_name(lines[0].target.indicator)
    title = f"Tiến độ {indicator} năm {lines[0].year} — {unit.full_name}"
    text = [f"{title} ({len(reported)}/{len(lines)} đơn vị đã báo cáo, tính đến {format_date(today)}):"]
    text += [f"{n}. {x.unit.full_name}: {standing_text(x.standing, x.target)}" for n, x in enumerate(reported, 1)]
    if silent:
        text.append(f"Chưa báo cáo ({len(silent)}): " + ", ".join(x.unit.name for x in silent))
    files = [
        Attachment("tien-do.png", bar_chart(lines, title, message.now), "image/png"),
        Attachment("tien-do.xlsx", to_xlsx(lines, title), XLSX),
    ]
    return Reply(_fit("\n".join(text)), attachments=files)


def _fit(text: str, limit: int = 1900, more: str = "… (xem đủ trong tệp Excel)") -> str:
    """Keep a reply within one chat message; the Excel file has everything."""
    if len(text) <= limit:
        return text
    return text[: limit - len(more) - 2].rsplit("\n", 1)[0] + "\n" + more
