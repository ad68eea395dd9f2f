"""Progress reports by chat message: saving, echo, undo, correction and every refusal."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.language.text import fold
from storage.reporting.reports import Report
from tests.reporting_seed import add, say, seed


async def _reports(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count(Report.id)))).scalar() or 0)


async def test_report_is_saved_and_echoed_with_progress(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1001", ids.xuan_bai)
        reply = await say(session, "tg:1001", "Báo cáo: xã đã giảm được 2 hộ nghèo")
        assert reply is not None
        assert "Đã ghi nhận" in reply.text and "2/4 (50%)" in reply.text
        assert [c.value for c in reply.choices] == ["hủy", "sửa lại"]
        row = (await session.execute(select(Report))).scalar_one()
        assert (row.value, row.target_id, row.year, row.reporter, row.channel) == (
            2,
            ids.quota_xuan_bai,
            2024,
            "tg:1001",
            "tg",
        )
        assert row.message == "Báo cáo: xã đã giảm được 2 hộ nghèo"
        progress = await say(session, "tg:1001", "tiến độ giảm nghèo của xã tôi")
        assert progress is not None and "2/4 (50%)" in progress.text


async def test_free_text_forms_and_breakdown_parts(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1002", ids.tho_lam)
        reply = await say(session, "tg:1002", "đến nay xã đã giảm được 3 hộ nghèo")
        assert reply is not None and "3/10 (30%)" in reply.text
        reply = await say(session, "tg:1002", "/baocao giảm được 1 hộ không có KNLĐ")
        assert reply is not None and "hộ không có KNLĐ" in reply.text and "1/2 (50%)" in reply.text
        reply = await say(session, "tg:1002", "da giam duoc 5 ho co kha nang lao dong")
        assert reply is not None and "hộ có KNLĐ" in reply.text and "5/8" in reply.text
        assert await _reports(session) == 3


async def test_phone_shorthand_and_households_out_of_poverty(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1002", ids.tho_lam)
        for text, progress in (
            ("giam dc 3 ho ngheo", "3/10"),
            ("xã đã có 4 hộ thoát nghèo", "4/10"),
            ("5 ho da thoat ngheo", "5/10"),
            ("bc giảm 6 hộ", "6/10"),
        ):
            reply = await say(session, "tg:1002", text)
            assert reply is not None and "Đã ghi nhận" in reply.text and f"{progress} (" in reply.text, text
        assert await _reports(session) == 4
        assert await say(session, "tg:1002", "xa da co ho nao thoat ngheo chua") is None  # a question


async def test_latest_report_counts_and_every_report_is_kept(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.tho_lam)
        await say(session, "tg:1", "báo cáo: đã giảm 2 hộ nghèo")
        await say(session, "tg:1", "báo cáo: đã giảm 6 hộ nghèo")
        reply = await say(session, "tg:1", "tiến độ")
        assert reply is not None and "6/10 (60%)" in reply.text
        assert await _reports(session) == 2


async def test_undo_and_correction(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        await say(session, "tg:1", "Báo cáo: xã đã giảm được 2 hộ nghèo")
        reply = await say(session, "tg:1", "sửa lại là 3 hộ")
        assert reply is not None and "3/4 (75%)" in reply.text and "Đã sửa 2 thành 3." in reply.text
        reply = await say(session, "tg:1", "hủy")
        assert reply is not None and "Đã hủy" in reply.text and "0/4 (0%)" in reply.text
        reply = await say(session, "tg:1", "hủy")
        assert reply is not None and "Không có báo cáo" in reply.text
        assert await _reports(session) == 2  # withdrawn reports stay on record


async def test_menu_number_picks_undo(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "zalo:abc", ids.xuan_bai)
        await say(session, "zalo:abc", "Báo cáo: xã đã giảm được 2 hộ nghèo")
        reply = await say(session, "zalo:abc", "1")
        assert reply is not None and "Đã hủy" in reply.text


async def test_negative_figure_is_refused(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1002", ids.tho_lam)
        reply = await say(session, "tg:1002", "báo cáo giảm -3 hộ nghèo")
        assert reply is not None and "không hợp lệ" in reply.text
        assert "da ghi nhan" not in fold(reply.text) and "da luu" not in fold(reply.text)
        assert await _reports(session) == 0
        progress = await say(session, "tg:1002", "tiến độ")
        assert progress is not None and "0/10" in progress.text


async def test_no_figure_is_refused(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.tho_lam)
        reply = await say(session, "tg:1", "/baocao giảm hộ nghèo")
        assert reply is not None and "Chưa thấy số liệu" in reply.text
        assert await _reports(session) == 0


async def test_figure_far_beyond_quota_needs_confirmation(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        reply = await say(session, "tg:1", "báo cáo: đã giảm được 40 hộ nghèo")
        assert reply is not None and "Chưa lưu" in reply.text and reply.choices
        assert await _reports(session) == 0
        reply = await say(session, "tg:1", "không")
        assert reply is not None and await _reports(session) == 0
        await say(session, "tg:1", "báo cáo: đã giảm được 40 hộ nghèo")
        reply = await say(session, "tg:1", "xác nhận")
        assert reply is not None and "40/4 (1.000%)" in reply.text
        assert await _reports(session) == 1


async def test_unknown_indicator_lists_the_units_targets(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        reply = await say(session, "tg:1", "báo cáo: đã trồng được 500 cây xanh")
        assert reply is not None and "Không thấy chỉ tiêu" in reply.text and "giảm hộ nghèo" in reply.as_plain_text()
        assert await _reports(session) == 0
        reply = await say(session, "tg:1", str(len(reply.choices)))  # the last choice leaves the figure out
        assert reply is not None and "bỏ qua số 500" in reply.text and await _reports(session) == 0


async def test_other_unit_is_refused_but_manager_may_report_below(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        await add(session, "tg:9", ids.district, role="manager")
        reply = await say(session, "tg:1", "báo cáo xã Thọ Lâm đã giảm 5 hộ nghèo")
        assert reply is not None and "chỉ báo cáo được" in reply.text
        assert await _reports(session) == 0
        reply = await say(session, "tg:9", "báo cáo xã Thọ Lâm đã giảm 5 hộ nghèo")
        assert reply is not None and "Xã Thọ Lâm" in reply.text and "5/10 (50%)" in reply.text


async def test_stranger_is_told_to_register(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await seed(session)
        for text in ("báo cáo xã Thọ Lâm đã giảm 5 hộ nghèo", "tiến độ", "hủy"):
            reply = await say(session, "tg:9999", text)
            assert reply is not None and "đăng ký" in reply.text
        assert await _reports(session) == 0
        assert await say(session, "tg:9999", "Chỉ tiêu giảm hộ nghèo của xã Thọ Lâm?") is None


async def test_questions_are_left_to_the_core(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        for text in (
            "Hạn nộp báo cáo 6 tháng là khi nào?",
            "bao cao nam nop truoc ngay nao",
            "Xã mình phải giảm mấy hộ?",
        ):
            assert await say(session, "tg:1", text) is None, text


async def test_deadline_done(sessions: async_sessionmaker[AsyncSession]) -> None:
    from storage.reporting.reports import is_deadline_done

    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        reply = await say(session, "tg:1", "đã nộp báo cáo 6 tháng")
        assert reply is not None and "20/6/2024" in reply.text
        assert await is_deadline_done(session, ids.deadline_6m, ids.xuan_bai)
        again = await say(session, "tg:1", "đã nộp báo cáo 6 tháng")
        assert again is not None and "từ trước" in again.text


async def test_deadline_done_said_report_first(sessions: async_sessionmaker[AsyncSession]) -> None:
    from storage.reporting.reports import is_deadline_done

    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        reply = await say(session, "tg:1", "bc 6 thang da gui roi")
        assert reply is not None and "hoàn thành" in reply.text and "20/6/2024" in reply.text
        assert await is_deadline_done(session, ids.deadline_6m, ids.xuan_bai)


def test_report_first_done_phrases_are_not_figures_or_questions() -> None:
    from handlers.flows.report_reading import folded, is_deadline_done, is_report

    for text in ("báo cáo 6 tháng đã nộp", "BC năm đã gửi rồi nhé", "nộp báo cáo 6 tháng xong rồi"):
        assert is_deadline_done(folded(text)), text
    for text in ("báo cáo đã hoàn thành 3 hộ", "báo cáo 6 tháng đã nộp chưa", "báo cáo: đã giảm được 2 hộ nghèo"):
        assert not is_deadline_done(folded(text)), text
    assert is_report(folded("báo cáo: đã giảm được 2 hộ nghèo"))
