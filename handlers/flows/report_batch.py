"""A report with several figures, or one whose target is unclear: the clear figures saved together, each
unclear one asked about with a numbered menu (kept in the database until answered), one undo for them all."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.flows.report_figures import Match, Mention
from handlers.flows.report_levels import level_of
from handlers.flows.report_reading import MAX_DIGITS
from handlers.messages import Choice, IncomingMessage, Reply
from handlers.render.progress_text import figure_with_measure, progress_after
from storage.conversation.state import clear_state, load_state, save_state
from storage.language.text import format_date, short
from storage.models import Target, Unit
from storage.reporting.progress import target_year
from storage.reporting.reports import Report

PENDING = "figures"  # storage.conversation.state kind: the figures still to place
PICK = "/ghiso"  # the value of a menu choice: "/ghiso 12" (target id), "/ghiso 0" (leave it out)
BEYOND = 3.0  # a figure above BEYOND times the quota is asked about before it is saved
MENU_SIZE = 6


def problem(figure: float, target: Target) -> str | None:
    """Why this figure cannot be saved for the target (None when it can)."""
    if figure < 0:
        return "số lũy kế không thể âm"
    if target.measure == "%" and figure > 100:
        return "tỷ lệ quá 100%"
    if len(str(int(abs(figure)))) > MAX_DIGITS:
        return "số quá dài"
    return None


def beyond(figure: float, target: Target) -> bool:
    """Whether a figure is far above the quota (so it is confirmed first)."""
    planned = target.value or 0
    return target.measure != "%" and planned > 0 and figure > BEYOND * planned


async def store(session: AsyncSession, message: IncomingMessage, unit_id: int, target: Target, value: float) -> Report:
    """Save one reported figure (the message kept with it)."""
    row = Report(unit_id=unit_id, target_id=target.id, year=target_year(target, message.now), value=float(value))
    row.reporter, row.channel, row.created_at = message.identity, message.channel, message.now
    row.message = message.text[:2000]
    session.add(row)
    await session.flush()
    return row


async def remember_for_undo(session: AsyncSession, message: IncomingMessage, rows: list[Report], more: bool) -> None:
    """ "hủy" withdraws these reports (and, when more, the ones of the same message saved before)."""
    before = (await load_state(session, message.identity, "undo", message.now) or {}) if more else {}
    ids = [*before.get("report_ids", []), *[row.id for row in rows]]
    await save_state(session, message.identity, "undo", {"report_ids": ids}, message.now)


def _item(mention: Mention, reason: str, candidates: list[Target]) -> dict[str, Any]:
    return {
        "value": mention.figure.value,
        "written": mention.figure.written,
        "raw": short(mention.raw, 120),
        "reason": reason,
        "candidates": [t.id for t in candidates[:MENU_SIZE]],
    }


async def report_many(session: AsyncSession, message: IncomingMessage, unit: Unit, found: list[Mention]) -> Reply:
    """Save every figure that names one target, ask about the others; one reply for all."""
    saved: list[tuple[Target, Report]] = []
    refused: list[str] = []
    asks: list[dict[str, Any]] = []
    for mention in found:
        target = mention.target
        if mention.match is not Match.ONE or target is None:
            asks.append(_item(mention, mention.match.value, mention.candidates or []))
        elif (why := problem(mention.figure.value, target)) is not None:
            refused.append(f"- «{short(mention.raw, 80)}»: {why}, không lưu")
        elif (level := level_of(mention.raw, mention.figure, target)).value is None:
            refused.append(f"- «{short(mention.raw, 80)}»: {level.note}")
        elif beyond(mention.figure.value, target):
            asks.append(_item(mention, "beyond", [target]))
        else:
            saved.append((target, await store(session, message, unit.id, target, level.value)))
    if saved:
        await remember_for_undo(session, message, [row for _, row in saved], more=False)
    head = _saved_lines(unit, saved, message) + refused
    return await _ask_next(session, message, unit, asks, head, bool(saved))


def _saved_lines(unit: Unit, saved: list[tuple[Target, Report]], message: IncomingMessage) -> list[str]:
    if not saved:
        return []
    when = format_date(message.now.date())
    lines = [f"Đã ghi nhận {len(saved)} số liệu của {unit.full_name} (tính đến {when}):"]
    lines += [
        f"- {t.indicator}: {figure_with_measure(r.value, t)}; tiến độ {progress_after(r.value, t)}" for t, r in saved
    ]
    return lines


async def _ask_next(
    session: AsyncSession,
    message: IncomingMessage,
    unit: Unit,
    asks: list[dict[str, Any]],
    head: list[str],
    any_saved: bool,
) -> Reply:
    """Ask about the first figure still to place (the rest wait in the database), or close with the undo hint."""
    if not asks:
        await clear_state(session, message.identity, PENDING)
        undo = 'Nếu sai, gửi "hủy" (hủy các số vừa ghi) hoặc "sửa lại là N".' if any_saved else "Chưa lưu gì."
        return Reply("\n".join([*head, undo]), choices=_undo_choices() if any_saved else [])
    payload = {"unit_id": unit.id, "text": message.text[:2000], "items": asks, "saved": any_saved}
    await save_state(session, message.identity, PENDING, payload, message.now)
    question, choices = await _question(session, unit, asks[0], len(asks))
    return Reply("\n".join([*head, question]), choices=choices)


async def _question(session: AsyncSession, unit: Unit, item: dict[str, Any], left: int) -> tuple[str, list[Choice]]:
    targets = [t for t in [await session.get(Target, i) for i in item["candidates"]] if t is not None]
    figure = f"số {item['written']} («{item['raw']}»)"
    more = f" (còn {left} số chưa lưu)" if left > 1 else ""
    skip = Choice("Bỏ qua số này", f"{PICK} 0")
    if item["reason"] == "beyond" and targets:
        planned = figure_with_measure(targets[0].value or 0, targets[0])
        text = (
            f"Chưa lưu {figure}{more}: gấp hơn {BEYOND:g} lần chỉ tiêu {targets[0].indicator} ({planned}). Số này đúng?"
        )
        return text, [Choice("Đúng, lưu số này", f"{PICK} {targets[0].id}"), skip]
    if item["reason"] == Match.TWO.value:
        text = f"Chưa lưu {figure}{more}: khớp với nhiều chỉ tiêu của {unit.full_name}. Số này thuộc chỉ tiêu nào?"
    else:
        text = (
            f"Không thấy chỉ tiêu nào của {unit.full_name} khớp với {figure}{more}, nên chưa lưu. "
            "Số này thuộc chỉ tiêu nào?"
        )
    return text, [*(Choice(_label(t), f"{PICK} {t.id}") for t in targets), skip]


def _label(target: Target) -> str:
    return f"{short(target.indicator, 70)} ({figure_with_measure(target.value or 0, target)})"


def _undo_choices() -> list[Choice]:
    return [Choice("Hủy các số vừa ghi", "hủy"), Choice("Sửa số liệu", "sửa lại")]


def is_pick(f: str) -> bool:
    """ "/ghiso 12": the answer to a figure's menu."""
    parts = f.split()
    return len(parts) == 2 and parts[0] == PICK and parts[1].isdigit()


async def answer_pick(session: AsyncSession, message: IncomingMessage, f: str) -> Reply:
    """Place the first waiting figure on the target picked (or leave it out), then ask about the next."""
    pending = await load_state(session, message.identity, PENDING, message.now)
    unit = await session.get(Unit, int(pending["unit_id"])) if pending else None
    if pending is None or unit is None or not pending.get("items"):
        return Reply("Không còn số liệu nào đang chờ chọn chỉ tiêu. Gửi báo cáo mới nếu cần.")
    item, rest = pending["items"][0], pending["items"][1:]
    chosen = int(f.split()[1])
    if chosen and chosen not in item["candidates"]:
        return Reply(f"Không lưu số {item['written']}: chỉ tiêu đó không có trong danh sách vừa hỏi.")
    replay = IncomingMessage(message.channel, message.user_id, pending["text"], message.now)
    head, saved = await _place(session, replay, unit, item, chosen)
    if saved is not None:
        await remember_for_undo(session, message, [saved], more=bool(pending.get("saved")))
    any_saved = bool(pending.get("saved")) or saved is not None
    return await _ask_next(session, replay, unit, rest, head, any_saved)


async def _place(
    session: AsyncSession, message: IncomingMessage, unit: Unit, item: dict[str, Any], chosen: int
) -> tuple[list[str], Report | None]:
    target = await session.get(Target, chosen) if chosen else None
    if target is None:
        return [f"Đã bỏ qua số {item['written']} («{item['raw']}»), không lưu."], None
    if (why := problem(float(item["value"]), target)) is not None:
        return [f"Không lưu số {item['written']}: {why}."], None
    row = await store(session, message, unit.id, target, float(item["value"]))
    when = format_date(message.now.date())
    done = f"{figure_with_measure(row.value, target)}; tiến độ {progress_after(row.value, target)}"
    return [f"Đã ghi nhận báo cáo của {unit.full_name}: {target.indicator}, lũy kế đến {when}: {done}."], row
