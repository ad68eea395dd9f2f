"""Build a national-scale database for the benchmark: sample plans, the 2024 catalog, quotas, deadlines, staff."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.accounts.models import Membership, User
from storage.importer import import_paths
from storage.language.text import fold
from storage.models import Deadline, Plan, Section, Target, Unit
from storage.units.catalog_files import import_catalog

CHUNK = 5000
FIRST_USER = 100_000  # staff identities are tg:100000, tg:100001, ...
DEADLINES = (("báo cáo kết quả thực hiện 6 tháng", date(2024, 6, 20)), ("báo cáo kết quả năm", date(2024, 11, 30)))


@dataclass
class Built:
    """What the national build made, and how long each part took."""

    communes: list[int]
    import_s: float = 0.0
    catalog_s: float = 0.0
    facts_s: float = 0.0
    users_s: float = 0.0


async def import_sample_plans(sessions: async_sessionmaker[AsyncSession], plans: Path, now: datetime) -> float:
    """Import every .txt of plans with the project's importer; the seconds taken (all must succeed)."""
    paths = sorted(plans.glob("*.txt"))
    start = time.perf_counter()
    outcomes = await import_paths(sessions, paths, now=now)
    elapsed = time.perf_counter() - start
    failed = [o.path for o in outcomes if not o.ok]
    if failed or not paths:
        raise SystemExit(f"sample plan import failed: {failed or plans}")
    return elapsed


async def _bulk(session: AsyncSession, model: type, rows: list[dict]) -> None:
    """Insert rows in chunks with executemany (no ORM objects)."""
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(model), rows[start : start + CHUNK])


async def _next_id(session: AsyncSession, model: type) -> int:
    return int((await session.execute(select(func.coalesce(func.max(model.id), 0)))).scalar_one()) + 1


async def add_national_plan(session: AsyncSession, communes: list[int], now: datetime) -> None:
    """One synthetic national plan: a poverty quota and two dated report deadlines for each commune."""
    plan = Plan(issuer_name="Bộ Lao động - Thương binh và Xã hội", level=0, year=2024, title="Kế hoạch quốc gia (đo)")
    plan.number, plan.source_file, plan.checksum, plan.imported_at = "99/KH-BENCH", "benchmark", "b" * 64, now
    session.add(plan)
    await session.flush()
    section = Section(plan_id=plan.id, ordinal=1, label="Phụ lục", heading="Chỉ tiêu và hạn báo cáo", body="")
    session.add(section)
    await session.flush()
    base = {"plan_id": plan.id, "section_id": section.id}
    targets = [
        {**base, "unit_id": uid, "kind": "quota", "indicator": "giảm hộ nghèo", "key": "giam ho ngheo"}
        | {"value": float(5 + uid % 40), "measure": "hộ", "direction": "giảm", "year": 2024, "text": ""}
        for uid in communes
    ]
    await _bulk(session, Target, targets)
    deadlines = [
        {**base, "scope_unit_id": uid, "title": title, "key": fold(title), "due_date": due}
        | {"due_text": f"trước ngày {due.day}/{due.month}/{due.year}", "recipient": "UBND cấp trên", "text": title}
        for uid in communes
        for title, due in DEADLINES
    ]
    await _bulk(session, Deadline, deadlines)


async def add_staff(session: AsyncSession, communes: list[int], count: int, now: datetime) -> None:
    """count registered staff, spread evenly over the communes, with explicit ids (no RETURNING)."""
    first_user = await _next_id(session, User)
    first_member = await _next_id(session, Membership)
    users = [
        {"id": first_user + n, "identity": f"tg:{FIRST_USER + n}", "name": f"Cán bộ {n}", "created_at": now}
        for n in range(count)
    ]
    await _bulk(session, User, users)
    members = [
        {"id": first_member + n, "user_id": first_user + n, "unit_id": communes[n % len(communes)], "role": "staff"}
        for n in range(count)
    ]
    await _bulk(session, Membership, members)


async def communes_of(session: AsyncSession) -> list[int]:
    """Ids of every catalog commune (level 3), in id order."""
    query = select(Unit.id).where(Unit.level == 3, Unit.source.like("catalog%")).order_by(Unit.id)
    return list((await session.execute(query)).scalars())


async def build_national(sessions: async_sessionmaker[AsyncSession], catalog: Path, users: int, now: datetime) -> Built:
    """The catalog in its tree, the national plan's facts and the staff, each part timed."""
    start = time.perf_counter()
    await import_catalog(sessions, catalog)
    built = Built(communes=[], catalog_s=time.perf_counter() - start)
    async with sessions() as session:
        built.communes = await communes_of(session)
        start = time.perf_counter()
        await add_national_plan(session, built.communes, now)
        await session.commit()
        built.facts_s = time.perf_counter() - start
        start = time.perf_counter()
        await add_staff(session, built.communes, users, now)
        await session.commit()
        built.users_s = time.perf_counter() - start
    return built


async def count_rows(sessions: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    """Row counts the benchmark reports."""
    async with sessions() as session:
        units = (await session.execute(select(func.count()).select_from(Unit))).scalar_one()
        users = (await session.execute(select(func.count()).select_from(User))).scalar_one()
        communes = len(await communes_of(session))
    return {"units": int(units), "communes": communes, "users": int(users)}
