"""A catalog imported after plans claims the units the plans built instead of duplicating them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.accounts.models import Membership, User
from storage.language.text import fold, split_unit_name, unit_key
from storage.models import HelperAssignment, Plan, Target, Unit, UnitAlias
from storage.units.catalog_files import import_catalog
from tests.conftest import UNITS

Sessions = async_sessionmaker[AsyncSession]
Y2024 = UNITS / "units-2024-three-tier.json"


def plan_unit(name: str, parent: Unit | None = None, level: int | None = None) -> Unit:
    """A unit as the plan importer builds it: source "plan", no code, the document's parent."""
    kind, bare = split_unit_name(name)
    unit = Unit(name=bare, kind=kind, level=level, key=unit_key(name), source="plan", parent=parent)
    unit.aliases = [UnitAlias(alias=name, key=fold(name))]
    return unit


def plan(number: str) -> Plan:
    """A bare plan row to hang facts on."""
    stamp = datetime(2024, 5, 1, tzinfo=UTC)
    return Plan(
        number=number, issuer_name="UBND", title="Kế hoạch", source_file="x.txt", checksum=number, imported_at=stamp
    )


async def chain(session: AsyncSession, unit_id: int) -> list[str]:
    """Full names from the unit up to its root."""
    names = []
    current = await session.get(Unit, unit_id)
    while current is not None:
        names.append(current.full_name)
        current = await session.get(Unit, current.parent_id) if current.parent_id else None
    return names


def subset(tmp_path: Path, *provinces: str) -> Path:
    """The real 2024 catalog cut down to a few provinces (matched on folded names)."""
    data = json.loads(Y2024.read_text(encoding="utf-8"))
    wanted = {fold(p) for p in provinces}
    path = tmp_path / "units-subset.json"
    path.write_text(json.dumps([p for p in data if fold(p["FullName"]) in wanted], ensure_ascii=False), "utf-8")
    return path


async def test_plan_units_become_catalog_units(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        binh_gia = plan_unit("huyện Bình Gia", level=2)
        vinh_yen = plan_unit("xã Vĩnh Yên", binh_gia, level=3)
        village = plan_unit("thôn Nà Pàn", vinh_yen, level=4)
        thanh_hoa = plan_unit("tỉnh Thanh Hoá", level=1)
        tho_xuan = plan_unit("huyện Thọ Xuân", thanh_hoa, level=2)
        lam_son = plan_unit("TT Lam Sơn", tho_xuan, level=3)
        xuan_bai = plan_unit("Xuân Bái", tho_xuan)
        nowhere = plan_unit("xã Không Có Thật", tho_xuan, level=3)
        the_plan = plan("1/KH")
        session.add_all([binh_gia, vinh_yen, village, thanh_hoa, tho_xuan, lam_son, xuan_bai, nowhere, the_plan])
        await session.flush()
        session.add(Target(plan_id=the_plan.id, unit_id=vinh_yen.id, indicator="tỷ lệ hộ nghèo", key="ty le ho ngheo"))
        session.add(HelperAssignment(plan_id=the_plan.id, unit_id=lam_son.id, office="Phòng Nội vụ"))
        ids = {u.full_name: u.id for u in (binh_gia, vinh_yen, village, tho_xuan, lam_son, xuan_bai, nowhere)}

    lines = await import_catalog(sessions, Y2024)
    text = "\n".join(lines)
    assert "Gắn 6 đơn vị trong kế hoạch vào danh mục" in text
    assert "Chưa gắn được 1 đơn vị trong kế hoạch: xã Không Có Thật (huyện Thọ Xuân)" in text
    async with sessions() as session:
        assert await chain(session, ids["Xã Vĩnh Yên"]) == ["Xã Vĩnh Yên", "Huyện Bình Gia", "Tỉnh Lạng Sơn"]
        assert await chain(session, ids["Thôn Nà Pàn"]) == [
            "Thôn Nà Pàn",
            "Xã Vĩnh Yên",
            "Huyện Bình Gia",
            "Tỉnh Lạng Sơn",
        ]
        assert await chain(session, ids["Thị trấn Lam Sơn"]) == ["Thị trấn Lam Sơn", "Huyện Thọ Xuân", "Tỉnh Thanh Hóa"]
        assert await chain(session, ids["Xuân Bái"]) == ["Xã Xuân Bái", "Huyện Thọ Xuân", "Tỉnh Thanh Hóa"]
        vinh_yen = await session.get(Unit, ids["Xã Vĩnh Yên"])
        assert vinh_yen.source == "catalog-2024" and vinh_yen.code and vinh_yen.valid_to is not None
        # no duplicates: still exactly the three Vĩnh Yên communes of the catalog, and one Thọ Xuân district
        count = select(func.count()).select_from(Unit)
        assert await session.scalar(count.where(Unit.key == "vinh yen", Unit.level == 3)) == 3
        assert await session.scalar(count.where(Unit.key == "tho xuan", Unit.level == 2)) == 1
        assert await session.scalar(count.where(Unit.level == 3, Unit.source == "catalog-2024")) == 10035
        target = await session.scalar(select(Target))
        assert target.unit_id == ids["Xã Vĩnh Yên"]
        keys = set(await session.scalars(select(UnitAlias.key).where(UnitAlias.unit_id == ids["Thị trấn Lam Sơn"])))
        assert {"tt lam son", "thi tran lam son", "lam son"} <= keys
        assert (await session.get(Unit, ids["Xã Không Có Thật"])).source == "plan"


async def test_plan_units_built_after_catalog_merge_into_it(sessions: Sessions, tmp_path: Path) -> None:
    path = subset(tmp_path, "Tỉnh Lạng Sơn", "Tỉnh Lào Cai", "Tỉnh Thanh Hóa")
    await import_catalog(sessions, path)
    async with sessions() as session, session.begin():
        binh_gia = plan_unit("huyện Bình Gia", level=2)
        vinh_yen = plan_unit("Xã Vĩnh Yên", binh_gia, level=3)
        village = plan_unit("thôn Nà Pàn", vinh_yen, level=4)
        user = User(identity="tg:1", created_at=datetime(2024, 5, 1, tzinfo=UTC))
        the_plan = plan("2/KH")
        session.add_all([binh_gia, vinh_yen, village, user, the_plan])
        await session.flush()
        session.add(Target(plan_id=the_plan.id, unit_id=vinh_yen.id, indicator="hộ nghèo", key="ho ngheo"))
        session.add(Membership(user_id=user.id, unit_id=vinh_yen.id, role="staff"))
        plan_ids = (binh_gia.id, vinh_yen.id, village.id)

    await import_catalog(sessions, path)
    async with sessions() as session:
        assert await session.get(Unit, plan_ids[0]) is None and await session.get(Unit, plan_ids[1]) is None
        target = await session.scalar(select(Target))
        assert await chain(session, target.unit_id) == ["Xã Vĩnh Yên", "Huyện Bình Gia", "Tỉnh Lạng Sơn"]
        assert (await session.get(Unit, target.unit_id)).source == "catalog-2024"
        assert (await session.scalar(select(Membership))).unit_id == target.unit_id
        assert await chain(session, plan_ids[2]) == ["Thôn Nà Pàn", "Xã Vĩnh Yên", "Huyện Bình Gia", "Tỉnh Lạng Sơn"]
        aliases = (await session.scalars(select(UnitAlias.key).where(UnitAlias.unit_id == target.unit_id))).all()
        assert sorted(aliases) == ["vinh yen", "xa vinh yen"]  # the plan's alias met the catalog's: no clash


async def test_ambiguous_root_is_left_alone(sessions: Sessions, tmp_path: Path) -> None:
    async with sessions() as session, session.begin():
        session.add(plan_unit("xã Vĩnh Yên", level=3))
    lines = await import_catalog(sessions, subset(tmp_path, "Tỉnh Lạng Sơn", "Tỉnh Lào Cai", "Tỉnh Thanh Hóa"))
    assert "Chưa gắn được 1 đơn vị trong kế hoạch: xã Vĩnh Yên." in lines
    async with sessions() as session:
        assert await session.scalar(select(func.count()).where(Unit.key == "vinh yen", Unit.source == "plan")) == 1
