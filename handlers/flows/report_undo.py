"""Undo and correction of the reporter's last message: every figure it saved withdrawn together ("hủy"), or
one figure replaced ("sửa lại là 7 hộ"; which one, by its words, or asked)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.access import home_unit, may_see, place_refusal
from handlers.flows.report_figures import Match, Mention, match
from handlers.flows.report_reading import Figure, read_figure
from handlers.flows.report_saving import check_and_save, odd_number_reply
from handlers.messages import Choice, IncomingMessage, Reply
from handlers.render.format import report_example
from handlers.render.progress_text import figure_with_measure, progress_after
from handlers.understand.asker_context import Asker
from storage.conversation.state import load_state, save_state
from storage.language.text import format_number
from storage.models import Target, Unit
from storage.reporting.progress import unit_targets
from storage.reporting.reports import Report, latest_report

FIX = "/suaso"  # a correction menu's value: "/suaso REPORT_ID VALUE"


async def last_reports(session: AsyncSession, message: IncomingMessage) -> list[Report]:
    """The live reports of the reporter's last message (several when it had several figures)."""
    state = await load_state(session, message.identity, "undo", message.now) or {}
    ids = [int(i) for i in state.get("report_ids", [])] + ([int(state["report_id"])] if "report_id" in state else [])
    rows = [await session.get(Report, i) for i in ids]
    return [row for row in rows if row is not None and row.withdrawn_at is None]


async def _example(session: AsyncSession, asker: Asker) -> str:
    """A report message for the asker's unit's first target (the form alone when it has none)."""
    unit = await home_unit(session, asker)
    targets = await unit_targets(session, unit.id) if unit is not None else []
    return report_example(targets[0][0] if targets else None)


async def _not_here(session: AsyncSession, asker: Asker, unit_id: int) -> Reply | None:
    """The refusal to touch a report of unit_id here (a group not linked to it, or no longer the asker's)."""
    unit = await session.get(Unit, unit_id)
    if unit is None or await may_see(session, asker, unit):
        return None
    return await place_refusal(session, asker, unit) or Reply(f"Bạn không còn quyền sửa báo cáo của {unit.full_name}.")


async def undo_last(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply:
    """ "hủy": withdraw every report of the reporter's last message (they stay on record, marked withdrawn)."""
    rows = await last_reports(session, message)
    if not rows:
        return Reply("Không có báo cáo nào vừa gửi để hủy.")
    for row in rows:
        refusal = await _not_here(session, asker, row.unit_id)
        if refusal is not None:
            return refusal
    lines = []
    for row in rows:
        row.withdrawn_at = message.now
        await session.flush()
        lines.append(await _withdrawn_line(session, row))
    await save_state(session, message.identity, "undo", {}, message.now)
    if len(rows) == 1:
        return Reply(f"Đã hủy báo cáo {lines[0]}.")
    return Reply("\n".join([f"Đã hủy {len(rows)} số liệu của tin vừa gửi:", *(f"- {line}" for line in lines)]))


async def _withdrawn_line(session: AsyncSession, row: Report) -> str:
    target = await session.get(Target, row.target_id)
    if target is None:
        return f"{format_number(row.value)} (chỉ tiêu không còn)"
    current = await latest_report(session, row.unit_id, row.target_id, row.year)
    now = progress_after(current.value if current else None, target)
    return f"{format_number(row.value)} ({target.indicator}). Tiến độ hiện tại: {now}"


async def correct_last(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply:
    """ "sửa lại là 4 hộ": replace a figure of the last message (validated like a new report)."""
    rows = await last_reports(session, message)
    if not rows:
        return Reply(f'Không có báo cáo nào vừa gửi để sửa. Gửi báo cáo mới, ví dụ "{await _example(session, asker)}".')
    figure = read_figure(message.text)
    targets = {row.id: await session.get(Target, row.target_id) for row in rows}
    live = [(row, t) for row, t in ((row, targets[row.id]) for row in rows) if t is not None]
    if not live:
        return Reply("Chỉ tiêu không còn trong cơ sở dữ liệu; chưa lưu gì.")
    if len(live) > 1:
        picked = _named(message.text, figure, live)
        if picked is None:
            return _which(live, figure)
        live = [picked]
    return await replace_figure(session, message, asker, *live[0])


def _named(text: str, figure: Figure | None, live: list[tuple[Report, Target]]) -> tuple[Report, Target] | None:
    """The report among live whose target the correction names by its words, when it names one clearly."""
    if figure is None:
        return None
    found = match(Mention(figure, text), [t for _, t in live])
    return next(((r, t) for r, t in live if found.match is Match.ONE and t is found.target), None)


def _which(live: list[tuple[Report, Target]], figure: Figure | None) -> Reply:
    if figure is None:
        return Reply('Tin vừa gửi có nhiều số liệu. Gửi số đúng kèm tên chỉ tiêu, ví dụ "sửa lại <tên chỉ tiêu> là 4".')
    choices = [
        Choice(
            f"{t.indicator}: {figure_with_measure(r.value, t)} → {format_number(figure.value)}",
            f"{FIX} {r.id} {figure.written}",
        )
        for r, t in live
    ]
    return Reply(f"Tin vừa gửi có {len(live)} số liệu. Sửa số nào thành {figure.written}?", choices=choices)


def is_fix(f: str) -> bool:
    """ "/suaso 12 7": the answer to a correction's menu."""
    parts = f.split()
    return len(parts) == 3 and parts[0] == FIX and parts[1].isdigit()


async def answer_fix(session: AsyncSession, message: IncomingMessage, asker: Asker, f: str) -> Reply:
    """Replace the figure of the report picked from the correction menu (one of the last message's)."""
    _, report_id, written = f.split()
    rows = [row for row in await last_reports(session, message) if row.id == int(report_id)]
    target = await session.get(Target, rows[0].target_id) if rows else None
    if not rows or target is None:
        return Reply("Báo cáo đó không còn để sửa. Gửi báo cáo mới nếu cần.")
    text = f"sửa lại là {written} {target.measure or ''}".strip()
    return await replace_figure(
        session, IncomingMessage(message.channel, message.user_id, text, message.now), asker, rows[0], target
    )


async def replace_figure(
    session: AsyncSession, message: IncomingMessage, asker: Asker, row: Report, target: Target
) -> Reply:
    """Save the corrected figure for row's target and withdraw row (only once the new one is saved)."""
    refusal = await _not_here(session, asker, row.unit_id)
    if refusal is not None:
        return refusal
    unit = await session.get(Unit, row.unit_id)
    if unit is None:
        return Reply("Đơn vị không còn trong cơ sở dữ liệu; chưa lưu gì.")
    odd = odd_number_reply(message.text, target)
    if odd is not None:
        return odd
    figure = read_figure(message.text, target.measure)
    if figure is None:
        return Reply(f'Gửi số đúng, ví dụ: "sửa lại là 4 {target.measure or ""}".'.replace(' "', '"'))
    others = [r.id for r in await last_reports(session, message) if r.id != row.id]
    reply = await check_and_save(session, message, unit, target)
    if reply.text.startswith("Đã ghi nhận"):
        row.withdrawn_at = message.now
        await _keep_for_undo(session, message, others)
        change = f"Đã sửa {format_number(row.value)} thành {format_number(figure.value)}. Báo cáo"
        reply.text = reply.text.replace("Đã ghi nhận báo cáo", change, 1)
    return reply


async def _keep_for_undo(session: AsyncSession, message: IncomingMessage, others: list[int]) -> None:
    """After a correction "hủy" still withdraws the message's other figures with the corrected one."""
    state = await load_state(session, message.identity, "undo", message.now) or {}
    await save_state(
        session, message.identity, "undo", {"report_ids": [*others, *state.get("report_ids", [])]}, message.now
    )


async def mistake(session: AsyncSession, message: IncomingMessage) -> Reply | None:
    """ "nhầm": what the last message saved, and how to withdraw or correct it (None when it saved nothing)."""
    rows = await last_reports(session, message)
    if not rows:
        return None
    said = []
    for row in rows:
        target = await session.get(Target, row.target_id)
        if target is not None:
            said.append(f"{target.indicator}: {figure_with_measure(row.value, target)}")
    return Reply(
        f'Tin vừa gửi đã ghi: {"; ".join(said)}. Gửi số đúng (ví dụ "sửa lại là 7"), hoặc chọn:',
        choices=[Choice("Hủy báo cáo vừa gửi", "hủy"), Choice("Sửa số liệu", "sửa lại")],
    )
