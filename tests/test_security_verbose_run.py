"""`kehoach -v run` (DEBUG for every library) against the fake Telegram (polling) and a Zalo webhook: private
questions, reports and their answers go through, and stdout/stderr hold no token, no secret and no text."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.fake_botapi import FakeTelegram, FakeZalo, tg_text_update, zalo_text_update
from tests.reporting_seed import add, seed

TG_TOKEN = "700800:VERBOSE-telegram-token"
ZALO_TOKEN = "3344556677:VERBOSE-zalo-token"
ZALO_SECRET = "zalo-hook-secret-4d5e"
PRIVATE = "Nguyễn Văn Mật 0912345678"  # stands for anything private a user may write
TG_USER, ZALO_USER = 1001, "z4l0staff"
TG_TEXTS = [f"chỉ tiêu giảm nghèo xã Thọ Lâm, {PRIVATE}", "báo cáo: đã giảm được 3 hộ nghèo", "tiến độ"]
ZALO_TEXTS = ["báo cáo: đã giảm được 4 hộ nghèo", f"hạn báo cáo {PRIVATE}"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(folder: Path, db_url: str, telegram: str, zalo: str, port: int) -> Path:
    path = folder / "kehoach.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n\n[telegram]\nbase_url = "{telegram}"\n\n'
        f'[zalo]\nbase_url = "{zalo}"\nmode = "webhook"\nwebhook_url = "https://bot.example.vn/zalo/hook"\n'
        f'secret_token = "{ZALO_SECRET}"\nport = {port}\n\n[reminders]\nenabled = false\n',
        encoding="utf-8",
    )
    return path


class Output:
    """Everything the process writes, read as it comes (a full pipe would stall the process's logging)."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.chunks: list[bytes] = []
        self.task = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(65536):
            self.chunks.append(chunk)

    @property
    def text(self) -> str:
        return b"".join(self.chunks).decode(errors="replace")

    async def wait_for(self, marker: str, timeout: float = 60) -> None:
        async with asyncio.timeout(timeout):
            while marker not in self.text:
                if self.task.done():
                    raise AssertionError("kehoach run ended early:\n" + self.text[-3000:])
                await asyncio.sleep(0.05)


async def _seed(db_url: str) -> None:
    from storage.db import open_database

    async with open_database(db_url) as sessions, sessions() as session:
        ids = await seed(session)
        await add(session, f"tg:{TG_USER}", ids.tho_lam)
        await add(session, f"zalo:{ZALO_USER}", ids.xuan_bai)
        await session.commit()


async def _post_to_zalo(port: int) -> list[int]:
    """The Zalo texts through the webhook, with a wrong secret and a broken body in between; the statuses."""
    url, good = f"http://127.0.0.1:{port}/zalo/hook", {"X-Bot-Api-Secret-Token": ZALO_SECRET}
    async with httpx.AsyncClient() as client:
        statuses = [(await client.post(url, content=b'{"text": "' + PRIVATE.encode(), headers=good)).status_code]
        wrong = {"X-Bot-Api-Secret-Token": ZALO_SECRET[:-1]}
        statuses.append(
            (await client.post(url, json=zalo_text_update("w", ZALO_USER, PRIVATE), headers=wrong)).status_code
        )
        for n, text in enumerate(ZALO_TEXTS, 1):
            statuses.append(
                (await client.post(url, json=zalo_text_update(f"m{n}", ZALO_USER, text), headers=good)).status_code
            )
    return statuses


@pytest.mark.slow
async def test_verbose_run_logs_no_token_no_secret_and_no_text(tmp_path: Path, db_url: str) -> None:
    await _seed(db_url)
    port = _free_port()
    with FakeTelegram(TG_TOKEN) as telegram, FakeZalo(ZALO_TOKEN) as zalo:
        config = _config(tmp_path, db_url, telegram.base_url, zalo.base_url, port)
        env = {**os.environ, "KEHOACH_TELEGRAM_TOKEN": TG_TOKEN, "KEHOACH_ZALO_TOKEN": ZALO_TOKEN}
        command = [sys.executable, "-m", "bot.cli", "-v", "--config", str(config), "--now", "2024-05-15T09:00", "run"]
        process = await asyncio.create_subprocess_exec(
            *command, env={**env, "PYTHONPATH": str(ROOT)}, cwd=tmp_path, stdout=-1, stderr=asyncio.subprocess.STDOUT
        )
        assert process.stdout is not None
        output = Output(process.stdout)
        try:
            await output.wait_for("kehoach running")
            for n, text in enumerate(TG_TEXTS, 1):
                telegram.push(tg_text_update(n, TG_USER, text))
            assert await _post_to_zalo(port) == [400, 403, 200, 200]
            tg_replies = await telegram.wait_for(len(TG_TEXTS), "sendMessage", timeout=30)
            zalo_replies = await zalo.wait_for(len(ZALO_TEXTS), "sendMessage", timeout=30)
            await output.wait_for(" handled in ", timeout=10)
            process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(30):
                assert await process.wait() == 0
            await output.task
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    replies = [str(sent["text"]) for sent in tg_replies + zalo_replies]
    assert sum("Đã ghi nhận" in reply for reply in replies) == 2, replies  # both reports were saved
    _assert_clean(output.text, replies)


def _assert_clean(logged: str, replies: list[str]) -> None:
    assert "DEBUG telegram.ext.ExtBot: Calling Bot API endpoint `sendMessage` with parameters `<dict, " in logged
    assert logged.count(" handled in ") == len(TG_TEXTS) + len(ZALO_TEXTS)
    for secret in (TG_TOKEN, ZALO_TOKEN, ZALO_SECRET, "VERBOSE-telegram-token", "VERBOSE-zalo-token"):
        assert secret not in logged, f"{secret} in the log"
    for text in [PRIVATE, "Văn Mật", "0912345678", *TG_TEXTS, *ZALO_TEXTS]:
        assert text not in logged, f"a user's text in the log: {text!r}"
    lines = {line.strip() for reply in replies for line in reply.splitlines() if len(line.strip()) >= 12}
    leaked = [line for line in lines if line in logged]
    assert not leaked, f"reply text in the log: {leaked[:3]}"


@pytest.mark.parametrize("verbose", [[], ["-v"]], ids=["quiet", "verbose"])
async def test_a_rejected_token_stops_the_run_without_being_printed(
    tmp_path: Path, db_url: str, verbose: list[str]
) -> None:
    wrong = "700800:WRONG-telegram-token"
    with FakeTelegram(TG_TOKEN) as telegram:  # it knows only TG_TOKEN: 401 for the wrong one
        config = tmp_path / "kehoach.toml"
        config.write_text(f'[database]\nurl = "{db_url}"\n\n[telegram]\nbase_url = "{telegram.base_url}"\n')
        env = {**os.environ, "KEHOACH_TELEGRAM_TOKEN": wrong, "PYTHONPATH": str(ROOT)}
        env.pop("KEHOACH_ZALO_TOKEN", None)
        process = await asyncio.create_subprocess_exec(
            *[sys.executable, "-m", "bot.cli", *verbose, "--config", str(config), "run"],
            env=env,
            cwd=tmp_path,
            stdout=-1,
            stderr=asyncio.subprocess.STDOUT,
        )
        async with asyncio.timeout(60):
            output = (await process.communicate())[0].decode(errors="replace")
    assert process.returncode == 1, output
    assert "was rejected" in output and "<redacted>" in output  # the operator still learns what went wrong
    assert wrong not in output and "WRONG-telegram-token" not in output, output
