"""Writing a parsed unit catalog: bulk upsert by (source, code), claims of plan units, aliases."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.text import fold, format_number
from storage.models import Unit, UnitAlias
from storage.units.catalog_files import OLD_CATALOG, Catalog, CatalogNode, count_line
from storage.units.claims import describe_unmatched, load_plan_units, match_plan_units, merge_units

# Sources whose trees may claim units built from plan documents (the plans name 2024 units).
CLAIMING_SOURCES = {OLD_CATALOG}
_FIELDS = ("name", "kind", "level", "key", "parent_id", "valid_from", "valid_to")


async def write_catalog(session: AsyncSession, catalog: Catalog, filename: str) -> list[str]:
    """Upsert every node of catalog, level by level, and return the summary lines."""
    existing = await _existing(session, catalog.source)
    ids = {code: row["id"] for code, row in existing.items()}
    claims: dict[str, list[int]] = {}
    plan_units = {}
    if catalog.source in CLAIMING_SOURCES:
        plan_units = await load_plan_units(session)
        claims = match_plan_units(plan_units, catalog.nodes, {row["id"]: code for code, row in existing.items()})
    stats = {"insert": 0, "update": 0, "claim": 0}
    merges: list[tuple[int, int]] = []
    for level in sorted({n.level for n in catalog.nodes}):
        nodes = [n for n in catalog.nodes if n.level == level]
        await _write_level(session, catalog, nodes, existing, ids, claims, merges, stats)
    await merge_units(session, merges)
    aliases = await _write_aliases(session, catalog, ids)
    lines = [f"{filename}: " + count_line(catalog.label, catalog.nodes)]
    unchanged = len(catalog.nodes) - stats["insert"] - stats["update"] - stats["claim"]
    lines.append(
        f"Thêm mới {format_number(stats['insert'])}, cập nhật {format_number(stats['update'])}, "
        f"không đổi {format_number(unchanged)} đơn vị; thêm {format_number(aliases)} tên gọi."
    )
    lines += _claim_lines(catalog, plan_units, claims)
    return lines


async def _existing(session: AsyncSession, source: str) -> dict[str, dict[str, Any]]:
    """The rows already imported from this source, by code."""
    columns = [getattr(Unit, f) for f in ("id", "code", *_FIELDS)]
    result = await session.execute(select(*columns).where(Unit.source == source))
    return {row.code: dict(row._mapping) for row in result}


def _values(catalog: Catalog, node: CatalogNode, ids: dict[str, int]) -> dict[str, Any]:
    """The column values a catalog node gives its row."""
    return {
        "name": node.name,
        "kind": node.kind,
        "level": node.level,
        "key": node.key,
        "parent_id": ids.get(node.parent_code) if node.parent_code else None,
        "valid_from": catalog.valid_from,
        "valid_to": catalog.valid_to,
    }


async def _write_level(
    session: AsyncSession,
    catalog: Catalog,
    nodes: list[CatalogNode],
    existing: dict[str, dict[str, Any]],
    ids: dict[str, int],
    claims: dict[str, list[int]],
    merges: list[tuple[int, int]],
    stats: dict[str, int],
) -> None:
    """Insert, update or claim the rows of one level; parents are already written."""
    inserts, updates, claimed = [], [], []
    for node in nodes:
        values = _values(catalog, node, ids)
        claimers = claims.get(node.code, [])
        if node.code in existing:
            row = existing[node.code]
            if any(row[f] != values[f] for f in _FIELDS):
                updates.append({"id": row["id"], **values})
                stats["update"] += 1
            merges += [(plan_id, row["id"]) for plan_id in claimers]
        elif claimers:
            ids[node.code] = claimers[0]
            claimed.append({"id": claimers[0], "code": node.code, "source": catalog.source, **values})
            merges += [(plan_id, claimers[0]) for plan_id in claimers[1:]]
            stats["claim"] += 1
        else:
            inserts.append({"code": node.code, "source": catalog.source, **values})
    for rows in (updates, claimed):
        if rows:
            await session.execute(update(Unit), rows)
    if inserts:
        await session.execute(insert(cast(Table, Unit.__table__)), inserts)
        stats["insert"] += len(inserts)
        codes = {n["code"] for n in inserts}
        result = await session.execute(
            select(Unit.code, Unit.id).where(Unit.source == catalog.source, Unit.level == nodes[0].level)
        )
        ids.update({code: uid for code, uid in result if code is not None and code in codes})


async def _write_aliases(session: AsyncSession, catalog: Catalog, ids: dict[str, int]) -> int:
    """Give every catalog unit its full and bare name as aliases; return how many were added."""
    query = select(UnitAlias.unit_id, UnitAlias.key).join(Unit, Unit.id == UnitAlias.unit_id)
    result = await session.execute(query.where(Unit.source == catalog.source))
    have = {(uid, key) for uid, key in result}
    rows = []
    for node in catalog.nodes:
        uid = ids[node.code]
        for alias in (node.full_name, node.name):
            key = fold(alias)
            if (uid, key) not in have:
                have.add((uid, key))
                rows.append({"unit_id": uid, "alias": alias, "key": key})
    if rows:
        await session.execute(insert(cast(Table, UnitAlias.__table__)), rows)
    return len(rows)


def _claim_lines(catalog: Catalog, plan_units: dict[int, Any], claims: dict[str, list[int]]) -> list[str]:
    """Say which plan-built units now are catalog units, and which could not be placed."""
    by_code = {n.code: n for n in catalog.nodes}
    claimed = [(uid, by_code[code]) for code, uids in claims.items() for uid in uids]
    lines = []
    if claimed:
        shown = "; ".join(f"{plan_units[uid].label} → {node.full_name} ({node.code})" for uid, node in claimed[:15])
        more = f" và {len(claimed) - 15} đơn vị khác" if len(claimed) > 15 else ""
        lines.append(f"Gắn {format_number(len(claimed))} đơn vị trong kế hoạch vào danh mục: {shown}{more}.")
    missing = describe_unmatched(plan_units, {uid for uids in claims.values() for uid in uids})
    if missing:
        shown = "; ".join(missing[:15]) + (" ..." if len(missing) > 15 else "")
        lines.append(f"Chưa gắn được {format_number(len(missing))} đơn vị trong kế hoạch: {shown}.")
    return lines
