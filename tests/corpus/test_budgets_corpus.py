"""Reading back the money of every real plan (../shared/plans-real) and sample plan (../shared/plans): the
amounts a careful reader finds (value in triệu đồng, a word of its label, its source) and the funding sources the
plan names without an amount, written by reading each document's "Kinh phí" part. The importer must find at least
90 % of each list and nothing else: most real plans give no amount, and a percentage, a year, a law's number or
"Chlorine 70%" is not money."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from storage.importer import prepare
from storage.importer.model import BudgetFact, Facts
from storage.language.text import fold
from tests.conftest import SHARED

REAL = SHARED / "plans-real"
SAMPLES = SHARED / "plans"
pytestmark = pytest.mark.skipif(not REAL.is_dir() or not SAMPLES.is_dir(), reason="plan corpus not available")

NSNN, NSTW, NSDP = "ngân sách nhà nước", "ngân sách trung ương", "ngân sách địa phương"
OTHER = "các nguồn hợp pháp khác"
RECURRENT, INVESTMENT = "kinh phí chi thường xuyên", "vốn đầu tư công (chi đầu tư phát triển)"
POOLED, SOCIAL, GRANTS = "vốn lồng ghép từ các chương trình, dự án khác", "xã hội hóa", "tài trợ của tổ chức, cá nhân"
FIRMS, PPP = "vốn của doanh nghiệp, nhà đầu tư", "hợp tác công tư (PPP)"

# Amounts: (value in triệu đồng, a word of its label or project, its source as labelled or None).
AMOUNTS: dict[str, list[tuple[float, str, str | None]]] = {
    "tinh-dong-thap-2024": [
        (93506, "tổng", None),
        (70871, "trung ương", "Ngân sách Trung ương"),
        (5216, "đầu tư phát triển", "vốn đầu tư phát triển"),
        (65655, "sự nghiệp", "vốn sự nghiệp"),
        (7010, "địa phương", "Ngân sách địa phương"),
        (443, "đầu tư phát triển", "vốn đầu tư phát triển"),
        (6567, "sự nghiệp", "vốn sự nghiệp"),
        (15625, "huy động hợp pháp khác", "Vốn huy động hợp pháp khác"),
    ],
    "xa-tan-moc-luc-ngan-2024": [
        (68, "Dự án 1", None),
        (44, "nhà ở", None),
        (24, "nước phân tán", None),
        (340, "Dự án 2", None),
        (472, "Tiểu dự án 2 - Dự án 6", None),
        (35, "Tiểu dự án 1 - Dự án 7", None),
        (19, "Tiểu dự án 2 - Dự án 7", None),
        (459, "tổng", None),
    ],
    "xa-tra-lam-tra-bong-2024": [(3230, "tổng", None)],
}

# Funding sources named without an amount, by the names of storage.language.money.
SOURCES: dict[str, set[str]] = {
    "01_": {NSNN, FIRMS, OTHER, INVESTMENT, RECURRENT},  # 6. Bảo đảm kinh phí, a)-c)
    "02_": set(),  # no budget part: the Sở Tài chính's tasks speak of money, they name no source of this plan's
    "03_": {POOLED, NSNN, "đóng góp của người dân, doanh nghiệp", PPP},  # IV.1, IV.2
    "04_": {"ngân sách thành phố", RECURRENT, INVESTMENT, FIRMS, PPP, NSNN, OTHER},  # III.4 a)-c), IV
    "05_": {NSNN},  # 4.1. Kinh phí thực hiện: "từ nguồn kinh phí ngân sách nhà nước UBND Thành phố đã giao"
    "06_": {NSDP, RECURRENT, INVESTMENT, POOLED, SOCIAL, GRANTS},  # IV.1 a), b)
    "07_": {NSNN, OTHER, "nguồn ngoài ngân sách nhà nước", GRANTS},  # III.1, III.2
    "08_": {NSNN, FIRMS, GRANTS, OTHER, POOLED},  # IV, IV.1, IV.2
    "09_": {"ngân sách tỉnh", NSDP, "nguồn dự phòng", NSTW, GRANTS, OTHER},  # VI
    "10_": {RECURRENT, OTHER, NSNN},  # III.1, III.2 (III.3 and III.4 name laws, not sources)
    "11_": set(),
    "12_": {NSNN, "quỹ bảo hiểm thất nghiệp", OTHER, RECURRENT},  # III.1, III.2
    "13_": set(),
    "14_": set(),
    "huyen-tho-xuan-2024": {NSTW, NSDP, OTHER},  # IV
    "tinh-dong-thap-2024": set(),  # every source has its amount
    "xa-tan-moc-luc-ngan-2024": {"vốn đối ứng", POOLED, "vốn tín dụng chính sách", OTHER},  # IV.2-IV.5
    "xa-tra-lam-tra-bong-2024": set(),
    "xa-vinh-yen-binh-gia-2024": {NSTW, "ngân sách tỉnh"},  # III
}

# What the samples stored before this reading: every budget line (top and parts), kept.
SAMPLE_BUDGET_LINES = {"tinh-dong-thap-2024": 8, "xa-tan-moc-luc-ngan-2024": 8, "xa-tra-lam-tra-bong-2024": 1}


def _path(key: str) -> Path:
    found = sorted(REAL.glob(f"{key}*.md")) + sorted(SAMPLES.glob(f"{key}.txt"))
    assert len(found) == 1, key
    return found[0]


@cache
def facts(key: str) -> Facts:
    """The facts of one document (read once per run)."""
    return prepare(_path(key)).facts


def flat(budgets: list[BudgetFact]) -> list[BudgetFact]:
    """Every budget line and part, depth first."""
    found: list[BudgetFact] = []
    for budget in budgets:
        found.append(budget)
        found.extend(flat(budget.parts))
    return found


def _matches(budget: BudgetFact, expected: tuple[float, str, str | None]) -> bool:
    value, word, source = expected
    named = fold(f"{budget.label} {budget.project or ''}")
    return abs(budget.amount - value) < 0.001 and fold(word) in named and budget.source == source


def _document_text(key: str) -> str:
    """The document folded, without Markdown marks or line wraps."""
    raw = _path(key).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", fold(re.sub(r"[*_|#\\]|<sup>.*?</sup>", " ", raw)))


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_amounts_found_and_nothing_else(key: str) -> None:
    expected = AMOUNTS.get(key, [])
    found = flat(facts(key).budgets)
    missed = [item for item in expected if not any(_matches(budget, item) for budget in found)]
    invented = [(b.label, b.amount) for b in found if not any(_matches(b, item) for item in expected)]
    assert len(expected) - len(missed) >= 0.9 * len(expected), missed
    assert not invented, invented


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_sources_named_without_an_amount_found_and_nothing_else(key: str) -> None:
    found = {fact.source for fact in facts(key).funding}
    expected = SOURCES[key]
    assert len(found & expected) >= 0.9 * len(expected), expected - found
    assert found <= expected, found - expected


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_each_source_is_cited_with_a_statement_of_the_document(key: str) -> None:
    text = _document_text(key)
    for fact in facts(key).funding:
        statement = fold(fact.text).split(": ", 1)[-1].lstrip("- ")  # a short heading may lead the statement
        assert " ".join(statement.split()[:8]) in text, fact


@pytest.mark.parametrize("key", sorted(SAMPLE_BUDGET_LINES))
def test_samples_keep_every_budget_line(key: str) -> None:
    assert len(flat(facts(key).budgets)) == SAMPLE_BUDGET_LINES[key]


def test_real_plans_state_no_amount_even_with_percentages_years_and_laws() -> None:
    for path in sorted(REAL.glob("[0-9]*.md")):
        assert facts(path.name[:3]).budgets == [], path.name
