"""Text views of the database for `kehoach plans` and `kehoach show`."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


async def list_plans(session: AsyncSession) -> str:
    """One line per plan: number, date, issuer, title."""
    raise NotImplementedError


async def describe(session: AsyncSession, query: str) -> str | None:
    """Everything held for the plan or unit named by query; None when nothing matches."""
    raise NotImplementedError
