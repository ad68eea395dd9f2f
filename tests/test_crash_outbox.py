"""SIGKILL a real `kehoach run` while it sends a manager's chart, restart it: text, chart and sheet arrive once each."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storage.db import open_database
from storage.outbox.queue import OutboxMessage
from tests.crash_support import start_run, telegram_config, wait_until
from tests.fake_botapi import FakeTelegram, tg_text_update
from tests.reporting_seed import add, seed

TOKEN = "4243:CRASH-files-token"
MANAGER = 9009
AT = datetime.fromisoformat("2024-05-15T09:00:00+07:00")


class HangingTelegram(FakeTelegram):
    """A fake Telegram that never answers the first sendPhoto (until released): the kill lands mid-send."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.release = threading.Event()
        self.hung = 0

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "sendPhoto" and self.hung == 0:
            self.hung = 1
            self.release.wait(timeout=60)
            return 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        return super().answer(method, params)


async def _seed(db_url: str) -> None:
    async with open_database(db_url) as factory, factory() as session:
        ids = await seed(session)
        await add(session, f"tg:{MANAGER}", ids.district, role="manager")
        await session.commit()


async def test_kill_while_sending_the_chart_then_restart_sends_each_part_once(db_url: str, tmp_path: Path) -> None:
    await _seed(db_url)
    with HangingTelegram(TOKEN) as api:
        first = await start_run(db_url, telegram_config(tmp_path, TOKEN, api.base_url), AT)
        api.push(tg_text_update(1, MANAGER, "tiến độ các xã"))
        await wait_until(lambda: api.hung == 1)  # the text went; the chart is on its way
        os.killpg(first.pid, signal.SIGKILL)
        await first.wait()
        api.release.set()
        assert len(api.sent("sendMessage")) == 1 and api.sent("sendDocument") == []

        second = await start_run(db_url, telegram_config(tmp_path, TOKEN, api.base_url), AT + timedelta(minutes=5))
        await wait_until(lambda: len(api.sent("sendDocument")) == 1)
        await asyncio.sleep(0.5)  # anything sent twice would go now
        os.killpg(second.pid, signal.SIGTERM)
        await asyncio.wait_for(second.wait(), 30)
        calls = [method for method, _ in api.calls if method.startswith("send")]
        texts = [m["text"] for m in api.sent("sendMessage")]

    assert calls == ["sendMessage", "sendPhoto", "sendPhoto", "sendDocument"]  # the cut-off chart once more
    assert len(texts) == 1 and texts[0].startswith("Tiến độ giảm hộ nghèo năm 2024")
    assert api.sent("sendPhoto")[1]["photo"].startswith(b"\x89PNG")
    assert api.sent("sendDocument")[0]["document"].startswith(b"PK")
    async with open_database(db_url) as factory, factory() as session:
        rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
    assert [(r.kind, r.status) for r in rows] == [("reply", "sent"), ("attachment", "sent"), ("attachment", "sent")]
