"""Plan-document importer: file -> text -> Document -> Facts -> database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


@dataclass
class FileOutcome:
    """What importing one file did: success, and the lines to print (summary, warnings or the error)."""

    path: str
    ok: bool
    lines: list[str] = field(default_factory=list)
    plan_id: int | None = None


async def import_paths(
    sessions: async_sessionmaker[AsyncSession], paths: list[Path], *, now: datetime
) -> list[FileOutcome]:
    """Import each file in its own transaction; a failed file changes nothing."""
    raise NotImplementedError("importer: being built in issue 2")
