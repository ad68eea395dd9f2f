"""National unit catalogs: bad input, a missing file, a small one updated in place (the real lists: tests/corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.language.text import fold
from storage.models import Unit
from storage.units.catalog_files import CatalogError, import_catalog

Sessions = async_sessionmaker[AsyncSession]


async def level_counts(sessions: Sessions, source: str) -> dict[int, int]:
    """How many units of source sit at each level."""
    async with sessions() as session:
        query = select(Unit.level, func.count()).where(Unit.source == source).group_by(Unit.level)
        return dict((await session.execute(query)).all())


async def find(session: AsyncSession, source: str, full_name: str, parent: str | None = None) -> Unit:
    """The one unit of source with this full name (under a parent of this name), tone marks aside."""
    units = (await session.scalars(select(Unit).where(Unit.source == source))).all()
    by_id = {u.id: u for u in units}
    hits = [
        u
        for u in units
        if fold(u.full_name) == fold(full_name)
        and (parent is None or (u.parent_id and fold(by_id[u.parent_id].full_name) == fold(parent)))
    ]
    assert len(hits) == 1, (full_name, parent, len(hits))
    return hits[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """A file in tmp_path with content."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.json", "", "không phải JSON hợp lệ"),
        ("text.json", "Tỉnh Thanh Hóa, Huyện Thọ Xuân", "không phải JSON hợp lệ"),
        ("binary.json", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "không phải văn bản UTF-8"),
        ("shape.json", '{"hello": [1, 2, 3]}', "không nhận ra định dạng"),
        ("list.json", "[1, 2, 3]", "không nhận ra định dạng"),
        ("nocode.json", '[{"FullName": "Tỉnh A", "District": []}]', "tỉnh thứ 1 thiếu trường Code"),
        (
            "dup.json",
            '[{"Code": "01", "FullName": "Tỉnh A", "District": [{"Code": "01", "FullName": "Huyện B"}]}]',
            "mã 01",
        ),
    ],
)
async def test_bad_input_names_file_and_reason(
    sessions: Sessions, tmp_path: Path, name: str, content: str | bytes, reason: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(CatalogError) as error:
        await import_catalog(sessions, path)
    assert name in str(error.value) and reason in str(error.value)
    assert await level_counts(sessions, "catalog-2024") == {}


async def test_missing_file(sessions: Sessions, tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="không tìm thấy tệp"):
        await import_catalog(sessions, tmp_path / "missing.json")


async def test_small_catalog_updates_in_place(sessions: Sessions, tmp_path: Path) -> None:
    data = [
        {"Code": "90", "FullName": "Tỉnh Thử", "District": [{"Code": "900", "FullName": "Huyện Một", "Ward": None}]}
    ]
    path = write(tmp_path, "small.json", json.dumps(data, ensure_ascii=False))
    await import_catalog(sessions, path)
    data[0]["District"][0]["FullName"] = "Thị xã Một"
    data[0]["District"][0]["Ward"] = [{"Code": "90001", "FullName": "Phường Hai"}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    lines = await import_catalog(sessions, path)
    assert "Thêm mới 1, cập nhật 1, không đổi 1 đơn vị" in lines[1]
    async with sessions() as session:
        town = await find(session, "catalog-2024", "Thị xã Một")
        ward = await find(session, "catalog-2024", "Phường Hai")
        assert ward.parent_id == town.id and town.kind == "thị xã"
