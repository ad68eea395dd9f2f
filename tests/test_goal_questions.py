"""Goals wherever a plan states them and questions about them: a figure set as a goal under MỤC ĐÍCH, YÊU CẦU, a
ratio with a ceiling, "bao nhiêu" with any counted noun, a unit named alone, and a statement when no goal fits."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from handlers.understand.intent import classify
from storage.importer import import_paths, prepare
from storage.importer.measures import find_measured
from tests.plan_files import import_texts
from tests.test_plan_topics import ask

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2025, 12, 10, 9, 0, tzinfo=VIETNAM)

# The held-out MTTQ plan's shape: its goals stand under "MỤC ĐÍCH, YÊU CẦU", not under "MỤC TIÊU".
ELECTION = """ỦY BAN MTTQ VIỆT NAM
XÃ HÒA AN
BAN THƯỜNG TRỰC

Số: 12/KH-MTTQ-BTT

Hòa An, ngày 03 tháng 12 năm 2025

KẾ HOẠCH
Tổ chức hội nghị hiệp thương giới thiệu người ứng cử đại biểu Hội đồng nhân dân xã Hòa An

Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015;

I. MỤC ĐÍCH, YÊU CẦU

1. Tổ chức các hội nghị hiệp thương đúng trình tự, bảo đảm dân chủ, 100% cán bộ được quán triệt.

2. Phấn đấu tỷ lệ cử tri đi bầu cử đạt trên 98%; bảo đảm tỷ lệ người ứng cử là phụ nữ tối thiểu 35% tổng
số người trong danh sách chính thức.

II. NỘI DUNG

1. Hội nghị hiệp thương lần thứ nhất hoàn thành trước ngày 22/12/2025.

2. Các thôn tổ chức hội nghị cử tri; phấn đấu mỗi thôn có ít nhất 2 người được giới thiệu.
"""

# A variation written for this test: a farmers' union, its goal in the aims with other words ("ít nhất ... hộ").
FARMERS = """HỘI NÔNG DÂN XÃ TÂN LẬP

Số: 05/KH-HND

Tân Lập, ngày 15 tháng 11 năm 2025

KẾ HOẠCH
Hỗ trợ nông dân phát triển sản xuất năm 2026

I. MỤC ĐÍCH

Hỗ trợ ít nhất 120 hộ nông dân vay vốn phát triển sản xuất; tổ chức 4 lớp tập huấn kỹ thuật.

II. NHIỆM VỤ

Các chi hội rà soát nhu cầu vay vốn của hội viên.
"""

# The held-out party committee plan's shape: a count and a rate on the same words ("kết nạp ... đảng viên mới").
MEMBERS = """ĐẢNG ỦY XÃ HÒA AN

Số 20-KH/ĐU

Hòa An, ngày 02 tháng 10 năm 2025

KẾ HOẠCH
Thực hiện công tác phát triển đảng viên nhiệm kỳ 2025 - 2030

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao chất lượng đảng viên.

II. CHỈ TIÊU

1. Mỗi năm kết nạp ít nhất 25 đảng viên mới.

2. Hằng năm có trên 85% chi bộ trực thuộc kết nạp được đảng viên mới.

III. NHIỆM VỤ

1. Tạo nguồn kết nạp đảng viên từ đoàn viên thanh niên.
"""

# A population plan's shape: a level to come down to in "con", and a ratio with a ceiling.
POPULATION = """BAN CHỈ ĐẠO CÔNG TÁC DÂN SỐ TỈNH HÒA BÌNH

Số: 07/KH-BCĐ

Hòa Bình, ngày 20 tháng 10 năm 2025

KẾ HOẠCH
Thực hiện công tác dân số và phát triển giai đoạn 2026 - 2030

I. MỤC TIÊU

a) Tổng tỷ suất sinh giảm từ 2,45 con xuống còn 2,3 con;

b) Tỷ số giới tính khi sinh dưới 109 bé trai/100 bé gái;

c) Số giường bệnh đạt 32 giường bệnh/10.000 dân vào năm 2030.

II. NHIỆM VỤ

Sở Y tế chủ trì tuyên truyền về dân số.
"""


def read(tmp_path: Path, name: str, text: str) -> list[tuple[float | None, str | None, str | None]]:
    """The targets the importer reads from a plan text: (value, measure, form)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(t.value, t.measure, t.form) for t in prepare(path).facts.targets]


def test_goals_under_the_aims_are_read_when_the_sentence_sets_them(tmp_path: Path) -> None:
    found = read(tmp_path, "xa-hoa-an-mttq.txt", ELECTION)
    assert (98, "%", "at_least") in found and (35, "%", "at_least") in found
    assert (100, "%", "reach") not in found  # "100% cán bộ được quán triệt": a requirement, not a goal set
    assert (2, "người", "at_least") in found  # "phấn đấu ... ít nhất 2 người" under NỘI DUNG: a goal in any part
    assert read(tmp_path, "xa-tan-lap-hnd.txt", FARMERS) == [(120, "hộ", "at_least")]  # "4 lớp" has no goal word


def test_a_ratio_with_a_ceiling_is_a_target(tmp_path: Path) -> None:
    found = read(tmp_path, "tinh-hoa-binh-dan-so.txt", POPULATION)
    assert (109, "bé trai/100 bé gái", "at_most") in found
    assert (32, "giường bệnh/10.000 dân", "reach") in found  # the ratio's second term stops before "vào năm"
    assert (2.3, "con", "reduce_to") in found
    assert not find_measured("ngày 20/01/2025 theo Quyết định 155/QĐ-TTg")


def test_bao_nhieu_with_any_counted_noun_asks_for_a_target() -> None:
    assert classify("moi nam phai ket nap bao nhieu dang vien moi")[0] == "target"
    assert classify("xay may tram y te")[0] == "target"
    assert "target" not in classify("trang bi may tinh")  # "máy tính" is no count
    assert classify("con bao nhieu ngay")[0] == "deadline"


@pytest.fixture
async def plans(sessions: Sessions, tmp_path: Path) -> Sessions:
    """The election, party and population plans above."""
    await import_texts(sessions, tmp_path, {"mttq": ELECTION, "dang-uy": MEMBERS, "dan-so": POPULATION}, NOW)
    return sessions


async def test_a_count_asked_is_answered_by_the_count_not_the_rate(plans: Sessions) -> None:
    reply = await ask(plans, "moi nam xa hoa an phai ket nap bao nhieu dang vien moi", now=NOW)
    assert "it nhat 25 dang vien moi" in reply and "85%" not in reply.split("«")[0]


async def test_a_unit_named_alone_lists_its_own_goals(plans: Sessions) -> None:
    reply = await ask(plans, "xã Hòa An", now=NOW)
    assert "chua giao so lieu" not in reply
    assert "25 dang vien" in reply and "98%" in reply


async def test_goals_under_the_aims_answer_their_questions(plans: Sessions) -> None:
    assert "tren 98%" in await ask(plans, "ty le cu tri di bau phan dau dat bao nhieu", now=NOW)
    assert "toi thieu 35%" in await ask(plans, "tỷ lệ nữ ứng cử tối thiểu bao nhiêu %", now=NOW)


async def test_a_level_and_a_ratio_are_said_as_the_plan_sets_them(plans: Sessions) -> None:
    fertility = await ask(plans, "tổng tỷ suất sinh giảm còn bao nhiêu con", now=NOW)
    assert "xuong con 2,3 con (tu 2,45 con)" in fertility and "giam 2,3 con" not in fertility
    ratio = await ask(plans, "tỷ số giới tính khi sinh mục tiêu là bao nhiêu", now=NOW)
    assert "duoi 109 be trai/100 be gai" in ratio and "2,3" not in ratio


# A variation: the ratio is asked but the plan sets none in figures, only a task about it; and a festival plan that
# sets no target at all, its figure inside a task.
NO_RATIO = """BAN CHỈ ĐẠO CÔNG TÁC DÂN SỐ TỈNH HÒA BÌNH

Số: 09/KH-BCĐ

Hòa Bình, ngày 20 tháng 10 năm 2025

KẾ HOẠCH
Thực hiện công tác dân số năm 2026

I. MỤC TIÊU

Tổng tỷ suất sinh giảm từ 2,45 con xuống còn 2,3 con.

II. NHIỆM VỤ

Sở Y tế kiểm soát tình trạng mất cân bằng giới tính khi sinh, đưa tỷ số giới tính khi sinh về mức cân bằng tự
nhiên.
"""
FESTIVAL = """ỦY BAN NHÂN DÂN XÃ HÒA AN

Số: 08/KH-UBND

Hòa An, ngày 01 tháng 10 năm 2025

KẾ HOẠCH
Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025

I. NHIỆM VỤ

Ban công tác Mặt trận các thôn tổ chức ngày hội; bảo đảm 100% khu dân cư tổ chức ngày hội trước ngày 18/11/2025.
"""


@pytest.fixture
async def unset(sessions: Sessions, tmp_path: Path) -> Sessions:
    """Plans that set no figure for what is asked."""
    await import_texts(sessions, tmp_path, {"dan-so-2026": NO_RATIO, "ngay-hoi": FESTIVAL}, NOW)
    return sessions


async def test_a_target_sharing_one_word_is_not_the_answer(unset: Sessions) -> None:
    reply = await ask(unset, "tỷ số giới tính khi sinh mục tiêu là bao nhiêu", now=NOW)
    assert "2,3" not in reply and "can bang tu nhien" in reply


async def test_a_plan_with_no_target_quotes_the_statement_that_holds_the_figure(unset: Sessions) -> None:
    reply = await ask(unset, "kế hoạch 08/KH-UBND tỷ lệ khu dân cư tổ chức ngày hội bao nhiêu %", now=NOW)
    assert "100% khu dan cu" in reply and "khong dat chi tieu" not in reply


# The present stated beside a goal: "hiện có bao nhiêu" is answered by the statement, not the goal.
NETWORK = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH

Số: 31/KH-UBND

Hòa Bình, ngày 05 tháng 11 năm 2025

KẾ HOẠCH
Phát triển hạ tầng 5G trong các khu công nghiệp đến năm 2030

I. THỰC TRẠNG

Hiện nay, trên địa bàn tỉnh có 40 trạm thu phát sóng tại các khu công nghiệp, trong đó có 6 trạm 5G.

II. MỤC TIÊU

Đến năm 2030, 100% khu công nghiệp có trạm 5G.

III. NHIỆM VỤ

Sở Khoa học và Công nghệ chủ trì hướng dẫn doanh nghiệp viễn thông lắp đặt trạm.
"""


async def test_the_present_asked_is_answered_by_the_statement_of_it(plans: Sessions, tmp_path: Path) -> None:
    path = tmp_path / "tinh-hoa-binh-5g.txt"
    path.write_text(NETWORK, encoding="utf-8")
    assert (await import_paths(plans, [path], now=NOW))[0].ok
    reply = await ask(plans, "hiện có bao nhiêu trạm 5G trong các khu công nghiệp", now=NOW)
    assert "6 tram 5g" in reply and "khong ghi so lieu hien trang" not in reply


def test_a_rate_keeps_the_group_its_la_names(tmp_path: Path) -> None:
    path = tmp_path / "xa-hoa-an-mttq.txt"
    path.write_text(ELECTION, encoding="utf-8")
    names = {t.value: t.indicator for t in prepare(path).facts.targets}
    assert names[35] == "tỷ lệ người ứng cử là phụ nữ"
    staff = ELECTION.replace(
        "2. Phấn đấu tỷ lệ cử tri",
        "3. Tỷ lệ cán bộ là người dân tộc thiểu số đạt trên 15%; tỷ lệ hộ nghèo là 3%.\n\n2. Phấn đấu tỷ lệ cử tri",
    )
    path.write_text(staff, encoding="utf-8")
    names = {t.value: t.indicator for t in prepare(path).facts.targets}
    assert names[15] == "tỷ lệ cán bộ là người dân tộc thiểu số"
