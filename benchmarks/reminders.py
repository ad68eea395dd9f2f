"""Benchmark: the reminders due at one instant for 100,000 registered staff, and claiming + queueing them.

    .venv/bin/python benchmarks/reminders.py [--db URL] [--staff-per-commune 10] [--communes 10000]

Builds 1 province, 100 districts, 10,000 communes with 10 staff each (100,000 users), a manager per
district, a quota per commune with reports for half of them; deadlines: a province-wide report due in
3 days (every commune), each district's 6-month report one day overdue (every commune, plus summaries
to the district managers), each district's annual report not due today. Prints the timings.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bot.config import ReminderConfig
from bot.scheduler import ReminderScheduler
from handlers.render.reminders import reminder_text
from storage.accounts.models import Membership, User
from storage.db import open_database
from storage.models import Deadline, Plan, Target, Unit
from storage.reminders.claims import enqueue_due
from storage.reminders.due import due_reminders
from storage.reminders.schedule import LOCAL_ZONE, ReminderSchedule
from storage.reporting.reports import Report

NOW = datetime(2024, 6, 17, 8, 0, tzinfo=LOCAL_ZONE)
DISTRICTS = 100


async def build(sessions, communes: int, per_commune: int) -> None:  # type: ignore[no-untyped-def]
    """Fill the database with bulk inserts."""
    async with sessions() as session:
        units = [{"id": 1, "name": "Tỉnh Mẫu", "kind": "tỉnh", "level": 1, "key": "tinh mau", "parent_id": None}]
        units += [
            {"id": 2 + d, "name": f"Huyện {d}", "kind": "huyện", "level": 2, "key": f"huyen {d}", "parent_id": 1}
            for d in range(DISTRICTS)
        ]
        first = 2 + DISTRICTS
        units += [
            {
                "id": first + c,
                "name": f"Xã {c}",
                "kind": "xã",
                "level": 3,
                "key": f"xa {c}",
                "parent_id": 2 + c % DISTRICTS,
            }
            for c in range(communes)
        ]
        await session.execute(insert(Unit), units)
        plans = [_plan(1, 1)] + [_plan(2 + d, 2 + d) for d in range(DISTRICTS)]
        await session.execute(insert(Plan), plans)
        deadlines = [_deadline(1, 1, "báo cáo sơ kết chương trình", NOW.date() + timedelta(days=3))]
        for d in range(DISTRICTS):
            deadlines.append(_deadline(2 + d, 2 + d, "báo cáo kết quả 6 tháng", NOW.date() - timedelta(days=1)))
            deadlines.append(_deadline(2 + d, 2 + d, "báo cáo năm", date(2024, 10, 30)))
        await session.execute(insert(Deadline), deadlines)
        targets = [
            {"id": 1 + c, "plan_id": 2 + c % DISTRICTS, "unit_id": first + c, "kind": "quota",
             "indicator": "giảm hộ nghèo", "key": "giam ho ngheo", "value": 10.0, "year": 2024, "text": ""}
            for c in range(communes)
        ]  # fmt: skip
        await session.execute(insert(Target), targets)
        reports = [
            {"unit_id": first + c, "target_id": 1 + c, "year": 2024, "value": 3.0, "reporter": "x", "channel": "tg",
             "message": "", "created_at": NOW}
            for c in range(0, communes, 2)
        ]  # fmt: skip
        await session.execute(insert(Report), reports)
        await _people(session, first, communes, per_commune)
        await session.commit()


async def _people(session, first: int, communes: int, per_commune: int) -> None:  # type: ignore[no-untyped-def]
    users, members = [], []
    for c in range(communes):
        for s in range(per_commune):
            uid = 1 + c * per_commune + s
            users.append({"id": uid, "identity": f"tg:{uid}", "name": None, "created_at": NOW})
            members.append({"user_id": uid, "unit_id": first + c, "role": "staff"})
    for d in range(DISTRICTS):
        uid = 1 + communes * per_commune + d
        users.append({"id": uid, "identity": f"zalo:m{d}", "name": None, "created_at": NOW})
        members.append({"user_id": uid, "unit_id": 2 + d, "role": "manager"})
    for start in range(0, len(users), 20000):
        await session.execute(insert(User), users[start : start + 20000])
        await session.execute(insert(Membership), members[start : start + 20000])


def _plan(pid: int, issuer: int) -> dict:
    return {"id": pid, "issuer_unit_id": issuer, "issuer_name": f"UBND {pid}", "title": "KH", "year": 2024,
            "source_file": "x", "checksum": str(pid), "imported_at": NOW}  # fmt: skip


def _deadline(plan: int, scope: int, title: str, due: date) -> dict:
    return {"plan_id": plan, "scope_unit_id": scope, "title": title, "key": title, "due_date": due, "due_text": "",
            "obligor": "UBND các xã", "recipient": "UBND huyện", "text": ""}  # fmt: skip


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--communes", type=int, default=10000)
    parser.add_argument("--staff-per-commune", type=int, default=10)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    schedule = ReminderSchedule()
    async with open_database(url) as sessions:
        started = time.perf_counter()
        await build(sessions, args.communes, args.staff_per_commune)
        print(f"built {args.communes * args.staff_per_commune:,} staff in {time.perf_counter() - started:.1f} s")
        for label in ("cold", "warm"):
            async with sessions() as session:
                started = time.perf_counter()
                due = await due_reminders(session, NOW, schedule)
                elapsed = time.perf_counter() - started
            summaries = sum(r.kind == "summary" for r in due)
            print(f"compute due ({label}): {len(due):,} reminders ({summaries} summaries) in {elapsed:.2f} s")
        scheduler = ReminderScheduler(sessions, ReminderConfig())
        for label, at in (
            ("first tick (claim + queue)", NOW),
            ("next tick (nothing changed)", NOW + timedelta(minutes=1)),
        ):
            started = time.perf_counter()
            result = await scheduler.tick(at)
            print(f"{label}: {len(result.queued):,} queued in {time.perf_counter() - started:.2f} s")
        async with sessions() as session:
            started = time.perf_counter()
            again = await enqueue_due(session, NOW + timedelta(minutes=2), schedule, reminder_text)
            await session.commit()
            elapsed = time.perf_counter() - started
            print(f"full recheck: {len(again.queued)} new, {again.already:,} already sent, {elapsed:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
