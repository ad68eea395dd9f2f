"""Time reading, parsing, extracting and storing a generated plan of N similar target lines.

Usage: python benchmarks/import_scaling.py [N ...]   (default: 500 1000 2000)
       python benchmarks/import_scaling.py --profile N   (cProfile of reading, parsing and extracting)
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bot.clock import VIETNAM
from storage.db import open_database
from storage.importer import import_paths
from storage.importer.facts import extract_facts
from storage.importer.reader import read_document
from storage.importer.structure import parse_document

NOW = datetime(2024, 5, 15, 9, 0, tzinfo=VIETNAM)
HEADER = (
    "ỦY BAN NHÂN DÂN\nXÃ TÂN MỘC\n\nSố: 12/KH-UBND\n\nTân Mộc, ngày 10 tháng 01 năm 2024\n\n"
    "KẾ HOẠCH\nThực hiện giảm nghèo bền vững năm 2024 trên địa bàn xã Tân Mộc\n\n"
    "UBND xã Tân Mộc ban hành Kế hoạch như sau:\n\nI. MỤC TIÊU\n\n1. Chỉ tiêu cụ thể\n"
)


# Bulleted lines stay lines; bare lines of even length read like a PDF's wrapped text and join into paragraphs.
SHAPES = {
    "gạch đầu dòng": "- Giảm {count} hộ nghèo tại thôn {hamlet};",
    "dòng liền": "Giảm {count} hộ nghèo tại thôn {hamlet}",
}


def plan_text(lines: int, shape: str) -> str:
    """A plan whose objectives section has `lines` similar target lines, one per hamlet."""
    body = "\n".join(SHAPES[shape].format(count=12 + n % 7, hamlet=n + 1) for n in range(lines))
    return f"{HEADER}{body}\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Công chức Văn hóa - Xã hội: Chủ trì, theo dõi.\n"


def write_plan(folder: Path, lines: int, shape: str) -> Path:
    """The generated plan as a UTF-8 .txt file in folder."""
    path = folder / f"ke-hoach-{lines}-dong-{len(shape)}.txt"
    path.write_text(plan_text(lines, shape), encoding="utf-8")
    return path


async def measure(lines: int, shape: str, folder: Path) -> str:
    """One line of timings for a plan of `lines` target lines imported into a fresh SQLite file."""
    path = write_plan(folder, lines, shape)
    started = time.perf_counter()
    document = parse_document(read_document(path))
    parsed = time.perf_counter()
    facts = extract_facts(document)
    extracted = time.perf_counter()
    async with open_database(f"sqlite:///{folder / f'{path.stem}.db'}") as sessions:
        began = time.perf_counter()
        (outcome,) = await import_paths(sessions, [path], now=NOW)
        imported = time.perf_counter()
    status = "ok" if outcome.ok else f"LỖI {outcome.lines[0]}"
    return (
        f"{shape:14} {lines:5} dòng | đọc+phân tích {parsed - started:6.2f} s | trích {extracted - parsed:6.2f} s"
        f" | {len(facts.targets):5} chỉ tiêu | nhập trọn {imported - began:6.2f} s | {status}"
    )


def profile(lines: int, shape: str) -> None:
    """Print the 25 costliest functions of parsing and extracting the generated plan."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_plan(Path(tmp), lines, shape)
        profiler = cProfile.Profile()
        profiler.enable()
        extract_facts(parse_document(read_document(path)))
        profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


async def run(sizes: list[int]) -> None:
    """Measure each size in turn."""
    with tempfile.TemporaryDirectory() as tmp:
        for shape in SHAPES:
            for lines in sizes:
                print(await measure(lines, shape, Path(tmp)), flush=True)


def main() -> int:
    """Entry point."""
    args = sys.argv[1:]
    if args[:1] == ["--profile"]:
        profile(int(args[1]) if len(args) > 1 else 1000, "dòng liền")
        return 0
    asyncio.run(run([int(a) for a in args] or [500, 1000, 2000]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
