"""Fact extraction on the five sample plans: the facts named in plans/README.md land right."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from storage.importer.facts import extract_facts
from storage.importer.model import Facts
from storage.language.text import fold
from tests.test_facts_support import PLANS, load_plan

pytestmark = pytest.mark.skipif(not PLANS.exists(), reason="sample plans not available")


@cache
def facts(name: str) -> Facts:
    """The facts of one sample plan (parsed once per test run)."""
    return extract_facts(load_plan(name))


def district() -> Facts:
    """The district plan's facts."""
    return facts("huyen-tho-xuan-2024.txt")


def test_district_quotas_add_up() -> None:
    quotas = [t for t in district().targets if t.kind == "quota"]
    units = [t for t in quotas if t.unit is not None]
    total = next(t for t in quotas if t.unit is None)
    assert len(units) == 30
    assert sum(t.value or 0 for t in units) == total.value == 180
    assert [p.value for p in total.parts] == [50, 130]
    bai = next(t for t in units if t.unit and t.unit.name == "Xuân Bái")
    assert (bai.value, [p.value for p in bai.parts], bai.unit.kind) == (4, [1, 3], None)
    sao = next(t for t in units if t.unit and t.unit.name == "Sao Vàng")
    assert sao.unit.kind == "thị trấn" and sao.value == 10
    assert "khong" not in fold(sao.parts[1].indicator) and sao.parts[1].value == 8
    assert bai.indicator == "giảm hộ nghèo" and bai.measure == "hộ" and bai.year == 2024
    assert bai.direction == "giảm" and bai.unit.parent is not None


def test_district_dash_and_blank_cells_are_zero() -> None:
    units = {t.unit.name: t for t in district().targets if t.kind == "quota" and t.unit}
    assert [p.value for p in units["Xuân Phú"].parts] == [0, 4]
    assert [p.value for p in units["Xuân Giang"].parts] == [0, 1]
    assert [p.value for p in units["Bắc Lương"].parts] == [3, 0]


def test_district_target_and_breakdown_warning() -> None:
    main = next(t for t in district().targets if t.kind == "target" and t.value == 180)
    assert main.measure == "hộ" and main.direction == "giảm" and main.year == 2024
    assert [p.value for p in main.parts] == [50, 130]
    assert any("trùng" in w and "khả năng lao động" in w for w in district().warnings)


def test_district_helpers() -> None:
    helpers = district().helpers
    assert len(helpers) == 30
    phu = next(h for h in helpers if h.unit.name == "Xuân Phú")
    assert (phu.office, phu.member, phu.unit.kind) == ("Công an huyện", "Lê Duy Niệm", "xã")
    luan = {h.unit.name for h in helpers if h.member == "Phạm Văn Luận"}
    assert luan == {"Lam Sơn", "Thọ Lâm", "Xuân Sinh"}
    assert {h.unit.name for h in helpers} == {t.unit.name for t in district().targets if t.kind == "quota" and t.unit}


def test_district_deadlines() -> None:
    found = {d.due: d for d in district().deadlines}
    assert set(found) >= {date(2024, 3, 20), date(2024, 6, 20), date(2024, 10, 30)}
    six = found[date(2024, 6, 20)]
    assert six.title == "báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng"
    assert found[date(2024, 10, 30)].title == "báo cáo năm"
    assert six.recipient == "UBND huyện qua phòng Lao động - Thương binh và Xã hội"
    assert six.obligor == "UBND các xã, thị trấn"
    assert "ra soat" in fold(found[date(2024, 3, 20)].title)
    assert all(d.due.year == 2024 for d in district().deadlines if d.due)


def test_district_duties() -> None:
    duties = district().duties
    finance = " ".join(d.text for d in duties if d.assignee == "Phòng Tài chính - Kế hoạch")
    assert "tiền điện" in finance and "BHYT" in finance
    lead = [d for d in duties if d.assignee == "Phòng Tài chính - Kế hoạch" and d.role == "chủ trì"]
    assert lead and "tiền điện" in lead[0].text
    assert any(d.assignee == "Ngân hàng Chính sách xã hội huyện" for d in duties)
    assert any(d.assignee == "Bảo hiểm xã hội huyện" and d.role == "chủ trì" for d in duties)
    health = [d for d in duties if fold(d.assignee).startswith("van phong")]
    assert any(d.project == "Tiểu dự án 2 - Dự án 3" for d in health)


def test_province() -> None:
    found = facts("tinh-dong-thap-2024.txt")
    values = {(t.value, t.measure) for t in found.targets}
    assert {(0.4, "%"), (100, "%"), (20000, "học sinh"), (1000, "người"), (1500, "hộ")} <= values
    assert {d.due for d in found.deadlines} == {date(2024, 6, 15), date(2024, 11, 15)}
    assert all(d.recipient == "Sở Lao động - Thương binh và Xã hội" for d in found.deadlines)
    assert any(d.assignee == "Sở Y tế" and "dinh dưỡng" in d.text for d in found.duties)
    total = next(b for b in found.budgets if b.is_total)
    assert total.amount == 93506
    assert [p.amount for p in total.parts] == [70871, 7010, 15625]
    assert [p.amount for p in total.parts[0].parts] == [5216, 65655]
    assert total.parts[0].source == "Ngân sách Trung ương"


def test_tan_moc() -> None:
    found = facts("xa-tan-moc-luc-ngan-2024.txt")
    results = {(t.value, t.measure, t.year) for t in found.targets if t.kind == "result"}
    assert {(58, "hộ", 2023), (3.6, "%", 2023)} <= results
    assert any(t.kind == "target" and t.value == 2.98 and t.year == 2024 for t in found.targets)
    budgets = {b.project: b for b in found.budgets}
    assert budgets["Dự án 1"].amount == 68
    assert [(p.label, p.amount) for p in budgets["Dự án 1"].parts] == [("nhà ở", 44), ("nước phân tán", 24)]
    assert budgets["Dự án 2"].amount == 340
    assert budgets["Tiểu dự án 2 - Dự án 6"].amount == 472
    assert "Do Phòng LĐTB&XH chủ trì" in budgets["Tiểu dự án 2 - Dự án 6"].text
    assert budgets["Tiểu dự án 1 - Dự án 7"].amount == 35 and budgets["Tiểu dự án 2 - Dự án 7"].amount == 19
    assert budgets[None].amount == 459 and budgets[None].is_total
    assert any("934" in w and "459" in w for w in found.warnings)
    accountant = [d for d in found.duties if fold(d.assignee) == "cong chuc tai chinh-ke toan"]
    assert any(d.text.startswith("Thẩm định quyết toán") for d in accountant)
    project_one = [d for d in found.duties if d.project == "Dự án 1"]
    assert any(d.role == "chủ trì" and fold(d.assignee).startswith("cong chuc lao dong") for d in project_one)
    coordinators = {fold(d.assignee) for d in project_one if d.role == "phối hợp"}
    assert {"cong chuc tai chinh - ke toan", "cong chuc dia chinh"} <= coordinators


def test_tra_lam() -> None:
    found = facts("xa-tra-lam-tra-bong-2024.txt")
    rate = next(t for t in found.targets if t.value == 0.79)
    assert (rate.baseline, rate.measure, rate.direction, rate.indicator) == (0.82, "%", "giảm", "tỷ lệ hộ nghèo")
    houses = next(t for t in found.targets if t.value == 27)
    assert houses.measure == "hộ" and houses.indicator == "hộ nghèo, hộ cận nghèo được hỗ trợ nhà ở"
    values = {t.value for t in found.targets}
    assert {45, 5, 80, 96, 49.2, 82.34} <= values
    near_poor = next(t for t in found.targets if t.value == 45)
    assert near_poor.indicator == "hộ cận nghèo" and near_poor.direction == "giảm"
    assert [b.amount for b in found.budgets if b.is_total] == [3230]
    assert any(d.assignee == "Trạm y tế xã" for d in found.duties)


def test_vinh_yen() -> None:
    found = facts("xa-vinh-yen-binh-gia-2024.txt")
    rate = next(t for t in found.targets if t.value == 32.47)
    assert rate.indicator == "tỷ lệ hộ nghèo" and rate.measure == "%" and rate.year == 2024
    assert not any(t.value == 17.32 for t in found.targets)
    assert found.deadlines == []


def test_every_fact_cites_a_section() -> None:
    for name in sorted(p.name for p in PLANS.glob("*.txt")):
        found = facts(name)
        for fact in [*found.targets, *found.duties, *found.deadlines, *found.budgets, *found.helpers]:
            assert fact.section is not None
