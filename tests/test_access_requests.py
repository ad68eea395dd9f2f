"""A removed user's pending confirmation saves nothing; strangers do not learn which deadlines a unit met;
registration requests are short, one at a time and a few a day."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.messages import IncomingMessage, Reply
from storage.accounts import operations as accounts
from storage.accounts.models import RegistrationRequest
from storage.conversation.state import load_state
from storage.models import Unit
from storage.outbox.queue import OutboxMessage
from storage.reporting.reports import DeadlineCompletion, Report
from tests.conftest import NOW
from tests.reporting_seed import add, seed

STAFF, OTHER, MANAGER, STRANGER = "tg:21", "tg:22", "tg:23", "zalo:s1"
JULY = NOW.replace(month=7)  # the 6-month report of 20/6/2024 is past


async def ask(session: AsyncSession, identity: str, text: str, now=NOW) -> Reply:  # type: ignore[no-untyped-def]
    """One message through the whole core, committed like a channel does."""
    channel, _, user_id = identity.partition(":")
    reply = await respond(session, IncomingMessage(channel, user_id, text, now))
    await session.commit()
    return reply


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_removed_users_pending_confirmation_saves_nothing(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, STAFF, ids.tho_lam)
        await session.commit()
        asked = await ask(session, STAFF, "báo cáo: đã giảm được 40 hộ nghèo")  # 4 times the quota: confirm first
        assert "Bạn chắc chắn" in asked.text
        assert await accounts.remove_user(session, STAFF)
        await session.commit()
        reply = await ask(session, STAFF, "xác nhận")
        assert "Đã ghi nhận" not in reply.text and "không còn quyền" in reply.text
        assert await _count(session, Report) == 0
        assert await load_state(session, STAFF, "confirm", NOW) is None


async def test_a_user_moved_to_another_unit_cannot_confirm_the_old_units_report(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, STAFF, ids.tho_lam)
        await session.commit()
        await ask(session, STAFF, "báo cáo: đã giảm được 40 hộ nghèo")
        assert await accounts.remove_user(session, STAFF)
        await add(session, STAFF, ids.xuan_bai)
        await session.commit()
        reply = await ask(session, STAFF, "có")
        assert "không còn quyền báo cáo cho Xã Thọ Lâm" in reply.text
        assert await _count(session, Report) == 0


async def test_only_the_units_people_learn_which_deadlines_it_met(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, STAFF, ids.tho_lam)
        await add(session, OTHER, ids.xuan_bai)
        await add(session, MANAGER, ids.district, role="manager")
        session.add(DeadlineCompletion(deadline_id=ids.deadline_6m, unit_id=ids.tho_lam, reporter=STAFF, done_at=NOW))
        await session.commit()
        question = "xã Thọ Lâm có hạn nào quá hạn không"
        for insider in (STAFF, MANAGER):
            reply = await ask(session, insider, question, now=JULY)
            assert "đã báo hoàn thành" in reply.text, insider
        for outsider in (STRANGER, OTHER):
            reply = await ask(session, outsider, question, now=JULY)
            assert "hoàn thành" not in reply.text.replace("Đơn vị đã hoàn thành hạn nào chỉ", ""), outsider
            assert "báo cáo kết quả 6 tháng" in reply.text.lower() and "đã qua" in reply.text, outsider


async def _register(session: AsyncSession, text: str, now=NOW) -> Reply:  # type: ignore[no-untyped-def]
    """A stranger's registration message and, when asked, the confirmation."""
    reply = await ask(session, STRANGER, text, now)
    if "Đúng không?" in reply.text:
        reply = await ask(session, STRANGER, "đồng ý", now)
    return reply


async def _requests(session: AsyncSession, status: str = "pending") -> int:
    query = select(func.count()).select_from(RegistrationRequest).where(RegistrationRequest.status == status)
    return int(await session.scalar(query) or 0)


async def test_one_pending_request_at_a_time(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, MANAGER, ids.district, role="manager")
        await session.commit()
        assert "Đã gửi yêu cầu" in (await _register(session, "đăng ký xã Thọ Lâm")).text
        again = await _register(session, "đăng ký xã Xuân Bái")
        assert "đang chờ duyệt" in again.text and "Xã Thọ Lâm" in again.text
        assert await _requests(session) == 1
        assert await _count(session, OutboxMessage) == 1  # one notice to the manager, not two
        assert "Đã hủy yêu cầu" in (await ask(session, STRANGER, "hủy yêu cầu đăng ký")).text
        assert "Đã gửi yêu cầu" in (await _register(session, "đăng ký xã Xuân Bái")).text
        assert await _requests(session) == 1 and await _requests(session, "withdrawn") == 1


async def test_at_most_three_requests_a_day(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await seed(session)
        for n in range(3):
            sent = await _register(session, "đăng ký xã Thọ Lâm", NOW + timedelta(hours=n))
            assert "Đã gửi yêu cầu" in sent.text
            await ask(session, STRANGER, "hủy yêu cầu đăng ký", NOW + timedelta(hours=n))
        refused = await _register(session, "đăng ký xã Thọ Lâm", NOW + timedelta(hours=5))
        assert "24 giờ" in refused.text
        assert await _requests(session, "withdrawn") == 3 and await _requests(session) == 0
        later = await _register(session, "đăng ký xã Thọ Lâm", NOW + timedelta(days=1, minutes=1))
        assert "Đã gửi yêu cầu" in later.text


async def test_a_long_registration_text_is_refused_before_any_approver_reads_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, MANAGER, ids.district, role="manager")
        await session.commit()
        reply = await _register(session, "đăng ký xã Thọ Lâm, " + "xin hãy duyệt gấp " * 50)
        assert "quá dài" in reply.text and "tối đa 200" in reply.text
        assert await _count(session, RegistrationRequest) == 0 and await _count(session, OutboxMessage) == 0
        assert await load_state(session, STRANGER, "confirm", NOW) is None


async def test_the_database_keeps_one_pending_request_per_person(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        unit = await session.get(Unit, ids.tho_lam)
        assert unit is not None
        first = await accounts.create_request(session, STRANGER, unit, NOW, post=None, name=None, text="")
        second = await accounts.create_request(session, STRANGER, unit, NOW, post=None, name=None, text="")
        assert first is not None and second is None
        await session.commit()
        assert await _requests(session) == 1


async def test_the_migration_keeps_the_newest_of_a_persons_pending_requests(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from storage.db import SCHEMA_HEAD, alembic_config, create_engine, current_revision, upgrade

    engine = create_engine(db_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(lambda c: command.upgrade(alembic_config(c), "0120"))
            unit = "INSERT INTO units (id, name, key, source) VALUES (1, 'Thọ Lâm', 'tho lam', 'plan')"
            await conn.execute(text(unit))
            for n in (1, 2, 3):
                await conn.execute(
                    text(
                        "INSERT INTO registration_requests (id, identity, unit_id, message, status, created_at) "
                        "VALUES (:n, :who, 1, '', 'pending', :at)"
                    ),
                    {"n": n, "who": "tg:1" if n < 3 else "tg:2", "at": NOW},
                )
        await upgrade(engine)
        assert await current_revision(engine) == SCHEMA_HEAD
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT id, status FROM registration_requests ORDER BY id"))).all()
        assert [tuple(r) for r in rows] == [(1, "replaced"), (2, "pending"), (3, "pending")]
        async with engine.begin() as conn:  # and it goes down and up again
            await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0120"))
        await upgrade(engine)
        assert await current_revision(engine) == SCHEMA_HEAD
    finally:
        await engine.dispose()
