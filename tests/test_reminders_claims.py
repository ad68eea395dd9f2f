"""Never twice, never lost: claims under a unique key, restarts, two processes, repeated --send, downtime."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.render.reminders import reminder_text
from storage.db import open_database
from storage.outbox.queue import OutboxMessage
from storage.reminders.claims import enqueue_due, missed_count
from storage.reminders.models import ReminderClaim
from storage.reminders.schedule import ReminderSchedule
from tests.reminder_data import at, build_world

SCHEDULE = ReminderSchedule()
STAFF = {"tg:1001", "zalo:1002"}


async def run_once(sessions: async_sessionmaker[AsyncSession], now) -> set[str]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        result = await enqueue_due(session, now, SCHEDULE, reminder_text)
        await session.commit()
    return {r.recipient for r in result.queued}


async def outbox_rows(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, str, str]]:
    async with sessions() as session:
        query = select(OutboxMessage.recipient, OutboxMessage.kind, OutboxMessage.status).order_by(OutboxMessage.id)
        return [tuple(r) for r in (await session.execute(query)).all()]  # type: ignore[misc]


async def test_claimed_reminders_go_to_the_outbox_once(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    assert await run_once(sessions, at(17)) == STAFF
    assert await run_once(sessions, at(17, minute=1)) == set()
    assert await run_once(sessions, at(17, hour=15)) == set()
    rows = await outbox_rows(sessions)
    assert sorted(r[0] for r in rows) == sorted(STAFF)
    assert {r[1:] for r in rows} == {("reminder", "pending")}


async def test_restart_on_the_same_database_sends_nothing_new(db_url: str) -> None:
    async with open_database(db_url) as first:
        await build_world(first)
        assert await run_once(first, at(21)) == STAFF | {"tg:3001"}
    async with open_database(db_url) as second:  # a new engine, as after a restart
        assert await run_once(second, at(21, minute=5)) == set()
        assert len(await outbox_rows(second)) == 3


async def test_two_processes_claiming_at_once_share_the_work(db_url: str) -> None:
    async with open_database(db_url) as setup:
        await build_world(setup)
    async with open_database(db_url) as a, open_database(db_url) as b:
        results = await asyncio.gather(*(run_once(s, at(21)) for s in (a, b, a, b)))
        everyone = [r for result in results for r in result]
        assert sorted(everyone) == sorted(STAFF | {"tg:3001"})
        assert len(await outbox_rows(a)) == 3


async def test_each_step_is_its_own_claim(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    for day in (13, 17, 19, 20, 21, 28):
        assert await run_once(sessions, at(day)) >= STAFF
    async with sessions() as session:
        steps = (await session.execute(select(ReminderClaim.step).distinct())).scalars()
        assert sorted(steps) == [-7, -3, -1, 0, 1, 8]


async def test_downtime_sends_today_late_once_and_skips_older_days(sessions) -> None:  # type: ignore[no-untyped-def]
    await build_world(sessions)
    assert await run_once(sessions, at(17, hour=16)) == STAFF  # down from 7:00 to 16:00: late, once
    assert await run_once(sessions, at(17, hour=17)) == set()
    async with sessions() as session:
        assert await missed_count(session, at(17, hour=16), SCHEDULE) == 2  # the -7 step of 13/6 never went
        assert await missed_count(session, at(18), SCHEDULE) == 0  # the -3 step went
    assert await run_once(sessions, at(18)) == set()  # the day after: nothing to catch up


def _send(db_url: str) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        "-m",
        "bot.cli",
        "--db",
        db_url,
        "reminders",
        "--at",
        "2024-06-21T08:00:00+07:00",
        "--send",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _recipients(stdout: str) -> list[str]:
    return [line.split()[1] for line in stdout.splitlines() if line.startswith("=== ")]


async def test_two_real_send_processes_and_a_repeat_send_each_reminder_once(db_url: str) -> None:
    async with open_database(db_url) as setup:
        await build_world(setup)
    procs = [_send(db_url), _send(db_url)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    printed = _recipients(outputs[0][0]) + _recipients(outputs[1][0])
    assert sorted(printed) == sorted(STAFF | {"tg:3001"})
    again = _send(db_url)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0 and _recipients(out) == []
    assert "3 tin đã gửi trước đó" in err
    async with open_database(db_url) as check, check() as session:
        count = (await session.execute(select(func.count()).select_from(OutboxMessage))).scalar()
        assert count == 3


async def test_cli_without_send_prints_and_marks_sent_ones(db_url: str) -> None:
    async with open_database(db_url) as setup:
        await build_world(setup)
        await run_once(setup, at(17))
    command = [sys.executable, "-m", "bot.cli", "--db", db_url, "reminders", "--at", "2024-06-17T08:00:00+07:00"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert "=== tg:1001 (nhắc hạn, đã gửi trước đó) ===" in done.stdout
    assert "20/6/2024" in done.stdout
    quiet = subprocess.run(command[:-1] + ["2024-06-17T22:00:00+07:00"], capture_output=True, text=True, timeout=120)
    assert "giờ yên lặng" in quiet.stdout
