"""SIGKILL a real `kehoach ask --batch` mid-stream: every acknowledged report is stored, none twice."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import select

from storage.db import open_database
from storage.models import Plan, Target
from tests import factories
from tests.crash_support import SAVED, BatchProcess, acknowledged, saved_reports, seed_users

USERS = 20
REPORTS_EACH = 10  # 200 reports in all
KILL_AFTER = 90  # replies read before the kill


async def _writer(proc: BatchProcess, identity: str, pause: float) -> None:
    for value in range(1, REPORTS_EACH + 1):
        await proc.send(identity, value)
        await asyncio.sleep(pause)


def _check(saved: dict[tuple[str, float], int], acked: list[tuple[str, float]], sent: set[tuple[str, float]]) -> None:
    missing = [key for key in acked if saved.get(key, 0) != 1]
    assert not missing, f"acknowledged but not stored exactly once: {missing[:5]}"
    assert all(count == 1 for count in saved.values()), "a report was stored twice"
    assert set(saved) <= sent, "a report nobody sent was stored"


async def test_kill_mid_stream_of_concurrent_reports_keeps_every_acknowledged_one(db_url: str) -> None:
    users = await seed_users(db_url, USERS)
    proc = await BatchProcess(db_url).start()
    writers = [asyncio.create_task(_writer(proc, who, 0.001 * (n % 5))) for n, who in enumerate(users)]
    replies = await proc.replies(KILL_AFTER)
    await proc.kill()
    await asyncio.gather(*writers, return_exceptions=True)  # some writes hit the dead pipe
    assert len(replies) == KILL_AFTER and all(SAVED in r for r in replies), replies[:3]
    acked = acknowledged(proc.written, replies)
    sent = {(who, float(value)) for who, value in proc.written}
    _check(await saved_reports(db_url), acked, sent)

    again = await BatchProcess(db_url).start()  # the restart: one more report each, then a clean exit
    for who in users:
        await again.send(who, REPORTS_EACH + 1)
    more = await again.replies(USERS)
    await again.close()
    acked += acknowledged(again.written, more)
    assert len(acked) == KILL_AFTER + USERS
    _check(await saved_reports(db_url), acked, sent | {(who, float(REPORTS_EACH + 1)) for who in users})


async def _process_run(db_url: str, users: list[str], kill_after: int | None) -> list[tuple[str, float]]:
    """One batch process for these users' reports, killed after kill_after replies (None: runs to the end)."""
    proc = await BatchProcess(db_url).start()
    writers = [asyncio.create_task(_writer(proc, who, 0.002)) for who in users]
    total = len(users) * REPORTS_EACH
    replies = await proc.replies(kill_after if kill_after is not None else total)
    if kill_after is None:
        await asyncio.gather(*writers)
        await proc.close()
    else:
        await proc.kill()
        await asyncio.gather(*writers, return_exceptions=True)
    return acknowledged(proc.written, replies)


async def test_several_processes_on_one_database_two_killed(db_url: str) -> None:
    users = await seed_users(db_url, USERS)
    groups = [users[n::4] for n in range(4)]  # four processes, five users each
    runs = await asyncio.gather(*(_process_run(db_url, g, (15, None, 30, None)[n]) for n, g in enumerate(groups)))
    acked = [key for run in runs for key in run]
    assert len(acked) >= 15 + 30 + 2 * 5 * REPORTS_EACH - 5, "most reports of the surviving processes were saved"
    sent = {(who, float(value)) for who in users for value in range(1, REPORTS_EACH + 1)}
    _check(await saved_reports(db_url), acked, sent)


TWO_SAVED = "Đã ghi nhận 2 số liệu"
HOUSING_OFFSET = 50  # the second figure of message n is n + 50, so every figure is told apart


class TwoFigureProcess(BatchProcess):
    """A batch process fed messages with two figures each: households out of poverty, and houses built."""

    async def send(self, identity: str, value: int) -> None:
        """One line: "đã giảm được N hộ nghèo và hỗ trợ nhà ở cho N+50 hộ"."""
        assert self.proc is not None and self.proc.stdin is not None
        self.written.append((identity, value))
        text = f"Báo cáo: đã giảm được {value} hộ nghèo và hỗ trợ nhà ở cho {value + HOUSING_OFFSET} hộ"
        self.proc.stdin.write((json.dumps({"text": text, "user": identity}, ensure_ascii=False) + "\n").encode())
        await self.proc.stdin.drain()


async def _add_housing_targets(db_url: str) -> None:
    async with open_database(db_url) as factory, factory() as session:
        quotas = (await session.execute(select(Target).where(Target.parent_id.is_(None)))).scalars().all()
        plan = await session.get(Plan, quotas[0].plan_id)
        assert plan is not None
        for quota in quotas:
            await factories.target(session, plan, quota.unit_id or 0, "hỗ trợ nhà ở", 1000)
        await session.commit()


async def test_kill_during_two_figure_reports_loses_neither_acknowledged_figure(db_url: str) -> None:
    users = await seed_users(db_url, 6)
    await _add_housing_targets(db_url)
    proc = await TwoFigureProcess(db_url).start()
    writers = [asyncio.create_task(_writer(proc, who, 0.001 * (n % 3))) for n, who in enumerate(users)]
    replies = await proc.replies(25)
    await proc.kill()
    await asyncio.gather(*writers, return_exceptions=True)
    assert len(replies) == 25 and all(TWO_SAVED in r for r in replies), replies[:3]
    acked = [(who, float(v)) for (who, v), reply in zip(proc.written, replies, strict=False) if TWO_SAVED in reply]
    figures = acked + [(who, value + HOUSING_OFFSET) for who, value in acked]
    sent = {(who, float(v)) for who, v in proc.written} | {(who, float(v + HOUSING_OFFSET)) for who, v in proc.written}
    _check(await saved_reports(db_url), figures, sent)
