"""Group chats: progress, reports and accounts are answered in private only, unless an admin linked the group
to a unit, and then only that unit's subtree is shown, to registered members with the right role."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli import main
from handlers.access import PRIVATE_ONLY
from handlers.dispatch import respond
from handlers.messages import IncomingMessage, Reply
from storage.accounts.groups import linked_unit
from storage.conversation.state import load_state
from storage.reporting.reports import Report
from tests.conftest import NOW
from tests.reporting_seed import Seed, add, seed

GROUP = "-1001234"
MANAGER, STAFF_TL, STAFF_XB, ADMIN, STRANGER = "tg:10", "tg:11", "tg:12", "tg:13", "tg:99"


async def ask(session: AsyncSession, identity: str, text: str, group: str | None = GROUP) -> Reply:
    """One message through the whole core, sent in the group (or privately with group=None), then committed."""
    channel, _, user_id = identity.partition(":")
    reply = await respond(session, IncomingMessage(channel, user_id, text, NOW, group_id=group))
    await session.commit()
    return reply


async def _people(session: AsyncSession) -> Seed:
    ids = await seed(session)
    await add(session, MANAGER, ids.district, role="manager")
    await add(session, STAFF_TL, ids.tho_lam)
    await add(session, STAFF_XB, ids.xuan_bai)
    await add(session, ADMIN, ids.district, role="admin")
    await session.commit()
    return ids


async def _reports(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Report)) or 0)


async def test_an_unlinked_group_gets_no_progress_report_or_account_answer(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _people(session)
        for identity, text in [
            (MANAGER, "tiến độ các xã"),
            (MANAGER, "xã nào chưa báo cáo"),
            (STAFF_TL, "tiến độ"),
            (STAFF_TL, "báo cáo: đã giảm được 2 hộ nghèo"),
            (STAFF_TL, "đã nộp báo cáo 6 tháng"),
            (STRANGER, "đăng ký xã Thọ Lâm"),
            (MANAGER, "danh sách đăng ký"),
        ]:
            reply = await ask(session, identity, text)
            assert reply.text == PRIVATE_ONLY and not reply.attachments and not reply.choices, text
        assert await _reports(session) == 0
        assert await load_state(session, STRANGER, "confirm", NOW) is None
        private = await ask(session, MANAGER, "tiến độ các xã", group=None)
        assert "Chưa báo cáo (3)" in private.text and len(private.attachments) == 2


async def test_plan_questions_are_still_answered_in_a_group(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await _people(session)
        reply = await ask(session, STAFF_TL, "chỉ tiêu giảm hộ nghèo của xã Thọ Lâm")
        assert "10 hộ" in reply.text


async def test_a_pending_confirmation_is_not_answered_in_an_unlinked_group(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _people(session)
        asked = await ask(session, STAFF_TL, "báo cáo: đã giảm được 40 hộ nghèo", group=None)
        assert "Chưa lưu" in asked.text
        assert (await ask(session, STAFF_TL, "xác nhận")).text == PRIVATE_ONLY
        assert await _reports(session) == 0
        saved = await ask(session, STAFF_TL, "xác nhận", group=None)
        assert "Đã ghi nhận" in saved.text


async def test_a_linked_group_shows_only_its_units_subtree(
    db_url: str, sessions: async_sessionmaker[AsyncSession], capsys
) -> None:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        ids = await _people(session)
    base = ["--db", db_url, "--now", "2024-05-15T09:00:00+07:00"]
    assert await _cli([*base, "group", "link", f"tg:{GROUP}", "--unit", "xã Thọ Lâm"]) == 0
    async with sessions() as session:
        assert (await ask(session, STAFF_TL, "báo cáo: đã giảm được 2 hộ nghèo")).text.startswith("Đã ghi nhận")
        assert "2/10" in (await ask(session, MANAGER, "tiến độ xã Thọ Lâm")).text
        for identity, text in [
            (MANAGER, "tiến độ các xã"),
            (MANAGER, "tiến độ xã Xuân Bái"),
            (STAFF_XB, "tiến độ"),
            (STAFF_XB, "báo cáo: đã giảm được 1 hộ nghèo"),
        ]:
            reply = await ask(session, identity, text)
            assert "Nhóm này chỉ" in reply.text and "Xã Thọ Lâm" in reply.text and not reply.attachments, text
        stranger = await ask(session, STRANGER, "tiến độ xã Thọ Lâm")
        assert "chưa đăng ký" in stranger.text and "2/10" not in stranger.text
        refused = await ask(session, STAFF_TL, "tiến độ các xã")
        assert "Chỉ cán bộ quản lý" in refused.text
        rows = (await session.execute(select(Report.unit_id, Report.value))).all()
        assert [tuple(r) for r in rows] == [(ids.tho_lam, 2.0)]
        assert (await ask(session, STRANGER, "đăng ký xã Thọ Lâm")).text == PRIVATE_ONLY  # accounts stay private
    capsys.readouterr()
    assert await _cli([*base, "group", "list"]) == 0
    assert capsys.readouterr().out.split("\t")[:2] == [f"tg:{GROUP}", "Xã Thọ Lâm (Huyện Thọ Xuân)"]
    assert await _cli([*base, "group", "unlink", f"tg:{GROUP}"]) == 0
    assert await _cli([*base, "group", "unlink", f"tg:{GROUP}"]) == 1
    async with sessions() as session:
        assert (await ask(session, MANAGER, "tiến độ xã Thọ Lâm")).text == PRIVATE_ONLY


async def _cli(argv: list[str]) -> int:
    """Run the command line in a worker thread (it starts its own event loop)."""
    import asyncio

    return await asyncio.to_thread(main, argv)


async def test_only_an_admin_links_a_group_from_inside_it(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await _people(session)
        refused = await ask(session, MANAGER, "liên kết nhóm xã Thọ Lâm")
        assert "Chỉ quản trị viên" in refused.text
        private = await ask(session, ADMIN, "liên kết nhóm xã Thọ Lâm", group=None)
        assert "trong chính nhóm" in private.text
        assert await linked_unit(session, f"tg:{GROUP}") is None
        linked = await ask(session, ADMIN, "Liên kết nhóm xã Thọ Lâm")
        assert "Đã liên kết nhóm này với Xã Thọ Lâm" in linked.text
        unit = await linked_unit(session, f"tg:{GROUP}")
        assert unit is not None and unit.id == ids.tho_lam
        assert "0/10" in (await ask(session, STAFF_TL, "tiến độ")).text
        assert "Đã hủy liên kết" in (await ask(session, ADMIN, "hủy liên kết nhóm")).text
        assert (await ask(session, STAFF_TL, "tiến độ")).text == PRIVATE_ONLY


async def test_an_unlinked_group_does_not_learn_which_deadlines_a_unit_met(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    late = NOW.replace(month=7)  # the 6-month report (20/6) is past
    async with sessions() as session:
        await _people(session)
        channel, _, user_id = STAFF_TL.partition(":")
        question = "xã Thọ Lâm có hạn nào quá hạn không"
        private = await respond(session, IncomingMessage(channel, user_id, question, late))
        assert "chưa báo hoàn thành" in private.text
        grouped = await respond(session, IncomingMessage(channel, user_id, question, late, group_id=GROUP))
        assert "chưa báo hoàn thành" not in grouped.text and "đã qua" in grouped.text
