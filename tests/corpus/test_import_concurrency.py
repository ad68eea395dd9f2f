"""A sample plan read by a task of the same process: a question meanwhile is answered in bounded time, never
with the apology (the `kehoach import` process: tests/test_import_concurrency.py)."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import storage.importer as importer
from handlers.dispatch import APOLOGY
from storage.importer import import_paths
from storage.language.text import fold
from tests import test_import_concurrency as standalone
from tests.conftest import NOW, PLANS
from tests.test_import_concurrency import BOUND, ask

Sessions = async_sessionmaker[AsyncSession]
db = standalone.db  # the core's fixture plans, committed (the same fixture as the standalone tests)


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
