"""A report without a day is answered as its cycle and its recipient, next to the dated deadlines, never dropped."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
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


async def ask_at(sessions, text: str, when: datetime) -> str:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        return fold((await respond(session, message(text, "xã Hòa An", now=when))).as_plain_text())


async def test_deadlines_of_the_month_asked_are_those_dated_in_it(sessions) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    november = datetime(2024, 11, 4, 9, 0, tzinfo=VIETNAM)
    found = await ask_at(sessions, "hạn báo cáo tháng này của xã mình", november)
    assert "cac han trong thang 11/2024" in found and "bao cao nam: han 30/11/2024 (con 26 ngay)" in found
    found = await ask_at(sessions, "thang sau co han nao khong", november)
    assert "khong co han nao trong thang 12/2024" in found
    assert "bao cao dinh ky khong ghi ngay" in found and "dinh ky 6 thang, gui so khoa hoc va cong nghe" in found


async def test_a_span_before_the_deadline_names_the_next_one_after_it(sessions) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    found = await ask_at(sessions, "tuần này có hạn gì không", datetime(2024, 11, 4, 9, 0, tzinfo=VIETNAM))
    assert "khong co han nao trong tuan nay (4/11/2024–10/11/2024)" in found
    assert "han gan nhat sau do: bao cao nam: han 30/11/2024" in found


async def test_who_owes_a_deadline_named_in_the_question_is_part_of_what_it_speaks_of(sessions) -> None:  # type: ignore[no-untyped-def]
    async with sessions() as session:  # after the extra plan of xã Mậu Duệ: the village head's monthly report
        commune = await factories.unit(session, "xã Yên Hòa")
        await factories.unit(session, "thôn Nà Lừa", parent=commune, level=4)
        plan = await factories.plan(session, commune, "Kế hoạch giảm nghèo", year=2025, number="8/KH-UBND")
        await factories.deadline(
            session,
            plan,
            "báo cáo tiến độ chỉ tiêu của thôn",
            date(2025, 8, 10),
            obligor="Trưởng thôn",
            recipient="UBND xã",
            recurrence="hằng tháng",
        )
        await session.commit()
        when = datetime(2025, 8, 5, 9, 0, tzinfo=VIETNAM)
        reply = await respond(session, message("trưởng thôn báo cáo tiến độ khi nào", "thôn Nà Lừa", now=when))
    assert "bao cao tien do chi tieu cua thon: han 10/8/2025" in fold(reply.as_plain_text())


async def test_the_next_deadline_asked_with_khi_nao_is_no_question_off_the_plans(sessions) -> None:  # type: ignore[no-untyped-def]
    await build(sessions)
    for question in ("hạn báo cáo sắp tới là khi nào", "bao gio den han bao cao tiep theo"):
        found = await ask_at(sessions, question, datetime(2024, 11, 4, 9, 0, tzinfo=VIETNAM))
        assert "bao cao nam: han 30/11/2024" in found, question
