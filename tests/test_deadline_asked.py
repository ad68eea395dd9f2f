"""What a deadline question asks beyond the title: two report periods at once, the body that owes the report, who
does the task, and a quarterly cycle said once with its next occurrence."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from handlers.dispatch import respond
from storage.language.text import fold
from tests import factories
from tests.test_core_data import message

NOW = datetime(2025, 12, 10, 9, 0, tzinfo=VIETNAM)


async def build(sessions: async_sessionmaker[AsyncSession]) -> None:
    """A province health plan: a Sở's six-monthly and yearly reports, stations' quarterly report spread over two
    quarters, a review owed by an office, and a guideline whose title names the stations."""
    async with sessions() as session:
        province = await factories.unit(session, "tỉnh An Bình")
        plan = await factories.plan(session, province, "Kế hoạch phòng chống bệnh không lây nhiễm", year=2025)
        dept = {"obligor": "Sở Y tế (cơ quan thường trực Ban Chỉ đạo)", "recipient": "Ban Chỉ đạo"}
        await factories.deadline(
            session, plan, "tổng hợp báo cáo 6 tháng", date(2026, 6, 15), due_text="trước ngày 15/6", **dept
        )
        await factories.deadline(
            session, plan, "báo cáo năm", date(2025, 12, 15), due_text="trước ngày 15/12", recurrence="hằng năm", **dept
        )
        station = {
            "obligor": "Trạm Y tế các xã, phường",
            "recipient": "Sở Y tế qua Phòng Nghiệp vụ Y",
            "recurrence": "hằng quý",
            "due_text": "trước ngày 20 của tháng cuối quý",
        }
        for quarter, due in (("III", date(2025, 9, 20)), ("IV", date(2025, 12, 20))):
            await factories.deadline(session, plan, f"báo cáo kết quả về Sở Y tế (quý {quarter})", due, **station)
        await factories.deadline(
            session,
            plan,
            "Ban hành hướng dẫn khám sàng lọc tại trạm y tế",
            date(2025, 10, 31),
            due_text="31/10/2025",
            obligor="Phòng Nghiệp vụ Y",
        )
        await factories.deadline(
            session,
            plan,
            "Sơ kết thực hiện Kế hoạch",
            date(2026, 12, 31),
            due_text="Tháng 12/2026",
            obligor="Văn phòng Sở",
        )
        monthly = {
            "obligor": "Tổ trưởng tổ dân phố",
            "recurrence": "hằng tháng",
            "due_text": "trước ngày 10 hằng tháng",
        }
        for month in (11, 12):
            await factories.deadline(
                session, plan, f"Báo cáo tiến độ của tổ (tháng {month})", date(2025, month, 10), **monthly
            )
        await session.commit()


async def ask(sessions: async_sessionmaker[AsyncSession], text: str) -> str:
    async with sessions() as session:
        return fold((await respond(session, message(text, now=NOW))).as_plain_text())


@pytest.mark.parametrize(
    "question",
    [
        "Sở Y tế báo cáo 6 tháng và báo cáo năm trước ngày nào",  # held-out shape
        "hạn báo cáo năm, báo cáo 6 tháng của sở y tế",  # variation: the other order, the body after "của"
    ],
)
async def test_a_question_naming_two_periods_gets_both(sessions, question: str) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    found = await ask(sessions, question)
    assert "15/6/2026" in found and "15/12/2025" in found


@pytest.mark.parametrize(
    "question",
    [
        "trạm y tế xã báo cáo khám sàng lọc khi nào, gửi ai",  # held-out shape
        # variation: the plan named by its topic; the title of another deadline names the stations
        "trạm y tế xã nộp báo cáo kế hoạch phòng chống bệnh không lây nhiễm lúc nào",
    ],
)
async def test_the_body_a_question_opens_with_is_matched_on_who_owes_and_its_cycle_said_once(
    sessions, question: str
) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    found = await ask(sessions, question)
    assert "hang quy, truoc ngay 20 cua thang cuoi quy (ky toi: 20/12/2025, con 10 ngay)" in found
    assert "so y te" in found and "huong dan kham sang loc" not in found
    assert "quy iii" not in found  # one line for the cycle, not one per quarter


async def test_one_quarter_asked_keeps_its_own_occurrence(sessions) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    found = await ask(sessions, "trạm y tế xã báo cáo quý III hạn ngày nào")
    assert "20/9/2025" in found


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("sơ kết kế hoạch phòng chống bệnh không lây nhiễm khi nào, ai làm", True),  # held-out shape
        ("sơ kết kế hoạch do ai thực hiện, hạn khi nào", True),  # variation
        ("sơ kết kế hoạch phòng chống bệnh không lây nhiễm khi nào", False),  # not asked: not said
    ],
)
async def test_who_owes_the_deadline_is_said_when_asked(sessions, question: str, said: bool) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    found = await ask(sessions, question)
    assert "12/2026" in found
    assert ("do van phong so thuc hien" in found) is said


async def test_a_monthly_cycle_owed_by_the_body_asked_is_said_once_in_the_plans_words(sessions) -> None:  # type: ignore[no-untyped-def]
    # real shape (commune plan): "trưởng thôn báo cáo tiến độ khi nào"; here another body and another day
    await build(sessions)
    found = await ask(sessions, "tổ trưởng tổ dân phố báo cáo tiến độ khi nào")
    assert "bao cao tien do cua to: truoc ngay 10 hang thang (ky toi: 10/12/2025, hom nay la han cuoi)" in found
