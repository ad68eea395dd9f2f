"""A big import and questions on the same database: questions are answered in bounded time, never with the
apology, whether the import runs as a task of the same process or as a `kehoach import` process."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import storage.importer as importer
from handlers.dispatch import APOLOGY, respond
from storage.importer import import_paths
from storage.language.text import fold
from tests.conftest import NOW, PLANS, ROOT
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


async def test_question_is_answered_while_the_same_process_reads_a_plan(
    db: Sessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    began: list[float] = []
    real_parse = importer.parse_document

    def slow_parse(text: str):  # type: ignore[no-untyped-def]
        began.append(time.monotonic())
        time.sleep(BOUND + 1)  # a parse this long holds the CPU: not the event loop, not the database
        return real_parse(text)

    monkeypatch.setattr(importer, "parse_document", slow_parse)
    importing = asyncio.create_task(import_paths(db, [PLANS / "xa-vinh-yen-binh-gia-2024.txt"], now=NOW))
    while not began:
        await asyncio.sleep(0.01)
    _, reply = await ask(db)
    assert time.monotonic() - began[0] < BOUND, "the question waited for the parse"
    assert reply != APOLOGY and "4 ho" in fold(reply)
    (outcome,) = await importing
    assert outcome.ok, outcome.lines


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
