"""`kehoach run`: a real process serving both channels against fake servers, stopped with SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.config import load_config
from storage.db import open_database
from storage.inbox.processed import ProcessedUpdate
from storage.outbox.queue import OutboxMessage
from tests.conftest import ROOT
from tests.fake_botapi import FakeTelegram, FakeZalo, tg_text_update, zalo_text_update
from tests.reporting_seed import seed

TG_TOKEN = "777001:RUN-telegram-token"
ZALO_TOKEN = "9911:RUN-zalo-token"
QUESTION = "chỉ tiêu giảm nghèo xã Xuân Bái"


def _config(path: Path, db: str, telegram: str, zalo: str) -> Path:
    path.write_text(
        f'[database]\nurl = "{db}"\n\n'
        f'[telegram]\nbase_url = "{telegram}"\nmode = "polling"\n\n'
        f'[zalo]\ntoken = "{ZALO_TOKEN}"\nbase_url = "{zalo}"\n',
        encoding="utf-8",
    )
    return path


async def _read_until(stream: asyncio.StreamReader, marker: str, log: list[str], timeout: float = 60) -> None:
    """Collect stderr lines until one contains marker."""
    async with asyncio.timeout(timeout):
        while True:
            line = (await stream.readline()).decode(errors="replace")
            if not line:
                raise AssertionError("kehoach run ended early:\n" + "".join(log))
            log.append(line)
            if marker in line:
                return


@pytest.mark.slow
async def test_run_serves_both_channels_and_stops_cleanly_on_sigterm(tmp_path: Path, db_url: str) -> None:
    async with open_database(db_url) as sessions, sessions() as session:
        await seed(session)
        await session.commit()
    with FakeTelegram(TG_TOKEN) as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        config = _config(tmp_path / "config.toml", db_url, telegram.base_url, zalo.base_url)
        env = {**os.environ, "KEHOACH_TELEGRAM_TOKEN": TG_TOKEN, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "bot.cli", "--config", str(config), "--now", "2024-05-15T09:00", "run"]
        process = await asyncio.create_subprocess_exec(*command, env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE)
        assert process.stderr is not None
        log: list[str] = []
        try:
            await _read_until(process.stderr, "kehoach running", log)
            telegram.push(tg_text_update(1, 1001, QUESTION))
            zalo.push(zalo_text_update("z1", "abc", QUESTION))
            (tg_reply,) = await telegram.wait_for(1, "sendMessage", timeout=30)
            (zalo_reply,) = await zalo.wait_for(1, "sendMessage", timeout=30)
            await asyncio.sleep(0.3)  # the outbox rows are marked sent right after the send
            process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(30):
                rest = await process.stderr.read()
                code = await process.wait()
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    output = "".join(log) + rest.decode(errors="replace")
    assert code == 0, output
    assert "Xuân Bái" in tg_reply["text"] and "Xuân Bái" in zalo_reply["text"]
    assert (await telegram.wait_for(1, "setMyCommands"))[0]
    assert output.count(" handled in ") == 2
    assert TG_TOKEN not in output and ZALO_TOKEN not in output and QUESTION not in output
    assert "kehoach stopped" in output
    async with open_database(db_url) as sessions, sessions() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
        assert sorted(r.recipient for r in rows) == ["tg:1001", "zalo:abc"]
        assert {r.status for r in rows} == {"sent"}
        assert len((await session.execute(select(ProcessedUpdate))).scalars().all()) == 2


def test_run_without_any_channel_exits_with_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEHOACH_TELEGRAM_TOKEN", raising=False)
    monkeypatch.delenv("KEHOACH_ZALO_TOKEN", raising=False)
    config = tmp_path / "c.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "x.db"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "run"]) == 2


def test_tokens_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_TELEGRAM_TOKEN", "1:env")
    monkeypatch.setenv("KEHOACH_ZALO_TOKEN", "2:env")
    config = load_config(str(ROOT / "config.example.toml"))
    assert (config.telegram.token, config.zalo.token) == ("1:env", "2:env")
    assert config.telegram.enabled and config.zalo.port == 8444


def test_a_webhook_needs_its_url_and_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEHOACH_ZALO_TOKEN", raising=False)
    config = tmp_path / "c.toml"
    config.write_text('[zalo]\ntoken = "x"\nmode = "webhook"\nwebhook_url = "https://a.vn/z"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="secret_token"):
        load_config(str(config))
    config.write_text('[telegram]\nmode = "push"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="polling"):
        load_config(str(config))
    assert main(["--config", str(config), "run"]) == 2
