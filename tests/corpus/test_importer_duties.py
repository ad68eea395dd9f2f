"""Importer gaps on the sample plans (duties, indicator names), read back from the database after import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer import import_paths
from storage.importer.assignees import opening_assignee
from storage.language.text import fold
from storage.models import Plan, Responsibility, Section, Target
from tests.conftest import DATA, NOW, PLANS

pytestmark = pytest.mark.skipif(not PLANS.exists(), reason="sample plans not available")

Sessions = async_sessionmaker[AsyncSession]
VINH_YEN = PLANS / "xa-vinh-yen-binh-gia-2024.txt"
EXTRA = DATA / "plans_extra"


async def imported_duties(sessions: Sessions, name: str) -> list[tuple[Responsibility, str]]:
    """Import one sample plan and read its responsibilities, with their sections' labels, back from the database."""
    outcomes = await import_paths(sessions, [PLANS / name], now=NOW)
    assert outcomes[0].ok, outcomes[0].lines
    async with sessions() as session:
        query = select(Responsibility, Section.label).join(Section, Responsibility.section_id == Section.id)
        query = query.where(Responsibility.plan_id == outcomes[0].plan_id).order_by(Responsibility.id)
        return [(duty, label) for duty, label in (await session.execute(query)).all()]


async def imported_indicators(sessions: Sessions, path: Path) -> list[str]:
    """Import one plan file and read its targets' indicators back from the database."""
    outcomes = await import_paths(sessions, [path], now=NOW)
    assert outcomes[0].ok, outcomes[0].lines
    async with sessions() as session:
        query = select(Target.indicator).where(Target.plan_id == outcomes[0].plan_id)
        return list((await session.execute(query)).scalars())


async def test_vinh_yen_instructions_to_villages_are_duties(sessions: Sessions) -> None:
    rows = await imported_duties(sessions, VINH_YEN.name)
    assert [(d.assignee, d.role, label) for d, label in rows] == [
        ("các thôn", None, "IV"),
        ("các thôn", "phối hợp", "IV"),
    ]
    first, second = (d for d, _ in rows)
    assert fold(first.text).startswith("can cu noi dung ke hoach nay cac thon to chuc trien khai")
    assert "rà soát hộ nghèo" in first.text
    assert second.text.startswith("Phối hợp với các ngành đoàn thể xã") and "báo cáo định kỳ" in second.text


def test_subject_after_an_opening_clause() -> None:
    assert opening_assignee("Trên cơ sở Kế hoạch này, các xã chủ trì rà soát hộ nghèo.")[0] == "các xã"
    assert opening_assignee("Theo chức năng, nhiệm vụ được giao, Phòng Tư pháp thực hiện ...")[0] == "Phòng Tư pháp"
    assert opening_assignee("Căn cứ kế hoạch của UBND huyện, triển khai thực hiện.")[0] is None
    assert opening_assignee("Các thôn tổ chức triển khai thực hiện.")[0] is None


@pytest.mark.parametrize(
    ("path", "whole", "cut"),
    [
        # "Tỷ lệ trẻ em thuộc hộ nghèo, hộ cận nghèo đi học đúng độ tuổi đạt 96%": a listing of beneficiaries
        (PLANS / "xa-tra-lam-tra-bong-2024.txt", "tỷ lệ trẻ em thuộc hộ nghèo, hộ cận nghèo đi học đúng độ tuổi", None),
        (
            PLANS / "xa-tra-lam-tra-bong-2024.txt",
            "tỷ lệ người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo qua đào tạo",
            "tỷ lệ người lao động thuộc hộ nghèo",
        ),
        # more than twelve words, up to the end of the name
        (PLANS / "xa-tan-moc-luc-ngan-2024.txt", "lớp nâng cao năng lực cho cán bộ thông tin và tuyên truyền", None),
        # "... có tỷ lệ hộ nghèo cao phần đầu giảm từ 5%": "phấn đấu" (here misspelt) starts the predicate
        (PLANS / "xa-vinh-yen-binh-gia-2024.txt", "tỷ lệ hộ nghèo ở các thôn có tỷ lệ hộ nghèo cao", None),
        (EXTRA / "phuong-yen-ninh-yen-bai-2024.txt", "tỷ lệ người thuộc hộ cận nghèo tham gia bảo hiểm y tế", None),
        (
            EXTRA / "tinh-kon-tum-2024.txt",
            "tỷ lệ người thuộc hộ nghèo, hộ cận nghèo tham gia bảo hiểm y tế",
            "tỷ lệ người thuộc hộ nghèo",
        ),
    ],
)
async def test_indicator_names_are_whole(sessions: Sessions, path: Path, whole: str, cut: str | None) -> None:
    indicators = await imported_indicators(sessions, path)
    assert whole in indicators, indicators
    assert cut not in indicators


async def test_blank_day_keeps_month_in_the_report(sessions: Sessions) -> None:
    """ "Vĩnh Yên, ngày    tháng 4 năm 2024": no day is stored; the import report says what the header gives."""
    outcomes = await import_paths(sessions, [VINH_YEN, PLANS / "huyen-tho-xuan-2024.txt"], now=NOW)
    assert "Cảnh báo: ngày ban hành để trống (tháng 4 năm 2024): chỉ lưu năm 2024, không lưu ngày" in outcomes[0].lines
    assert not any("ngày ban hành" in line for line in outcomes[1].lines)  # "ngày tháng năm 2024": no month either
    async with sessions() as session:
        plan = (await session.execute(select(Plan).where(Plan.id == outcomes[0].plan_id))).scalar_one()
    assert (plan.doc_date, plan.year) == (None, 2024)
