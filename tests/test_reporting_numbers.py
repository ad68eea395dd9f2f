"""Figures in progress reports sent through the core: odd notations and endless digits are refused, a figure
far above the quota waits for a confirmation that shows the ratio."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import APOLOGY, respond
from handlers.messages import IncomingMessage, Reply
from storage.reporting.reports import Report
from tests.conftest import NOW
from tests.reporting_seed import add, seed

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def db(sessions: Sessions) -> Sessions:
    """Huyện Thọ Xuân's communes (Thọ Lâm: giảm 10 hộ nghèo) and a staff member of Thọ Lâm, tg:1."""
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.tho_lam)
        await session.commit()
    return sessions


async def send(sessions: Sessions, text: str) -> Reply:
    """Text from tg:1 answered by the core and committed, as a channel does."""
    async with sessions() as session:
        reply = await respond(session, IncomingMessage(channel="tg", user_id="1", text=text, now=NOW))
        await session.commit()
    return reply


async def saved(sessions: Sessions) -> list[float]:
    async with sessions() as session:
        return list((await session.execute(select(Report.value).order_by(Report.id))).scalars())


async def _count(sessions: Sessions) -> int:
    async with sessions() as session:
        return int((await session.execute(select(func.count(Report.id)))).scalar_one())


@pytest.mark.parametrize("figure", ["1e309", "0x10", "1_000", "1e3", "2,5E2"])
async def test_numbers_in_odd_notation_are_refused_not_misread(db: Sessions, figure: str) -> None:
    reply = await send(db, f"báo cáo: đã giảm được {figure} hộ nghèo")
    assert reply.text.startswith(f"Không đọc được số «{figure}»") and "Chưa lưu gì" in reply.text
    assert "1.500" in reply.text and not reply.choices
    assert await _count(db) == 0


async def test_a_four_hundred_digit_figure_is_refused_not_an_apology(db: Sessions) -> None:
    reply = await send(db, "báo cáo: đã giảm được " + "9" * 400 + " hộ nghèo")
    assert reply.text != APOLOGY
    assert "dài 400 chữ số" in reply.text and "Chưa lưu gì" in reply.text and "«999999999999…999999»" in reply.text
    assert await _count(db) == 0
    fifteen = await send(db, "báo cáo: đã giảm được 999.999.999.999.999 hộ nghèo")  # still a number: confirm it
    assert "gấp 99.999.999.999.999,9 lần chỉ tiêu (10 hộ)" in fifteen.text


async def test_a_correction_in_odd_notation_keeps_the_saved_figure(db: Sessions) -> None:
    assert "3/10 (30%)" in (await send(db, "báo cáo: đã giảm được 3 hộ nghèo")).text
    reply = await send(db, "sửa lại là 0x10 hộ")
    assert reply.text.startswith("Không đọc được số «0x10»")
    assert await saved(db) == [3]
    assert "3/10 (30%)" in (await send(db, "tiến độ")).text


async def test_a_figure_far_above_the_quota_asks_first_with_the_ratio(db: Sessions) -> None:
    reply = await send(db, "báo cáo: đã giảm được 1.500 hộ nghèo")
    assert "Số 1.500 hộ gấp 150 lần chỉ tiêu (10 hộ) của Xã Thọ Lâm. Chưa lưu." in reply.text
    assert [choice.value for choice in reply.choices] == ["xác nhận", "không"]
    assert await _count(db) == 0
    assert "Đã bỏ qua" in (await send(db, "không")).text and await _count(db) == 0
    reply = await send(db, "báo cáo: đã giảm được 35 hộ nghèo")
    assert "gấp 3,5 lần chỉ tiêu" in reply.text
    reply = await send(db, "xác nhận")
    assert "35/10 (350%)" in reply.text and await saved(db) == [35]


async def test_a_figure_within_reason_is_saved_at_once(db: Sessions) -> None:
    reply = await send(db, "báo cáo: đã giảm được 30 hộ nghèo")  # three times the quota: unusual, not absurd
    assert reply.text.startswith("Đã ghi nhận") and "30/10 (300%)" in reply.text
    assert await saved(db) == [30]
