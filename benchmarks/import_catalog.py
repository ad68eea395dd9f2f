"""Time the 2024 catalog import (10,035 communes; target < 30 s) on SQLite and, when reachable, PostgreSQL.

Usage: python benchmarks/import_catalog.py [CATALOG.json]   (default: ../shared/units/units-2024-three-tier.json)
Each run uses a throw-away database: a temporary SQLite file, and a fresh PostgreSQL database at
127.0.0.1:5432 (user postgres, trust auth) that is dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage.db import open_database  # noqa: E402
from storage.units.catalog_files import import_catalog  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "units" / "units-2024-three-tier.json"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_S = 30.0


async def timed_imports(url: str, path: Path) -> tuple[float, float]:
    """Seconds for a first import into an empty database and for an unchanged re-import."""
    async with open_database(url) as sessions:
        start = time.perf_counter()
        await import_catalog(sessions, path)
        first = time.perf_counter() - start
        start = time.perf_counter()
        await import_catalog(sessions, path)
        return first, time.perf_counter() - start


async def postgres_url() -> str | None:
    """A fresh throw-away PostgreSQL database, or None when the server is not reachable."""
    try:
        import asyncpg

        conn = await asyncio.wait_for(asyncpg.connect(PG_ADMIN), timeout=3)
    except Exception:
        return None
    name = f"kh_bench_{uuid.uuid4().hex[:10]}"
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


async def drop(url: str) -> None:
    """Drop the throw-away PostgreSQL database of url."""
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await conn.close()


def report(name: str, first: float, again: float) -> None:
    """Print one result line."""
    verdict = "OK" if first < TARGET_S else "TOO SLOW"
    print(f"{name:<11} first import {first:6.2f} s   re-import {again:6.2f} s   target < {TARGET_S:.0f} s: {verdict}")


async def main() -> int:
    """Run the SQLite and PostgreSQL timings and print them."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    print(f"catalog: {path}  ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite", *await timed_imports(f"sqlite:///{tmp}/bench.db", path))
    url = await postgres_url()
    if url is None:
        print("PostgreSQL  not reachable at 127.0.0.1:5432: skipped")
        return 0
    try:
        report("PostgreSQL", *await timed_imports(url, path))
    finally:
        await drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
