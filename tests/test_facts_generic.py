"""Fact extraction on small hand-built documents: behaviour that does not depend on the sample plans."""

from __future__ import annotations

from datetime import date

from storage.importer.facts import extract_facts
from storage.importer.model import Table, UnitRef
from tests.test_facts_support import make_document

ISSUER = UnitRef("Hòa Bình", "xã")


def test_quota_table_with_another_layout() -> None:
    table = Table(
        header=[["Số TT", "Tên thôn", "Ghi chú", "Chỉ tiêu tăng hộ khá năm 2025 (hộ)"]],
        rows=[["1", "Thôn Đông", "", "3"], ["2", "Thôn Tây", "", "-"], ["", "Cộng", "", "4"]],
    )
    document = make_document([("Phụ lục 1", None, ["Phụ lục 1"])], year=2025, issuer=ISSUER, tables={0: [table]})
    found = extract_facts(document)
    rows = {t.unit.name if t.unit else None: t for t in found.targets}
    assert rows["Đông"].unit.kind == "thôn" and rows["Đông"].value == 3 and rows["Tây"].value == 0
    assert rows["Đông"].unit.parent is ISSUER
    assert rows["Đông"].indicator == "tăng hộ khá" and rows["Đông"].direction == "tăng"
    assert rows["Đông"].year == 2025 and rows["Đông"].kind == "quota" and rows["Đông"].section == 0
    assert rows[None].value == 4
    assert any("khác dòng tổng 4" in w for w in found.warnings)


def test_deadline_sentence_with_three_dates() -> None:
    line = (
        "- Các thôn báo cáo quý I (trước ngày 25/3), báo cáo 6 tháng (trước ngày 20/6) "
        "và báo cáo năm (chậm nhất ngày 15/11/2025) về UBND xã."
    )
    document = make_document([("IV", None, ["IV. CHẾ ĐỘ BÁO CÁO", line])], year=2025)
    deadlines = extract_facts(document).deadlines
    assert [d.due for d in deadlines] == [date(2025, 3, 25), date(2025, 6, 20), date(2025, 11, 15)]
    assert [d.title for d in deadlines] == ["báo cáo quý I", "báo cáo 6 tháng", "báo cáo năm"]
    assert {d.obligor for d in deadlines} == {"Các thôn"}
    assert {d.recipient for d in deadlines} == {"UBND xã"}
    assert [d.recurrence for d in deadlines][1:] == ["6 tháng", "hằng năm"]


def test_reference_dates_are_not_deadlines() -> None:
    line = "Thực hiện theo Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 và Quyết định số 5050/QĐ-UBND ngày 28/12/2023."
    document = make_document([("III", None, ["III. NHIỆM VỤ"]), ("III.1", "III", ["1. Phòng Nội vụ", line])])
    found = extract_facts(document)
    assert found.deadlines == []
    assert [d.assignee for d in found.duties] == ["Phòng Nội vụ"]


def test_heading_that_is_not_an_assignee() -> None:
    document = make_document(
        [
            ("III", None, ["III. NHIỆM VỤ VÀ GIẢI PHÁP"]),
            ("III.1", "III", ["1. Tăng cường công tác tuyên truyền", "- Tổ chức hội nghị tuyên truyền."]),
            ("III.2", "III", ["2. Đề nghị Hội Nông dân xã", "- Phối hợp vận động hội viên."]),
        ]
    )
    duties = extract_facts(document).duties
    assert [(d.assignee, d.role, d.section) for d in duties] == [("Hội Nông dân xã", "phối hợp", 2)]


def test_target_with_baseline_and_breakdown() -> None:
    lines = [
        "2. Mục tiêu cụ thể",
        "- Giảm tỷ lệ hộ nghèo từ 4,5% xuống còn 3,9%.",
        "- Giảm 20 hộ nghèo. Trong đó: hộ có người cao tuổi giảm 5 hộ, hộ khác giảm 12 hộ.",
    ]
    document = make_document([("II", None, ["II. MỤC TIÊU"]), ("II.2", "II", lines)], year=2025)
    found = extract_facts(document)
    rate = next(t for t in found.targets if t.measure == "%")
    assert (rate.value, rate.baseline, rate.direction, rate.indicator, rate.year) == (
        3.9,
        4.5,
        "giảm",
        "tỷ lệ hộ nghèo",
        2025,
    )
    count = next(t for t in found.targets if t.value == 20)
    assert [(p.indicator, p.value) for p in count.parts] == [("hộ có người cao tuổi", 5), ("hộ khác", 12)]
    assert any("17" in w and "20" in w for w in found.warnings)


def test_budget_parts_that_do_not_add_up() -> None:
    lines = ["Dự án 3: Hỗ trợ sản xuất", "Kinh phí: 100 triệu đồng. Trong đó giống 40 triệu, phân bón 50 triệu."]
    document = make_document([("III", None, ["III. NỘI DUNG"]), ("III.1", "III", lines)])
    found = extract_facts(document)
    budget = found.budgets[0]
    assert (budget.project, budget.amount, budget.is_total) == ("Dự án 3", 100, False)
    assert [(p.label, p.amount) for p in budget.parts] == [("giống", 40), ("phân bón", 50)]
    assert any("40 + 50 = 90" in w for w in found.warnings)
