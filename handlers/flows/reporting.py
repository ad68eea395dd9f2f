"""Registration, progress reports, progress views, undo and confirmations: the core calls `handle` first."""

from __future__ import annotations

import dataclasses
import re

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.access import home_unit, manages, may_see, own_scope, place_refusal, private_only
from handlers.answers.progress import below_view, unit_view
from handlers.flows import registration as accounts
from handlers.flows.deadline_done import mark_bare_done, mark_deadline_done
from handlers.flows.report_batch import answer_pick, is_pick
from handlers.flows.report_reading import (
    folded,
    is_bare_done,
    is_correction,
    is_deadline_done,
    is_mistake,
    is_no,
    is_progress,
    is_report,
    is_undo,
    is_yes,
    wants_all_units,
)
from handlers.flows.report_saving import confirm_report, named_unit, report
from handlers.flows.report_undo import answer_fix, correct_last, is_fix, mistake, undo_last
from handlers.messages import IncomingMessage, Reply
from handlers.understand.asker_context import Asker
from storage.conversation.state import clear_state, load_state, newest_kind, save_state

MENU = "report_menu"  # the numbered choices of our last reply
_HELP = re.compile(r"^/?(start|help|tro giup|huong dan|menu|xin chao|chao)\b")


async def handle(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply | None:
    """Answer registration/reporting/progress/undo/confirmation messages; None for anything else."""
    message = await _pick_from_menu(session, message)
    reply = await _route(session, message, asker, folded(message.text))
    if reply is None:
        await clear_state(session, message.identity, MENU)
    elif reply.choices:
        values = [choice.value for choice in reply.choices]
        await save_state(session, message.identity, MENU, {"choices": values}, message.now)
    return reply


async def _pick_from_menu(session: AsyncSession, message: IncomingMessage) -> IncomingMessage:
    """A bare "1", "2"... answers our last numbered menu when it is newer than the core's."""
    text = message.text.strip().rstrip(".")
    if not text.isdigit() or await newest_kind(session, message.identity, [MENU, "menu"]) != MENU:
        return message
    menu = await load_state(session, message.identity, MENU, message.now)
    values = (menu or {}).get("choices", [])
    if not 1 <= int(text) <= len(values):
        return message
    return dataclasses.replace(message, text=values[int(text) - 1])


async def _route(session: AsyncSession, message: IncomingMessage, asker: Asker, f: str) -> Reply | None:
    if not f:
        return None
    pending = await load_state(session, message.identity, "confirm", message.now)
    if asker.group is not None and _private_matter(f, pending, linked=asker.group_unit is not None):
        return private_only()
    if accounts.is_registration(f):
        return await accounts.register(session, message, asker, f)
    if accounts.is_withdrawal(f):
        return await accounts.withdraw(session, message)
    if pending is not None:
        answer = await _answer_pending(session, message, asker, f, pending)
        if answer is not None:
            return answer
    if not asker.units and not asker.is_admin:
        return await _stranger(session, message, f)
    if accounts.is_decision(f):
        return await accounts.decide(session, message, asker, f)
    if accounts.is_request_list(f):
        return await accounts.request_list(session, asker)
    return await _staff(session, message, asker, f)


_STAFF_ONLY = (is_pick, is_fix, is_report, is_progress, is_deadline_done, is_undo, is_correction, accounts.is_decision)
_ACCOUNTS = (accounts.is_registration, accounts.is_withdrawal, accounts.is_decision, accounts.is_request_list)


def _private_matter(f: str, pending: dict | None, linked: bool) -> bool:
    """Whether a group message must be answered in private: accounts always; progress, reports and their
    confirmations unless the group is linked to a unit."""
    if any(test(f) for test in _ACCOUNTS):
        return True
    answers_pending = pending is not None and (is_yes(f) or is_no(f) or is_correction(f))
    if answers_pending and pending is not None and pending.get("action") == "register":
        return True
    return not linked and (answers_pending or any(test(f) for test in _STAFF_ONLY))


async def _stranger(session: AsyncSession, message: IncomingMessage, f: str) -> Reply | None:
    """Strangers get registration and help only; plan questions when the config allows."""
    if any(test(f) for test in _STAFF_ONLY):
        return await accounts.stranger_reply(session)
    if _HELP.match(f) or message.public_questions:
        return None
    return await accounts.stranger_reply(session)


async def _staff(session: AsyncSession, message: IncomingMessage, asker: Asker, f: str) -> Reply | None:
    if is_pick(f):
        return await answer_pick(session, message, f)
    if is_fix(f):
        return await answer_fix(session, message, asker, f)
    if is_undo(f):
        return await undo_last(session, message, asker)
    if is_correction(f):
        return await correct_last(session, message, asker)
    if is_mistake(f):
        return await mistake(session, message)
    if is_deadline_done(f):
        return await mark_deadline_done(session, message, asker, f)
    if is_bare_done(f):
        return await mark_bare_done(session, message, asker)
    if is_progress(f):
        return await _progress(session, message, asker, f)
    if is_report(f):
        return await report(session, message, asker, f)
    return None


async def _answer_pending(
    session: AsyncSession, message: IncomingMessage, asker: Asker, f: str, pending: dict
) -> Reply | None:
    """Yes, no or a corrected figure for the confirmation we asked for; None when the message is about else."""
    if is_yes(f):
        await clear_state(session, message.identity, "confirm")
        if pending.get("action") == "register":
            return await accounts.submit(session, message, pending)
        return await confirm_report(session, message, asker, pending)
    if is_no(f) or is_undo(f):
        await clear_state(session, message.identity, "confirm")
        return Reply("Đã bỏ qua, không lưu gì.")
    if is_correction(f) and pending.get("action") == "report":
        await clear_state(session, message.identity, "confirm")
        return await report(session, message, asker, f, target_id=int(pending["target_id"]))
    return None


async def _progress(session: AsyncSession, message: IncomingMessage, asker: Asker, f: str) -> Reply:
    """ "tiến độ" (own unit), "tiến độ xã X" (a unit one may see), "tiến độ các xã" (units below)."""
    unit = await named_unit(session, f) or await home_unit(session, asker)
    if unit is None:
        return await accounts.stranger_reply(session)
    refusal = await place_refusal(session, asker, unit)
    if refusal is not None:
        return refusal
    if not await may_see(session, asker, unit):
        return Reply(
            f"Bạn không xem được tiến độ của {unit.full_name}; bạn xem được tiến độ của {own_scope(asker)} "
            '(gửi "tiến độ").'
        )
    if wants_all_units(f):
        if not await manages(session, asker, unit):
            return Reply(
                f"Chỉ cán bộ quản lý của {unit.full_name} (hoặc cấp trên) mới xem được tiến độ các đơn vị cấp dưới. "
                'Gửi "tiến độ" để xem của đơn vị mình.'
            )
        return await below_view(session, unit, message)
    return await unit_view(session, unit, message)
