"""Several figures in one report message: each placed on the target its words name, confirmed together, one
undo for them all; a figure naming no target, or two equally, is asked about with a menu kept in the database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.conversation.state import load_state
from storage.reporting.reports import Report
from tests import factories
from tests.conftest import NOW
from tests.reporting_seed import add, say


@dataclass
class Commune:
    unit: int
    near_poor: int
    housing: int
    livelihood: int
    labour: int


async def commune(session: AsyncSession) -> Commune:
    """A commune whose targets all speak of "hộ nghèo, hộ cận nghèo" (the sentences of a real plan)."""
    district = await factories.unit(session, "huyện Trà Bồng")
    unit = await factories.unit(session, "xã Trà Lâm", parent=district)
    plan = await factories.plan(session, unit, "KH giảm nghèo")
    near_poor = await factories.target(
        session, plan, unit, "hộ cận nghèo", 45, direction="giảm", text="Phấn đấu giảm 45 hộ cận nghèo"
    )
    housing = await factories.target(
        session,
        plan,
        unit,
        "nhà ở",
        27,
        text="Tối thiểu 27 hộ nghèo, hộ cận nghèo trên địa bàn xã được hỗ trợ nhà ở, đảm bảo có nhà ở an toàn",
    )
    livelihood = await factories.target(
        session,
        plan,
        unit,
        "hộ nghèo cải thiện sinh kế",
        5,
        text="Phấn đấu hỗ trợ 05 hộ nghèo cải thiện sinh kế và nâng cao chất lượng cuộc sống",
    )
    labour = await factories.target(
        session,
        plan,
        unit,
        "việc làm",
        20,
        measure="người",
        text="Tối thiểu 20 người lao động thuộc hộ nghèo, hộ cận nghèo được hỗ trợ kết nối việc làm thành công",
    )
    await add(session, "tg:1", unit.id)
    return Commune(unit.id, near_poor.id, housing.id, livelihood.id, labour.id)


async def live(session: AsyncSession) -> dict[int, float]:
    """target id -> value of every report not withdrawn."""
    rows = (await session.execute(select(Report).where(Report.withdrawn_at.is_(None)))).scalars()
    return {row.target_id: row.value for row in rows}


async def test_two_figures_are_saved_together_and_undone_together(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await commune(session)
        reply = await say(session, "tg:1", "đã giảm 3 hộ cận nghèo và hỗ trợ 2 hộ làm nhà")
        assert reply is not None and reply.text.startswith("Đã ghi nhận 2 số liệu của Xã Trà Lâm"), reply.text
        assert "hộ cận nghèo: 3 hộ; tiến độ 3/45" in reply.text and "nhà ở: 2 hộ; tiến độ 2/27" in reply.text
        assert await live(session) == {ids.near_poor: 3, ids.housing: 2}
        undone = await say(session, "tg:1", "hủy")
        assert undone is not None and undone.text.startswith("Đã hủy 2 số liệu"), undone.text
        assert await live(session) == {}


async def test_my_own_wording_of_three_figures(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await commune(session)
        text = "Bao cao: giam duoc 4 ho can ngheo; 12 nguoi lao dong da co viec lam, xay nha cho 6 ho"
        reply = await say(session, "tg:1", text)
        assert reply is not None and reply.text.startswith("Đã ghi nhận 3 số liệu"), reply.text
        assert await live(session) == {ids.near_poor: 4, ids.labour: 12, ids.housing: 6}


async def test_the_whole_phrase_picks_the_target_not_its_first_word(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await commune(session)
        reply = await say(session, "tg:1", "báo cáo: đã hỗ trợ nhà ở cho 2 hộ nghèo, hộ cận nghèo")
        assert reply is not None and "nhà ở" in reply.text and "2/27" in reply.text, reply.text
        reply = await say(session, "tg:1", "đã giảm được 3 hộ cận nghèo")
        assert reply is not None and "3/45" in reply.text
        assert await live(session) == {ids.housing: 2, ids.near_poor: 3}


async def test_a_figure_naming_two_targets_is_asked_and_the_menu_survives(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        ids = await commune(session)
        reply = await say(session, "tg:1", "đã giảm 3 hộ cận nghèo, hỗ trợ thêm 4 hộ")
        assert reply is not None and "Đã ghi nhận 1 số liệu" in reply.text and "Chưa lưu số 4" in reply.text
        labels = [choice.label for choice in reply.choices]
        assert any("sinh kế" in label for label in labels) and labels[-1] == "Bỏ qua số này"
        assert await live(session) == {ids.near_poor: 3}
    async with sessions() as session:  # a later message, another session (a restart in between)
        assert await load_state(session, "tg:1", "figures", NOW) is not None
        number = next(n for n, label in enumerate(labels, 1) if "sinh kế" in label)
        picked = await say(session, "tg:1", str(number))
        assert picked is not None and "hộ nghèo cải thiện sinh kế" in picked.text and "4/5" in picked.text
        assert await live(session) == {ids.near_poor: 3, ids.livelihood: 4}
        undone = await say(session, "tg:1", "hủy")  # one undo for the message: the placed figure too
        assert undone is not None and "Đã hủy 2 số liệu" in undone.text and await live(session) == {}


async def test_a_figure_naming_nothing_is_asked_never_dropped(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await commune(session)
        reply = await say(session, "tg:1", "đã giảm 2 hộ cận nghèo và trồng 300 cây keo")
        assert reply is not None and "Đã ghi nhận 1 số liệu" in reply.text
        assert "Không thấy chỉ tiêu nào" in reply.text and "300" in reply.text and reply.choices
        skipped = await say(session, "tg:1", str(len(reply.choices)))
        assert skipped is not None and "Đã bỏ qua số 300" in skipped.text
        assert await live(session) == {ids.near_poor: 2}
        assert await load_state(session, "tg:1", "figures", NOW) is None


async def test_correcting_one_figure_of_several(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await commune(session)
        await say(session, "tg:1", "đã giảm 3 hộ cận nghèo và hỗ trợ 2 hộ làm nhà")
        reply = await say(session, "tg:1", "sửa lại là 5")  # which of the two: asked
        assert reply is not None and "Sửa số nào" in reply.text and len(reply.choices) == 2
        number = next(n for n, c in enumerate(reply.choices, 1) if c.label.startswith("nhà ở"))
        fixed = await say(session, "tg:1", str(number))
        assert fixed is not None and "Đã sửa 2 thành 5" in fixed.text, fixed.text
        assert await live(session) == {ids.near_poor: 3, ids.housing: 5}
        named = await say(session, "tg:1", "sửa lại hộ cận nghèo là 4 hộ")  # named: no question
        assert named is not None and "Đã sửa 3 thành 4" in named.text
        assert await live(session) == {ids.near_poor: 4, ids.housing: 5}
        undone = await say(session, "tg:1", "hủy")
        assert undone is not None and "Đã hủy 2 số liệu" in undone.text and await live(session) == {}


async def test_a_figure_far_beyond_its_quota_among_several_is_confirmed_first(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        ids = await commune(session)
        reply = await say(session, "tg:1", "đã giảm 3 hộ cận nghèo và hỗ trợ 200 hộ làm nhà")
        assert reply is not None and "Chưa lưu số 200" in reply.text and "gấp hơn 3 lần" in reply.text
        assert [c.label for c in reply.choices] == ["Đúng, lưu số này", "Bỏ qua số này"]
        confirmed = await say(session, "tg:1", "1")
        assert confirmed is not None and "200/27" in confirmed.text
        assert await live(session) == {ids.near_poor: 3, ids.housing: 200}
