"""National unit catalogs: the real 2024 / 2025 lists, the merge mapping, re-imports, a failure half way."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from storage.models import Unit, UnitAlias, UnitLink
from storage.units.catalog_files import CatalogError, import_catalog
from tests.conftest import UNITS
from tests.test_catalog import find, level_counts, write

Sessions = async_sessionmaker[AsyncSession]
Y2024 = UNITS / "units-2024-three-tier.json"
Y2025 = UNITS / "units-2025-two-tier.json"
MERGES = UNITS / "merges-2025.json"


async def test_2024_catalog_counts_tree_and_reimport(sessions: Sessions) -> None:
    lines = await import_catalog(sessions, Y2024)
    assert "63 tỉnh/thành phố, 696 quận/huyện/thị xã, 10.035 xã/phường/thị trấn" in lines[0]
    assert await level_counts(sessions, "catalog-2024") == {1: 63, 2: 696, 3: 10035}
    async with sessions() as session:
        lam_son = await find(session, "catalog-2024", "Thị trấn Lam Sơn", "Huyện Thọ Xuân")
        assert (lam_son.kind, lam_son.key, lam_son.level) == ("thị trấn", "lam son", 3)
        assert lam_son.valid_to == date(2025, 7, 1) and lam_son.valid_from is None
        district = await session.get(Unit, lam_son.parent_id)
        province = await session.get(Unit, district.parent_id)
        assert (district.kind, district.level, province.full_name) == ("huyện", 2, "Tỉnh Thanh Hóa")
        keys = set(await session.scalars(select(UnitAlias.key).where(UnitAlias.unit_id == lam_son.id)))
        assert {"thi tran lam son", "lam son"} <= keys
        before = dict((await session.execute(select(Unit.code, Unit.id))).all())
        aliases = await session.scalar(select(func.count()).select_from(UnitAlias))

    again = await import_catalog(sessions, Y2024)
    assert "Thêm mới 0, cập nhật 0, không đổi 10.794 đơn vị; thêm 0 tên gọi" in again[1]
    async with sessions() as session:
        assert dict((await session.execute(select(Unit.code, Unit.id))).all()) == before
        assert await session.scalar(select(func.count()).select_from(UnitAlias)) == aliases


async def test_2025_catalog_and_merge_links(sessions: Sessions) -> None:
    with pytest.raises(CatalogError, match="merges-2025.json.*danh mục 2024 và danh mục 2025"):
        await import_catalog(sessions, MERGES)
    await import_catalog(sessions, Y2024)
    lines = await import_catalog(sessions, Y2025)
    assert "34 tỉnh/thành phố, 3.321 xã/phường/thị trấn" in lines[0]
    assert await level_counts(sessions, "catalog-2025") == {1: 34, 3: 3321}
    lines = await import_catalog(sessions, MERGES)
    assert "liên kết cũ → mới" in lines[0]
    async with sessions() as session:
        total = await session.scalar(select(func.count()).select_from(UnitLink))
        assert total > 10_000
        lam_son = await find(session, "catalog-2025", "Xã Lam Sơn", "Tỉnh Thanh Hóa")
        assert lam_son.valid_from == date(2025, 7, 1) and lam_son.level == 3
        assert await old_names(session, lam_son.id) == {"Xã Xuân Bái", "Xã Thọ Xương", "Thị trấn Lam Sơn"}
        nam_duong = await find(session, "catalog-2025", "Xã Nam Dương", "Tỉnh Bắc Ninh")
        tan_moc = await find(session, "catalog-2024", "Xã Tân Mộc", "Huyện Lục Ngạn")
        link = await session.scalar(select(UnitLink).where(UnitLink.old_unit_id == tan_moc.id))
        assert (link.new_unit_id, link.effective) == (nam_duong.id, date(2025, 7, 1))
        assert link.kind in {"full", "partial"}

    again = await import_catalog(sessions, MERGES)
    assert "Thêm mới 0, cập nhật 0" in again[1]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(UnitLink)) == total


async def old_names(session: AsyncSession, new_id: int) -> set[str]:
    """Full names of the old units linked to a new one."""
    old = aliased(Unit)
    rows = await session.scalars(
        select(old).join(UnitLink, UnitLink.old_unit_id == old.id).where(UnitLink.new_unit_id == new_id)
    )
    return {u.full_name for u in rows}


async def test_failure_half_way_writes_nothing(sessions: Sessions, tmp_path: Path) -> None:
    data = json.loads(Y2024.read_text(encoding="utf-8"))[:3]
    data[2]["District"][0]["Ward"][0] = {"FullName": "Xã Không Mã"}
    with pytest.raises(CatalogError, match="thiếu trường Code"):
        await import_catalog(sessions, write(tmp_path, "broken.json", json.dumps(data, ensure_ascii=False)))
    assert await level_counts(sessions, "catalog-2024") == {}
