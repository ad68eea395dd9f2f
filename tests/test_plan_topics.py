"""Plans of another genre and year: the programme is named from the title, "the past" is relative to the plan's
year and the clock, and help and prompts name this database's units (a placeholder when it has none)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from handlers.dispatch import respond
from handlers.flows.registration import how_to_register
from handlers.snapshot import Indexes
from handlers.understand.plan_topics import earlier_year, programme, title_core
from storage.importer import import_paths
from storage.language.text import fold
from tests.test_core_data import message

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=VIETNAM)

# A commune's 2026 nông thôn mới plan, written for this test: last year's results, this year's targets, a quota
# table by village.
RURAL_2026 = """ỦY BAN NHÂN DÂN
XÃ HÒA PHÚ

Số: 12/KH-UBND

Hòa Phú, ngày 10 tháng 2 năm 2026

KẾ HOẠCH
Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2026 trên địa bàn xã Hòa Phú

I. KẾT QUẢ THỰC HIỆN NĂM 2025

Năm 2025, toàn xã có 3 thôn đạt chuẩn nông thôn mới; tỷ lệ hộ sử dụng nước sạch đạt 85%.

II. MỤC TIÊU

1. Chỉ tiêu năm 2026

Năm 2026, phấn đấu có thêm 2 thôn đạt chuẩn nông thôn mới; tỷ lệ hộ sử dụng nước sạch đạt 92%. Chỉ tiêu giao
cho từng thôn tại Phụ lục 1.

III. NHIỆM VỤ

1. Công chức Địa chính - Xây dựng

- Chủ trì hướng dẫn các thôn hoàn thiện tiêu chí giao thông, thủy lợi.
- Báo cáo kết quả 6 tháng về UBND xã trước ngày 15/6/2026.

CHỦ TỊCH

Nguyễn Văn Mẫu

Phụ lục 1
CHỈ TIÊU NÔNG THÔN MỚI CỦA CÁC THÔN NĂM 2026

TT	Tên đơn vị	Số tiêu chí nông thôn mới đạt thêm năm 2026 (tiêu chí)
1	Thôn Đông Hòa	3
2	Thôn Tây Hòa	2
"""


@pytest.fixture
async def rural(sessions: Sessions, tmp_path: Path) -> Sessions:
    """The database with only the 2026 nông thôn mới plan."""
    path = tmp_path / "xa-hoa-phu-ntm-2026.txt"
    path.write_text(RURAL_2026, encoding="utf-8")
    outcomes = await import_paths(sessions, [path], now=NOW)
    assert outcomes[0].ok, outcomes[0].lines
    return sessions


async def ask(db: Sessions, text: str, unit: str | None = None, now: datetime = NOW) -> str:
    """One question through respond(), folded."""
    async with db() as session:
        reply = await respond(session, message(text, unit, now=now))
        await session.commit()
    return fold(reply.text + "\n" + "\n".join(c.label for c in reply.choices))


async def test_a_programme_is_named_from_the_plans_title(rural: Sessions) -> None:
    reply = await ask(rural, "chỉ tiêu thôn Đông Hòa")
    assert "3 tieu chi" in reply
    assert "nguon: kh so 12/kh-ubnd xay dung nong thon moi 2026 cua ubnd xa hoa phu" in reply


def test_programme_keeps_the_title_words_its_indicators_repeat() -> None:
    poverty = SimpleNamespace(id=1, title="Kế hoạch thực hiện công tác giảm nghèo bền vững năm 2024")
    assert title_core(poverty.title) == ["giảm", "nghèo", "bền", "vững"]
    targets = [SimpleNamespace(plan_id=1, indicator=i) for i in ("giảm hộ nghèo", "tỷ lệ hộ nghèo", "giảm hộ nghèo")]
    snap = SimpleNamespace(targets=targets, indexes=Indexes())
    assert programme(snap, poverty) == "giảm nghèo"  # type: ignore[arg-type]
    digital = SimpleNamespace(id=2, title="Kế hoạch Chuyển đổi số năm 2026 của xã Tân Lập; giai đoạn 2026-2030")
    assert programme(None, digital) == "chuyển đổi số"
    listed = SimpleNamespace(id=3, title="KẾ HOẠCH Triển khai thực hiện chương trình MTQG Giảm nghèo; Việc làm")
    assert programme(None, listed) == "giảm nghèo"
    drugs = SimpleNamespace(id=4, title="Kế hoạch TRIỂN KHAI CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030")
    assert programme(None, drugs) == "phòng, chống ma túy"  # a title in capitals; a comma inside the topic
    network = SimpleNamespace(id=5, title="KẾ HOẠCH PHÁT TRIỂN HẠ TẦNG 5G TRÊN ĐỊA BÀN THÀNH PHỐ")
    assert programme(None, network) == "phát triển hạ tầng 5G"


def test_the_past_is_relative_to_the_plans_year() -> None:
    assert earlier_year("ket qua nam 2025", 2026) == "nam 2025"
    assert earlier_year("ty le nam 2025", 2025) is None
    assert earlier_year("cuoi nam 2023 con bao nhieu", 2024) == "nam 2023"
    assert earlier_year("giai doan 2021-2025", 2024) is None  # a period is no year asked


async def test_last_year_of_a_2026_plan_is_its_result_and_this_year_its_target(rural: Sessions) -> None:
    past = await ask(rural, "tỷ lệ hộ sử dụng nước sạch năm 2025 của xã Hòa Phú")
    assert "ket qua nam 2025" in past and "85%" in past and "92%" not in past.split("«")[0]
    now = await ask(rural, "tỷ lệ hộ sử dụng nước sạch của xã Hòa Phú năm 2026")
    assert "92%" in now.split("«")[0] and "ket qua nam" not in now
    last_year = await ask(rural, "tỷ lệ hộ dùng nước sạch năm ngoái xã Hòa Phú")
    assert "ket qua nam 2025" in last_year


async def test_help_and_prompts_name_this_databases_units_and_programme(rural: Sessions) -> None:
    help_text = await ask(rural, "trợ giúp")
    assert "chi tieu xay dung nong thon moi cua xa" in help_text  # the menu names the loaded programme
    assert "thon dong hoa" in help_text and "nam 2026" in help_text
    assert "xuan bai" not in help_text and "giam ngheo" not in help_text
    assert "chi tieu thon dong hoa" in await ask(rural, "chỉ tiêu")
    own = await ask(rural, "trợ giúp", unit="Tây Hòa")
    assert "chi tieu xay dung nong thon moi thon tay hoa" in own  # the asker's own unit first
    async with rural() as session:
        assert "đăng ký thôn Đông Hòa" in await how_to_register(session)


async def test_an_empty_database_shows_a_placeholder(sessions: Sessions) -> None:
    help_text = await ask(sessions, "trợ giúp", now=datetime(2024, 5, 15, 9, 0, tzinfo=VIETNAM))
    assert "<ten xa>" in help_text and "xuan bai" not in help_text
    async with sessions() as session:
        assert "đăng ký xã <tên xã>" in await how_to_register(session)


def test_year_words_of_the_clock() -> None:
    """The clock's year is the reference when no plan is asked about (reference_year)."""
    from handlers.understand.plan_topics import reference_year

    snap = SimpleNamespace(plans={})
    assert reference_year(snap, [], date(2027, 1, 5)) == 2027  # type: ignore[arg-type]


def test_a_short_title_skips_the_document_carried_out_and_ends_where_a_phrase_ends() -> None:
    def short(title: str) -> str:
        return programme(None, SimpleNamespace(id=9, title=title))  # type: ignore[arg-type]

    # real titles (plans-real 05, 01, 09, 10), then variations written for this test
    cited = "Kế hoạch triển khai thực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ ban hành Kế hoạch "
    cited += "hành động của Chính phủ về thúc đẩy tạo lập dữ liệu phục vụ chuyển đổi số toàn diện"
    assert short(cited) == "thúc đẩy tạo lập dữ liệu"
    assert short("Kế hoạch phát triển kinh tế số và xã hội số trên địa bàn tỉnh Đồng Nai") == "phát triển kinh tế số"
    assert short("Kế hoạch khắc phục môi trường và phòng, chống dịch bệnh truyền nhiễm sau lụt bão") == (
        "khắc phục môi trường"
    )
    assert short("Kế hoạch triển khai thi hành Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn") == (
        "thi hành luật sửa đổi"
    )
    assert short("Kế hoạch thực hiện Chỉ thị số 05/CT-UBND ngày 02/3/2026 của UBND tỉnh về phòng cháy rừng") == (
        "phòng cháy rừng"
    )
    decided = "Kế hoạch thực hiện Quyết định số 7/QĐ-UBND ngày 1/2/2026 của UBND huyện phê duyệt đề án nước sạch"
    assert short(decided) == "đề án nước sạch"
    assert short("Kế hoạch phòng, chống bão lũ năm 2026") == "phòng, chống bão lũ"  # not cut: kept whole
