"""Naming a unit for accounts: places after the name pick the namesake, typed diacritics count."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.flows.registration import _unit_and_post
from storage.models import Unit
from storage.units.lookup import find_units, resolve_unit

Sessions = async_sessionmaker[AsyncSession]


async def _tree(session: AsyncSession) -> dict[str, Unit]:
    """Thanh Hóa with a 2024 xã Lam Sơn (Ngọc Lặc) and a 2025 xã Lam Sơn right under the province;
    a xã Lâm Sơn in Lạng Sơn (Chi Lăng)."""
    th = Unit(name="Thanh Hóa", kind="tỉnh", level=1, key="thanh hoa")
    ls = Unit(name="Lạng Sơn", kind="tỉnh", level=1, key="lang son")
    session.add_all([th, ls])
    await session.flush()
    nl = Unit(name="Ngọc Lặc", kind="huyện", level=2, key="ngoc lac", parent_id=th.id, valid_to=date(2025, 6, 30))
    cl = Unit(name="Chi Lăng", kind="huyện", level=2, key="chi lang", parent_id=ls.id)
    new = Unit(name="Lam Sơn", kind="xã", level=3, key="lam son", parent_id=th.id, valid_from=date(2025, 7, 1))
    session.add_all([nl, cl, new])
    await session.flush()
    old = Unit(name="Lam Sơn", kind="xã", level=3, key="lam son", parent_id=nl.id, valid_to=date(2025, 6, 30))
    other = Unit(name="Lâm Sơn", kind="xã", level=3, key="lam son", parent_id=cl.id)
    session.add_all([old, other])
    await session.flush()
    return {"new": new, "old": old, "other": other}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("xã Lam Sơn, tỉnh Thanh Hóa", ["new"]),  # the nearest place wins: the province is its parent
        ("xã Lam Sơn tỉnh Thanh Hoá", ["new"]),  # no comma, old tone placement
        ("Lam Sơn (Ngọc Lặc)", ["old"]),
        ("xa lam son, huyen ngoc lac", ["old"]),
        ("xã Lam Sơn, huyện Chi Lăng", []),  # that one is Lâm Sơn: typed diacritics count
        ("xa lam son, chi lang", ["other"]),
        ("xã Lam Sơn", ["new", "old"]),
        ("xa lam son", ["new", "old", "other"]),
        ("xã Lam Sơn, tỉnh Nghệ An", []),
    ],
)
async def test_places_and_diacritics_pick_the_unit(sessions: Sessions, name: str, expected: list[str]) -> None:
    async with sessions() as session, session.begin():
        rows = await _tree(session)
        found = {unit.id for unit in await find_units(session, name)}
        assert found == {rows[key].id for key in expected}, name


async def test_a_place_resolves_an_otherwise_ambiguous_name(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        rows = await _tree(session)
        assert (await resolve_unit(session, "xã Lam Sơn")).unit is None
        assert (await resolve_unit(session, "xã Lam Sơn, tỉnh Thanh Hóa")).unit is rows["new"]


@pytest.mark.parametrize(
    ("text", "unit", "post"),
    [
        ("xã Lam Sơn, tỉnh Thanh Hóa, công chức LĐ-TB&XH", "xã Lam Sơn, tỉnh Thanh Hóa", "công chức LĐ-TB&XH"),
        ("xa tho lam, huyen tho xuan", "xa tho lam, huyen tho xuan", ""),
        ("xã Thọ Lâm, công chức Văn hóa - Xã hội", "xã Thọ Lâm", "công chức Văn hóa - Xã hội"),
        ("Thọ Lâm", "Thọ Lâm", ""),
    ],
)
def test_registration_text_splits_places_from_the_post(text: str, unit: str, post: str) -> None:
    assert _unit_and_post(text) == (unit, post)
