"""Saving reports: validate, confirm when far beyond reason, save, echo with progress, undo and correct."""

from __future__ import annotations

import dataclasses

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.access import home_unit, may_see, own_scope, place_refusal, reported_by
from handlers.flows.report_batch import remember_for_undo, report_many, store
from handlers.flows.report_figures import Match, Mention, match, mentions
from handlers.flows.report_levels import level_of
from handlers.flows.report_reading import MAX_DIGITS, Figure, odd_number, read_figure, unit_mentions
from handlers.messages import Choice, IncomingMessage, Reply
from handlers.render.format import report_example
from handlers.render.progress_text import progress_after
from handlers.understand.asker_context import Asker
from storage.conversation.state import save_state
from storage.language.text import format_date, format_number
from storage.models import Target, Unit
from storage.reporting.progress import unit_targets
from storage.reporting.reports import (
    Report,
)
from storage.reporting.standing import COUNT, scale_of
from storage.units.lookup import resolve_unit

BEYOND = 3.0  # a figure above BEYOND times the quota needs a confirmation


async def report_unit(session: AsyncSession, asker: Asker, f: str) -> tuple[Unit | None, str | None]:
    """The unit a report is for: one named in it (if the reporter may report for it), else the reporter's."""
    unit = await named_unit(session, f) or await home_unit(session, asker)
    if unit is None:
        return None, None
    refusal = await place_refusal(session, asker, unit)
    if refusal is not None:
        return None, refusal.text
    if not await may_see(session, asker, unit):
        return None, (
            f"Bạn chỉ báo cáo được cho {own_scope(asker)}; số liệu của {unit.full_name} do {reported_by(unit)} "
            "báo cáo. Chưa lưu gì."
        )
    return unit, None


async def named_unit(session: AsyncSession, f: str) -> Unit | None:
    """The first unit the message names that the catalog knows."""
    for name in unit_mentions(f):
        match = await resolve_unit(session, name)
        if match.unit is not None:
            return match.unit
    return None


def _target_list(targets: list[tuple[Target, int]]) -> str:
    return "\n".join(f"- {t.indicator}: {format_number(t.value or 0)} {t.measure or ''}".rstrip() for t, _ in targets)


async def report(
    session: AsyncSession, message: IncomingMessage, asker: Asker, f: str, target_id: int | None = None
) -> Reply:
    """Read a report message and save it, or refuse with the reason and save nothing."""
    unit, refusal = await report_unit(session, asker, f)
    if unit is None:
        return Reply(refusal or "Chưa rõ đơn vị báo cáo. Chưa lưu gì.")
    targets = await unit_targets(session, unit.id)
    if not targets:
        return Reply(f"{unit.full_name} chưa có chỉ tiêu nào trong các kế hoạch đã nhập, nên chưa lưu báo cáo.")
    chosen = next((t for t, _ in targets if t.id == target_id), None)
    found = (
        []
        if chosen is not None or odd_number(message.text)
        else [match(m, [t for t, _ in targets]) for m in mentions(message.text)]
    )
    if len(found) > 1 or (found and found[0].match is not Match.ONE):
        return await report_many(session, message, unit, found)
    target = chosen or (found[0].target if found else _match_target(f, targets))
    if target is None and f.strip() == "/baocao":
        return Reply(
            f"Báo cáo số liệu cộng dồn đến nay của {unit.full_name}. Các chỉ tiêu của đơn vị:\n"
            f"{_target_list(targets)}\n"
            f'Gửi theo mẫu, ví dụ: "{report_example(targets[0][0])}".'
        )
    if target is None:
        return Reply(
            f"Không thấy chỉ tiêu nào của {unit.full_name} khớp với báo cáo này, nên chưa lưu gì. "
            f"Các chỉ tiêu của đơn vị:\n{_target_list(targets)}\n"
            f'Gửi lại, ví dụ: "{report_example(targets[0][0])}".'
        )
    return await check_and_save(session, message, unit, target)


def _match_target(f: str, targets: list[tuple[Target, int]]) -> Target | None:
    """The one target a message without a figure names by its words (None when it names none or several)."""
    found = match(Mention(Figure(0.0, ""), f), [t for t, _ in targets])
    return found.target if found.match is Match.ONE else None


def odd_number_reply(text: str, target: Target) -> Reply | None:
    """The refusal of a report whose number is written "1e3", "0x10", "1_000" or with too many digits."""
    odd = odd_number(text)
    if odd is None:
        return None
    measure = f" {target.measure}" if target.measure else ""
    example = f'ví dụ "báo cáo: đã {target.indicator} 12{measure}"'
    if odd.digits > MAX_DIGITS:
        shown = odd.written if len(odd.written) <= 24 else f"{odd.written[:12]}…{odd.written[-6:]}"
        return Reply(
            f"Số «{shown}» dài {format_number(odd.digits)} chữ số, không thể là số liệu báo cáo. "
            f"Chưa lưu gì; hãy gửi lại số đã thực hiện được, {example}."
        )
    return Reply(
        f"Không đọc được số «{odd.written}»: hãy viết số bằng chữ số thông thường, {example}, "
        "số lớn viết 1.500 (không dùng dạng 1e3, 0x10 hay 1_000). Chưa lưu gì."
    )


async def check_and_save(session: AsyncSession, message: IncomingMessage, unit: Unit, target: Target) -> Reply:
    measure = target.measure or ""
    odd = odd_number_reply(message.text, target)
    if odd is not None:
        return odd
    figure = read_figure(message.text, measure)
    if figure is None:
        return Reply(
            f'Chưa thấy số liệu trong báo cáo, nên chưa lưu gì. Ví dụ: "báo cáo: đã {target.indicator} 2 {measure}".'
        )
    if figure.value < 0:
        return Reply(
            f"Số liệu {figure.written} không hợp lệ: số lũy kế không thể âm. Không lưu báo cáo này; "
            f"hãy gửi số {measure} đã thực hiện được đến nay (0 hoặc lớn hơn)."
        )
    if measure == "%" and figure.value > 100:
        return Reply(f"Tỷ lệ {figure.written}% không hợp lệ (quá 100%). Không lưu báo cáo này.")
    level = level_of(message.text, figure, target)
    if level.value is None:
        return Reply(level.note)
    payload = {"action": "report", "unit_id": unit.id, "target_id": target.id, "value": level.value}
    payload |= {"text": message.text, "note": level.note}
    planned = target.value or 0
    if measure != "%" and planned > 0 and figure.value > BEYOND * planned:
        await save_state(session, message.identity, "confirm", payload, message.now)
        return Reply(
            f"Số {format_number(figure.value)} {measure} gấp {format_number(figure.value / planned, 1)} lần "
            f"chỉ tiêu ({format_number(planned)} {measure}) của {unit.full_name}. Chưa lưu. Bạn chắc chắn số này đúng?",
            choices=[Choice("Đúng, lưu số này", "xác nhận"), Choice("Không, bỏ qua", "không")],
        )
    return await save_confirmed(session, message, payload)


async def confirm_report(session: AsyncSession, message: IncomingMessage, asker: Asker, payload: dict) -> Reply:
    """ "có" to a report we asked to confirm: saved only if the asker may still report for its unit (they may
    have been removed, or moved to another unit, since)."""
    unit = await session.get(Unit, int(payload["unit_id"]))
    if unit is None:
        return Reply("Đơn vị không còn trong cơ sở dữ liệu; chưa lưu gì.")
    refusal = await place_refusal(session, asker, unit)
    if refusal is not None:
        return refusal
    if not await may_see(session, asker, unit):
        return Reply(f"Bạn không còn quyền báo cáo cho {unit.full_name}, nên báo cáo đang chờ xác nhận chưa được lưu.")
    return await save_confirmed(session, message, payload)


async def save_confirmed(session: AsyncSession, message: IncomingMessage, payload: dict) -> Reply:
    """Save the report described by payload and echo it with the progress and undo/correct choices."""
    unit = await session.get(Unit, int(payload["unit_id"]))
    target = await session.get(Target, int(payload["target_id"]))
    if unit is None or target is None:
        return Reply("Chỉ tiêu không còn trong cơ sở dữ liệu; chưa lưu gì.")
    original = dataclasses.replace(message, text=str(payload.get("text", message.text)))
    row = await store(session, original, unit.id, target, float(payload["value"]))
    await remember_for_undo(session, message, [row], more=False)
    text = _saved_text(unit, target, row)
    if payload.get("note"):
        text = text.replace("\nTiến độ:", f" {payload['note']}\nTiến độ:", 1)
    return Reply(text, choices=_undo_choices(target))


def _saved_text(unit: Unit, target: Target, row: Report) -> str:
    measure = f" {target.measure}" if target.measure and target.measure != "%" else (target.measure or "")
    return (
        f"Đã ghi nhận báo cáo của {unit.full_name}: {target.indicator} năm {row.year}, "
        f"{_as_of(target)} {format_date(row.created_at.date())}: {format_number(row.value)}{measure}.\n"
        f"Tiến độ: {progress_after(row.value, target)}.\n"
        f'Nếu sai, gửi "hủy" hoặc "sửa lại là N{measure}".'
    )


def _as_of(target: Target) -> str:
    """A count is summed up to a day; a level is the level on that day."""
    return "lũy kế đến" if scale_of(target) == COUNT else "mức tại ngày"


def _undo_choices(target: Target) -> list[Choice]:
    return [Choice("Hủy báo cáo này", "hủy"), Choice("Sửa số liệu", "sửa lại")]
