"""Plan rows inserted directly for the account, reporting and progress tests (no importer needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.flows.reporting import handle
from handlers.messages import IncomingMessage, Reply
from handlers.understand.asker_context import Asker
from storage.accounts.models import user_units
from tests import factories
from tests.conftest import NOW

COMMUNES = ("xã Xuân Bái", "xã Thọ Lâm", "thị trấn Sao Vàng")


@dataclass
class Seed:
    """Ids of the seeded rows."""

    district: int
    xuan_bai: int
    tho_lam: int
    sao_vang: int
    quota_xuan_bai: int
    deadline_6m: int


async def seed(session: AsyncSession) -> Seed:
    """Huyện Thọ Xuân with three communes, their quotas and the 6-month and annual report deadlines."""
    district = await factories.unit(session, "huyện Thọ Xuân")
    units = [await factories.unit(session, name, parent=district) for name in COMMUNES]
    plan = await factories.plan(session, district, "KH giảm nghèo")
    quotas = []
    for unit, value, parts in zip(units, (4, 10, 10), ((1, 3), (2, 8), (2, 8)), strict=True):
        quota = await factories.target(session, plan, unit, "giảm hộ nghèo", value, direction="giảm")
        for name, part_value in zip(("hộ không có KNLĐ", "hộ có KNLĐ"), parts, strict=True):
            await factories.target(session, plan, unit, name, part_value, parent=quota)
        quotas.append(quota)
    half_year = await factories.deadline(session, plan, "báo cáo kết quả 6 tháng", date(2024, 6, 20))
    await factories.deadline(session, plan, "báo cáo năm", date(2024, 10, 30))
    return Seed(district.id, units[0].id, units[1].id, units[2].id, quotas[0].id, half_year.id)


async def add(session: AsyncSession, identity: str, unit_id: int, role: str = "staff") -> None:
    """Register identity in the unit with role."""
    await factories.user(session, identity, unit_id, role=role)


async def say(session: AsyncSession, identity: str, text: str, now: datetime = NOW, **extra: object) -> Reply | None:
    """Send text as identity through the reporting handler, as the core would, and commit."""
    channel, _, user_id = identity.partition(":")
    message = IncomingMessage(channel=channel, user_id=user_id, text=text, now=now)
    units = [(u, r) for u, r in await user_units(session, identity) if u is not None]
    asker = Asker(identity=identity, registered=bool(units), units=units)
    reply = await handle(session, message, asker)
    await session.commit()
    return reply
