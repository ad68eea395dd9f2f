"""Files the bot creates (the SQLite database, exports, saved attachments) are readable by their owner only."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.console import render
from handlers.messages import Attachment, Reply
from storage.accounts.models import User
from storage.db import open_database
from tests.conftest import NOW
from tests.reporting_seed import seed

BASE = ["--now", "2024-05-15T09:00:00+07:00"]


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """A umask that leaves every file world-readable: the modes checked here must not come from it."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_a_new_sqlite_database_and_its_wal_files_are_owner_only(tmp_path: Path) -> None:
    database = tmp_path / "du-lieu" / "kehoach.db"
    async with open_database(f"sqlite:///{database}") as sessions, sessions() as session:
        session.add(User(identity="tg:1", created_at=NOW))
        await session.commit()
        files = [database, *(database.with_name(database.name + end) for end in ("-wal", "-shm"))]
        assert all(path.exists() for path in files)
        assert {path.name: mode(path) for path in files} == {path.name: 0o600 for path in files}


async def test_an_existing_database_file_keeps_its_mode(tmp_path: Path) -> None:
    database = tmp_path / "kehoach.db"
    sqlite3.connect(database).close()
    database.chmod(0o640)
    async with open_database(f"sqlite:///{database}") as sessions, sessions() as session:
        session.add(User(identity="tg:1", created_at=NOW))
        await session.commit()
    assert mode(database) == 0o640


def _seeded(db_url: str) -> str:
    async def run() -> None:
        async with open_database(db_url) as factory, factory() as session:
            await seed(session)
            await session.commit()

    asyncio.run(run())
    return db_url


@pytest.mark.parametrize("flag", ["--xlsx", "--csv"])
def test_export_files_are_owner_only(db_url: str, tmp_path: Path, flag: str) -> None:
    out = tmp_path / f"tien-do{flag.replace('--', '.')}"
    assert main(["--db", _seeded(db_url), *BASE, "export", "--unit", "huyện Thọ Xuân", flag, str(out)]) == 0
    assert out.stat().st_size > 0 and mode(out) == 0o600


def test_an_export_over_an_existing_file_does_not_loosen_it(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "tien-do.csv"
    out.write_text("cũ", encoding="utf-8")
    out.chmod(0o600)
    assert main(["--db", _seeded(db_url), *BASE, "export", "--unit", "huyện Thọ Xuân", "--csv", str(out)]) == 0
    assert "Đơn vị" in out.read_text(encoding="utf-8-sig") and mode(out) == 0o600


def test_a_file_the_terminal_saves_is_owner_only(tmp_path: Path) -> None:
    reply = Reply("Tiến độ các xã:", attachments=[Attachment("tien-do.xlsx", b"PK\x03\x04", "application/zip")])
    assert "tien-do.xlsx" in render(reply, tmp_path)
    assert mode(tmp_path / "tien-do.xlsx") == 0o600
