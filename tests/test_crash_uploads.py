"""SIGKILL a real `kehoach run` after a plan's confirmation, while its first notice is on its way: after the
restart every named commune's staff member gets the notice exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storage.db import open_database
from storage.outbox.queue import OutboxMessage
from storage.uploads.notices import NOTICE_KIND
from tests.crash_support import start_run, telegram_config, wait_until
from tests.fake_botapi import FakeTelegram, tg_button_update, tg_document_update
from tests.reimport_data import plan_text
from tests.upload_support import MANAGER, STAFF, TOKEN, seed, texts_to

AT = datetime.fromisoformat("2024-05-15T09:00:00+07:00")
NAMED = [STAFF[key] for key in ("xuan bai", "tho lam", "sao vang")]


class HangingTelegram(FakeTelegram):
    """A fake Telegram that holds the first message to a staff member (until released): the kill lands mid-send."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.release = threading.Event()
        self.hung = 0

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "sendMessage" and int(params["chat_id"]) in NAMED and self.hung == 0:
            self.hung = 1
            self.release.wait(timeout=60)
            return 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        return super().answer(method, params)


async def test_kill_after_the_confirmation_then_restart_sends_each_notice_once(db_url: str, tmp_path: Path) -> None:
    async with open_database(db_url) as factory:
        await seed(factory)
    content = plan_text().encode()
    with HangingTelegram(TOKEN) as api:
        api.files["plan"] = content
        first = await start_run(db_url, telegram_config(tmp_path, TOKEN, api.base_url), AT)
        api.push(tg_document_update(1, MANAGER, "plan", "kh-giam-ngheo.txt", len(content)))
        await wait_until(lambda: len(texts_to(api, MANAGER)) == 1)
        markup = json.loads(api.sent("sendMessage")[0]["reply_markup"])
        api.push(tg_button_update(2, MANAGER, markup["inline_keyboard"][0][0]["callback_data"]))
        await wait_until(lambda: api.hung == 1)  # confirmed and committed; the first notice is on its way
        os.killpg(first.pid, signal.SIGKILL)
        await first.wait()
        api.release.set()
        assert all(texts_to(api, user) == [] for user in NAMED)

        second = await start_run(db_url, telegram_config(tmp_path, TOKEN, api.base_url), AT + timedelta(minutes=5))
        await wait_until(lambda: all(texts_to(api, user) for user in NAMED))
        await asyncio.sleep(1.0)  # anything sent twice would go now
        os.killpg(second.pid, signal.SIGTERM)
        await asyncio.wait_for(second.wait(), 30)

    assert [len(texts_to(api, user)) for user in NAMED] == [1, 1, 1]
    assert texts_to(api, STAFF["xuan phu"]) == []
    assert texts_to(api, MANAGER)[1].startswith("Đã nhập: Kế hoạch số 12/KH-UBND")
    async with open_database(db_url) as factory, factory() as session:
        rows = (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == NOTICE_KIND))).scalars().all()
    assert sorted((r.recipient, r.status) for r in rows) == [(f"tg:{user}", "sent") for user in sorted(NAMED)]
