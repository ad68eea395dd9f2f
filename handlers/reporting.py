"""Registration, progress reports, progress views, undo and confirmations: the core calls `handle` first."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.context import Asker
from handlers.messages import IncomingMessage, Reply


async def handle(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply | None:
    """Answer registration/reporting/progress/undo/confirmation messages; None for anything else."""
    return None
