"""The conversation core's entry point: one incoming message in, one reply out."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.access import may_see
from handlers.answers import budgets, deadlines, duties, quotas, targets
from handlers.answers import helper_assignments as helpers
from handlers.answers import passages as retrieval
from handlers.answers import plan_info as planinfo
from handlers.answers.help import TOPIC_VALUES, TOPICS, example_place, greeting, help_reply, not_found
from handlers.answers.merged_units import answer as via_old_units
from handlers.flows import group_links as groups
from handlers.flows import reminder_settings as reminders
from handlers.flows import reporting
from handlers.messages import Choice, IncomingMessage, Reply
from handlers.render.format import LIMIT, reply
from handlers.snapshot import Snapshot, load
from handlers.understand import unit_merges as merges
from handlers.understand.asker import detached_unit, load_asker
from handlers.understand.asker_context import Asker
from handlers.understand.entities import KIND_WORDS, full_name, place_name
from handlers.understand.plan_topics import topic
from handlers.understand.query import CLOSE, Query, analyse
from handlers.understand.slash_commands import expand_command
from storage.conversation.state import clear_state, load_state, note_kinds, save_state
from storage.language.normalize import as_typed, clean, is_emoji_only, looks_english, looks_foreign, words
from storage.language.text import fold, kind_level
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
ANSWERS: dict[str, Callable[[Query], Reply | None]] = {
    "quota": quotas.answer,
    "target": targets.answer,
    "deadline": deadlines.answer,
    "budget": budgets.answer,
    "helper": helpers.answer,
    "duty": duties.answer,
    "planinfo": planinfo.answer,
}
NEEDS_UNIT = {"quota", "helper"}
SHARED = {"duty", "deadline", "budget", "planinfo"}  # answers that depend on the plans, not on the unit itself


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
    if bad is not None:
        return bad
    for handler in (groups.handle, reporting.handle, reminders.handle):
        handled = await handler(session, message, asker)
        if handled is not None:
            return handled
    text = await picked(session, message)
    query = analyse(message, text, asker, snap)
    if "deadline" in query.intents and query.scope is not None and deadlines.needs_done(query.folded):
        query.done = await _completed(session, asker, snap, query.scope)
    result = answer(query)
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
    """Route an analysed question to the answer modules, then to retrieval, else say nothing was found."""
    intents = query.intents
    if intents and intents[0] == "greeting":
        return greeting(query.asker, query.snap)
    if intents and intents[0] == "help":
        return help_reply(query.asker, query.snap)
    if query.unknown and (not query.units or _unknown_below(query)):
        unknown = _unknown_unit(query)
        if unknown is not None:
            return unknown
    if query.ambiguous and not query.own and query.ambiguous[0][1][0][1] == query.scope and _must_pick(query):
        return _ask_which(query)
    if query.scope is not None and merges.wants_merge(query.folded):
        found = merges.answer(query)
        if found is not None:
            return found
    if query.scope is not None and not query.plans() and not _names_person_or_office(query, "helper"):
        merged = _via_predecessors(query)
        if merged is not None:
            return merged
        name = full_name(query.snap.units[query.scope])
        return not_found(
            f"Chưa có kế hoạch nào áp dụng cho {name} trong dữ liệu, nên tôi không có số liệu cho đơn vị này."
        )
    for intent in intents:
        handler = ANSWERS.get(intent)
        if handler is None:
            continue
        if intent in NEEDS_UNIT and query.scope is None and not _names_person_or_office(query, intent):
            return _ask_unit(intent, query.snap)
        found = handler(query)
        if found is not None:
            return found
    if not intents and query.units:
        overview = _overview(query)
        if overview is not None:
            return overview
    found = retrieval.answer(query.snap, query.folded, query.plan_ids() if query.scope is not None else None)
    return _no_quota(query) or found or not_found()


def _no_quota(query: Query) -> Reply | None:
    """A quota asked for a unit named that no plan gives one ("chỉ tiêu huyện Lục Ngạn"): say so, and whose
    plans the data holds for it, rather than quote a passage that names the unit."""
    if not query.units or not query.intents or query.intents[0] != "quota" or query.own:
        return None
    name = full_name(query.snap.units[query.units[0]])
    issuers = {p.issuer_name for p in query.plans(query.units[0]) if p.issuer_name}
    held = f" Dữ liệu có kế hoạch của: {', '.join(sorted(issuers))}." if issuers else ""
    what = " ".join(["chỉ tiêu", topic(query.snap, query.snap.plans)]).strip()
    return not_found(f"Các kế hoạch trong dữ liệu không giao {what} cho {name}.{held}")


def _must_pick(query: Query) -> bool:
    """Whether the close namesakes differ for this question: always for unit facts, else when their plans do."""
    ranked = query.ambiguous[0][1]
    if not query.intents or query.intents[0] not in SHARED:
        return True
    close = [uid for score, uid in ranked if ranked[0][0] - score < CLOSE]
    return len({frozenset(query.plan_ids(uid)) for uid in close}) > 1


def _via_predecessors(query: Query) -> Reply | None:
    """A 2025 unit without a plan: answer through the old units it was made from (handlers.answers.merged_units)."""
    return via_old_units(query, answer)


def _names_person_or_office(query: Query, intent: str) -> bool:
    from handlers.understand.entities import offices_in, people_in

    return intent == "helper" and bool(people_in(query.snap, query.folded) or offices_in(query.snap, query.folded))


def _unknown_below(query: Query) -> bool:
    """Whether an unknown name has a kind below the unit named ("thôn Nà Pàn xã Vĩnh Yên"): the question is
    about that village, not the commune."""
    unit = query.snap.units[query.units[0]]
    level = unit.level or kind_level(unit.kind)
    tokens = query.text.words
    return any(
        m.level is not None and level is not None and m.level > level and _kind_next(tokens, m.end)
        for m in query.unknown
    )


def _kind_next(tokens: list[str], i: int) -> bool:
    """Whether a kind word ("xã", "huyện", "x.") starts at token i: the unit the name belongs to follows."""
    return any(" ".join(tokens[i : i + n]) in KIND_WORDS for n in (1, 2))


def _unknown_unit(query: Query) -> Reply | None:
    """A unit named after a kind word that matches nothing: say so, give no figure."""
    mention = query.unknown[0]
    name = as_typed(query.text.raw, mention.name)
    if name is None:
        return None
    kind = f"{mention.kind} " if mention.kind else ""
    return not_found(
        f"Không tìm thấy {kind}{name} trong dữ liệu các kế hoạch, nên tôi không có số liệu cho đơn vị này."
    )


def _ask_which(query: Query) -> Reply:
    """Two or more units fit the name: ask which one, with choices that name it unambiguously."""
    mention, ranked = query.ambiguous[0]
    tokens = query.text.words
    start = mention.kind_start if mention.kind_start >= 0 else mention.start
    choices = []
    for _, uid in ranked[:6]:
        place = place_name(query.snap, uid)
        value = " ".join([*tokens[:start], fold(place).replace(",", ""), *tokens[mention.end :]])
        choices.append(Choice(label=place, value=value))
    name = query.snap.units[ranked[0][1]].name
    return Reply(text=f"Có {len(choices)} đơn vị tên «{name}». Bạn hỏi về đơn vị nào?", choices=choices)


def _ask_unit(intent: str, snap: Snapshot) -> Reply:
    what = "chỉ tiêu" if intent == "quota" else "cơ quan giúp đỡ"
    example = f"{what} {example_place(snap)}"
    return Reply(text=f"Bạn muốn xem {what} của đơn vị nào? Hãy ghi tên xã/thị trấn, ví dụ: «{example}».")


def _overview(query: Query) -> Reply | None:
    """A unit named alone: its quota and helpers, whichever exist."""
    parts = [r for r in (quotas.answer(query), helpers.answer(query)) if r is not None]
    if not parts:
        name = full_name(query.snap.units[query.units[0]])
        return not_found(f"{name} có trong danh mục nhưng các kế hoạch chưa giao số liệu nào cho đơn vị này.")
    text = "\n\n".join(p.text for p in parts)
    if len(text) > LIMIT and len(parts) > 1:  # one chat message: the helpers of every unit below are asked apart
        text = f"{parts[0].text}\n\nHỏi «cơ quan giúp đỡ» kèm tên xã để xem cơ quan, đồng chí phụ trách."
    return reply(text)
