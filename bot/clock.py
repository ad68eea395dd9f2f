"""The bot's clock: real time in Asia/Ho_Chi_Minh unless --now says otherwise."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def parse_now(value: str | None) -> datetime:
    """The clock to use: an ISO time (naive means Vietnam time) or the real time."""
    if not value:
        return datetime.now(VIETNAM)
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VIETNAM)
    return parsed
