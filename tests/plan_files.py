"""Small plans written for a test: each text saved as a .txt file and imported as `kehoach import` would."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer import import_paths


async def import_texts(
    sessions: async_sessionmaker[AsyncSession], folder: Path, texts: Mapping[str, str], now: datetime
) -> None:
    """Write each text to folder as <name>.txt and import them in order; every one must import."""
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    outcomes = await import_paths(sessions, paths, now=now)
    assert all(o.ok for o in outcomes), [o.lines for o in outcomes]
