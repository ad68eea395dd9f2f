"""Real `kehoach` processes for the crash tests: start, feed JSON lines, read replies, SIGKILL."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from storage.db import open_database
from storage.reporting.reports import Report
from tests.reporting_seed import add, seed

NOW = "2024-05-15T09:00:00+07:00"
SAVED = "Đã ghi nhận báo cáo"


def kehoach_program() -> list[str]:
    """This interpreter's `kehoach` script, else `python -m bot.cli`: never whatever `kehoach` PATH finds."""
    exe = Path(sys.executable).with_name("kehoach")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]


def kehoach(db_url: str, *args: str) -> list[str]:
    """The command line of the installed `kehoach` against db_url at the bot time NOW."""
    return [*kehoach_program(), "--db", db_url, "--now", NOW, *args]


async def start_run(db_url: str, config: Path, now: datetime) -> asyncio.subprocess.Process:
    """`kehoach run` with that configuration at that bot time, in a process group of its own (for the SIGKILL)."""
    command = kehoach(db_url, "--config", str(config), "run")
    command[command.index("--now") + 1] = now.isoformat()
    return await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL, start_new_session=True
    )


def telegram_config(folder: Path, token: str, base_url: str) -> Path:
    """A configuration file for Telegram alone, polling the fake Bot API at base_url."""
    config = folder / "kehoach.toml"
    config.write_text(f'[telegram]\ntoken = "{token}"\nbase_url = "{base_url}"\n', encoding="utf-8")
    return config


async def wait_until(done: Callable[[], bool], timeout: float = 60) -> None:
    """Poll done until it holds; fail the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def seed_users(db_url: str, count: int) -> list[str]:
    """The reporting seed plus count staff, spread over its three communes; their identities."""
    identities = [f"tg:{2001 + n}" for n in range(count)]
    async with open_database(db_url) as factory, factory() as session:
        ids = await seed(session)
        for n, identity in enumerate(identities):
            await add(session, identity, (ids.xuan_bai, ids.tho_lam, ids.sao_vang)[n % 3])
        await session.commit()
    return identities


def report_line(identity: str, value: int) -> str:
    """One JSON input line: identity reports a cumulative figure of value households."""
    return json.dumps({"text": f"Báo cáo: xã đã giảm được {value} hộ nghèo", "user": identity}, ensure_ascii=False)


async def saved_reports(db_url: str) -> Counter[tuple[str, float]]:
    """(reporter, value) of every report row, counted."""
    async with open_database(db_url) as factory, factory() as session:
        rows = (await session.execute(select(Report.reporter, Report.value))).all()
    return Counter((reporter, float(value)) for reporter, value in rows)


class BatchProcess:
    """A `kehoach ask --batch` child process: lines in, one JSON reply line out per line."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self.proc: asyncio.subprocess.Process | None = None
        self.written: list[tuple[str, int]] = []  # in the order the lines entered the pipe

    async def start(self) -> BatchProcess:
        """Start the process in its own session (so a kill reaches it alone)."""
        self.proc = await asyncio.create_subprocess_exec(
            *kehoach(self.db_url, "ask", "--batch"),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )
        return self

    async def send(self, identity: str, value: int) -> None:
        """Write one report line; the pipe keeps the order of the writes."""
        assert self.proc is not None and self.proc.stdin is not None
        self.written.append((identity, value))
        self.proc.stdin.write((report_line(identity, value) + "\n").encode())
        await self.proc.stdin.drain()

    async def replies(self, count: int, timeout: float = 60) -> list[str]:
        """Read up to count reply lines (fewer if the process ends first)."""
        assert self.proc is not None and self.proc.stdout is not None
        out: list[str] = []
        while len(out) < count:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
            if not line:
                break
            out.append(json.loads(line)["reply"])
        return out

    async def kill(self) -> None:
        """SIGKILL, no clean exit."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        await self.proc.wait()

    async def close(self) -> None:
        """End of input: let the process finish and exit."""
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()
        await asyncio.wait_for(self.proc.wait(), 60)


def acknowledged(written: list[tuple[str, int]], replies: list[str]) -> list[tuple[str, float]]:
    """The reports whose reply said they were saved (the n-th reply answers the n-th line)."""
    return [(who, float(value)) for (who, value), reply in zip(written, replies, strict=False) if SAVED in reply]
