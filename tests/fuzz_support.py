"""Shared pieces of the fuzz and security tests: a database with the sample plans, one message at a time."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.messages import IncomingMessage, Reply
from storage.accounts.operations import add_user
from storage.db import open_database
from storage.importer import import_paths
from storage.models import Base
from storage.units.lookup import resolve_unit
from tests.conftest import EXAMPLES, NOW, PLANS

VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]")
STAFF = "tg:5001"  # staff of xã Xuân Bái
STAFF_UNIT = "xã Xuân Bái"


@dataclass
class Bot:
    """A database with the sample plans, driven from synchronous code (hypothesis) through one event loop."""

    runner: asyncio.Runner
    sessions: async_sessionmaker[AsyncSession]

    def ask(self, text: str, user: str = STAFF) -> Reply:
        """One message through the core in its own session, committed like a channel does."""
        channel, _, user_id = user.partition(":")
        return self.runner.run(self._ask(IncomingMessage(channel, user_id, text, NOW)))

    async def _ask(self, message: IncomingMessage) -> Reply:
        async with self.sessions() as session:
            reply = await respond(session, message)
            await session.commit()
        return reply

    def counts(self) -> dict[str, int]:
        """Rows in every table."""
        return self.runner.run(table_counts(self.sessions))


async def table_counts(sessions: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    """Rows in every table of the schema."""
    async with sessions() as session:
        out = {}
        for table in Base.metadata.sorted_tables:
            out[table.name] = int((await session.execute(select(func.count()).select_from(table))).scalar_one())
    return out


def plan_files() -> list[Path]:
    """The sample plans when the corpus is here, else the team's own example plan (same units)."""
    samples = sorted(PLANS.glob("*.txt"))
    return samples or sorted(EXAMPLES.glob("*.txt"))


async def _prepare(sessions: async_sessionmaker[AsyncSession], plans: bool) -> None:
    if plans:
        outcomes = await import_paths(sessions, plan_files(), now=NOW)
        assert all(o.ok for o in outcomes), [o.lines for o in outcomes]
        async with sessions() as session:
            unit = (await resolve_unit(session, STAFF_UNIT)).unit
            assert unit is not None
            await add_user(session, STAFF, unit, NOW)
            await session.commit()


@contextmanager
def bot_on(db_url: str, *, plans: bool = True) -> Iterator[Bot]:
    """A Bot on db_url (the sample plans imported and STAFF registered when plans is true)."""
    with asyncio.Runner() as runner:
        database = open_database(db_url)
        sessions = runner.run(database.__aenter__())
        try:
            runner.run(_prepare(sessions, plans))
            yield Bot(runner, sessions)
        finally:
            runner.run(database.__aexit__(None, None, None))
