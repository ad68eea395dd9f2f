"""A big import and questions on the same database: while a `kehoach import` process runs, questions are answered
in bounded time, never with the apology (a task of the same process: tests/corpus/test_import_concurrency.py)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import APOLOGY, respond
from storage.language.text import fold
from tests.conftest import ROOT
from tests.test_core_data import build, message

Sessions = async_sessionmaker[AsyncSession]
QUESTION = "chỉ tiêu giảm nghèo xã Xuân Bái"
BOUND = 5.0  # seconds: generous, the point is "not stuck behind the import"


@pytest.fixture
async def db(sessions: Sessions) -> Sessions:
    """The core's fixture plans (Xuân Bái: giảm 4 hộ nghèo), committed."""
    async with sessions() as session:
        await build(session)
        await session.commit()
    return sessions


async def ask(sessions: Sessions) -> tuple[float, str]:
    """Seconds from sending QUESTION to its committed reply, and the reply."""
    started = time.monotonic()
    async with sessions() as session:
        reply = await respond(session, message(QUESTION))
        await session.commit()
    return time.monotonic() - started, reply.text


def big_plan(path: Path, lines: int) -> Path:
    """A commune plan with `lines` target lines, one per hamlet."""
    head = "KẾ HOẠCH\nGiảm nghèo năm 2024 xã Tân Mộc\n\nUBND xã Tân Mộc ban hành Kế hoạch:\n\nI. MỤC TIÊU\n\n"
    body = "\n".join(f"- Giảm {12 + n % 7} hộ nghèo tại thôn {n + 1};" for n in range(lines))
    path.write_text(head + body + "\n", encoding="utf-8")
    return path


async def test_questions_are_answered_while_kehoach_import_runs(db: Sessions, db_url: str, tmp_path: Path) -> None:
    plan = big_plan(tmp_path / "lon.txt", 4000)
    command = [sys.executable, "-m", "bot.cli", "--db", db_url, "import", str(plan)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    waits: list[float] = []
    try:
        while process.poll() is None:
            waited, reply = await ask(db)
            assert reply != APOLOGY and "4 ho" in fold(reply)
            waits.append(waited)
            await asyncio.sleep(0.05)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Đã nhập: lon.txt" in out and "4000 chỉ tiêu" in out
    assert len(waits) >= 3 and max(waits) < BOUND, waits
    _, after = await ask(db)
    assert "4 ho" in fold(after)
