"""A report acknowledged by a real `kehoach ask` process is committed before the reply is printed."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess

import pytest
from sqlalchemy import select

from storage.db import open_database
from storage.reporting.reports import Report
from tests.crash_support import kehoach_program
from tests.reporting_seed import add, seed

NOW = "2024-05-15T09:00:00+07:00"


def _prepare(db_url: str) -> None:
    async def run() -> None:
        async with open_database(db_url) as factory, factory() as session:
            ids = await seed(session)
            await add(session, "tg:1001", ids.xuan_bai)
            await session.commit()

    asyncio.run(run())


def _kehoach(db_url: str) -> list[str]:
    return [*kehoach_program(), "--db", db_url, "--now", NOW]


def _reports(db_url: str) -> list[float]:
    async def run() -> list[float]:
        async with open_database(db_url) as factory, factory() as session:
            return list((await session.execute(select(Report.value))).scalars())

    return asyncio.run(run())


def _core_ready(db_url: str) -> bool:
    done = subprocess.run([*_kehoach(db_url), "ask", "xin chào"], capture_output=True, text=True, timeout=120)
    return done.returncode == 0


def test_report_survives_a_kill_right_after_the_reply(db_url: str) -> None:
    _prepare(db_url)
    if not _core_ready(db_url):
        pytest.skip("the conversation core (handlers.dispatch.respond) is not wired yet")
    proc = subprocess.Popen(
        [*_kehoach(db_url), "ask", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps({"text": "Báo cáo: xã đã giảm được 2 hộ nghèo", "user": "tg:1001"}) + "\n")
    proc.stdin.flush()
    reply = json.loads(proc.stdout.readline())["reply"]
    os.killpg(proc.pid, signal.SIGKILL)  # no clean exit: nothing after the reply may be needed
    proc.wait(timeout=30)
    assert "2/4" in reply
    assert _reports(db_url) == [2.0]


def test_undo_works_in_a_separate_process(db_url: str) -> None:
    _prepare(db_url)
    if not _core_ready(db_url):
        pytest.skip("the conversation core (handlers.dispatch.respond) is not wired yet")
    ask = [*_kehoach(db_url), "ask", "--user", "tg:1001"]
    first = subprocess.run([*ask, "báo cáo: đã giảm được 3 hộ nghèo"], capture_output=True, text=True, timeout=120)
    assert "3/4" in first.stdout
    second = subprocess.run([*ask, "hủy"], capture_output=True, text=True, timeout=120)
    assert "Đã hủy" in second.stdout and "0/4" in second.stdout
