"""Time one message through the conversation core (median per message), on the sample plans.

Usage: python benchmarks/ask.py [--catalog ../shared/units/units-2024-three-tier.json] [--rounds 20]
Builds a fresh SQLite database in a temporary folder, imports ../shared/plans/*.txt (and the catalog
when given), then sends a mix of questions through handlers.dispatch.respond, one session per
message as the CLI does, and prints the median and 90th percentile in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.clock import VIETNAM  # noqa: E402
from handlers.dispatch import respond  # noqa: E402
from handlers.messages import IncomingMessage  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.importer import import_paths  # noqa: E402
from storage.units.catalog_files import import_catalog  # noqa: E402

NOW = datetime(2024, 5, 15, 9, 0, tzinfo=VIETNAM)
QUESTIONS = [
    ("Chỉ tiêu giảm hộ nghèo năm 2024 của xã Xuân Bái là bao nhiêu?", None),
    ("chi tieu giam ngheo xa tho xuong", None),
    ("Xã mình năm nay phải giảm mấy hộ nghèo?", "Thọ Lâm"),
    ("xã nào cao nhất", "huyện Thọ Xuân"),
    ("Cơ quan nào được phân công giúp đỡ xã Xuân Phú giảm nghèo?", None),
    ("Đồng chí Phạm Văn Luận phụ trách những xã nào?", None),
    ("Hạn nộp báo cáo 6 tháng là khi nào?", "Xuân Bái"),
    ("còn bao nhiêu ngày nữa là hết hạn báo cáo năm?", "Xuân Bái"),
    ("Phòng Tài chính - Kế hoạch huyện Thọ Xuân có nhiệm vụ gì?", None),
    ("Kinh phí Dự án 2 năm 2024 là bao nhiêu?", "Tân Mộc"),
    ("Tổng nguồn vốn thực hiện chương trình năm 2024?", "Đồng Tháp"),
    ("Tỷ lệ hộ nghèo của xã phấn đấu giảm xuống còn bao nhiêu?", "Trà Lâm"),
    ("rà soát hộ nghèo theo nguyên nhân", "Xuân Bái"),
    ("Chỉ tiêu giảm hộ nghèo của xã Hoàng Sa?", None),
]


async def run(catalog: Path | None, rounds: int) -> None:
    """Import, warm up, then time every question `rounds` times."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        async with open_database(url) as sessions:
            if catalog is not None:
                started = time.perf_counter()
                await import_catalog(sessions, catalog)
                print(f"catalog imported in {time.perf_counter() - started:.1f} s")
            plans = sorted((ROOT.parent / "shared" / "plans").glob("*.txt"))
            await import_paths(sessions, plans, now=NOW)
            timings: list[float] = []
            for n in range(rounds + 1):
                for text, unit in QUESTIONS:
                    message = IncomingMessage("cli", "bench", text, NOW, unit)
                    started = time.perf_counter()
                    async with sessions() as session:
                        await respond(session, message)
                        await session.commit()
                    if n:  # the first round warms the per-process cache
                        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p90 = timings[int(len(timings) * 0.9)]
    print(f"{len(timings)} messages: median {statistics.median(timings):.2f} ms, p90 {p90:.2f} ms")


def main() -> None:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(run(args.catalog, args.rounds))


if __name__ == "__main__":
    main()
