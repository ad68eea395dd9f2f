"""Importer gaps on the sample plans, read back from the database after importing the real plan file."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer import import_paths
from storage.importer.assignees import opening_assignee
from storage.models import Responsibility, Section
from storage.text import fold
from tests.conftest import NOW, PLANS

pytestmark = pytest.mark.skipif(not PLANS.exists(), reason="sample plans not available")

Sessions = async_sessionmaker[AsyncSession]
VINH_YEN = PLANS / "xa-vinh-yen-binh-gia-2024.txt"


async def imported_duties(sessions: Sessions, name: str) -> list[tuple[Responsibility, str]]:
    """Import one sample plan and read its responsibilities, with their sections' labels, back from the database."""
    outcomes = await import_paths(sessions, [PLANS / name], now=NOW)
    assert outcomes[0].ok, outcomes[0].lines
    async with sessions() as session:
        query = select(Responsibility, Section.label).join(Section, Responsibility.section_id == Section.id)
        query = query.where(Responsibility.plan_id == outcomes[0].plan_id).order_by(Responsibility.id)
        return [(duty, label) for duty, label in (await session.execute(query)).all()]


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
