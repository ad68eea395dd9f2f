"""A "when" question about something no deadline of the plans is about ("lịch thi tốt nghiệp ngày nào") gets "không
tìm thấy" and what the plans do speak of, not the list of every deadline; a "when" question about a deadline the
plans set keeps its date."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from handlers.dispatch import respond
from storage.language.text import fold
from tests.plan_files import import_texts
from tests.test_core_data import message

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM)

# Written for this test after the closing paragraphs of the real plans (plans-real 04 and 08: "báo cáo ... trước
# ngày 30 tháng 11 hàng năm"), with a plan of another kind, office and date.
PLAN = """ỦY BAN NHÂN DÂN
TỈNH {PROVINCE}

Số: {NUMBER}/KH-UBND

{PROVINCE_NAME}, ngày 10 tháng 2 năm 2026

KẾ HOẠCH
{TITLE}

I. MỤC TIÊU

{GOAL}

II. TỔ CHỨC THỰC HIỆN

1. {OFFICE} chủ trì, tổng hợp, báo cáo kết quả thực hiện Kế hoạch về Ủy ban nhân dân tỉnh trước ngày {DAY}.

CHỦ TỊCH

Nguyễn Văn Một
"""


@pytest.fixture
async def plans(sessions: Sessions, tmp_path: Path) -> Sessions:
    """A plan on digital transport infrastructure and one on vaccination, each with one dated report."""
    texts = [
        dict(
            PROVINCE="ĐỒNG THÁP",
            PROVINCE_NAME="Đồng Tháp",
            NUMBER="597",
            TITLE="Chuyển đổi số trong quản lý hạ tầng giao thông",
            GOAL="100% hồ sơ công trình giao thông được số hóa và quản lý trên nền tảng số.",
            OFFICE="Sở Xây dựng",
            DAY="30/11/2026",
        ),
        dict(
            PROVINCE="LAI CHÂU",
            PROVINCE_NAME="Lai Châu",
            NUMBER="88",
            TITLE="Tiêm chủng mở rộng cho trẻ em",
            GOAL="Trên 95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin.",
            OFFICE="Sở Y tế",
            DAY="15/12/2026",
        ),
    ]
    await import_texts(sessions, tmp_path, {f"kh-{fields['NUMBER']}": PLAN.format(**fields) for fields in texts}, NOW)
    return sessions


async def ask(db: Sessions, text: str) -> str:
    async with db() as session:
        reply = await respond(session, message(text, user="cli:when", now=NOW))
        await session.commit()
    return fold(reply.text)


async def test_a_when_question_no_deadline_is_about_is_not_answered_with_every_deadline(plans: Sessions) -> None:
    exam = await ask(plans, "lịch thi tốt nghiệp THPT năm 2026 là ngày nào?")
    assert "khong tim thay" in exam and "30/11/2026" not in exam and "15/12/2026" not in exam
    assert "cac ke hoach da nhap noi ve: chuyen doi so; tiem chung mo rong cho tre em" in exam  # what they do say
    fee = await ask(plans, "ngay nao tang gia ve tham quan bao tang")
    assert "khong tim thay" in fee and "30/11/2026" not in fee


async def test_a_when_question_about_a_deadline_the_plans_set_keeps_its_date(plans: Sessions) -> None:
    transport = await ask(plans, "báo cáo kết quả chuyển đổi số hạ tầng giao thông trước ngày nào?")
    assert "30/11/2026" in transport
    vaccines = await ask(plans, "han bao cao ket qua tiem chung mo rong la ngay nao")
    assert "15/12/2026" in vaccines
