"""Time importing each sample plan into a fresh SQLite database (target: under 1 s per plan).

Usage: python benchmarks/import_plans.py [PLANS_DIR]   (default: ../shared/plans)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bot.clock import VIETNAM
from storage.db import open_database
from storage.importer import import_paths
from storage.importer.reader import read_document
from storage.importer.structure import parse_document

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2024, 5, 15, 9, 0, tzinfo=VIETNAM)


async def run(plans: list[Path]) -> int:
    """Import each plan twice (new, then update) and print the times; 1 when any is over 1 s."""
    slow = 0
    with tempfile.TemporaryDirectory() as tmp:
        async with open_database(f"sqlite:///{Path(tmp) / 'bench.db'}") as sessions:
            for path in plans:
                started = time.perf_counter()
                parse_document(read_document(path))
                parsed = time.perf_counter() - started
                times = []
                for _ in range(2):
                    started = time.perf_counter()
                    (outcome,) = await import_paths(sessions, [path], now=NOW)
                    times.append(time.perf_counter() - started)
                status = "ok" if outcome.ok and max(times) < 1.0 else "CHẬM" if outcome.ok else "LỖI"
                slow += status != "ok"
                print(f"{path.name:34} đọc+phân tích {parsed * 1000:6.0f} ms | nhập {times[0] * 1000:6.0f} ms"
                      f" | nhập lại {times[1] * 1000:6.0f} ms | {status}")  # fmt: skip
    return 1 if slow else 0


def main() -> int:
    """Entry point."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "plans"
    plans = sorted(folder.glob("*.txt"))
    if not plans:
        print(f"Không thấy kế hoạch mẫu trong {folder}", file=sys.stderr)
        return 2
    return asyncio.run(run(plans))


if __name__ == "__main__":
    sys.exit(main())
