"""The conversation core's entry point: one incoming message in, one reply out."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.access import may_see
from handlers.answers import budgets, deadlines, duties, quotas, targets
from handlers.answers import helper_assignments as helpers
from handlers.answers import plan_info as planinfo
from handlers.answers import references as basis
from handlers.answers.help import TOPIC_VALUES, TOPICS
from handlers.answers.merged_units import ThroughOldUnits
from handlers.answers.plan_lead import PlanLead
from handlers.answers.plan_overview import PlanNamedAlone
from handlers.answers.registry import Answerer, ByIntent, Registry
from handlers.answers.routes import AskWhich, Greeting, Help, MergeQuestion, Overview, Passages, UnknownUnit
from handlers.answers.uncovered_year import note_year, uncovered, without_year
from handlers.answers.unknown_plan import UnknownPlan
from handlers.answers.which_plan import WhichPlan
from handlers.flows import announcements, reporting, upload_confirm, upload_help, uploads
from handlers.flows import group_links as groups
from handlers.flows import reminder_settings as reminders
from handlers.messages import IncomingMessage, Reply
from handlers.snapshot import Snapshot, load, settle
from handlers.understand import follow_up
from handlers.understand.asker import detached_unit, load_asker
from handlers.understand.asker_context import Asker
from handlers.understand.query import Query, analyse
from handlers.understand.slash_commands import expand_command
from storage.conversation.state import clear_state, load_state, note_kinds, save_state
from storage.language.normalize import clean, is_emoji_only, looks_english, looks_foreign, words
from storage.language.text import fold
from storage.probe import probe
from storage.reporting.reports import completed_deadlines

log = logging.getLogger(__name__)

TOO_LONG = 2000
MENU = "menu"  # the core's numbered choices (storage.conversation.state kind)
MENU_TTL = timedelta(hours=2)
APOLOGY = "Xin lỗi, đã có lỗi khi xử lý câu hỏi của bạn. Bạn vui lòng thử lại sau ít phút hoặc hỏi cách khác."
_SQL = re.compile(
    r"(?i)(;\s*(drop|delete|insert|update|alter|truncate)\b|\bunion\s+select\b|'\s*or\s+'?1'?\s*=|--\s*$)"
)


async def respond(session: AsyncSession, message: IncomingMessage) -> Reply:
    """Answer message from the database; the caller commits the session, then sends. Never raises."""
    try:
        return await _respond(session, message)
    except Exception:
        # The text stays out of the log (staff may write personal data); its size helps reproduce.
        log.exception("could not answer a message of %d characters from %s", len(message.text or ""), message.identity)
        try:
            await session.rollback()
        except Exception:  # the session may be unusable; the apology still goes out
            log.exception("rollback failed")
        return Reply(text=APOLOGY)


async def _respond(session: AsyncSession, message: IncomingMessage) -> Reply:
    message = replace(message, text=expand_command(message.text))
    bad = bad_input(message.text)
    found = await probe(session, message.identity)  # one query: fact version, memberships, state kinds
    note_kinds(session, message.identity, found.state_kinds)
    snap = await load(session, found.facts)
    asker = await load_asker(session, message, snap, found.memberships)
    if message.file is not None:  # a document or photo: its caption is not a question
        return await uploads.receive(session, message, asker)
    if bad is not None:
        return bad
    how = await upload_help.handle(message)
    if how is not None:
        return how
    for handler in (upload_confirm.handle, announcements.handle, groups.handle, reporting.handle, reminders.handle):
        handled = await handler(session, message, asker)
        if handled is not None:
            return handled
    text = await picked(session, message)
    query = analyse(message, text, asker, snap)
    pointing = await follow_up.resolved(session, message, text, query)
    if pointing is not None:  # "còn chỗ đó": the unit named before
        text, query = pointing, analyse(message, pointing, asker, snap)
    missing_year = uncovered(query)
    if missing_year is not None:  # answer from the nearest plan as if no year were asked; note_year says so
        query = analyse(message, without_year(text, missing_year[0]), asker, snap)
    if "deadline" in query.intents and query.scope is not None and deadlines.needs_done(query.folded):
        query.done = await _completed(session, asker, snap, query.scope)
    result = answer(query) if missing_year is None else note_year(snap, *missing_year, answer(query))
    settle(snap)
    await follow_up.remember(session, message, query)
    values = [choice.value for choice in result.choices]
    if values == TOPIC_VALUES:  # the usual topic menu: a bare number means it unless another menu is kept
        await clear_state(session, message.identity, MENU)
    elif values:
        await save_state(session, message.identity, MENU, {"choices": values}, message.now, ttl=MENU_TTL)
    return result


async def _completed(session: AsyncSession, asker: Asker, snap: Snapshot, scope: int) -> set[int] | None:
    """The deadlines the unit marked done, if the asker may see that unit where they wrote; else None."""
    if scope not in snap.units or not await may_see(session, asker, detached_unit(snap, scope)):
        return None
    return await completed_deadlines(session, scope)


async def picked(session: AsyncSession, message: IncomingMessage) -> str:
    """The message text, or the value of the choice a bare "1", "2"... picks from our last menu."""
    text, _ = clean(message.text)
    number = text.rstrip(".)").strip()
    if not number.isdecimal() or not number.isascii():
        return text
    menu = await load_state(session, message.identity, MENU, message.now)
    values = menu.get("choices", []) if menu is not None else TOPIC_VALUES
    if 1 <= int(number) <= len(values):
        await clear_state(session, message.identity, MENU)
        return str(values[int(number) - 1])
    return text


def bad_input(text: str | None) -> Reply | None:
    """A helpful reply for empty, overlong, emoji-only, foreign, SQL- or HTML-only input; None when fine."""
    raw = text or ""
    if len(raw) > TOO_LONG:
        size = f"{len(raw):,}".replace(",", ".")
        return Reply(text=f"Tin nhắn quá dài ({size} ký tự). Bạn hãy hỏi ngắn gọn một câu.\n{TOPICS}")
    cleaned, _ = clean(raw)
    if not cleaned:
        return Reply(text=f"Bạn chưa nhập câu hỏi.\n{TOPICS}")
    if is_emoji_only(cleaned):
        return Reply(text=f"Tôi chỉ đọc được câu hỏi bằng chữ.\n{TOPICS}")
    if looks_foreign(cleaned) or looks_english(words(fold(cleaned))):
        return Reply(text=f"Xin lỗi, tôi chỉ hiểu tiếng Việt (có dấu hoặc không dấu).\n{TOPICS}")
    if _SQL.search(cleaned):
        return Reply(text=f"Tôi không hiểu câu này. Bạn hãy hỏi bằng lời thường.\n{TOPICS}")
    return None


def answer(query: Query) -> Reply:
    """Route an analysed question through the registered answerers (ROUTES), highest priority first."""
    return ROUTES.answer(query)


def _routes() -> Registry:
    """Every answerer by its declared priority; the topic modules by the intent each serves."""
    routes = Registry()
    modules = (quotas, targets, deadlines, budgets, helpers, duties, planinfo, basis)
    routes.register_intents(module.MODULE for module in modules)
    answerers: list[Answerer] = [Greeting(), Help(), UnknownUnit(), UnknownPlan(), AskWhich(routes), MergeQuestion()]
    answerers += [PlanLead(), WhichPlan(), ThroughOldUnits(routes), ByIntent(routes), PlanNamedAlone(), Overview()]
    answerers.append(Passages())
    for answerer in answerers:
        routes.register(answerer)
    return routes


ROUTES = _routes()
