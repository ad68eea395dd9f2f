"""Reports that come back without a day, or fall due at an event: a deadline with no date, its cycle, who reports,
to whom and through whom; never a reminder. Each rule on a sentence from a real plan and one written here."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from storage.importer.facts import extract_facts
from storage.importer.model import DeadlineFact
from storage.importer.structure import parse_document
from storage.reminders.due import due_reminders
from storage.reminders.schedule import ReminderSchedule
from tests import factories


def plan(body: str) -> str:
    """A province plan issued on 19/11/2025 with this body."""
    header = "ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 34/KH-UBND\nAn Bình, ngày 19 tháng 11 năm 2025\nKẾ HOẠCH\nThực hiện X"
    return f"{header}\n{body}"


def deadlines(body: str) -> list[DeadlineFact]:
    """The deadlines read from a plan with this body."""
    return extract_facts(parse_document(plan(body))).deadlines


def seen(found: list[DeadlineFact]) -> list[tuple[date | None, str | None, str, str | None, str | None]]:
    """(due, recurrence, due as written, who reports, to whom) of each deadline."""
    return [(d.due, d.recurrence, d.due_text, d.obligor, d.recipient) for d in found]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # real (Đồng Nai 179): the cycle opens the sentence, the subject follows it
            "V. TỔ CHỨC THỰC HIỆN\nĐịnh kỳ 06 tháng các cơ quan có liên quan báo cáo kết quả thực hiện gửi về "
            "Sở Khoa học Công nghệ để tổng hợp báo cáo UBND tỉnh.",
            (None, "6 tháng", "Định kỳ 06 tháng", "các cơ quan có liên quan", "Sở Khoa học Công nghệ"),
        ),
        (  # written here: a quarter, another body
            "V. TỔ CHỨC THỰC HIỆN\nĐịnh kỳ hằng quý, các phòng chuyên môn báo cáo tiến độ gửi về Sở Tài chính.",
            (None, "hằng quý", "Định kỳ hằng quý", "các phòng chuyên môn", "Sở Tài chính"),
        ),
        (  # real (Nghệ An 980): yearly, the recipient "qua" its office, no parentheses
            "IV. TỔ CHỨC THỰC HIỆN\n3. Căn cứ nội dung Kế hoạch, các sở, ban, ngành xây dựng Kế hoạch triển khai. "
            "Hằng năm báo cáo kết quả thực hiện về Ban Chỉ huy Phòng thủ dân sự tỉnh qua Văn phòng Ban Chỉ huy "
            "Phòng thủ dân sự tỉnh để tổng hợp, báo cáo.",
            (
                None,
                "hằng năm",
                "Hằng năm",
                "các sở, ban, ngành",
                "Ban Chỉ huy Phòng thủ dân sự tỉnh qua Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh",
            ),
        ),
        (  # written here: a quarter, the subject in the sentence before, the office after "qua"
            "IV. TỔ CHỨC THỰC HIỆN\n2. UBND các xã, phường tổ chức thực hiện Kế hoạch. Hằng quý báo cáo kết quả về "
            "Sở Nội vụ qua Phòng Tổ chức cán bộ.",
            (None, "hằng quý", "Hằng quý", "UBND các xã, phường", "Sở Nội vụ qua Phòng Tổ chức cán bộ"),
        ),
        (  # real (Đắk Lắk 0130): daily
            "IV. NHIỆM VỤ\n7. Công tác giám sát, kiểm tra, báo cáo\n- Các Trung tâm y tế giám sát tuyến xã và báo cáo "
            "hằng ngày.",
            (None, "hằng ngày", "hằng ngày", "Các Trung tâm y tế", None),
        ),
        (  # written here: weekly, a recipient right after the verb
            "IV. NHIỆM VỤ\n- UBND các xã báo cáo Trung tâm y tế khu vực mỗi tuần.",
            (None, "hằng tuần", "mỗi tuần", "UBND các xã", "Trung tâm y tế khu vực"),
        ),
        (  # real (Đắk Lắk 0124): at an event, through the Sở in parentheses; the section's body reports
            "IV. TỔ CHỨC THỰC HIỆN\n1. Các cơ quan, đơn vị, địa phương, doanh nghiệp\n- Báo cáo Ủy ban nhân dân tỉnh "
            "về kết quả Đợt thi đua (qua Sở Nội vụ) khi tổng kết Đợt thi đua.",
            (
                None,
                None,
                "khi tổng kết Đợt thi đua",
                "Các cơ quan, đơn vị, địa phương, doanh nghiệp",
                "Ủy ban nhân dân tỉnh qua Sở Nội vụ",
            ),
        ),
        (  # written here: after a campaign ends
            "III. TỔ CHỨC THỰC HIỆN\n2. Sở Y tế\n- Báo cáo UBND tỉnh kết quả chiến dịch khi kết thúc chiến dịch "
            "tiêm chủng.",
            (None, None, "khi kết thúc chiến dịch tiêm chủng", "Sở Y tế", "UBND tỉnh"),
        ),
    ],
)
def test_a_report_on_a_cycle_or_at_an_event_is_a_deadline_without_a_date(body: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert seen(deadlines(body)) == [expected]


def test_a_cycle_in_parentheses_after_the_report() -> None:
    # Real (Đồng Nai 179): "... tổng hợp, báo cáo UBND tỉnh, Bộ Khoa học và Công nghệ tình hình ... (định kỳ hằng năm)."
    body = (
        "VI. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ\na) Chủ trì tổ chức, hướng dẫn triển khai Kế hoạch; kiểm "
        "tra, giám sát, tổng hợp, báo cáo UBND tỉnh, Bộ Khoa học và Công nghệ tình hình thực hiện Kế hoạch "
        "(định kỳ hằng năm).\nb) Phòng Kinh tế tổng hợp, báo cáo UBND xã tình hình thực hiện (định kỳ hằng quý)."
    )
    found = deadlines(body)
    assert seen(found) == [
        (None, "hằng năm", "định kỳ hằng năm", "Sở Khoa học và Công nghệ", "UBND tỉnh, Bộ Khoa học và Công nghệ"),
        (None, "hằng quý", "định kỳ hằng quý", "Phòng Kinh tế", "UBND xã"),
    ]
    assert found[0].title == "báo cáo tình hình thực hiện Kế hoạch"


@pytest.mark.parametrize(
    "body",
    [
        "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n- Thường xuyên báo cáo UBND tỉnh tình hình dịch bệnh.",  # a duty, no date
        "IV. TỔ CHỨC THỰC HIỆN\n2. Sở Nội vụ\n- Thực hiện thường xuyên, báo cáo kết quả về UBND tỉnh.",
        # real (Nghệ An 1026): a bare "định kỳ" names no cycle
        "IV. TỔ CHỨC THỰC HIỆN\n2. Giao Công an tỉnh chủ trì theo dõi việc thực hiện Kế hoạch này; định kỳ báo cáo "
        "kết quả thực hiện về Bộ Công an, UBND tỉnh theo quy định./.",
        # real (Đắk Lắk 0130): setting up a daily reporting regime is not itself a report
        "IV. NHIỆM VỤ\n3. Giám sát dịch bệnh\n- Thiết lập chế độ báo cáo nhanh hàng ngày trong thời gian lũ lụt.",
        "IV. NHIỆM VỤ\n- Xây dựng và định kỳ hàng năm công bố báo cáo dự báo về nhu cầu nhân lực.",
        # real (Hà Tĩnh 624): the year governs the inspection, the report is another clause
        "V. TỔ CHỨC THỰC HIỆN\n10. UBND các xã\ne) Hằng năm, tổ chức kiểm tra, đánh giá tình hình thực hiện; tổ chức "
        "sơ kết và tổng kết để tổng hợp, báo cáo UBND tỉnh.",
    ],
)
def test_no_cycle_no_deadline(body: str) -> None:
    assert deadlines(body) == []


def test_a_cycle_the_plan_gives_a_day_for_is_not_repeated_without_it() -> None:
    # Real (Đồng Tháp 552): the Sở reports yearly in its own section, and "trước ngày 30/11 hằng năm" in the last.
    body = (
        "V. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ\n- Định kỳ hằng năm, báo cáo Ủy ban nhân dân Tỉnh kết quả "
        "thực hiện.\nVI. CHẾ ĐỘ BÁO CÁO\n- Sở Khoa học và Công nghệ tổng hợp, báo cáo Ủy ban nhân dân Tỉnh trước ngày "
        "30/11 hằng năm."
    )
    assert [(d.due, d.recurrence) for d in deadlines(body)] == [(date(2025, 11, 30), "hằng năm")]


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("UBND các xã báo cáo kết quả về Sở Nội vụ chậm nhất ngày 15/12/2025.", "chậm nhất ngày 15/12/2025"),
        ("Sở Tài chính báo cáo UBND tỉnh, dự kiến ngày 20/01/2026.", "dự kiến ngày 20/01/2026"),
        ("Các sở gửi báo cáo về Sở Y tế, chậm nhất vào ngày 05/12/2025.", "chậm nhất vào ngày 05/12/2025"),
    ],
)
def test_latest_and_expected_days_keep_their_word(sentence: str, written: str) -> None:
    assert [d.due_text for d in deadlines(f"IV. TỔ CHỨC THỰC HIỆN\n{sentence}")] == [written]


async def test_an_undated_deadline_is_never_reminded(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        province = await factories.unit(session, "tỉnh An Bình")
        commune = await factories.unit(session, "xã Hòa An", parent=province, level=3)
        issued = await factories.plan(session, province, "Kế hoạch thử", year=2025)
        fields = {"obligor": "UBND các xã", "recipient": "Sở Nội vụ"}
        cycle = await factories.deadline(
            session, issued, "báo cáo kết quả", None, recurrence="6 tháng", due_text="Định kỳ 06 tháng", **fields
        )  # type: ignore[arg-type]
        dated = await factories.deadline(session, issued, "báo cáo năm", date(2025, 12, 20), **fields)
        await factories.user(session, "tg:77", commune)
        await session.commit()
    schedule = ReminderSchedule()
    reminded = set()
    async with sessions() as session:
        for day in range(1, 32):
            now = datetime(2025, 12, day, 9, 0, tzinfo=VIETNAM)
            reminded |= {r.deadline_id for r in await due_reminders(session, now, schedule, include_sent=True)}
    assert reminded == {dated.id}
    assert cycle.id not in reminded
