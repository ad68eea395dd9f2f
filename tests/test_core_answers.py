"""The conversation core on a small fixture database: each kind of question, ambiguity, unknown units."""

from __future__ import annotations

import re
import unicodedata

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.messages import Reply
from storage.language.text import fold
from tests.test_core_data import build, message


@pytest.fixture
async def db(sessions: async_sessionmaker[AsyncSession]) -> async_sessionmaker[AsyncSession]:
    """The fixture plans, committed."""
    async with sessions() as session:
        await build(session)
        await session.commit()
    return sessions


async def ask(db: async_sessionmaker[AsyncSession], text: str, unit: str | None = None, user: str = "cli:t") -> Reply:
    """One message through respond(), committed like the CLI does."""
    async with db() as session:
        reply = await respond(session, message(text, unit, user))
        await session.commit()
    return reply


def folded(reply: Reply) -> str:
    """The reply as the eval compares it: folded, thousands dots dropped."""
    return fold(reply.as_plain_text()).replace("93.506", "93506")


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("Chỉ tiêu giảm hộ nghèo năm 2024 của xã Xuân Bái là bao nhiêu?", None, ["xa xuan bai", "giam 4 ho ngheo"]),
        ("chi tieu giam ngheo xa tho xuong", None, ["11 ho"]),
        ("thị trấn Sao Vàng phải giảm bao nhiêu hộ nghèo, trong đó bao nhiêu hộ có KNLĐ?", None, ["10 ho", "8 ho co"]),
        ("Xã mình năm nay phải giảm mấy hộ nghèo?", "Thọ Lâm", ["10 ho"]),
        ("TT Lam Sơn giảm mấy hộ nghèo", None, ["thi tran lam son", "6 ho"]),
        ("chi tieu x. Xuan Bai", None, ["4 ho"]),
    ],
)
async def test_quota_of_a_unit_with_breakdown_and_source(db, text: str, unit: str | None, expected: list[str]) -> None:
    reply = folded(await ask(db, text, unit))
    for part in expected:
        assert part in reply
    assert "nguon: kh giam ngheo 2024 cua ubnd huyen tho xuan, phu luc 01" in reply


async def test_district_total_and_ranking(db) -> None:
    total = folded(await ask(db, "Tổng chỉ tiêu giảm hộ nghèo toàn huyện?", "huyện Thọ Xuân"))
    assert "tong chi tieu giam 86 ho ngheo" in total and "12 don vi" in total
    ranking = folded(await ask(db, "xã nào có chỉ tiêu cao nhất?", "huyện Thọ Xuân"))
    assert "cao nhat:" in ranking and "xa tho xuong" in ranking and "(11 ho)" in ranking
    lowest = folded(await ask(db, "xã nào chỉ tiêu thấp nhất", "huyện Thọ Xuân"))
    assert "thap nhat: xa xuan hoa (2 ho)" in lowest


async def test_commune_asker_ranking_uses_its_district(db) -> None:
    reply = folded(await ask(db, "xã nào giảm nhiều nhất huyện", "Xuân Bái"))
    assert "11 ho" in reply and "cao nhat" in reply


async def test_targets_rates_counts_and_previous_year(db) -> None:
    rate = folded(await ask(db, "Tỷ lệ hộ nghèo của xã phấn đấu giảm xuống còn bao nhiêu?", "Trà Lâm"))
    assert "0,82% → 0,79%" in rate
    housing = folded(await ask(db, "Năm 2024 hỗ trợ nhà ở cho bao nhiêu hộ?", "Trà Lâm"))
    assert "27 ho" in housing
    past = folded(await ask(db, "năm 2023 xã còn bao nhiêu hộ nghèo", "Tân Mộc"))
    assert "ket qua nam 2023: 58 ho ngheo" in past


async def test_duties_of_office_post_unit_and_project_lead(db) -> None:
    finance = folded(await ask(db, "P. TC-KH huyện Thọ Xuân có nhiệm vụ gì?"))
    assert "tien dien" in finance and "bhyt" in finance and "muc iii.2.6" in finance
    accountant = folded(await ask(db, "Công chức tài chính kế toán của xã phải làm gì?", "Tân Mộc"))
    assert "tham dinh quyet toan" in accountant
    health = folded(await ask(db, "So y te Dong Thap chiu trach nhiem gi"))
    assert "dinh duong" in health
    mine = folded(await ask(db, "tôi phải làm gì", "Xuân Bái"))
    assert "ra soat" in mine and "ubnd cac xa, thi tran" in mine
    lead = folded(await ask(db, "ai chủ trì DA2?", "Tân Mộc"))
    assert "du an 2: chu tri — cong chuc lao dong- tb&xh" in lead


async def test_deadlines_for_the_askers_plan(db) -> None:
    six = folded(await ask(db, "Hạn nộp báo cáo 6 tháng là khi nào?", "Xuân Bái"))
    assert "20/6/2024" in six and "con 36 ngay" in six
    year = folded(await ask(db, "còn bao nhiêu ngày nữa là hết hạn báo cáo năm?", "Thọ Diên"))
    assert "30/10/2024" in year and "168 ngay" in year
    province = folded(await ask(db, "Các sở báo cáo 6 tháng trước ngày nào?", "Đồng Tháp"))
    assert "15/6/2024" in province and "20/6" not in province
    nxt = folded(await ask(db, "hạn sắp tới", "Xuân Bái"))
    assert "20/6/2024" in nxt
    every = folded(await ask(db, "các hạn báo cáo", "Xuân Bái"))
    assert "20/3/2024" in every and "30/10/2024" in every


async def test_overdue_deadlines_at_the_bots_clock(db) -> None:
    from datetime import datetime

    from bot.clock import VIETNAM

    async with db() as session:
        late = message("hạn nào đã quá hạn?", "Xuân Bái", now=datetime(2024, 7, 1, 9, tzinfo=VIETNAM))
        reply = folded(await respond(session, late))
    assert "qua han 11 ngay" in reply and "20/6/2024" in reply and "30/10" not in reply


async def test_no_deadline_ahead_and_a_past_years_plan_say_so(db) -> None:
    from datetime import datetime

    from bot.clock import VIETNAM

    async with db() as session:
        december = message("hạn sắp tới", "Xuân Bái", now=datetime(2024, 12, 20, 9, tzinfo=VIETNAM))
        after = folded(await respond(session, december))
        later = message("han bao cao 6 thang", "Xuân Bái", now=datetime(2026, 11, 29, 9, tzinfo=VIETNAM))
        old_plan = folded(await respond(session, later))
    assert "khong con han nao sap toi" in after and "30/10/2024" in after and "luu y" not in after
    assert "20/6/2024" in old_plan and "ke hoach nam 2024" in old_plan and "nam 2026" in old_plan


async def test_budgets_project_parts_and_total_sources(db) -> None:
    p2 = folded(await ask(db, "Kinh phí Dự án 2 năm 2024 là bao nhiêu?", "Tân Mộc"))
    assert "du an 2: 340 trieu" in p2
    p1 = folded(await ask(db, "kinh phi DA1", "Tân Mộc"))
    assert "68 trieu" in p1 and "nha o: 44 trieu" in p1
    total = folded(await ask(db, "Tổng nguồn vốn thực hiện chương trình năm 2024?", "Đồng Tháp"))
    assert "93506 trieu" in total and "ngan sach trung uong: 70.871" in total


async def test_helpers_both_ways(db) -> None:
    office = folded(await ask(db, "Cơ quan nào được phân công giúp đỡ xã Xuân Phú giảm nghèo?"))
    assert "cong an huyen" in office and "le duy niem" in office
    member = folded(await ask(db, "Đồng chí Phạm Văn Luận phụ trách những xã nào?"))
    assert all(name in member for name in ("lam son", "tho lam", "xuan sinh"))
    covered = folded(await ask(db, "Phòng Thanh tra giúp đỡ xã nào?"))
    assert "xa tho lam" in covered
    district = folded(await ask(db, "cơ quan nào giúp đỡ các xã", "huyện Thọ Xuân"))
    assert "xa xuan phu: cong an huyen; bcd: le duy niem" in district
    assert "thi tran lam son: ngan hang" in district and "muc tieu" not in district


async def test_plan_facts(db) -> None:
    reply = folded(await ask(db, "kế hoạch số mấy, ai ký?", "Xuân Bái"))
    assert "khong ghi so" in reply and "nguyen xuan hai" in reply and "ubnd huyen tho xuan" in reply


@pytest.mark.parametrize(
    "text",
    [
        "chi tieu giam ngheo xa xuan bai",
        unicodedata.normalize("NFD", "Chỉ tiêu giảm nghèo xã Xuân Bái"),
        "chi tieu xa xuaan baif",
        "CHỈ TIÊU GIẢM NGHÈO XÃ XUÂN BÁI",
    ],
)
async def test_folding_nfd_and_telex(db, text: str) -> None:
    assert "giam 4 ho ngheo" in folded(await ask(db, text))


async def test_old_and_new_tone_placement(db) -> None:
    assert "2 ho ngheo" in folded(await ask(db, "chỉ tiêu xã Xuân Hoà"))
    assert "2 ho ngheo" in folded(await ask(db, "chỉ tiêu xã Xuân Hòa"))


async def test_close_name_resolved_by_context(db) -> None:
    reply = folded(await ask(db, "chỉ tiêu xã Xuân Tân"))
    assert "xa xuan tin" in reply and "5 ho" in reply


async def test_ambiguous_name_asks_back_and_the_choice_answers(db) -> None:
    reply = await ask(db, "chỉ tiêu Thọ Xuân", user="tg:77")
    assert len(reply.choices) == 2 and "don vi nao" in fold(reply.text)
    assert {"Thị trấn Thọ Xuân, huyện Thọ Xuân, tỉnh Thanh Hóa", "Huyện Thọ Xuân, tỉnh Thanh Hóa"} == {
        c.label for c in reply.choices
    }
    town = next(c for c in reply.choices if c.label.startswith("Thị trấn"))
    assert "8 ho" in folded(await ask(db, town.value))
    picked = folded(await ask(db, "1", user="tg:77"))
    assert "ho ngheo" in picked


async def test_context_picks_the_askers_namesake(db) -> None:
    reply = folded(await ask(db, "chỉ tiêu Thọ Xuân", "Thọ Xuân"))
    assert "don vi nao" not in reply


async def test_unknown_unit_says_so_without_a_figure(db) -> None:
    reply = folded(await ask(db, "Chỉ tiêu giảm hộ nghèo của xã Hoàng Sa?"))
    assert "khong tim thay xa hoang sa" in reply
    assert not re.search(r"\b\d+ ho ngheo", reply)


async def test_quota_without_a_unit_asks_which(db) -> None:
    reply = folded(await ask(db, "chỉ tiêu giảm nghèo là bao nhiêu"))
    assert "don vi nao" in reply


async def test_retrieval_cites_the_passage(db) -> None:
    reply = folded(await ask(db, "rà soát hộ nghèo theo nguyên nhân", "Xuân Bái"))
    assert "ra soat" in reply and "nguon:" in reply


async def test_nothing_relevant_suggests_questions(db) -> None:
    reply = folded(await ask(db, "thời tiết hôm nay thế nào"))
    assert "khong tim thay" in reply and "ban co the hoi" in reply


async def test_greeting_and_help(db) -> None:
    assert "xin chao" in folded(await ask(db, "chào bot"))
    assert "vi du" in folded(await ask(db, "/help"))


async def test_replies_fit_one_message(db) -> None:
    for text in ("các hạn báo cáo", "Phòng Tài chính - Kế hoạch có nhiệm vụ gì", "xã nào cao nhất", "tôi phải làm gì"):
        reply = await ask(db, text, "huyện Thọ Xuân")
        assert len(reply.as_plain_text()) <= 2000
