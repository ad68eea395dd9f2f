"""Every permission uses the role of the membership of the unit concerned: a manager of one commune who is
also staff of the district does not get the district's manager views."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.messages import IncomingMessage, Reply
from storage.accounts.models import RegistrationRequest, user_units
from storage.reporting.reports import Report
from tests.conftest import NOW
from tests.reporting_seed import Seed, add, say, seed

TWO_HATS = "tg:31"  # manager of xã Xuân Bái, then staff of huyện Thọ Xuân
ADMIN = "tg:30"
DISTRICT_VIEWS = (
    "tiến độ huyện Thọ Xuân các xã",
    "xã nào chưa báo cáo huyện Thọ Xuân",
    "tien do huyen tho xuan tung xa",
)


async def ask(session: AsyncSession, identity: str, text: str) -> Reply:
    """One message through the whole core, committed like a channel does."""
    channel, _, user_id = identity.partition(":")
    reply = await respond(session, IncomingMessage(channel, user_id, text, NOW))
    await session.commit()
    return reply


async def _manager_of_xuan_bai_joins_the_district_as_staff(session: AsyncSession) -> Seed:
    """The scenario of the issue, through registration and approval."""
    ids = await seed(session)
    await add(session, ADMIN, ids.district, role="admin")
    await add(session, TWO_HATS, ids.xuan_bai, role="manager")
    await session.commit()
    assert "Đúng không?" in (await ask(session, TWO_HATS, "đăng ký huyện Thọ Xuân")).text
    assert "Đã gửi yêu cầu" in (await ask(session, TWO_HATS, "đồng ý")).text
    request = (await session.execute(select(RegistrationRequest))).scalar_one()
    assert "Đã duyệt" in (await ask(session, ADMIN, f"duyệt {request.id}")).text
    roles = {(u.id, role) for u, role in await user_units(session, TWO_HATS) if u is not None}
    assert roles == {(ids.xuan_bai, "manager"), (ids.district, "staff")}
    return ids


async def test_a_commune_managers_role_does_not_open_the_districts_communes(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _manager_of_xuan_bai_joins_the_district_as_staff(session)
        for text in DISTRICT_VIEWS:
            reply = await ask(session, TWO_HATS, text)
            assert "Chỉ cán bộ quản lý" in reply.text, text
            assert not reply.attachments and "Thọ Lâm" not in reply.text
        refused = await ask(session, TWO_HATS, "tiến độ xã Thọ Lâm")
        assert "không xem được" in refused.text
        own = await ask(session, TWO_HATS, "tiến độ huyện Thọ Xuân")  # staff of the district sees the district
        assert "Chỉ cán bộ quản lý" not in own.text and "không xem được" not in own.text


async def test_a_commune_managers_role_does_not_let_them_report_for_other_communes(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        ids = await _manager_of_xuan_bai_joins_the_district_as_staff(session)
        reply = await ask(session, TWO_HATS, "báo cáo xã Thọ Lâm đã giảm được 2 hộ nghèo")
        assert "Chưa lưu gì" in reply.text
        assert await session.scalar(select(func.count()).select_from(Report).where(Report.unit_id == ids.tho_lam)) == 0
        saved = await ask(session, TWO_HATS, "báo cáo xã Xuân Bái đã giảm được 2 hộ nghèo")
        assert "Đã ghi nhận" in saved.text


async def test_the_manager_role_still_works_in_its_own_subtree(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:40", ids.xuan_bai)  # staff of a commune first...
        await add(session, "tg:40", ids.district, role="manager")  # ...and manager of the district
        await session.commit()
        reply = await say(session, "tg:40", "tiến độ huyện Thọ Xuân các xã")
        assert reply is not None and "Thọ Lâm" in reply.text and len(reply.attachments) == 2
        other = await say(session, "tg:40", "tiến độ xã Thọ Lâm")
        assert other is not None and "0/10" in other.text


async def test_only_a_manager_above_the_unit_decides_its_requests(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await _manager_of_xuan_bai_joins_the_district_as_staff(session)
        await ask(session, "tg:77", "đăng ký xã Thọ Lâm")
        await ask(session, "tg:77", "đồng ý")
        request = (
            await session.execute(select(RegistrationRequest).where(RegistrationRequest.identity == "tg:77"))
        ).scalar_one()
        reply = await ask(session, TWO_HATS, f"duyệt {request.id}")
        assert "không có quyền" in reply.text
        assert await user_units(session, "tg:77") == []
