"""Budget answers on plans of several years: a year asked is answered from the plan's year table (or its period's
figures, said so); a source asked by the words that matter gets the plan total's figure first, then each year's;
a report's route is not taken for a money question; the totals are checked within one plan only."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from handlers.answers.budget_rows import asked_years, of_years, row_year
from handlers.answers.budgets import _check
from handlers.dispatch import respond
from handlers.understand.intent import classify
from storage.language.normalize import fold_expand
from storage.language.text import fold
from tests.plan_files import import_texts
from tests.test_core_data import message

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 4, 2, 9, 0, tzinfo=VIETNAM)

# After the held-out commune plan (xã Phúc Lâm, 45/KH-UBND): a total with its sources in the budget section, and
# a year table in an appendix whose source columns drop the verb ("Huy động nhân dân đóng góp" -> "Nhân dân
# đóng góp").
COUNTRYSIDE = """ỦY BAN NHÂN DÂN
XÃ PHÚC LÂM

Số: 45/KH-UBND

Phúc Lâm, ngày 14 tháng 8 năm 2025

KẾ HOẠCH
Xây dựng xã Phúc Lâm đạt chuẩn nông thôn mới nâng cao giai đoạn 2025 - 2027

I. MỤC ĐÍCH, YÊU CẦU

1. Huy động các nguồn lực để hoàn thành các tiêu chí còn thiếu.

II. KINH PHÍ

Tổng kinh phí thực hiện giai đoạn 2025 - 2027 là 12,6 tỷ đồng, trong đó:

- Ngân sách Trung ương: 5,4 tỷ đồng;

- Ngân sách tỉnh: 3.800 triệu đồng;

- Ngân sách xã: 1.900 triệu đồng;

- Huy động nhân dân đóng góp: 1.500 triệu đồng.

Kinh phí từng năm tại Phụ lục 02 kèm theo.

III. TỔ CHỨC THỰC HIỆN

1. Phòng Kinh tế

Chủ trì triển khai Kế hoạch; báo cáo tiến độ giải ngân vốn hằng quý gửi UBND xã.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lò Văn Thắng

Phụ lục 02
KINH PHÍ TỪNG NĂM

Đơn vị tính: triệu đồng

Năm\tTổng\tNgân sách Trung ương\tNgân sách tỉnh\tNgân sách xã\tNhân dân đóng góp
2025\t2.100\t900\t600\t300\t300
2026\t5.200\t2.300\t1.600\t700\t600
2027\t5.300\t2.200\t1.600\t900\t600
Tổng cộng\t12.600\t5.400\t3.800\t1.900\t1.500
"""

# Written for this test: another commune, another programme and period, another source ("Vận động doanh nghiệp
# tài trợ" in the text, "Doanh nghiệp tài trợ" in the table), the report sent to another office.
DIGITAL = """ỦY BAN NHÂN DÂN
XÃ TÂN HÒA

Số: 27/KH-UBND

Tân Hòa, ngày 3 tháng 3 năm 2026

KẾ HOẠCH
Chuyển đổi số xã Tân Hòa giai đoạn 2026 - 2028

I. MỤC ĐÍCH, YÊU CẦU

1. Đưa dịch vụ công trực tuyến đến từng hộ dân.

II. KINH PHÍ

Tổng kinh phí thực hiện giai đoạn 2026 - 2028 là 3,6 tỷ đồng, trong đó:

- Ngân sách tỉnh: 2.000 triệu đồng;

- Ngân sách xã: 700 triệu đồng;

- Vận động doanh nghiệp tài trợ: 900 triệu đồng.

Kinh phí từng năm tại Phụ lục kèm theo.

III. TỔ CHỨC THỰC HIỆN

1. Văn phòng HĐND và UBND xã

Chủ trì triển khai Kế hoạch; báo cáo tiến độ giải ngân kinh phí hằng quý gửi Phòng Văn hóa - Xã hội.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Hà Văn Sơn

Phụ lục
KINH PHÍ TỪNG NĂM

Đơn vị tính: triệu đồng

Năm\tTổng\tNgân sách tỉnh\tNgân sách xã\tDoanh nghiệp tài trợ
2026\t1.000\t600\t200\t200
2027\t1.300\t700\t250\t350
2028\t1.300\t700\t250\t350
Tổng cộng\t3.600\t2.000\t700\t900
"""

# Written for this test: a plan of three years whose budget is not split by year.
UNSPLIT = """ỦY BAN NHÂN DÂN
XÃ BẢN SEN

Số: 12/KH-UBND

Bản Sen, ngày 5 tháng 1 năm 2026

KẾ HOẠCH
Phát triển du lịch cộng đồng xã Bản Sen giai đoạn 2026 - 2028

I. MỤC ĐÍCH, YÊU CẦU

1. Phát triển du lịch cộng đồng gắn với bảo tồn bản sắc văn hóa.

II. KINH PHÍ

Tổng kinh phí thực hiện giai đoạn 2026 - 2028 là 800 triệu đồng, trong đó:

- Ngân sách tỉnh: 500 triệu đồng;

- Ngân sách xã: 300 triệu đồng.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Vi Văn Khánh
"""


@pytest.fixture
async def plans(sessions: Sessions, tmp_path: Path) -> Sessions:
    """The three plans, imported."""
    await import_texts(sessions, tmp_path, {"phuc-lam": COUNTRYSIDE, "tan-hoa": DIGITAL, "ban-sen": UNSPLIT}, NOW)
    return sessions


async def ask(db: Sessions, text: str) -> str:
    """The reply, folded, thousands dots dropped."""
    async with db() as session:
        reply = await respond(session, message(text, now=NOW))
        await session.commit()
    return fold(reply.as_plain_text()).replace(".", "")


async def test_a_year_inside_the_period_is_answered_from_the_year_table(plans: Sessions) -> None:
    held_out = await ask(plans, "kinh phi nam 2026 cua ke hoach nong thon moi phuc lam")
    assert "nam 2026: 5200 trieu" in held_out and "phu luc 02" in held_out
    assert "12600" not in held_out and "khong ghi so lieu" not in held_out
    other = await ask(plans, "vốn năm 2028 cho chuyển đổi số xã Tân Hòa bao nhiêu")
    assert "nam 2028: 1300 trieu" in other and "doanh nghiep tai tro: 350 trieu" in other
    assert "3600" not in other and "27/kh-ubnd" in other


async def test_a_year_asked_of_every_plan_gives_each_plans_line_under_its_name(plans: Sessions) -> None:
    reply = await ask(plans, "kinh phí năm 2026 là bao nhiêu")
    assert reply.startswith("kinh phi theo tung ke hoach:")
    phuc_lam, tan_hoa = reply.index("45/kh-ubnd"), reply.index("27/kh-ubnd")
    assert phuc_lam < reply.index("nam 2026: 5200 trieu") < tan_hoa < reply.index("nam 2026: 1000 trieu")
    assert "800 trieu" not in reply  # a plan without a line for 2026 is left out when others have one


async def test_a_source_in_a_year_is_that_years_part(plans: Sessions) -> None:
    reply = await ask(plans, "ngân sách tỉnh năm 2027 cho chuyển đổi số Tân Hòa")
    assert "nam 2027 — ngan sach tinh: 700 trieu" in reply and "2000" not in reply


async def test_a_year_of_a_plan_without_a_year_table_gives_the_periods_figures_and_says_so(plans: Sessions) -> None:
    reply = await ask(plans, "kinh phí năm 2027 phát triển du lịch cộng đồng Bản Sen")
    assert "khong chia kinh phi theo nam (nam 2027)" in reply and "ca giai doan 2026 - 2028" in reply
    assert "tong kinh phi: 800 trieu" in reply


async def test_a_source_asked_without_a_year_gives_the_plans_total_for_it_then_the_years(plans: Sessions) -> None:
    held_out = await ask(plans, "nhân dân đóng góp bao nhiêu tiền xây dựng NTM nâng cao xã Phúc Lâm")
    assert held_out.index("huy dong nhan dan dong gop: 1500 trieu") < held_out.index("nam 2025 — nhan dan dong gop")
    assert "nam 2027 — nhan dan dong gop: 600 trieu" in held_out and "ngan sach xa" not in held_out
    other = await ask(plans, "doanh nghiệp tài trợ bao nhiêu tiền cho chuyển đổi số xã Tân Hòa")
    assert other.index("van dong doanh nghiep tai tro: 900 trieu") < other.index("nam 2026 — doanh nghiep tai tro")
    assert "ngan sach tinh" not in other


async def test_where_a_report_on_money_goes_is_a_report_route(plans: Sessions) -> None:
    held_out = await ask(plans, "bao cao tien do giai ngan von nong thon moi phuc lam gui dau")
    assert "gui ubnd xa" in held_out and "trieu" not in held_out
    other = await ask(plans, "báo cáo giải ngân kinh phí chuyển đổi số Tân Hòa nộp về đâu")
    assert "phong van hoa - xa hoi" in other and "trieu" not in other


@pytest.mark.parametrize(
    "text",
    [
        "bao cao tien do giai ngan von tram y te gui dau",  # held-out
        "báo cáo quyết toán kinh phí nộp cho ai",
        "hạn gửi báo cáo giải ngân vốn đầu tư công",
        "báo cáo sử dụng ngân sách khi nào phải gửi",
    ],
)
def test_a_reports_route_or_time_outranks_the_money_it_is_about(text: str) -> None:
    assert classify(fold_expand(text))[0] == "deadline"


@pytest.mark.parametrize("text", ["von nam 2027 cho tram y te bao nhieu", "kinh phí báo cáo viên bao nhiêu tiền"])
def test_money_asked_stays_a_budget_question(text: str) -> None:
    assert classify(fold_expand(text))[0] == "budget"


def test_a_period_names_no_single_year_and_a_year_line_is_read_from_its_label() -> None:
    assert asked_years("kinh phi nam 2026") == {2026}
    assert asked_years("kinh phi giai doan 2026 - 2030") == set()
    assert asked_years("von giai doan 2025 2027 va nam 2026") == {2026}  # the dash gone from a typed question
    line = SimpleNamespace(label="Kinh phí thực hiện năm 2025", project=None)
    assert row_year(line) == 2025 and row_year(SimpleNamespace(label="Năm 2028", project=None)) == 2028
    assert row_year(SimpleNamespace(label="Tổng kinh phí giai đoạn 2026 - 2028", project=None)) is None


def _line(pid: int, plan: int, amount: float, label: str, total: bool = False) -> SimpleNamespace:
    return SimpleNamespace(id=pid, plan_id=plan, amount=amount, label=label, project=None, is_total=total)


def test_a_plans_total_is_checked_against_its_own_projects_only() -> None:
    # the held-out case: one plan states 780 alone, another 186.500 split by year
    totals = [_line(1, 1, 780, "Kinh phí thực hiện năm 2025", True), _line(2, 2, 186500, "Tổng kinh phí", True)]
    years = [_line(3, 2, 52000, "Năm 2026"), _line(4, 2, 71500, "Năm 2027"), _line(5, 2, 63000, "Năm 2028")]
    assert _check(totals, years) == ""
    projects = [_line(6, 3, 300, "Dự án 1"), _line(7, 3, 200, "Dự án 2")]
    assert "600 trieu" in fold(_check([*totals, _line(8, 3, 600, "Tổng kinh phí", True)], years + projects))
    assert "500 trieu" in fold(_check([*totals, _line(8, 3, 600, "Tổng kinh phí", True)], years + projects))
    assert _check([_line(8, 3, 500, "Tổng kinh phí", True)], projects) == ""


def _dated(pid: int, label: str, parent: int | None = None, project: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=pid, plan_id=1, parent_id=parent, label=label, project=project, is_total=False)


def test_a_plan_with_one_dated_line_keeps_all_its_lines_and_says_when_the_year_asked_is_another() -> None:
    # the held-out province plan (dân số, 2026 - 2030): "Kinh phí năm 2026: 4.350 triệu đồng, trong đó ..."
    plan = SimpleNamespace(id=1, year=2026, period_start=2026, period_end=2030)
    snap = SimpleNamespace(plans={1: plan})
    rows = [_dated(1, "Kinh phí năm 2026"), _dated(2, "ngân sách tỉnh", 1), _dated(3, "ngân sách xã", 1)]
    assert of_years(snap, rows, {2026}) == (rows, "")  # type: ignore[arg-type]
    kept, note = of_years(snap, rows, {2027})  # type: ignore[arg-type]
    assert kept == rows and note == "Kế hoạch không ghi kinh phí riêng năm 2027; kinh phí ghi cho năm 2026.\n"
    assert of_years(snap, rows, {2031}) == ([], "")  # type: ignore[arg-type]
    # written for this test: a one-year plan whose total names its year keeps its projects for that year
    one = SimpleNamespace(plans={1: SimpleNamespace(id=1, year=2024, period_start=None, period_end=None)})
    projects = [_dated(4, "Tổng kinh phí năm 2024"), _dated(5, "Kinh phí", project="Dự án 1")]
    assert of_years(one, projects, {2024}) == (projects, "")  # type: ignore[arg-type]
