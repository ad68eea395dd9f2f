"""Only the many-plans part of run.py: the sample plans, the national catalog, copies of the plans up to
--plans-total, then the ask run on few and on many plans (optionally under cProfile).

Usage: python benchmarks/many_plans_ask.py [--plans-total 2000] [--users 2000] [--profile FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.many_plans import add_plan_copies  # noqa: E402
from benchmarks.measure import AskResult, ask_run, messages  # noqa: E402
from benchmarks.national import build_national, import_sample_plans  # noqa: E402
from benchmarks.run import NOW, SHARED  # noqa: E402
from handlers.dispatch import respond  # noqa: E402
from handlers.messages import IncomingMessage  # noqa: E402
from storage.db import open_database  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _by_question(sessions, batch: list[IncomingMessage]) -> None:  # type: ignore[no-untyped-def]
    """The median and slowest time of each question of the mix."""
    times: dict[str, list[float]] = {}
    for message in batch:
        began = time.perf_counter()
        async with sessions() as session:
            await respond(session, message)
            await session.commit()
        times.setdefault(message.text, []).append((time.perf_counter() - began) * 1000)
    for text, spent in sorted(times.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {statistics.median(spent):6.2f} {max(spent):7.2f}  {text[:60]}")


async def _asks(sessions, args: argparse.Namespace, profile: Path | None) -> AskResult:  # type: ignore[no-untyped-def]
    batch = messages(args.asks, args.users, NOW)
    if args.by_question:
        await _by_question(sessions, batch)
    if profile is None:
        return await ask_run(sessions, batch)
    await ask_run(sessions, batch[:50])  # build the indexes outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    result = await ask_run(sessions, batch)
    profiler.disable()
    profiler.dump_stats(profile)
    pstats.Stats(str(profile), stream=sys.stderr).sort_stats("tottime").print_stats(25)
    return result


async def bench(url: str, args: argparse.Namespace) -> None:
    """Few plans, then many, the ask run after each; print p50, p99 and the peak RSS."""
    async with open_database(url) as sessions:
        await import_sample_plans(sessions, args.plans, NOW)
        await build_national(sessions, args.catalog, args.users, NOW)
        few = await _asks(sessions, args, None)
        print(
            f"few plans: p50 {few.p50_ms:.2f} ms, p99 {few.p99_ms:.2f} ms, cpu {few.cpu_ms:.2f} ms; {_rss_mb():.0f} MB",
            flush=True,
        )
        plans = await add_plan_copies(sessions, args.plans_total)
        print(f"copies made: {_rss_mb():.0f} MB", flush=True)
        for _ in range(args.repeat):
            many = await _asks(sessions, args, args.profile)
            print(
                f"{plans} plans: p50 {many.p50_ms:.2f} ms, p99 {many.p99_ms:.2f} ms, cpu {many.cpu_ms:.2f} ms",
                flush=True,
            )
    print(f"peak rss {_rss_mb():.0f} MB")


def main() -> None:
    """Parse the options and run."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--catalog", type=Path, default=SHARED / "units" / "units-2024-three-tier.json")
    p.add_argument("--plans", type=Path, default=SHARED / "plans")
    p.add_argument("--users", type=int, default=2000)
    p.add_argument("--asks", type=int, default=600)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--plans-total", type=int, default=2000)
    p.add_argument("--profile", type=Path)
    p.add_argument("--by-question", action="store_true", help="first print each question's median and worst")
    p.add_argument("--db", help="an empty SQLite file's URL to keep; default: a temporary one")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(bench(args.db or f"sqlite:///{tmp}/many.db", args))


if __name__ == "__main__":
    main()
