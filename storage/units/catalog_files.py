"""National unit catalogs (2024 three-tier, 2025 two-tier, 2025 merges): reading and importing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.language.text import format_number, nfc, split_unit_name, unit_key

# The day the two-tier local government began.
REFORM_DAY = date(2025, 7, 1)
# The national catalogs, named by year: the last three-tier list, in force until the reform, and the two-tier one.
OLD_YEAR, NEW_YEAR = REFORM_DAY.year - 1, REFORM_DAY.year
OLD_CATALOG, NEW_CATALOG = f"catalog-{OLD_YEAR}", f"catalog-{NEW_YEAR}"
MAX_BYTES = 50 * 1024 * 1024


class CatalogError(ValueError):
    """A catalog file that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class CatalogNode:
    """One unit of a catalog tree, parents listed before their children."""

    code: str
    parent_code: str | None
    level: int
    kind: str | None
    name: str
    full_name: str

    @property
    def key(self) -> str:
        """The folded search key of the bare name."""
        return unit_key(self.name)


@dataclass(frozen=True)
class Catalog:
    """A parsed unit tree with the source tag and validity dates its rows get."""

    source: str
    label: str
    nodes: list[CatalogNode]
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class MergeLink:
    """An old (2024) unit code that became fully or partly part of a new (2025) one."""

    old_code: str
    new_code: str
    kind: str


async def import_catalog(sessions: async_sessionmaker[AsyncSession], path: Path) -> list[str]:
    """Load a catalog file in one transaction and return the summary lines to print."""
    from storage.units.catalog_write import write_catalog
    from storage.units.merge_links import write_links

    parsed = parse_catalog(path)
    async with sessions() as session, session.begin():
        if isinstance(parsed, Catalog):
            return await write_catalog(session, parsed, path.name)
        return await write_links(session, parsed, path.name)


def parse_catalog(path: Path) -> Catalog | list[MergeLink]:
    """Read path and recognise its format from the content."""
    data = _load_json(path)
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        if any("District" in item for item in data):
            nodes = _unique(path, _three_tier(path, data))
            return Catalog(OLD_CATALOG, f"danh mục {OLD_YEAR} (tỉnh → huyện → xã)", nodes, None, REFORM_DAY)
        if any("Wards" in item for item in data):
            nodes = _unique(path, _two_tier(path, data))
            return Catalog(NEW_CATALOG, f"danh mục {NEW_YEAR} (tỉnh → xã)", nodes, REFORM_DAY, None)
    if isinstance(data, dict) and isinstance(data.get("data"), list) and _looks_like_merges(data["data"]):
        return _merges(path, data["data"])
    raise CatalogError(
        f"{path.name}: không nhận ra định dạng danh mục (cần danh sách tỉnh {OLD_YEAR} có District, "
        f"danh sách tỉnh {NEW_YEAR} có Wards, hoặc bảng sáp nhập {NEW_YEAR} có data/level1_id)"
    )


def _load_json(path: Path) -> Any:
    """The JSON content of path, or a CatalogError saying why not."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CatalogError(f"{path.name}: tệp quá lớn (trên 50 MB)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError(f"{path}: không tìm thấy tệp") from None
    except IsADirectoryError:
        raise CatalogError(f"{path}: đây là thư mục, không phải tệp") from None
    except OSError as exc:
        raise CatalogError(f"{path}: không đọc được tệp ({exc.strerror})") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CatalogError(f"{path.name}: không phải văn bản UTF-8 (tệp nhị phân?)") from None
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{path.name}: không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})") from None


def _unique(path: Path, nodes: list[CatalogNode]) -> list[CatalogNode]:
    """The nodes, after checking that no code is used twice."""
    seen: dict[str, CatalogNode] = {}
    for node in nodes:
        if node.code in seen:
            first = seen[node.code].full_name
            raise CatalogError(f"{path.name}: mã {node.code} dùng cho cả {first} và {node.full_name}")
        seen[node.code] = node
    return nodes


def _looks_like_merges(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(item, dict) and "level1_id" in item for item in items)


def _field(path: Path, item: Any, name: str, where: str) -> str:
    """A required non-empty text field of a catalog entry."""
    value = item.get(name) if isinstance(item, dict) else None
    if not isinstance(value, str | int) or not str(value).strip():
        raise CatalogError(f"{path.name}: {where} thiếu trường {name}")
    return nfc(str(value))


def _node(path: Path, item: Any, parent: str | None, level: int, where: str) -> CatalogNode:
    """A catalog node from an entry with Code and FullName."""
    code = _field(path, item, "Code", where)
    full = _field(path, item, "FullName", where)
    kind, name = split_unit_name(full)
    return CatalogNode(code, parent, level, kind, name, full)


def _children(path: Path, item: dict[str, Any], name: str, where: str) -> list[Any]:
    """The child list of an entry; null means none."""
    value = item.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise CatalogError(f"{path.name}: {where}: {name} phải là danh sách")
    return value


def _three_tier(path: Path, data: list[dict[str, Any]]) -> list[CatalogNode]:
    """Provinces -> districts -> communes of the 2024 list."""
    nodes: list[CatalogNode] = []
    for i, province in enumerate(data, 1):
        top = _node(path, province, None, 1, f"tỉnh thứ {i}")
        nodes.append(top)
        for j, district in enumerate(_children(path, province, "District", top.full_name), 1):
            mid = _node(path, district, top.code, 2, f"{top.full_name}, huyện thứ {j}")
            nodes.append(mid)
            for k, ward in enumerate(_children(path, district, "Ward", mid.full_name), 1):
                nodes.append(_node(path, ward, mid.code, 3, f"{mid.full_name}, xã thứ {k}"))
    return nodes


def _two_tier(path: Path, data: list[dict[str, Any]]) -> list[CatalogNode]:
    """Provinces -> communes of the 2025 list."""
    nodes: list[CatalogNode] = []
    for i, province in enumerate(data, 1):
        top = _node(path, province, None, 1, f"tỉnh thứ {i}")
        nodes.append(top)
        for k, ward in enumerate(_children(path, province, "Wards", top.full_name), 1):
            nodes.append(_node(path, ward, top.code, 3, f"{top.full_name}, xã thứ {k}"))
    return nodes


def _merges(path: Path, items: list[dict[str, Any]]) -> list[MergeLink]:
    """Old -> new links of the 2025 merge mapping, provinces and communes."""
    links: list[MergeLink] = []
    for item in items:
        entries = [(item.get("level1_id"), item.get("merges"))]
        entries += [
            (sub.get("level2_id"), sub.get("merges")) for sub in item.get("level2s") or [] if isinstance(sub, dict)
        ]
        for new_code, merges in entries:
            if not isinstance(new_code, str) or not isinstance(merges, list):
                raise CatalogError(
                    f"{path.name}: mục sáp nhập của {item.get('name', '?')} thiếu mã hoặc danh sách merges"
                )
            for merge in merges:
                old = _field(path, merge, "old_id", f"mục sáp nhập {new_code}")
                kind = "partial" if isinstance(merge, dict) and merge.get("type") == "partial" else "full"
                links.append(MergeLink(old, new_code, kind))
    return links


def count_line(label: str, nodes: list[CatalogNode]) -> str:
    """ "danh mục 2024: 63 tỉnh/thành phố, 696 quận/huyện, 10.035 xã/phường." """
    names = {1: "tỉnh/thành phố", 2: "quận/huyện/thị xã", 3: "xã/phường/thị trấn"}
    counts = {level: sum(1 for n in nodes if n.level == level) for level in names}
    parts = [f"{format_number(c)} {names[lv]}" for lv, c in counts.items() if c]
    return f"{label}: " + ", ".join(parts) + "."
