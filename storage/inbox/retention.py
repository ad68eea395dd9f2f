"""How long handled updates are kept: long past any platform's resend window, not forever.

A handled update's row (its payload holds what the user wrote) and its claim matter only while the platform
may deliver it again; Telegram keeps an update for a day and Zalo retries within minutes. Failed rows stay
longer, for the operator who looks into why.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.inbox.processed import ProcessedUpdate
from storage.inbox.received import DONE, FAILED, InboxUpdate

KEEP_HANDLED = timedelta(days=7)
KEEP_FAILED = timedelta(days=30)


async def forget_old_updates(session: AsyncSession, now: datetime) -> int:
    """Delete handled updates and claims older than KEEP_HANDLED, failed ones older than KEEP_FAILED; how many
    rows (the caller commits). Pending updates are never touched, whatever their age."""
    deleted = 0
    for status, keep in ((DONE, KEEP_HANDLED), (FAILED, KEEP_FAILED)):
        stale = delete(InboxUpdate).where(InboxUpdate.status == status, InboxUpdate.finished_at < now - keep)
        deleted += int((await session.execute(stale)).rowcount or 0)  # type: ignore[attr-defined]
    claims = delete(ProcessedUpdate).where(ProcessedUpdate.handled_at < now - KEEP_HANDLED)
    deleted += int((await session.execute(claims)).rowcount or 0)  # type: ignore[attr-defined]
    return deleted
