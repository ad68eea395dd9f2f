"""`kehoach plans` and `kehoach show` on the imported sample plans, then with the national catalog."""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.render.show import describe, list_plans
from storage.importer import import_paths
from storage.units.catalog_files import import_catalog
from tests.conftest import NOW, PLANS, UNITS

Sessions = async_sessionmaker[AsyncSession]


async def test_imported_plans_then_catalog(sessions: Sessions) -> None:
    outcomes = await import_paths(sessions, sorted(PLANS.glob("*.txt")), now=NOW)
    assert all(o.ok for o in outcomes), [o.lines for o in outcomes]
    async with sessions() as session:
        assert (await list_plans(session)).startswith("5 kế hoạch:")
        text = await describe(session, "huyện Thọ Xuân")
    assert text is not None
    assert "Đơn vị trực thuộc có chỉ tiêu hoặc được giúp đỡ (30):" in text
    children = [line for line in text.splitlines() if re.match(r"  \d+\. ", line)]
    assert len(children) == 30 and all("hộ" in line for line in children)
    assert text.count("giúp đỡ:") == 30
    assert "Xã Xuân Bái: giảm hộ nghèo: 4 hộ" in text

    await import_catalog(sessions, UNITS / "units-2024-three-tier.json")
    async with sessions() as session:
        vinh_yen = await describe(session, "xa vinh yen")
        again = await describe(session, "huyện Thọ Xuân")
    assert vinh_yen is not None and again is not None
    assert vinh_yen.startswith("Xã Vĩnh Yên\nThuộc: Huyện Bình Gia › Tỉnh Lạng Sơn\nNguồn: mã ")
    assert "32,47%" in vinh_yen and "Xã Vĩnh Yên (Huyện Bảo Yên, Tỉnh Lào Cai)" in vinh_yen
    assert "Đơn vị trực thuộc có chỉ tiêu hoặc được giúp đỡ (30):" in again
