"""Where a report or a document goes: the recipient read after a time in parentheses and after "báo cáo kết quả
<cơ quan> (qua ...)", the report routes said without a time, "các địa phương" read as the units below the issuer,
and "về đâu", "gửi qua đâu", "nộp cho ai" answered with the recipient (and the time when the plan gives one).
Each rule on a sentence from a real plan and one written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.answers.report_routes import asks_where
from handlers.dispatch import respond
from storage.importer import import_paths
from storage.importer.facts import extract_facts
from storage.importer.model import DeadlineFact
from storage.importer.report_cycles import report_route
from storage.importer.structure import parse_document
from storage.language.obligors import obligor_levels
from storage.language.text import fold
from tests.conftest import NOW
from tests.test_core_data import message

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố: 41/KH-UBND\nAn Bình, ngày 20 tháng 11 năm 2025\nKẾ HOẠCH\n"


def deadlines(body: str) -> list[DeadlineFact]:
    """The deadlines read from a province plan with this body."""
    return extract_facts(parse_document(f"{HEADER}Thực hiện X\n{body}")).deadlines


@pytest.mark.parametrize(
    ("body", "recipient"),
    [
        (  # real (Đồng Nai 182): the time in parentheses, the recipient after it with a long apposition
            "IV. TỔ CHỨC THỰC HIỆN\n1. Căn cứ Kế hoạch này, các Sở, ban, ngành, Ủy ban nhân dân xã, phường xây dựng "
            "kế hoạch hoặc văn bản triển khai thực hiện (hoàn thành trong tháng 11/2025) gửi về Công an tỉnh, Cơ quan "
            "Thường trực Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an "
            "ninh tổ quốc tỉnh (qua Phòng Tham mưu - Công an tỉnh) để theo dõi.",
            "Công an tỉnh qua Phòng Tham mưu - Công an tỉnh",
        ),
        (  # written here: another office, another date, a short recipient
            "III. TỔ CHỨC THỰC HIỆN\n2. UBND các xã lập danh sách hộ cần hỗ trợ (trước ngày 15/01/2026) gửi về Sở Y "
            "tế để tổng hợp.",
            "Sở Y tế",
        ),
        (  # real (Đồng Nai 182): the body right after "báo cáo kết quả", the office it goes through in parentheses
            "IV. NHIỆM VỤ\n2. Sở Văn hóa, Thể thao và Du lịch\nHoàn thành, báo cáo kết quả Ủy ban nhân dân tỉnh "
            "(qua Công an tỉnh) trong tháng 11/2025.",
            "Ủy ban nhân dân tỉnh qua Công an tỉnh",
        ),
        (  # written here: "tình hình", another body and office, a dated day
            "IV. NHIỆM VỤ\n3. Sở Tài chính\nTổng hợp, báo cáo tình hình Sở Nội vụ (qua Phòng Tổ chức biên chế) trước "
            "ngày 10/12/2025.",
            "Sở Nội vụ qua Phòng Tổ chức biên chế",
        ),
    ],
)
def test_the_recipient_is_read_around_the_time(body: str, recipient: str) -> None:
    assert [d.recipient for d in deadlines(body)] == [recipient]


@pytest.mark.parametrize(
    ("clause", "recipient"),
    [
        # real (Nghệ An 1026): no time at all, the office in parentheses
        (
            "kết quả thực hiện báo cáo về Công an tỉnh (qua Phòng An ninh chính trị nội bộ).",
            "Công an tỉnh qua Phòng An ninh chính trị nội bộ",
        ),
        # real (Nghệ An 1026): two bodies
        ("định kỳ báo cáo kết quả thực hiện về Bộ Công an, UBND tỉnh theo quy định./.", "Bộ Công an, UBND tỉnh"),
        # written here: a document handed in, not a report
        ("UBND các xã gửi hồ sơ đề nghị về Sở Tư pháp để thẩm định.", "Sở Tư pháp"),
        # written here: the body right after "báo cáo tiến độ"
        ("Các phòng chuyên môn báo cáo tiến độ Sở Xây dựng hằng tháng.", "Sở Xây dựng"),
        # real (Đồng Nai 182): a reporting regime names no one to send to
        ("Thực hiện chế độ thông tin, báo cáo theo định kỳ của Chương trình MTQG.", None),
        # real (Sở Y tế An Giang, a task table): "báo cáo sơ kết" is a report, "sơ kết" no Sở
        ("5 Sơ kết thực hiện Kế hoạch Văn phòng Sở Các đơn vị trực thuộc Tháng 12/2026 Báo cáo sơ kết", None),
        # written here: "số liệu", "bổ sung" are no Sở and no Bộ
        ("Các xã báo cáo số liệu hằng tháng; gửi bổ sung hồ sơ khi có yêu cầu.", None),
    ],
)
def test_a_report_route_is_read_without_a_time(clause: str, recipient: str | None) -> None:
    assert report_route(clause) == recipient


@pytest.mark.parametrize(
    ("obligor", "issuer", "levels"),
    [
        ("Các cơ quan, đơn vị, địa phương, doanh nghiệp", 1, {1, 2, 3}),  # real (Đắk Lắk 0124)
        ("Các phòng, ban và các địa phương", 2, {2, 3}),  # written here: a district plan
        ("UBND các phường", 1, {3}),  # a ward is still a commune
    ],
)
def test_localities_are_the_units_below_the_issuer_not_wards(obligor: str, issuer: int, levels: set[int]) -> None:
    assert obligor_levels(obligor, issuer) == levels


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("kết quả thực hiện kế hoạch bảo vệ bí mật nhà nước báo cáo về đâu?", True),
        ("báo cáo kết quả đợt thi đua gửi qua đâu, khi nào?", True),
        ("ho so nop cho ai", True),
        ("xã báo cáo ai", True),
        ("cơ quan nào nhận báo cáo quý", True),
        ("xa nop ke hoach bao ve bi mat nha nuoc cho ai", True),
        ("sở văn hóa báo cáo kết quả phòng chống ma túy cho ai", True),
        ("hỗ trợ cho ai trong kế hoạch giảm nghèo", False),
        ("xã vĩnh yên sáp nhập về đâu", False),
        ("thôn nà pàn giờ thuộc về đâu", False),
        ("hội nghị tổ chức ở đâu", False),
        ("ai phải nộp báo cáo năm", False),
    ],
)
def test_questions_asking_where_a_report_goes(question: str, asked: bool) -> None:
    assert asks_where(fold(question)) is asked


PLAN = (
    HEADER
    + """Tăng cường công tác bảo vệ bí mật nhà nước
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về bảo vệ bí mật nhà nước.
II. NHIỆM VỤ
1. Sở Nội vụ
Hướng dẫn lưu trữ tài liệu mật.
III. TỔ CHỨC THỰC HIỆN
1. Căn cứ kế hoạch này, các sở, ban, ngành, UBND các xã, phường xây dựng kế hoạch cụ thể để triển khai thực hiện; \
kết quả thực hiện báo cáo về Công an tỉnh (qua Phòng An ninh chính trị nội bộ).
2. Các cơ quan, đơn vị, địa phương
- Báo cáo Ủy ban nhân dân tỉnh về kết quả kiểm tra (qua Văn phòng UBND tỉnh) khi tổng kết đợt kiểm tra.
"""
)


YEARLY = (
    HEADER
    + """Chuyển đổi số trong xây dựng
I. NHIỆM VỤ
1. Sở Xây dựng
Xây dựng cơ sở dữ liệu công trình.
II. TỔ CHỨC THỰC HIỆN
1. Các sở, ngành, địa phương
Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo kết quả thực hiện về Sở Xây dựng, để tổng hợp.
"""
)


async def ask(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path, text: str, unit: str | None = None, plan: str = PLAN
) -> str:
    """The folded reply to a question on a plan (the one above unless given), imported."""
    path = tmp_path / "kh.txt"
    path.write_text(plan, encoding="utf-8")
    outcomes = await import_paths(sessions, [path], now=NOW)
    assert outcomes[0].ok, outcomes[0].lines
    async with sessions() as session:
        return fold((await respond(session, message(text, unit))).as_plain_text())


async def test_an_undated_report_route_answers_where(sessions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reply = await ask(sessions, tmp_path, "kết quả thực hiện kế hoạch bảo vệ bí mật nhà nước báo cáo về đâu?")
    assert "gui cong an tinh qua phong an ninh chinh tri noi bo" in reply
    assert "muc iii.1" in reply


async def test_a_deadline_naming_its_recipient_answers_where_and_when(sessions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reply = await ask(sessions, tmp_path, "báo cáo kết quả kiểm tra gửi qua đâu, khi nào?", "tỉnh An Bình")
    assert "khi tong ket dot kiem tra" in reply
    assert "uy ban nhan dan tinh qua van phong ubnd tinh" in reply


async def test_a_dated_report_route_answers_with_its_day(sessions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # real (Đồng Tháp 597): the day written in words, the recipient after the verb
    reply = await ask(sessions, tmp_path, "báo cáo kết quả thực hiện gửi về đâu?", "tỉnh An Bình", plan=YEARLY)
    assert "han 30/11/2025" in reply
    assert "gui so xay dung" in reply


TWO_OWED = (
    HEADER
    + """Phòng, chống ma túy
I. NHIỆM VỤ
1. Sở Văn hóa, Thể thao và Du lịch
Tuyên truyền phòng, chống ma túy. Hoàn thành, báo cáo kết quả Ủy ban nhân dân tỉnh (qua Công an tỉnh) trong tháng \
12/2025.
II. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành, Ủy ban nhân dân xã, phường xây dựng kế hoạch triển khai (hoàn thành trong tháng 12/2025) \
gửi về Công an tỉnh (qua Phòng Tham mưu).
"""
)


@pytest.mark.parametrize(
    ("question", "sent_to", "not_sent_to"),
    [  # after the real Đồng Nai 182: two deadlines of the same month, owed by different bodies
        ("sở văn hóa báo cáo kết quả cho ai", "uy ban nhan dan tinh qua cong an tinh", "phong tham muu"),
        ("kế hoạch triển khai của xã gửi về đâu, hạn khi nào", "cong an tinh qua phong tham muu", "qua cong an tinh"),
    ],
)
async def test_the_deadline_owed_by_the_body_asked_about_answers(  # type: ignore[no-untyped-def]
    sessions, tmp_path: Path, question: str, sent_to: str, not_sent_to: str
) -> None:
    reply = await ask(sessions, tmp_path, question, "tỉnh An Bình", plan=TWO_OWED)
    assert sent_to in reply and "12/2025" in reply
    assert not_sent_to not in reply
