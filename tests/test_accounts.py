"""Registration in chat (request + approval, invite code), approvals and the user CLI."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli import main
from storage.accounts import operations as accounts
from storage.accounts.models import RegistrationRequest, user_units
from storage.db import open_database
from storage.models import Target, Unit
from storage.outbox.queue import OutboxMessage
from tests.conftest import NOW
from tests.reporting_seed import add, say, seed


async def test_registration_request_then_manager_approves(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:9", ids.district, role="manager")
        reply = await say(session, "zalo:new", "đăng ký xã Thọ Lâm, công chức LĐ-TB&XH")
        assert reply is not None and "Xã Thọ Lâm" in reply.text and "công chức LĐ-TB&XH" in reply.text
        assert await session.scalar(select(RegistrationRequest.id)) is None  # not before the confirmation
        reply = await say(session, "zalo:new", "1")  # the numbered menu: "Đúng, gửi yêu cầu"
        assert reply is not None and "Đã gửi yêu cầu" in reply.text
        request = (await session.execute(select(RegistrationRequest))).scalar_one()
        notice = (await session.execute(select(OutboxMessage).where(OutboxMessage.recipient == "tg:9"))).scalar_one()
        assert f"duyệt {request.id}" in notice.text
        assert await user_units(session, "zalo:new") == []
        staff = await say(session, "tg:1", f"duyệt {request.id}")
        assert staff is not None and "đăng ký" in staff.text  # a stranger cannot approve
        reply = await say(session, "tg:9", f"duyệt {request.id}")
        assert reply is not None and "Đã duyệt" in reply.text
        units = await user_units(session, "zalo:new")
        assert [(u.id, role) for u, role in units] == [(ids.tho_lam, "staff")]
        progress = await say(session, "zalo:new", "tiến độ")
        assert progress is not None and "0/10" in progress.text


async def test_staff_cannot_approve_and_refusal_is_told(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        await add(session, "tg:0", ids.district, role="admin")
        await say(session, "tg:new", "/dangky xã Thọ Lâm")
        await say(session, "tg:new", "đồng ý")
        request = (await session.execute(select(RegistrationRequest))).scalar_one()
        reply = await say(session, "tg:1", f"duyệt {request.id}")
        assert reply is not None and "không có quyền" in reply.text
        reply = await say(session, "tg:0", f"từ chối {request.id}")
        assert reply is not None and "Đã từ chối" in reply.text
        told = (await session.execute(select(OutboxMessage).where(OutboxMessage.recipient == "tg:new"))).scalar_one()
        assert "từ chối" in told.text
        assert await user_units(session, "tg:new") == []


async def test_invite_code_gets_the_user_in_once(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        unit = await session.get(Unit, ids.xuan_bai)
        assert unit is not None
        invite = await accounts.create_invite(session, unit, NOW)
        await session.commit()
        reply = await say(session, "zalo:x", f"đăng ký {invite.code.lower()}")
        assert reply is not None and "thành công" in reply.text
        assert [u.id for u, _ in await user_units(session, "zalo:x")] == [ids.xuan_bai]
        again = await say(session, "zalo:y", f"/dangky {invite.code}")
        assert again is not None and "đã dùng" in again.text


async def test_registration_help_and_unknown_unit(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await seed(session)
        reply = await say(session, "tg:5", "/dangky")
        assert reply is not None and "đăng ký <tên xã/phường>" in reply.text
        reply = await say(session, "tg:5", "đăng ký xã Hoàng Sa")
        assert reply is not None and "Không tìm thấy" in reply.text


async def test_ambiguous_unit_offers_choices(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        other = Unit(name="Thọ Lâm", kind="xã", level=3, key="tho lam")
        session.add(other)
        await session.commit()
        reply = await say(session, "tg:5", "đăng ký Thọ Lâm")  # the one with a quota wins
        assert reply is not None and "(Huyện Thọ Xuân)" in reply.text
        session.add(Unit(name="Xuân Bái", kind="xã", level=3, key="xuan bai"))
        session.add(Unit(name="Sao Vàng", kind="thị trấn", level=3, key="sao vang"))
        await session.execute(delete(Target).where(Target.unit_id == ids.sao_vang))
        await session.commit()
        reply = await say(session, "tg:6", "đăng ký TT Sao Vàng")  # no quota anywhere: ask which
        assert reply is not None and "Có nhiều đơn vị" in reply.text and len(reply.choices) == 2
        picked = await say(session, "tg:6", "1")
        assert picked is not None and "Đúng không?" in picked.text


def test_user_cli_add_list_remove_invite(db_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    async def prepare() -> None:
        async with open_database(db_url) as factory, factory() as session:
            await seed(session)
            await session.commit()

    asyncio.run(prepare())
    base = ["--db", db_url, "--now", "2024-05-15T09:00:00+07:00"]
    assert main([*base, "user", "add", "tg:1001", "--unit", "Xuân Bái", "--name", "Lê Văn An"]) == 0
    assert main([*base, "user", "add", "tg:3", "--unit", "huyện Thọ Xuân", "--role", "manager"]) == 0
    assert main([*base, "user", "add", "tg:4", "--unit", "Hoàng Sa"]) == 1
    assert main([*base, "user", "add", "1001", "--unit", "Xuân Bái"]) == 2
    capsys.readouterr()
    assert main([*base, "user", "list"]) == 0
    listing = capsys.readouterr().out
    assert "tg:1001\tLê Văn An\tXã Xuân Bái\tstaff" in listing and "Huyện Thọ Xuân\tmanager" in listing
    assert main([*base, "user", "invite", "--unit", "TT Sao Vàng"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 8 and code.isalnum()
    assert main([*base, "user", "remove", "tg:1001"]) == 0
    assert main([*base, "user", "remove", "tg:1001"]) == 1
    capsys.readouterr()
    assert main([*base, "user", "list"]) == 0
    assert "tg:1001" not in capsys.readouterr().out


async def test_public_questions_switch_closes_plan_questions(sessions: async_sessionmaker[AsyncSession]) -> None:
    from dataclasses import dataclass

    from handlers.flows.reporting import handle
    from handlers.messages import IncomingMessage
    from handlers.understand.asker_context import Asker

    @dataclass(frozen=True)
    class Closed(IncomingMessage):
        public_questions: bool = False

    async with sessions() as session:
        await seed(session)
        asker = Asker(identity="tg:77")
        question = Closed(channel="tg", user_id="77", text="Chỉ tiêu giảm hộ nghèo của xã Thọ Lâm?", now=NOW)
        reply = await handle(session, question, asker)
        assert reply is not None and "đăng ký" in reply.text
        hello = Closed(channel="tg", user_id="77", text="/start", now=NOW)
        assert await handle(session, hello, asker) is None  # help stays open
