"""Writing the 2025 merge mapping: old (catalog-2024) -> new (catalog-2025) unit links."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.text import format_number
from storage.models import Unit, UnitLink
from storage.units.catalog_files import (
    NEW_CATALOG,
    NEW_YEAR,
    OLD_CATALOG,
    OLD_YEAR,
    REFORM_DAY,
    CatalogError,
    MergeLink,
)

OLD_SOURCE = OLD_CATALOG
NEW_SOURCE = NEW_CATALOG


async def _codes(session: AsyncSession, source: str) -> dict[str, int]:
    """Unit ids of one catalog, by code."""
    result = await session.execute(select(Unit.code, Unit.id).where(Unit.source == source))
    return {code: uid for code, uid in result if code is not None}


async def write_links(session: AsyncSession, links: list[MergeLink], filename: str) -> list[str]:
    """Upsert a UnitLink per mapping entry whose two units are in the database."""
    old, new = await _codes(session, OLD_SOURCE), await _codes(session, NEW_SOURCE)
    if not old or not new:
        older, newer = f"danh mục {OLD_YEAR}", f"danh mục {NEW_YEAR}"
        missing = " và ".join(n for n, m in ((older, old), (newer, new)) if not m)
        raise CatalogError(f"{filename}: bảng sáp nhập nối {older} với {newer}; hãy nhập {missing} trước")
    wanted: dict[tuple[int, int], str] = {}
    skipped: list[str] = []
    for link in links:
        old_id, new_id = old.get(link.old_code), new.get(link.new_code)
        if old_id is None or new_id is None:
            skipped.append(f"{link.old_code}→{link.new_code}")
        elif (old_id, new_id) not in wanted or link.kind == "full":
            wanted[(old_id, new_id)] = link.kind
    inserted, changed = await _upsert(session, wanted)
    full = sum(1 for kind in wanted.values() if kind == "full")
    lines = [
        f"{filename}: bảng sáp nhập 2025: {format_number(len(wanted))} liên kết cũ → mới "
        f"({format_number(full)} nhập toàn bộ, {format_number(len(wanted) - full)} nhập một phần), hiệu lực "
        f"{REFORM_DAY.day}/{REFORM_DAY.month}/{REFORM_DAY.year}.",
        f"Thêm mới {format_number(inserted)}, cập nhật {format_number(changed)}, "
        f"không đổi {format_number(len(wanted) - inserted - changed)} liên kết.",
    ]
    if skipped:
        shown = ", ".join(skipped[:10]) + (" ..." if len(skipped) > 10 else "")
        lines.append(f"Bỏ qua {format_number(len(skipped))} liên kết có mã không có trong danh mục: {shown}.")
    return lines


async def _upsert(session: AsyncSession, wanted: dict[tuple[int, int], str]) -> tuple[int, int]:
    """Insert the missing links and fix the kind or date of the others; return (inserted, updated)."""
    result = await session.execute(
        select(UnitLink.id, UnitLink.old_unit_id, UnitLink.new_unit_id, UnitLink.kind, UnitLink.effective)
    )
    have = {(row.old_unit_id, row.new_unit_id): row for row in result}
    inserts, updates = [], []
    for (old_id, new_id), kind in wanted.items():
        row = have.get((old_id, new_id))
        if row is None:
            inserts.append({"old_unit_id": old_id, "new_unit_id": new_id, "kind": kind, "effective": REFORM_DAY})
        elif row.kind != kind or row.effective != REFORM_DAY:
            updates.append({"id": row.id, "kind": kind, "effective": REFORM_DAY})
    if inserts:
        await session.execute(insert(cast(Table, UnitLink.__table__)), inserts)
    if updates:
        await session.execute(update(UnitLink), updates)
    return len(inserts), len(updates)
