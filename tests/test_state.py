"""Conversation state in the database: save, load, expire, clear, and survive separate processes."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.conversation.state import clear_state, load_state, newest_kind, save_state
from tests.conftest import NOW, ROOT

SCRIPT = """
import asyncio, json, sys
from datetime import datetime
from storage.db import open_database
from storage.conversation.state import load_state, save_state

async def main(url, mode):
    now = datetime.fromisoformat("2024-05-15T09:00:00+07:00")
    async with open_database(url) as factory, factory() as session:
        if mode == "save":
            await save_state(session, "zalo:abc", "confirm", {"value": 40, "text": "giảm 40 hộ"}, now)
            await session.commit()
        else:
            print(json.dumps(await load_state(session, "zalo:abc", "confirm", now), ensure_ascii=False))

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


async def test_save_load_replace_clear(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        assert await load_state(session, "tg:1", "confirm") is None
        await save_state(session, "tg:1", "confirm", {"a": 1}, NOW)
        await save_state(session, "tg:1", "confirm", {"a": 2}, NOW)
        await save_state(session, "tg:1", "menu", {"choices": ["x"]}, NOW)
        await session.commit()
        assert await load_state(session, "tg:1", "confirm", NOW) == {"a": 2}
        assert await load_state(session, "tg:2", "confirm", NOW) is None
        assert await newest_kind(session, "tg:1", ["confirm", "menu"]) == "menu"
        await clear_state(session, "tg:1", "menu")
        assert await newest_kind(session, "tg:1", ["confirm", "menu"]) == "confirm"
        await clear_state(session, "tg:1")
        assert await load_state(session, "tg:1", "confirm") is None


async def test_state_expires(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await save_state(session, "tg:1", "confirm", {"a": 1}, NOW, ttl=timedelta(minutes=30))
        await session.commit()
        assert await load_state(session, "tg:1", "confirm", NOW + timedelta(minutes=29)) == {"a": 1}
        assert await load_state(session, "tg:1", "confirm", NOW + timedelta(minutes=31)) is None


def test_state_survives_separate_processes(db_url: str) -> None:
    run = [sys.executable, "-c", SCRIPT, db_url]
    subprocess.run([*run, "save"], check=True, cwd=ROOT, timeout=120)
    loaded = subprocess.run([*run, "load"], check=True, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert loaded.stdout.strip() == '{"value": 40, "text": "giảm 40 hộ"}'
