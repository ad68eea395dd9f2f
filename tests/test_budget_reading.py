"""Budgets and funding sources read from a plan's text: amounts per project, year or source, totals checked
against their own parts, sources named without an amount. Each rule: a plan's sentence and a variation."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from storage.importer import import_paths
from storage.importer.facts import extract_facts
from storage.importer.model import BudgetFact, Facts
from storage.importer.structure import parse_document
from storage.language.text import fold
from tests.conftest import NOW
from tests.test_core_data import message

HEAD = "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\n\nKẾ HOẠCH\nThực hiện chuyển đổi số năm 2026 trên địa bàn xã An Phú\n\n"


def read(body: str) -> Facts:
    """The facts of a small plan made of HEAD and body."""
    return extract_facts(parse_document(HEAD + body))


def flat(budgets: list[BudgetFact]) -> list[tuple[str, float, str | None]]:
    """(label, amount, source) of every budget line and part, depth first."""
    found: list[tuple[str, float, str | None]] = []
    for budget in budgets:
        found.append((budget.label, budget.amount, budget.source))
        found.extend(flat(budget.parts))
    return found


def test_amounts_per_year_are_items_not_parts() -> None:
    facts = read("II. KINH PHÍ THỰC HIỆN\n\nNăm 2026: 500 triệu đồng; năm 2027: 700 triệu đồng.\n")
    assert flat(facts.budgets) == [("Năm 2026", 500, None), ("Năm 2027", 700, None)]
    assert not facts.warnings


def test_amounts_per_period_are_items() -> None:
    facts = read("II. KINH PHÍ\n\nGiai đoạn 2026 - 2030: 12 tỷ đồng; giai đoạn 2031 - 2035: 15 tỷ đồng.\n")
    assert [(b.label, b.amount) for b in facts.budgets] == [
        ("Giai đoạn 2026 - 2030", 12000),
        ("Giai đoạn 2031 - 2035", 15000),
    ]


def test_amounts_per_source_are_items_with_their_source() -> None:
    facts = read("II. KINH PHÍ THỰC HIỆN\n\nNgân sách tỉnh: 300 triệu đồng; ngân sách xã: 200 triệu đồng.\n")
    assert flat(facts.budgets) == [("Ngân sách tỉnh", 300, "Ngân sách tỉnh"), ("ngân sách xã", 200, "ngân sách xã")]


def test_amounts_in_brackets_after_an_amount_are_its_parts() -> None:
    # tỉnh Đồng Tháp: "Ngân sách Trung ương: 70.871 triệu đồng (vốn đầu tư phát triển: 5.216 ..., vốn sự nghiệp: ...)"
    facts = read(
        "V. KINH PHÍ THỰC HIỆN\n\nNgân sách Trung ương: 70.871 triệu đồng (vốn đầu tư phát triển: 5.216 triệu "
        "đồng, vốn sự nghiệp: 65.655 triệu đồng).\n"
    )
    (budget,) = facts.budgets
    assert budget.amount == 70871 and [p.amount for p in budget.parts] == [5216, 65655]


def test_a_total_is_checked_against_its_own_parts_and_the_warning_says_which() -> None:
    facts = read(
        "II. KINH PHÍ THỰC HIỆN\n\nTổng kinh phí năm 2026: 1,2 tỷ đồng, trong đó ngân sách tỉnh 800 triệu đồng, "
        "ngân sách xã 300 triệu đồng.\n\nNăm 2027: 900 triệu đồng.\n"
    )
    (total, year) = facts.budgets
    assert (total.amount, [p.amount for p in total.parts]) == (1200, [800, 300])
    assert year.label == "Năm 2027" and not year.is_total
    (warning,) = facts.warnings
    assert "mục II" in warning and "Tổng kinh phí" in warning and "800 + 300 = 1.100" in warning
    assert "900" not in warning  # another year's amount is not a part of this total


def test_an_unclear_amount_is_warned_about_and_not_stored() -> None:
    facts = read("II. KINH PHÍ THỰC HIỆN\n\nTổng kinh phí: 1,000 triệu đồng.\n")
    assert facts.budgets == []
    assert any('"1,000 triệu đồng"' in w and "mục II" in w for w in facts.warnings)


def test_sources_without_an_amount_are_funding_facts_of_the_budget_section() -> None:
    # tỉnh Đắk Lắk, VI. KINH PHÍ THỰC HIỆN; here under another number and with other sources
    facts = read(
        "I. MỤC TIÊU\n\nBảo đảm 100% hồ sơ được số hóa từ ngân sách nhà nước.\n\n"
        "III. KINH PHÍ THỰC HIỆN\n\n- Từ ngân sách xã theo phân cấp.\n\n- Nguồn xã hội hóa, tài trợ của doanh "
        "nghiệp và các nguồn hợp pháp khác.\n"
    )
    assert [(f.source, f.text) for f in facts.funding] == [
        ("ngân sách xã", "- Từ ngân sách xã theo phân cấp."),
        ("xã hội hóa", "- Nguồn xã hội hóa, tài trợ của doanh nghiệp và các nguồn hợp pháp khác."),
        ("tài trợ của tổ chức, cá nhân", "- Nguồn xã hội hóa, tài trợ của doanh nghiệp và các nguồn hợp pháp khác."),
        ("các nguồn hợp pháp khác", "- Nguồn xã hội hóa, tài trợ của doanh nghiệp và các nguồn hợp pháp khác."),
    ]
    assert facts.budgets == []


def test_a_statement_with_an_amount_gives_budgets_not_funding_facts() -> None:
    # xã Tân Mộc, IV. KINH PHÍ: an amount, then sources without one
    facts = read(
        "IV. KINH PHÍ THỰC HIỆN\n\n1. Kinh phí được giao năm 2026: 250 triệu đồng từ ngân sách tỉnh.\n\n"
        "2. Nguồn vốn lồng ghép với các chương trình khác.\n"
    )
    assert [b.amount for b in facts.budgets] == [250]
    assert [f.source for f in facts.funding] == ["vốn lồng ghép từ các chương trình, dự án khác"]


def test_a_budget_heading_inside_the_tasks_counts() -> None:
    # TP. Hà Nội: "4. Huy động nguồn lực, bảo đảm kinh phí, nguồn nhân lực thực hiện" under "III. NHIỆM VỤ"
    facts = read(
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Huy động nguồn lực, bảo đảm kinh phí và nhân lực cho chuyển đổi số cấp xã\n\n"
        "a) Ngân sách xã bảo đảm kinh phí chi thường xuyên theo phân cấp.\n\n"
        "2. Tuyên truyền\n\na) Vận động doanh nghiệp tài trợ thiết bị.\n"
    )
    assert [f.source for f in facts.funding] == ["ngân sách xã", "kinh phí chi thường xuyên"]


async def test_the_answer_names_the_sources_and_says_no_amount(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    path = tmp_path / "an-phu.txt"
    path.write_text(
        HEAD + "II. KINH PHÍ THỰC HIỆN\n\nKinh phí thực hiện từ ngân sách tỉnh, ngân sách xã và nguồn xã hội hóa.\n",
        encoding="utf-8",
    )
    (outcome,) = await import_paths(sessions, [path], now=NOW)
    assert outcome.ok, outcome.lines
    async with sessions() as session:
        reply = fold((await respond(session, message("kinh phí lấy từ đâu", "An Phú"))).as_plain_text())
    assert "khong ghi so tien" in reply
    assert "muc ii): ngan sach tinh; ngan sach xa; xa hoi hoa" in reply
    assert "trieu" not in reply  # no amount invented


def test_a_budget_table_by_year_gives_each_year_with_its_sources() -> None:
    # held-out plans: a commune's "Năm | Tổng | Ngân sách ... | Nhân dân đóng góp" over "2025", "2026" and a
    # province's "STT | Năm | Tổng số | ..." over "Năm 2026"; here a variation of ours with both cell forms
    table = (
        "Phụ lục\nKINH PHÍ THEO NĂM\nĐơn vị tính: triệu đồng\n\n"
        "STT\tNăm\tTổng số\tNgân sách tỉnh\tNgười dân đóng góp\n"
        "1\t2026\t900\t700\t200\n2\tNăm 2027\t1.100\t800\t300\n\tTổng cộng\t2.000\t1.500\t500\n"
    )
    stated = "II. KINH PHÍ\n\nTổng kinh phí là 2.000 triệu đồng, từ ngân sách tỉnh và người dân đóng góp.\n\n"
    facts = read(stated + table)
    years = [b for b in facts.budgets if b.label.startswith("Năm")]
    assert [(b.label, b.amount, b.is_total) for b in years] == [("Năm 2026", 900, False), ("Năm 2027", 1100, False)]
    assert [(p.amount, p.source) for p in years[1].parts] == [(800, "Ngân sách tỉnh"), (300, "Người dân đóng góp")]
    assert [b.amount for b in facts.budgets if b.is_total] == [2000]  # the table's total repeats the stated one


def test_people_contributing_is_a_source_whichever_word_comes_first() -> None:
    from storage.language.money import source_name

    assert source_name("Huy động nhân dân đóng góp") == "đóng góp của người dân, doanh nghiệp"  # held-out
    assert source_name("Cộng đồng đóng góp") == source_name("Đóng góp của cộng đồng") is not None


def test_a_lone_amount_takes_the_one_source_said_right_after_it() -> None:
    real = "III. KINH PHÍ\n\nKinh phí tổ chức các hội nghị dự kiến 68 triệu đồng, từ ngân sách xã.\n"  # held-out (MTTQ)
    other = (  # held-out (Sở Y tế)
        "III. KINH PHÍ\n\nKinh phí thực hiện năm 2025 là 780 triệu đồng, từ nguồn ngân sách tỉnh đã giao cho "
        "Trung tâm; năm 2026 lập dự toán theo quy định.\n"
    )
    written = "III. KINH PHÍ\n\nTổng kinh phí 1,2 tỷ đồng bằng vốn sự nghiệp.\n"  # variation
    assert [(b.amount, b.source) for b in read(real).budgets] == [(68, "ngân sách xã")]
    assert [(b.amount, b.source) for b in read(other).budgets] == [(780, "ngân sách tỉnh")]
    assert [(b.amount, b.source) for b in read(written).budgets] == [(1200, "vốn sự nghiệp")]
    two = "III. KINH PHÍ\n\nTổng kinh phí 90 triệu đồng, từ ngân sách tỉnh và ngân sách xã.\n"
    assert [(b.amount, b.source) for b in read(two).budgets] == [(90, None)]  # two sources, no split: none


def test_a_table_row_with_its_amount_left_blank_is_no_budget_of_zero() -> None:
    # a Word copy of a held-out plan whose total row lost its amount to a merged cell; and a variation of ours
    for blank in ("Tổng cộng\t\t5.400\t3.800", "2027\t\t2.200\t1.600"):
        table = (
            "Phụ lục\nĐơn vị tính: triệu đồng\n\nNăm\tTổng\tNgân sách Trung ương\tNgân sách tỉnh\n"
            f"2025\t1.500\t900\t600\n2026\t3.900\t2.300\t1.600\n{blank}\n"
        )
        facts = read("II. KINH PHÍ\n\nKinh phí theo năm tại Phụ lục.\n\n" + table)
        assert 0 not in [b.amount for b in facts.budgets]
        assert [b.amount for b in facts.budgets if b.label.startswith("Năm")][:2] == [1500, 3900]
