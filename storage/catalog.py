"""National unit catalogs (2024 three-tier, 2025 two-tier, 2025 merges)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


class CatalogError(ValueError):
    """A catalog file that cannot be read; the message names the file and the reason."""


async def import_catalog(sessions: async_sessionmaker[AsyncSession], path: Path) -> list[str]:
    """Load a catalog file and return the summary lines to print."""
    raise CatalogError("chưa hỗ trợ")
