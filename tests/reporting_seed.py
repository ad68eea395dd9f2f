"""Plan rows inserted directly for the account, reporting and progress tests (no importer needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.flows.reporting import handle
from handlers.messages import IncomingMessage, Reply
from handlers.understand.asker_context import Asker
from storage.accounts.models import user_units
from storage.accounts.operations import add_user
from storage.language.text import fold
from storage.models import Deadline, Plan, Target, Unit
from tests.conftest import NOW


@dataclass
class Seed:
    """Ids of the seeded rows."""

    district: int
    xuan_bai: int
    tho_lam: int
    sao_vang: int
    quota_xuan_bai: int
    deadline_6m: int


def _unit(name: str, kind: str, level: int, parent: Unit | None = None) -> Unit:
    return Unit(name=name, kind=kind, level=level, key=fold(name), parent_id=parent.id if parent else None)


async def seed(session: AsyncSession) -> Seed:
    """Huyện Thọ Xuân with three communes, their quotas and the 6-month and annual report deadlines."""
    district = _unit("Thọ Xuân", "huyện", 2)
    session.add(district)
    await session.flush()
    units = [_unit(n, k, 3, district) for n, k in (("Xuân Bái", "xã"), ("Thọ Lâm", "xã"), ("Sao Vàng", "thị trấn"))]
    session.add_all(units)
    plan = Plan(issuer_unit_id=district.id, issuer_name="UBND huyện Thọ Xuân", year=2024, title="KH giảm nghèo")
    plan.source_file, plan.checksum, plan.imported_at = "x.txt", "0" * 64, NOW
    session.add(plan)
    await session.flush()
    targets = []
    for unit, value, parts in zip(units, (4, 10, 10), ((1, 3), (2, 8), (2, 8)), strict=True):
        top = Target(plan_id=plan.id, unit_id=unit.id, kind="quota", indicator="giảm hộ nghèo", key="giam ho ngheo")
        top.value, top.measure, top.year, top.direction = value, "hộ", 2024, "giảm"
        session.add(top)
        await session.flush()
        for name, part_value in (("hộ không có KNLĐ", parts[0]), ("hộ có KNLĐ", parts[1])):
            part = Target(plan_id=plan.id, unit_id=unit.id, parent_id=top.id, kind="quota", indicator=name)
            part.key, part.value, part.measure, part.year = fold(name), part_value, "hộ", 2024
            session.add(part)
        targets.append(top)
    deadlines = [
        Deadline(plan_id=plan.id, scope_unit_id=district.id, title=title, key=fold(title), due_date=due)
        for title, due in (("báo cáo kết quả 6 tháng", date(2024, 6, 20)), ("báo cáo năm", date(2024, 10, 30)))
    ]
    session.add_all(deadlines)
    await session.flush()
    return Seed(district.id, units[0].id, units[1].id, units[2].id, targets[0].id, deadlines[0].id)


async def add(session: AsyncSession, identity: str, unit_id: int, role: str = "staff") -> None:
    """Register identity in the unit with role."""
    unit = await session.get(Unit, unit_id)
    assert unit is not None
    await add_user(session, identity, unit, NOW, role=role)


async def say(session: AsyncSession, identity: str, text: str, now: datetime = NOW, **extra: object) -> Reply | None:
    """Send text as identity through the reporting handler, as the core would, and commit."""
    channel, _, user_id = identity.partition(":")
    message = IncomingMessage(channel=channel, user_id=user_id, text=text, now=now)
    units = [(u, r) for u, r in await user_units(session, identity) if u is not None]
    asker = Asker(identity=identity, registered=bool(units), units=units)
    reply = await handle(session, message, asker)
    await session.commit()
    return reply
