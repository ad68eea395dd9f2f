"""A small district with communes, a plan with deadlines, staff and a manager, for the reminder tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from storage.models import Deadline, Plan
from storage.reporting.reports import DeadlineCompletion, Report
from tests import factories

DUE = date(2024, 6, 20)
T0 = datetime(2024, 5, 1, 9, 0, tzinfo=VIETNAM)


def at(day: int, month: int = 6, hour: int = 8, minute: int = 0) -> datetime:
    """An instant in June 2024 (or another month), Vietnam time."""
    return datetime(2024, month, day, hour, minute, tzinfo=VIETNAM)


@dataclass
class World:
    """Ids of what the fixture inserted."""

    district: int
    communes: dict[str, int]
    deadline: int
    year_deadline: int
    quota: int


async def build_world(sessions: async_sessionmaker[AsyncSession]) -> World:
    """Thọ Xuân with three communes (two with staff), a manager, the 6-month report due 20/6/2024."""
    async with sessions() as session:
        province = await factories.unit(session, "tỉnh Thanh Hóa")
        district = await factories.unit(session, "huyện Thọ Xuân", parent=province)
        communes = {}
        for full_name in ("xã Xuân Bái", "xã Thọ Lâm", "thị trấn Sao Vàng"):
            commune = await factories.unit(session, full_name, parent=district)
            communes[commune.name] = commune
        plan = await factories.plan(session, district, "Kế hoạch giảm nghèo 2024", now=T0, checksum="x")
        half_year = await _deadline(session, plan, "báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng", DUE)
        year_end = await _deadline(session, plan, "báo cáo năm", date(2024, 10, 30))
        quota = await factories.target(session, plan, communes["Xuân Bái"], "giảm hộ nghèo", 4)
        for identity, unit, role in (
            ("tg:1001", communes["Xuân Bái"], "staff"),
            ("zalo:1002", communes["Thọ Lâm"], "staff"),
            ("tg:3001", district, "manager"),
        ):
            await factories.user(session, identity, unit, role, name=identity, now=T0)
        await session.commit()
        ids = {name: unit.id for name, unit in communes.items()}
        return World(district.id, ids, half_year.id, year_end.id, quota.id)


async def _deadline(session: AsyncSession, plan: Plan, title: str, due: date) -> Deadline:
    return await factories.deadline(
        session,
        plan,
        title,
        due,
        due_text=f"trước {due.day}/{due.month}/{due.year}",
        obligor="UBND các xã, thị trấn",
        recipient="UBND huyện qua phòng Lao động - Thương binh và Xã hội",
    )


async def mark_done(sessions: async_sessionmaker[AsyncSession], deadline: int, unit: int, now: datetime) -> None:
    """The unit says it has done the deadline."""
    async with sessions() as session:
        session.add(DeadlineCompletion(deadline_id=deadline, unit_id=unit, reporter="tg:1001", message="", done_at=now))
        await session.commit()


async def report(sessions: async_sessionmaker[AsyncSession], world: World, value: float) -> None:
    """Xuân Bái reports value households out of poverty."""
    async with sessions() as session:
        session.add(
            Report(
                unit_id=world.communes["Xuân Bái"],
                target_id=world.quota,
                year=2024,
                value=value,
                reporter="tg:1001",
                channel="tg",
                message="",
                created_at=T0,
            )
        )
        await session.commit()
