"""Shared fixtures: a fresh database per test, where the corpus is (tests/corpus), and a guard against the network."""

from __future__ import annotations

import ipaddress
import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from storage.db import open_database

ROOT = Path(__file__).resolve().parent.parent
# The corpus the suites under tests/corpus read: KEHOACH_SHARED, else ../shared next to the repository.
SHARED = Path(os.environ.get("KEHOACH_SHARED") or ROOT.parent / "shared").resolve()
CORPUS_PARTS = ("plans", "plans-real", "units", "eval")
PLANS = SHARED / "plans"
UNITS = SHARED / "units"
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"
# The clock of the visible questions: 15/5/2024, 09:00 in Vietnam.
NOW = datetime(2024, 5, 15, 9, 0, tzinfo=VIETNAM)

_real_connect = socket.socket.connect


def _guarded_connect(sock: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else None
    if isinstance(host, str):
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            raise RuntimeError(f"test tried to reach the network: {address!r}")
    _real_connect(sock, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that connects anywhere but this machine."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


def _postgres_database(base_url: str) -> Iterator[str]:
    """Create a throw-away PostgreSQL database next to base_url and drop it afterwards."""
    import asyncio

    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(base_url)
    name = f"kh_test_{uuid.uuid4().hex[:12]}"
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A URL of a fresh, empty database: SQLite, or PostgreSQL when KEHOACH_TEST_DB is set."""
    base = os.environ.get("KEHOACH_TEST_DB")
    if base:
        yield from _postgres_database(base)
    else:
        yield f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
async def sessions(db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory on the fresh database, schema up to date."""
    async with open_database(db_url) as factory:
        yield factory


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One visible line when the OCR test was skipped for want of Tesseract."""
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if "Tesseract" in reason:
            terminalreporter.write_line(f"OCR SKIPPED: {report.nodeid}: {reason}", yellow=True, bold=True)
