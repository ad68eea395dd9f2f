"""Two more plan styles (tests/data/plans_extra), read back from the database after `import`: a ward (phường) plan
whose quota table is by tổ dân phố under a shared "Chỉ tiêu giảm" header and printed after the signature with a
task table (chủ trì / phối hợp / thời gian), and a province plan with baselines, budget sources as numbered items,
a district quota appendix, a project budget table, an indicator table and a KT. CHỦ TỊCH signature."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli import main
from storage.importer import import_paths
from storage.importer.facts import extract_facts
from storage.importer.reader import read_document
from storage.importer.structure import parse_document
from storage.language.text import fold
from storage.models import Budget, Deadline, Plan, Responsibility, Target, Unit
from tests.conftest import NOW
from tests.plan_docx import build_plan_docx

EXTRA = Path(__file__).resolve().parent / "data" / "plans_extra"
WARD = EXTRA / "phuong-yen-ninh-yen-bai-2024.txt"
PROVINCE = EXTRA / "tinh-kon-tum-2024.txt"
CLOCK = "2024-05-15T09:00:00+07:00"

Sessions = async_sessionmaker[AsyncSession]


@dataclass
class Stored:
    """One imported plan and its facts as the database holds them."""

    plan: Plan
    targets: list[tuple[Target, Unit | None]]
    deadlines: list[Deadline]
    duties: list[Responsibility]
    budgets: list[Budget]

    def target(self, indicator: str, unit: str | None = None) -> Target:
        """The one top-level target of that indicator for that unit name (None: the issuer)."""
        found = [
            t
            for t, u in self.targets
            if t.parent_id is None and t.indicator == indicator and (u.name if u else None) == unit
        ]
        assert len(found) == 1, [(t.indicator, u.name if u else None) for t, u in self.targets]
        return found[0]


async def stored(sessions: Sessions, path: Path) -> Stored:
    """Import one plan file and read its plan row and facts back."""
    outcomes = await import_paths(sessions, [path], now=NOW)
    assert outcomes[0].ok, outcomes[0].lines
    plan_id = outcomes[0].plan_id
    async with sessions() as session:
        plan = (await session.execute(select(Plan).where(Plan.id == plan_id))).scalar_one()
        targets = (
            await session.execute(
                select(Target, Unit).outerjoin(Unit, Target.unit_id == Unit.id).where(Target.plan_id == plan_id)
            )
        ).all()
        rows = {}
        for model in (Deadline, Responsibility, Budget):
            rows[model] = list((await session.execute(select(model).where(model.plan_id == plan_id))).scalars())
    return Stored(plan, [(t, u) for t, u in targets], rows[Deadline], rows[Responsibility], rows[Budget])


def due(facts: Stored, obligor: str) -> dict[date | None, tuple[str | None, str | None]]:
    """Due date -> (recipient, recurrence) of the deadlines one obligor owes."""
    return {d.due_date: (d.recipient, d.recurrence) for d in facts.deadlines if d.obligor == obligor}


# --- the ward plan ---------------------------------------------------------------------------------------------


async def test_ward_header_names_the_ward_not_the_city_above_it(sessions: Sessions) -> None:
    plan = (await stored(sessions, WARD)).plan
    assert (plan.number, plan.doc_date, plan.year) == ("19/KH-UBND", date(2024, 3, 8), 2024)
    assert plan.issuer_name == "UBND phường Yên Ninh" and plan.level == 3
    assert plan.title == "Kế hoạch thực hiện mục tiêu giảm nghèo bền vững trên địa bàn phường Yên Ninh năm 2024"
    assert (plan.signer, plan.signer_title) == ("Đỗ Thị Hồng Nhung", "Chủ tịch")


async def test_ward_quota_table_after_the_signature_by_tổ_dân_phố(sessions: Sessions) -> None:
    facts = await stored(sessions, WARD)
    poor = facts.target("giảm hộ nghèo", "số 3")
    near = facts.target("giảm hộ cận nghèo", "số 3")
    assert (poor.kind, poor.value, poor.measure, poor.direction, poor.year) == ("quota", 3, "hộ", "giảm", 2024)
    assert (near.kind, near.value, near.measure, near.direction) == ("quota", 2, "hộ", "giảm")
    units = {u.name: u.kind for t, u in facts.targets if t.kind == "quota" and u is not None and u.level == 4}
    assert units == {f"số {n}": "tổ dân phố" for n in range(1, 7)}
    whole = {t.indicator: t.value for t, u in facts.targets if t.kind == "quota" and u and u.name == "Yên Ninh"}
    assert whole == {"giảm hộ nghèo": 14, "giảm hộ cận nghèo": 11}  # "Toàn phường" is the total row
    status = facts.target("hộ nghèo đầu năm", "số 1")
    assert (status.kind, status.value, status.direction) == ("result", 6, None)


async def test_ward_targets_with_baselines(sessions: Sessions) -> None:
    facts = await stored(sessions, WARD)
    rate = facts.target("tỷ lệ hộ cận nghèo", "Yên Ninh")
    assert (rate.value, rate.measure, rate.direction, rate.baseline, rate.year) == (1.36, "%", "giảm", 1.71, 2024)
    count = facts.target("hộ nghèo", "Yên Ninh")
    assert (count.kind, count.value, count.measure, count.direction) == ("target", 14, "hộ", "giảm")
    houses = facts.target("căn nhà cho hộ nghèo khó khăn về nhà ở", "Yên Ninh")
    assert (houses.value, houses.measure) == (4, "căn nhà")
    jobs = facts.target("giới thiệu việc làm cho lao động thuộc hộ nghèo, hộ cận nghèo", "Yên Ninh")
    assert (jobs.value, jobs.measure, jobs.direction, jobs.baseline) == (60, "lao động", None, None)


async def test_ward_deadlines_without_a_year_and_each_quarter(sessions: Sessions) -> None:
    facts = await stored(sessions, WARD)
    officer = due(facts, "Công chức Văn hóa - Xã hội")
    assert officer[date(2024, 12, 10)] == ("UBND phường", None)  # "chậm nhất ngày 10/12": the plan's year
    quarters = [date(2024, m, 20) for m in (3, 6, 9, 12)]  # "hằng quý, trước ngày 20 tháng cuối quý"
    # "báo cáo UBND thành phố (qua Phòng Lao động - Thương binh và Xã hội)": the office it goes through is kept
    through = "UBND thành phố qua Phòng Lao động - Thương binh và Xã hội"
    assert all(officer[d] == (through, "hằng quý") for d in quarters)
    heads = {date(2024, 12, 5): ("UBND phường qua Công chức Văn hóa - Xã hội", None)}  # "(qua Công chức ...)"
    assert due(facts, "Tổ trưởng các tổ dân phố") == heads
    # "định kỳ 6 tháng (trước ngày 05/6), năm (trước ngày 05/11)": the second date is the year's report
    periodic = {d.due_date: (d.title, d.recurrence) for d in facts.deadlines if d.due_date and d.due_date.day == 5}
    assert periodic[date(2024, 11, 5)] == ("Tham mưu UBND phường báo cáo kết quả thực hiện định kỳ năm", "hằng năm")
    assert periodic[date(2024, 6, 5)][1] == "6 tháng"
    settle = [(d.title, d.due_date) for d in facts.deadlines if d.obligor == "Công chức Tài chính - Kế toán"]
    assert settle == [("nộp báo cáo quyết toán kinh phí", date(2025, 1, 25))]  # "Thời hạn nộp ...: ngày 25/01/2025"


async def test_ward_duties_lead_and_coordinate(sessions: Sessions) -> None:
    duties = [(d.assignee, d.role) for d in (await stored(sessions, WARD)).duties]
    assert ("Công chức Văn hóa - Xã hội", "chủ trì") in duties
    assert ("Công an phường", "phối hợp") in duties
    assert duties.count(("Tổ trưởng các tổ dân phố", None)) == 2


async def test_ward_task_table_leads_partners_and_times(sessions: Sessions) -> None:
    facts = await stored(sessions, WARD)
    task = "Giải ngân vốn vay ưu đãi cho hộ nghèo, hộ cận nghèo"
    assert sorted((d.assignee, d.role) for d in facts.duties if d.text == task) == [
        ("Hội Cựu chiến binh phường", "phối hợp"),  # "Hội Liên hiệp Phụ nữ phường và Hội Cựu chiến binh phường"
        ("Hội Liên hiệp Phụ nữ phường", "phối hợp"),
        ("Phòng Giao dịch Ngân hàng Chính sách xã hội thành phố", "chủ trì"),
    ]
    meeting = {(d.assignee, d.role) for d in facts.duties if d.text.startswith("Tổ chức hội nghị triển khai")}
    assert meeting == {
        ("UBND phường", "chủ trì"),
        ("Ủy ban MTTQ Việt Nam phường", "phối hợp"),
        ("Các đoàn thể phường", "phối hợp"),
    }
    table = {(d.due_date, d.due_text, d.obligor) for d in facts.deadlines if d.text.count(" | ") >= 3}
    assert table == {
        (date(2024, 3, 31), "Tháng 3/2024", "UBND phường"),  # a month: its last day
        (date(2024, 4, 30), "Trước 30/4/2024", "Công chức Văn hóa - Xã hội"),
        (date(2024, 9, 30), "Quý III/2024", "Công chức Văn hóa - Xã hội"),  # "Thường xuyên", "Hằng quý": no day
    }


async def test_ward_budget_in_đồng_and_tỷ_with_sources_in_one_sentence(sessions: Sessions) -> None:
    budgets = (await stored(sessions, WARD)).budgets
    total = next(b for b in budgets if b.is_total)
    parts = {b.label: (b.amount, b.source) for b in budgets if b.parent_id == total.id}
    assert total.amount == 1860
    assert parts == {
        "ngân sách thành phố": (1200, "ngân sách thành phố"),
        "ngân sách phường": (360, "ngân sách phường"),
        "nguồn xã hội hóa": (300, "nguồn xã hội hóa"),
    }


# --- the province plan -----------------------------------------------------------------------------------------


async def test_province_header_and_deputy_signer(sessions: Sessions) -> None:
    plan = (await stored(sessions, PROVINCE)).plan
    assert (plan.number, plan.doc_date, plan.issuer_name, plan.level) == (
        "1187/KH-UBND",
        date(2024, 4, 5),
        "UBND tỉnh Kon Tum",
        1,
    )
    assert plan.title.startswith("Kế hoạch triển khai Chương trình mục tiêu quốc gia giảm nghèo bền vững")
    assert (plan.signer, plan.signer_title) == ("Y Ngọc Hoàng", "Phó Chủ tịch")  # "(đã ký)" below the post


@pytest.mark.parametrize(
    ("indicator", "value", "measure", "direction", "baseline"),
    [
        ("tỷ lệ hộ nghèo", 7.37, "%", "giảm", 9.87),  # "từ 9,87% cuối năm 2023 xuống còn 7,37% cuối năm 2024"
        ("tỷ lệ hộ nghèo đồng bào dân tộc thiểu số", 3.5, "%", "giảm", 4.2),
        ("tỷ lệ hộ cận nghèo", 5.4, "%", "giảm", 6.15),
        ("tỷ lệ lao động qua đào tạo", 57, "%", "tăng", 55.2),  # "tăng từ 55,2% lên 57%"
        ("số hộ thoát nghèo trong năm", 3250, "hộ", None, None),  # "tối thiểu 3.250 hộ"
        ("nhà ở cho hộ nghèo, hộ cận nghèo khó khăn về nhà ở", 1150, "hộ", None, None),  # "Hỗ trợ nhà ở cho ..."
    ],
)
async def test_province_targets(
    sessions: Sessions, indicator: str, value: float, measure: str, direction: str | None, baseline: float | None
) -> None:
    target = (await stored(sessions, PROVINCE)).target(indicator, "Kon Tum")
    assert (target.kind, target.value, target.measure, target.year) == ("target", value, measure, 2024)
    assert (target.direction, target.baseline) == (direction, baseline)


async def test_province_deadlines(sessions: Sessions) -> None:
    facts = await stored(sessions, PROVINCE)
    office = due(facts, "Sở Lao động - Thương binh và Xã hội")
    ministry = "Bộ Lao động - Thương binh và Xã hội"
    assert office == {date(2024, 6, 25): (ministry, "6 tháng"), date(2024, 12, 15): (ministry, "hằng năm")}
    districts = due(facts, "Ủy ban nhân dân các huyện, thành phố")
    department = "Sở Lao động - Thương binh và Xã hội"  # "định kỳ 6 tháng, năm ... trước ngày 15/6 và trước ngày 30/11"
    assert districts == {
        date(2024, 4, 30): (None, None),
        date(2024, 6, 15): (department, "6 tháng"),
        date(2024, 11, 30): (department, "hằng năm"),
        date(2024, 9, 30): (None, None),  # "hoàn thành trong quý III/2024"
    }
    finance = [(d.due_date, d.due_text) for d in facts.deadlines if d.obligor == "Sở Tài chính"]
    assert finance == [(date(2024, 10, 31), "trong tháng 10/2024")]
    ethnic = due(facts, "Ban Dân tộc tỉnh")  # "vào ngày 25 của tháng cuối quý", quarters after the plan's date
    assert ethnic == {date(2024, m, 25): (department, "hằng quý") for m in (6, 9, 12)}
    monthly = sorted(d for d, (_, every) in due(facts, "Sở Kế hoạch và Đầu tư").items() if every == "hằng tháng")
    assert monthly == [date(2024, m, 10) for m in range(4, 13)]  # none before the plan's date, 5/4/2024


async def test_province_duties(sessions: Sessions) -> None:
    duties = {(d.assignee, d.role) for d in (await stored(sessions, PROVINCE)).duties}
    assert {("Sở Lao động - Thương binh và Xã hội", "chủ trì"), ("Sở Tài chính", "chủ trì")} <= duties
    assert ("Ban Dân tộc tỉnh", "phối hợp") in duties


async def test_province_budget_sources_as_numbered_items(sessions: Sessions) -> None:
    budgets = (await stored(sessions, PROVINCE)).budgets
    total = next(b for b in budgets if b.is_total)
    sources = {b.source: b for b in budgets if b.parent_id == total.id}
    assert total.amount == 412650 and sum(b.amount for b in sources.values()) == total.amount
    assert {s: b.amount for s, b in sources.items()} == {
        "Ngân sách trung ương": 356200,
        "Ngân sách địa phương đối ứng": 35620,
        "Vốn huy động hợp pháp khác": 20830,
    }
    central = sources["Ngân sách trung ương"].id
    assert {b.label: b.amount for b in budgets if b.parent_id == central} == {
        "vốn đầu tư phát triển": 214000,
        "vốn sự nghiệp": 142200,
    }


async def test_province_quota_table_by_district(sessions: Sessions) -> None:
    facts = await stored(sessions, PROVINCE)
    quotas = {(u.kind, u.name, t.indicator): t for t, u in facts.targets if t.kind == "quota" and u is not None}
    poor = quotas[("huyện", "Tu Mơ Rông", "giảm hộ nghèo")]  # column "Số hộ nghèo giảm năm 2024 (hộ)"
    assert (poor.value, poor.measure, poor.direction, poor.year) == (515, "hộ", "giảm", 2024)
    rate = quotas[("thành phố", "Kon Tum", "giảm tỷ lệ hộ nghèo")]
    assert (rate.value, rate.measure, rate.direction) == (0.5, "%", "giảm")
    province = {t.indicator: t.value for t, u in facts.targets if t.kind == "quota" and u and u.kind == "tỉnh"}
    assert province == {"giảm tỷ lệ hộ nghèo": 2.5, "giảm hộ nghèo": 2130}  # the "Toàn tỉnh" row
    before = [(u.name, t.value) for t, u in facts.targets if t.kind == "result" and u and u.kind == "huyện"]
    assert ("Kon Plông", 28.41) in before  # "Tỷ lệ hộ nghèo cuối năm 2023 (%)" is a status, not a quota


async def test_province_indicator_table(sessions: Sessions) -> None:
    facts = await stored(sessions, PROVINCE)  # Chỉ tiêu | Đơn vị tính | Thực hiện năm 2023 | Kế hoạch năm 2024
    stunting = facts.target("tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "Kon Tum")
    assert (stunting.value, stunting.measure, stunting.direction, stunting.baseline) == (23, "%", "giảm", 24.5)
    abroad = facts.target("số lao động được hỗ trợ đi làm việc ở nước ngoài theo hợp đồng", "Kon Tum")
    assert (abroad.value, abroad.measure, abroad.direction, abroad.baseline, abroad.year) == (
        120,
        "người",
        "tăng",
        85,
        2024,
    )
    communes = facts.target("số xã thoát khỏi tình trạng đặc biệt khó khăn", "Kon Tum")
    assert (communes.value, communes.measure, communes.baseline) == (6, "xã", None)  # "-": no baseline
    assert not any(u is not None and u.name in ("%", "hộ", "người", "xã") for _, u in facts.targets)


async def test_province_budget_table_with_abbreviated_sources(sessions: Sessions) -> None:
    budgets = (await stored(sessions, PROVINCE)).budgets
    housing = next(b for b in budgets if b.project == "Dự án 5" and b.parent_id is None)
    parts = {b.source: b.amount for b in budgets if b.parent_id == housing.id}
    assert housing.amount == 30000 and parts == {"NSTW": 22000, "NSĐP": 5170, "Huy động": 2830}
    assert [b.amount for b in budgets if b.is_total] == [412650]  # the TỔNG CỘNG row repeats the stated total


SPLIT_HEADER = """ỦY BAN NHÂN DÂN
HUYỆN ĐẮK HÀ

KẾ HOẠCH
Giảm nghèo bền vững năm 2024

I. MỤC TIÊU

1. Giảm 80 hộ nghèo.

Phụ lục
CHỈ TIÊU GIẢM TỶ LỆ HỘ NGHÈO CÁC XÃ, THỊ TRẤN NĂM 2024

TT\tXã, thị trấn\tHộ nghèo đầu năm 2024\t\tChỉ tiêu giảm năm 2024\t
\t\tSố hộ\tTỷ lệ (%)\tSố hộ\tTỷ lệ (%)
1\tThị trấn Đắk Hà\t35\t0,9\t10\t0,3
2\tXã Hà Mòn\t120\t5,1\t40\t1,7
3\tXã Đắk La\t98\t4,2\t30\t1,3
\tTổng cộng\t253\t3,1\t80\t1,0
"""


def test_shared_headers_over_số_hộ_and_tỷ_lệ_columns() -> None:
    facts = extract_facts(parse_document(SPLIT_HEADER))
    found = {
        (t.unit.name if t.unit else None, t.indicator): (t.kind, t.value, t.measure, t.direction)
        for t in facts.targets
        if t.kind != "target"
    }
    assert found[("Hà Mòn", "giảm hộ nghèo")] == ("quota", 40, "hộ", "giảm")
    assert found[("Hà Mòn", "giảm tỷ lệ hộ nghèo")] == ("quota", 1.7, "%", "giảm")
    assert found[("Hà Mòn", "hộ nghèo đầu năm")] == ("result", 120, "hộ", None)  # "đầu năm 2024" keeps "đầu năm"
    assert found[("Hà Mòn", "tỷ lệ hộ nghèo đầu năm")] == ("result", 5.1, "%", None)
    assert found[(None, "giảm hộ nghèo")][1] == 80 and not facts.warnings


VILLAGE_SENTENCE = """ỦY BAN NHÂN DÂN
XÃ HÀ MÒN

KẾ HOẠCH
Giảm nghèo bền vững năm 2024

I. CHỈ TIÊU

1. Giảm 40 hộ nghèo, trong đó: thôn 1: 12 hộ; thôn 2: 10 hộ; thôn Kon Stiu: 18 hộ.

2. Tỷ lệ hộ nghèo giảm từ 5,1% xuống còn 3,4%.
"""


def test_village_quotas_listed_after_trong_đó() -> None:
    facts = extract_facts(parse_document(VILLAGE_SENTENCE))
    total = next(t for t in facts.targets if t.kind == "target" and t.measure == "hộ")
    assert [(p.indicator, p.value) for p in total.parts] == [("thôn 1", 12), ("thôn 2", 10), ("thôn kon stiu", 18)]
    quotas = [(t.unit.kind, t.unit.name, t.indicator, t.value) for t in facts.targets if t.kind == "quota" and t.unit]
    assert quotas == [
        ("thôn", "1", "giảm hộ nghèo", 12),
        ("thôn", "2", "giảm hộ nghèo", 10),
        ("thôn", "Kon Stiu", "giảm hộ nghèo", 18),
    ]


@pytest.mark.parametrize("path", [WARD, PROVINCE], ids=["ward", "province"])
def test_docx_copy_gives_the_same_facts(tmp_path: Path, path: Path) -> None:
    def summary(source: Path) -> tuple[object, ...]:
        facts = extract_facts(parse_document(read_document(source)))
        return (
            sorted((t.unit.name if t.unit else "", t.indicator, t.value or 0) for t in facts.targets),
            sorted((d.assignee, d.role or "") for d in facts.duties),
            sorted((d.due or date.min, d.obligor or "") for d in facts.deadlines),
            [(b.label, b.amount) for b in facts.budgets],
        )

    assert summary(build_plan_docx(path, tmp_path / f"{path.stem}.docx")) == summary(path)


# --- end to end (the same questions over the sample plans too: tests/corpus/test_extra_plans_2.py) ----------


def test_village_quota_asked_by_name(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ "chỉ tiêu giảm nghèo thôn Kon Stiu": the village's 18 hộ, its name not taken for a topic the plan skips."""
    plan = tmp_path / "xa-ha-mon-2024.txt"
    plan.write_text(VILLAGE_SENTENCE, encoding="utf-8")
    assert main(["--db", db_url, "import", str(plan)]) == 0
    for text in ("chỉ tiêu giảm nghèo thôn Kon Stiu", "chi tieu giam ngheo thon kon stiu"):
        capsys.readouterr()
        assert main(["--db", db_url, "--now", CLOCK, "ask", "--unit", "xã Hà Mòn", text]) == 0
        reply = fold(capsys.readouterr().out)
        assert "giam 18 ho ngheo" in reply and "khong giao" not in reply, reply
