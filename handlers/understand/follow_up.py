"""Follow-ups that point back to a unit named before ("còn chỗ đó thì sao", "còn xã kia"): the units a user
last asked about are kept in the database (storage.conversation), and the pointing words are read as them."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import IncomingMessage
from handlers.understand.entities import full_name
from handlers.understand.query import Query
from storage.conversation.state import load_state, save_state
from storage.language.kinds import kind_pattern
from storage.language.text import fold

UNITS = "units"  # storage.conversation.state kind: the units the user last named, newest first
UNITS_TTL = timedelta(hours=2)
_PLACE = rf"(?:cho|noi|dia phuong|don vi|dia ban|{kind_pattern()})"
# "chỗ đó", "xã ấy", "đơn vị vừa hỏi": the unit named last; "xã kia", "đơn vị còn lại": the one before it.
_LAST = re.compile(rf"\b{_PLACE}\s+(?:do|ay|vua (?:roi|hoi|noi))\b|\bo do\b")
_OTHER = re.compile(rf"\b{_PLACE}\s+(?:kia|con lai)\b")


def _folded_chars(raw: str) -> str:
    """raw folded one character at a time, so that positions in it are positions in raw."""
    return "".join((fold(c) or " ")[:1] if not c.isspace() else " " for c in raw)


def pointed(raw: str) -> tuple[int, int, int] | None:
    """(start, end, 0 for the last unit or 1 for the one before) of the words pointing back, or None."""
    folded = _folded_chars(raw)
    for which, pattern in ((1, _OTHER), (0, _LAST)):
        found = pattern.search(folded)
        if found is not None:
            return found.start(), found.end(), which
    return None


async def resolved(session: AsyncSession, message: IncomingMessage, text: str, query: Query) -> str | None:
    """The question with the pointing words replaced by the unit's name, when it names no unit itself."""
    found = pointed(text)
    if query.units or found is None:
        return None
    state = await load_state(session, message.identity, UNITS, message.now)
    recent = [u for u in (state or {}).get("units", []) if u in query.snap.units]
    start, end, which = found
    if len(recent) <= which:
        return None
    return f"{text[:start]}{full_name(query.snap.units[recent[which]])}{text[end:]}"


async def remember(session: AsyncSession, message: IncomingMessage, query: Query) -> None:
    """Keep the unit the question was about, newest first (two of them), when it named one."""
    if not query.units or query.own:
        return
    state = await load_state(session, message.identity, UNITS, message.now)
    before = [u for u in (state or {}).get("units", []) if isinstance(u, int)]
    recent = [query.units[0], *(u for u in before if u != query.units[0])][:2]
    if recent != before:
        await save_state(session, message.identity, UNITS, {"units": recent}, message.now, ttl=UNITS_TTL)
