"""A report without a day is answered as its cycle and its recipient, next to the dated deadlines, never dropped."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from storage.language.text import fold
from tests import factories
from tests.test_core_data import message


async def build(sessions: async_sessionmaker[AsyncSession]) -> None:
    """A province plan with a six-monthly report to a Sở, a report at the campaign's end and a dated report."""
    async with sessions() as session:
        province = await factories.unit(session, "tỉnh An Bình")
        await factories.unit(session, "xã Hòa An", parent=province, level=3)
        plan = await factories.plan(session, province, "Kế hoạch chuyển đổi số", year=2024, number="12/KH-UBND")
        owed = {"obligor": "UBND các xã, phường"}
        await factories.deadline(
            session,
            plan,
            "báo cáo kết quả thực hiện",
            None,  # type: ignore[arg-type]
            recurrence="6 tháng",
            due_text="Định kỳ 06 tháng",
            recipient="Sở Khoa học và Công nghệ",
            **owed,
        )
        await factories.deadline(
            session,
            plan,
            "báo cáo kết quả đợt thi đua",
            None,  # type: ignore[arg-type]
            due_text="khi tổng kết Đợt thi đua",
            recipient="UBND tỉnh qua Sở Nội vụ",
            **owed,
        )
        await factories.deadline(
            session, plan, "báo cáo năm", date(2024, 11, 30), due_text="trước ngày 30/11", recurrence="hằng năm", **owed
        )
        await session.commit()


async def test_the_cycle_and_the_event_are_answered_with_the_dated_deadline(sessions) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    async with sessions() as session:
        reply = fold((await respond(session, message("các hạn báo cáo", "xã Hòa An"))).as_plain_text())
    assert "bao cao nam: han 30/11/2024" in reply
    assert "bao cao ket qua thuc hien: dinh ky 6 thang, gui so khoa hoc va cong nghe" in reply
    assert "bao cao ket qua dot thi dua: khi tong ket dot thi dua, gui ubnd tinh qua so noi vu" in reply


async def test_a_cycle_named_in_the_question_is_answered_alone(sessions) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    async with sessions() as session:
        reply = fold((await respond(session, message("hạn báo cáo 6 tháng", "xã Hòa An"))).as_plain_text())
    assert "dinh ky 6 thang, gui so khoa hoc va cong nghe" in reply
    assert "30/11/2024" not in reply
