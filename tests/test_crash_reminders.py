"""SIGKILL a real `kehoach run` during a burst of reminder sends, restart it: none lost, none claimed twice."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from storage.db import open_database
from storage.outbox.queue import OutboxMessage
from storage.reminders.models import ReminderClaim
from tests.crash_support import start_run, telegram_config
from tests.fake_botapi import FakeTelegram
from tests.reporting_seed import add, seed

STAFF = [3001 + n for n in range(60)]
AT = datetime.fromisoformat("2024-06-13T09:00:00+07:00")  # 7 days before the 6-month report of 20/6
KILL_AFTER = 20  # reminders received by the fake Telegram before the kill
TOKEN = "4242:CRASH-test-token"


async def _seed(db_url: str) -> None:
    async with open_database(db_url) as factory, factory() as session:
        ids = await seed(session)
        for n, chat in enumerate(STAFF):
            await add(session, f"tg:{chat}", (ids.xuan_bai, ids.tho_lam, ids.sao_vang)[n % 3])
        await session.commit()


async def _until(api: FakeTelegram, done: callable, timeout: float) -> None:  # type: ignore[valid-type]
    deadline = time.monotonic() + timeout
    while not done(api.sent("sendMessage")) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)


async def _rows(db_url: str) -> tuple[int, Counter[str]]:
    async with open_database(db_url) as factory, factory() as session:
        claims = (await session.execute(select(func.count()).select_from(ReminderClaim))).scalar_one()
        query = select(OutboxMessage.status).where(OutboxMessage.kind == "reminder")
        return int(claims), Counter((await session.execute(query)).scalars())


async def test_kill_during_reminder_burst_then_restart(db_url: str, tmp_path: Path) -> None:
    await _seed(db_url)
    with FakeTelegram(TOKEN) as api:
        config = telegram_config(tmp_path, TOKEN, api.base_url)
        first = await start_run(db_url, config, AT)
        await _until(api, lambda sent: len(sent) >= KILL_AFTER, 60)
        os.killpg(first.pid, signal.SIGKILL)
        await first.wait()
        before_restart = len(api.sent("sendMessage"))
        assert KILL_AFTER <= before_restart < len(STAFF), "the kill did not land mid-burst"

        # Restarted three minutes later (the dead process's send leases have run out).
        second = await start_run(db_url, config, AT + timedelta(minutes=3))
        await _until(api, lambda sent: {int(s["chat_id"]) for s in sent} >= set(STAFF), 60)
        os.killpg(second.pid, signal.SIGTERM)
        await asyncio.wait_for(second.wait(), 30)
        received = Counter(int(s["chat_id"]) for s in api.sent("sendMessage"))

    assert set(received) == set(STAFF), f"lost: {sorted(set(STAFF) - set(received))}"
    twice = [chat for chat, n in received.items() if n > 1]
    # Telegram has no idempotency key: only a send the kill caught between the HTTP answer and
    # the commit of "sent" can go again; everything else goes exactly once.
    assert len(twice) <= 1, f"sent more than once: {twice}"
    claims, statuses = await _rows(db_url)
    assert claims == len(STAFF) and statuses == Counter({"sent": len(STAFF)})
