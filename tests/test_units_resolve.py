"""Resolving UnitRef chains to Unit rows: catalog units first, validity by year, aliases, no duplicates."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer.model import UnitRef
from storage.models import Unit, UnitAlias
from storage.units.resolve import UnitResolver

Sessions = async_sessionmaker[AsyncSession]


async def _catalog(session: AsyncSession) -> dict[str, Unit]:
    """A tiny catalog: Vĩnh Yên in Lạng Sơn (Bình Gia) and in Lào Cai; a 2025 Lạng Sơn too."""
    rows = {
        "ls": Unit(name="Lạng Sơn", kind="tỉnh", level=1, key="lang son", source="catalog-2024", code="20",
                   valid_to=date(2025, 6, 30)),
        "ls25": Unit(name="Lạng Sơn", kind="tỉnh", level=1, key="lang son", source="catalog-2025", code="20",
                     valid_from=date(2025, 7, 1)),
        "lc": Unit(name="Lào Cai", kind="tỉnh", level=1, key="lao cai", source="catalog-2024", code="10"),
    }  # fmt: skip
    session.add_all(rows.values())
    await session.flush()
    rows["bg"] = Unit(name="Bình Gia", kind="huyện", level=2, key="binh gia", parent_id=rows["ls"].id,
                      source="catalog-2024", code="181")  # fmt: skip
    rows["bh"] = Unit(name="Bảo Yên", kind="huyện", level=2, key="bao yen", parent_id=rows["lc"].id,
                      source="catalog-2024", code="86")  # fmt: skip
    session.add_all([rows["bg"], rows["bh"]])
    await session.flush()
    rows["vy"] = Unit(name="Vĩnh Yên", kind="xã", level=3, key="vinh yen", parent_id=rows["bg"].id,
                      source="catalog-2024", code="06100")  # fmt: skip
    rows["vy2"] = Unit(name="Vĩnh Yên", kind="xã", level=3, key="vinh yen", parent_id=rows["bh"].id,
                       source="catalog-2024", code="02900")  # fmt: skip
    session.add_all([rows["vy"], rows["vy2"]])
    await session.flush()
    return rows


async def test_chain_finds_the_catalog_unit_under_the_named_district(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        rows = await _catalog(session)
        ref = UnitRef("Vĩnh Yên", "xã", parent=UnitRef("Bình Gia", "huyện"))
        unit = await UnitResolver(session, 2024).resolve(ref)
        assert unit.id == rows["vy"].id  # the Lạng Sơn one, not the Lào Cai one
        assert (await session.execute(select(func.count()).select_from(Unit))).scalar_one() == 7


async def test_root_prefers_unit_valid_in_plan_year(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        rows = await _catalog(session)
        assert (await UnitResolver(session, 2024).resolve(UnitRef("Lạng Sơn", "tỉnh"))).id == rows["ls"].id
        assert (await UnitResolver(session, 2026).resolve(UnitRef("Lạng Sơn", "tỉnh"))).id == rows["ls25"].id


async def test_ambiguous_root_is_created_once(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        await _catalog(session)
        first = await UnitResolver(session, 2024).resolve(UnitRef("Vĩnh Yên", "xã"))  # two in the catalog
        again = await UnitResolver(session, 2024).resolve(UnitRef("Xã Vĩnh Yên"))
        assert first.source == "plan" and again.id == first.id


async def test_spellings_meet_in_one_unit_with_aliases(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        resolver = UnitResolver(session, 2024)
        district = UnitRef("Thọ Xuân", "huyện", parent=UnitRef("Thanh Hóa", "tỉnh"))
        a = await resolver.resolve(UnitRef("Xuân Bái", None, parent=district))
        b = await UnitResolver(session, 2024).resolve(UnitRef("Xã Xuân Bái", None, parent=district))
        c = await resolver.resolve(UnitRef("TT Thọ Xuân", None, parent=district))
        d = await resolver.resolve(district)
        assert a.id == b.id and (b.kind, b.level) == ("xã", 3)
        assert c.id != d.id and (c.kind, c.level, d.level) == ("thị trấn", 3, 2)
        aliases = set((await session.execute(select(UnitAlias.alias).where(UnitAlias.unit_id == a.id))).scalars())
        assert aliases == {"Xuân Bái", "Xã Xuân Bái"}
        town = set((await session.execute(select(UnitAlias.alias).where(UnitAlias.unit_id == c.id))).scalars())
        assert town == {"TT Thọ Xuân", "Thọ Xuân", "Thị trấn Thọ Xuân"}
        tone = await UnitResolver(session, 2024).resolve(UnitRef("Thanh Hoá", "tỉnh"))  # old tone placement
        assert tone.id == d.parent_id
