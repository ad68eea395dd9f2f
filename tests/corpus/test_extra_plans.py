"""Namesake communes of tests/data/plans_extra in the national catalog: each links to its own district."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.render.show import describe
from storage.importer import import_paths
from storage.units.catalog_files import import_catalog
from tests.conftest import NOW, UNITS
from tests.test_extra_plans import COMMUNE, DISTRICT

Sessions = async_sessionmaker[AsyncSession]


async def test_namesake_commune_links_to_its_own_district(sessions: Sessions) -> None:
    outcomes = await import_paths(sessions, [COMMUNE, DISTRICT], now=NOW)
    assert all(o.ok for o in outcomes), [o.lines for o in outcomes]
    await import_catalog(sessions, UNITS / "units-2024-three-tier.json")
    async with sessions() as session:
        commune = await describe(session, "xã Tân Thành, huyện Hướng Hóa")
        town = await describe(session, "Thọ Điền, Vũ Quang")
    assert commune is not None and town is not None
    assert commune.startswith("Xã Tân Thành\nThuộc: Huyện Hướng Hóa › Tỉnh Quảng Trị\nNguồn: mã ")
    assert "giảm hộ nghèo: 18 hộ" in commune
    assert town.startswith("Xã Thọ Điền\nThuộc: Huyện Vũ Quang › Tỉnh Hà Tĩnh\nNguồn: mã ")
