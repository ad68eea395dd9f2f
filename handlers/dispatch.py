"""The conversation core's entry point: one incoming message in, one reply out."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import IncomingMessage, Reply


async def respond(session: AsyncSession, message: IncomingMessage) -> Reply:
    """Answer message from the database; the caller commits the session, then sends."""
    raise NotImplementedError
