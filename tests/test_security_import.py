"""Hostile files against a database that already holds a plan: a .docx whose XML expands to gigabytes and a PDF
of thousands of pages are refused in bounded time and memory and change nothing; a `kehoach import` killed
with SIGKILL in the middle of writing a plan leaves the database as it was, and the import then works.
(The bounds one by one, and odd encodings: test_import_limits.py.)"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import open_database
from storage.importer import import_paths
from storage.importer.reader import UnreadableDocument, read_document
from storage.models import Plan, Target
from tests.conftest import NOW
from tests.crash_support import kehoach
from tests.test_import_limits import long_plan, minimal_pdf
from tests.test_reader import PLAN_TEXT, build_docx

Sessions = async_sessionmaker[AsyncSession]
GIGABYTES = 3  # what the bomb's XML expands to (under 4 GiB: no ZIP64 records needed)


def _deflated(data: bytes, last: bool = False) -> bytes:
    """data as a piece of a raw deflate stream that ends on a byte boundary, so that pieces can be chained."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


def gigabyte_bomb(path: Path) -> Path:
    """A .docx (the parts of a real one) whose word/document.xml inflates to GIGABYTES GiB of blank XML body,
    written by hand: one compressed MiB of spaces repeated, the whole file a few MB."""
    import zipfile

    with zipfile.ZipFile(build_docx(path.with_name("real.docx"))) as real:
        parts = [(name, real.read(name)) for name in real.namelist() if name != "word/document.xml"]
    head = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    blank, tail = b" " * (1 << 20), b"<w:body/></w:document>"
    size = len(head) + GIGABYTES * 1024 * len(blank) + len(tail)
    stream = _deflated(head) + _deflated(blank) * (GIGABYTES * 1024) + _deflated(tail, last=True)
    entries = [(name, data, 0, zlib.crc32(data), len(data)) for name, data in parts]
    entries.append(("word/document.xml", stream, 8, 0, size))  # the checksum is never reached
    path.write_bytes(_zip(entries))
    return path


def _zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip archive of (name, stored bytes, method, crc, uncompressed size) entries."""
    out, directory = bytearray(), bytearray()
    for name, data, method, crc, size in entries:
        encoded = name.encode()
        fields = (20, 0, method, 0, 0, crc, len(data), size, len(encoded))
        directory += struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIH", *fields)
        directory += struct.pack("<HHHHII", 0, 0, 0, 0, 0, len(out)) + encoded
        out += struct.pack("<I", 0x04034B50) + struct.pack("<HHHHHIIIH", *fields) + struct.pack("<H", 0) + encoded
        out += data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(out), 0)
    return bytes(out + directory + end)


Holdings = dict[str, list[tuple[str, float | None]]]


async def _holdings(sessions: Sessions) -> Holdings:
    """Each plan's file name with its targets (indicator, value), sorted."""
    query = select(Plan.source_file, Target.indicator, Target.value).join(Target, Target.plan_id == Plan.id)
    async with sessions() as session:
        rows = (await session.execute(query)).all()
        plans = list((await session.execute(select(Plan.source_file))).scalars())
    held: Holdings = {Path(source).name: [] for source in plans}
    for source, name, value in rows:
        held[Path(source).name].append((str(name), value))
    return {name: sorted(targets) for name, targets in held.items()}


async def _with_a_plan(sessions: Sessions, tmp_path: Path) -> Holdings:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN_TEXT, encoding="utf-8")
    assert all(o.ok for o in await import_paths(sessions, [plan], now=NOW))
    before = await _holdings(sessions)
    assert list(before) == ["ke-hoach.txt"] and before["ke-hoach.txt"]
    return before


async def test_a_docx_that_expands_to_gigabytes_is_refused_at_once_and_changes_nothing(
    sessions: Sessions, tmp_path: Path
) -> None:
    before = await _with_a_plan(sessions, tmp_path)
    bomb = gigabyte_bomb(tmp_path / "bom.docx")
    assert bomb.stat().st_size < 5 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    try:
        (outcome,) = await import_paths(sessions, [bomb], now=NOW)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not outcome.ok and outcome.lines[0].startswith("Lỗi: bom.docx: tệp giải nén ra 3.07")
    assert time.perf_counter() - started < 10 and peak < 50 * 1024 * 1024
    assert await _holdings(sessions) == before


async def test_a_pdf_of_twenty_thousand_pages_is_refused_at_once_and_changes_nothing(
    sessions: Sessions, tmp_path: Path
) -> None:
    before = await _with_a_plan(sessions, tmp_path)
    pdf = minimal_pdf(tmp_path / "dai.pdf", 20_000)
    started = time.perf_counter()
    (outcome,) = await import_paths(sessions, [pdf], now=NOW)
    assert time.perf_counter() - started < 3  # 4 s before the pages were counted without pdfplumber
    assert not outcome.ok and outcome.lines[0].startswith("Lỗi: dai.pdf: PDF có hơn 300 trang")
    assert await _holdings(sessions) == before


def test_refusing_a_pdf_of_thousands_of_pages_loads_none_of_them(tmp_path: Path) -> None:
    pdf = minimal_pdf(tmp_path / "dai.pdf", 5000)
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableDocument, match="PDF có hơn 300 trang"):
            read_document(pdf)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * 1024 * 1024  # 18 MB when every page was loaded on closing


class Database:
    """Looks into the database from outside the importing process: committed plans, and an open writer."""

    def __init__(self, db_url: str) -> None:
        self.url = make_url(db_url)

    async def plans(self) -> int:
        return int(await self._one("SELECT count(*) FROM plans"))

    async def writing(self) -> bool:
        """Whether a transaction that has written (PostgreSQL) or holds the write lock (SQLite) is open."""
        if self.url.get_backend_name() == "sqlite":
            probe = sqlite3.connect(str(self.url.database), timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                probe.close()
        query = (
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
        )
        return bool(await self._one(query))

    async def _one(self, query: str) -> object:
        if self.url.get_backend_name() == "sqlite":
            with sqlite3.connect(str(self.url.database)) as conn:
                return conn.execute(query).fetchone()[0]
        import asyncpg

        conn = await asyncpg.connect(self.url.set(drivername="postgresql").render_as_string(hide_password=False))
        try:
            return await conn.fetchval(query)
        finally:
            await conn.close()


async def _kill_while_writing(process: asyncio.subprocess.Process, database: Database, plans: int) -> None:
    """SIGKILL the process once the first file is committed (plans reached) and the second one is being written."""
    async with asyncio.timeout(60):
        while await database.plans() < plans:
            assert process.returncode is None, "the import ended before its first file was stored"
            await asyncio.sleep(0.01)
        while not await database.writing():
            assert process.returncode is None, "the import ended before it was caught writing"
            await asyncio.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    assert await process.wait() == -signal.SIGKILL


async def test_an_import_killed_while_writing_leaves_the_plan_as_it_was_and_runs_again(
    db_url: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "ke-hoach.txt", tmp_path / "dai.txt"
    second.write_text(long_plan(200), encoding="utf-8")
    async with open_database(db_url) as sessions:
        assert all(o.ok for o in await import_paths(sessions, [second], now=NOW))
        before = await _holdings(sessions)
    first.write_text(PLAN_TEXT, encoding="utf-8")
    second.write_text(long_plan(200).replace("Giảm 1", "Giảm 2"), encoding="utf-8")  # most values change
    process = await asyncio.create_subprocess_exec(
        *kehoach(db_url, "import", str(first), str(second)), stdout=asyncio.subprocess.DEVNULL, stderr=-3
    )
    await _kill_while_writing(process, Database(db_url), plans=2)
    async with open_database(db_url) as sessions:
        killed = await _holdings(sessions)
        assert killed.keys() == {"ke-hoach.txt", "dai.txt"} and killed["dai.txt"] == before["dai.txt"]
        outcomes = await import_paths(sessions, [second], now=NOW)
        assert all(o.ok for o in outcomes), outcomes[0].lines
        again = await _holdings(sessions)
    assert again["dai.txt"] != before["dai.txt"] and len(again["dai.txt"]) == len(before["dai.txt"])
    assert again["ke-hoach.txt"] == killed["ke-hoach.txt"]
