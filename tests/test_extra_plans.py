"""Plans in shapes the samples lack (tests/data/plans_extra): budget tables, baseline and rate columns,
quarterly deadlines, another helper header, the same plan as .docx, and namesake communes in the catalog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer.facts import extract_facts
from storage.importer.model import Facts
from storage.importer.reader import read_document
from storage.importer.structure import parse_document
from tests.plan_docx import build_plan_docx

EXTRA = Path(__file__).resolve().parent / "data" / "plans_extra"
COMMUNE = EXTRA / "xa-tan-thanh-huong-hoa-2024.txt"
DISTRICT = EXTRA / "huyen-vu-quang-2024.txt"

Sessions = async_sessionmaker[AsyncSession]


def facts_of(path: Path) -> Facts:
    """The facts the importer reads from one file."""
    return extract_facts(parse_document(read_document(path)))


def quotas(facts: Facts) -> dict[tuple[str | None, str], float | None]:
    """(unit name, indicator) -> value of every quota."""
    return {(t.unit.name if t.unit else None, t.indicator): t.value for t in facts.targets if t.kind == "quota"}


def test_budget_table_rows_are_project_budgets() -> None:
    facts = facts_of(COMMUNE)
    by_project = {b.project: b for b in facts.budgets if b.project}
    assert by_project["Dự án 5"].amount == 1260
    assert [(p.label, p.amount, p.source) for p in by_project["Dự án 2"].parts] == [
        ("Ngân sách Trung ương", 380, "Ngân sách Trung ương"),
        ("Ngân sách địa phương", 40, "Ngân sách địa phương"),
    ]
    assert [b.amount for b in facts.budgets if b.is_total] == [2145]  # the TỔNG row repeats the stated total
    assert not any(t.unit and t.unit.name.isdigit() for t in facts.targets)
    assert not facts.warnings


def test_baseline_columns_are_not_quotas() -> None:
    facts = facts_of(COMMUNE)
    found = quotas(facts)
    assert found[("Tân Hữu", "giảm hộ nghèo")] == 5 and found[("Tân Hữu", "giảm hộ cận nghèo")] == 3
    assert found[(None, "giảm hộ nghèo")] == 18
    assert not any("đầu năm" in indicator or "tổng số" in indicator for _, indicator in found)
    status = [t for t in facts.targets if t.indicator == "số hộ nghèo đầu năm" and t.unit is not None]
    assert len(status) == 6 and all(t.kind == "result" for t in status)


def test_bare_quota_column_takes_its_subject_from_the_table_title() -> None:
    facts = facts_of(DISTRICT)
    found = quotas(facts)
    assert found[("Đức Giang", "giảm nghèo")] == 11 and found[(None, "giảm nghèo")] == 96
    rates = [t for t in facts.targets if t.measure == "%" and t.unit is not None and t.unit.name == "Hương Minh"]
    assert [(t.kind, t.value) for t in rates] == [("target", 5.85)]
    assert not any("tỷ lệ" in warning for warning in facts.warnings)  # rates are not summed


def test_helper_table_with_leader_column() -> None:
    helpers = {h.unit.name: (h.office, h.member) for h in facts_of(DISTRICT).helpers}
    assert len(helpers) == 10
    assert helpers["Thọ Điền"] == ("Phòng Lao động - TB&XH", "Nguyễn Hữu Đạt")


def test_quarterly_deadlines_and_report_chain() -> None:
    deadlines = facts_of(COMMUNE).deadlines
    quarterly = [d for d in deadlines if d.recurrence == "hằng quý"]
    assert [d.due for d in quarterly] == [date(2024, m, 25) for m in (3, 6, 9, 12)]
    assert all(d.obligor == "Các thôn" and d.recipient and d.recipient.startswith("UBND xã") for d in quarterly)
    review = next(d for d in deadlines if d.due == date(2024, 11, 30))
    assert review.recurrence is None and review.obligor == "Công chức Văn hóa - Xã hội"


def test_deadlines_written_as_chậm_nhất() -> None:
    due = {(d.obligor, d.due) for d in facts_of(DISTRICT).deadlines}
    assert ("UBND các xã, thị trấn", date(2024, 4, 30)) in due
    assert ("Phòng Lao động - Thương binh và Xã hội", date(2024, 7, 15)) in due
    assert ("Phòng Tài chính - Kế hoạch", date(2024, 10, 20)) in due  # "trước ngày 20 tháng 10 năm 2024"


def test_village_heads_are_assignees() -> None:
    duties = facts_of(COMMUNE).duties
    assert any(d.assignee == "Trưởng các thôn" and "bình xét" in d.text for d in duties)


def test_docx_copy_gives_the_same_facts(tmp_path: Path) -> None:
    text_facts = facts_of(DISTRICT)
    word_facts = facts_of(build_plan_docx(DISTRICT, tmp_path / "huyen-vu-quang-2024.docx"))
    assert quotas(word_facts) == quotas(text_facts)
    assert len(word_facts.helpers) == len(text_facts.helpers) == 10
    assert sorted(d.due for d in word_facts.deadlines) == sorted(d.due for d in text_facts.deadlines)
    assert [b.amount for b in word_facts.budgets] == [b.amount for b in text_facts.budgets]
