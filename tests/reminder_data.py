"""A small district with communes, a plan with deadlines, staff and a manager, for the reminder tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from storage.accounts.models import Membership, User
from storage.language.text import fold
from storage.models import Deadline, Plan, Target, Unit
from storage.reporting.reports import DeadlineCompletion, Report

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


def _unit(session: AsyncSession, name: str, kind: str, level: int, parent: Unit | None) -> Unit:
    unit = Unit(name=name, kind=kind, level=level, key=fold(name), parent_id=parent.id if parent else None)
    session.add(unit)
    return unit


async def _user(session: AsyncSession, identity: str, unit_id: int, role: str = "staff") -> None:
    user = User(identity=identity, name=identity, created_at=T0)
    session.add(user)
    await session.flush()
    session.add(Membership(user_id=user.id, unit_id=unit_id, role=role))


async def build_world(sessions: async_sessionmaker[AsyncSession]) -> World:
    """Thọ Xuân with three communes (two with staff), a manager, the 6-month report due 20/6/2024."""
    async with sessions() as session:
        province = _unit(session, "Thanh Hóa", "tỉnh", 1, None)
        await session.flush()
        district = _unit(session, "Thọ Xuân", "huyện", 2, province)
        await session.flush()
        communes = {n: _unit(session, n, k, 3, district) for n, k in [("Xuân Bái", "xã"), ("Thọ Lâm", "xã")]}
        communes["Sao Vàng"] = _unit(session, "Sao Vàng", "thị trấn", 3, district)
        await session.flush()
        plan = Plan(
            issuer_unit_id=district.id,
            issuer_name="UBND huyện Thọ Xuân",
            title="Kế hoạch giảm nghèo 2024",
            year=2024,
            source_file="x.txt",
            checksum="x",
            imported_at=T0,
        )
        session.add(plan)
        await session.flush()
        deadline = _deadline(plan, district, "báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng", DUE)
        year_deadline = _deadline(plan, district, "báo cáo năm", date(2024, 10, 30))
        quota = Target(
            plan_id=plan.id,
            unit_id=communes["Xuân Bái"].id,
            kind="quota",
            indicator="giảm hộ nghèo",
            key="giam ho ngheo",
        )
        quota.value, quota.measure, quota.year = 4, "hộ", 2024
        session.add_all([deadline, year_deadline, quota])
        await session.flush()
        await _user(session, "tg:1001", communes["Xuân Bái"].id)
        await _user(session, "zalo:1002", communes["Thọ Lâm"].id)
        await _user(session, "tg:3001", district.id, "manager")
        await session.commit()
        ids = {n: u.id for n, u in communes.items()}
        return World(district.id, ids, deadline.id, year_deadline.id, quota.id)


def _deadline(plan: Plan, scope: Unit, title: str, due: date) -> Deadline:
    return Deadline(
        plan_id=plan.id,
        scope_unit_id=scope.id,
        title=title,
        key=fold(title),
        due_date=due,
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
