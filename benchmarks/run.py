"""National-scale benchmark: 10,035 communes, 100,000 staff, 2,000 plans; ask latency, throughput, reminders,
send rate.

Usage: python benchmarks/run.py [--json] [--db URL] [--catalog FILE] [--plans DIR] [--profile FILE]
Without --db a throw-away SQLite file is used; a --db database should be empty. With --json the
last line printed is one JSON object with every number.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import os
import platform
import pstats
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.many_plans import add_plan_copies  # noqa: E402
from benchmarks.measure import ask_run, fallback_reminders, messages, reminder_scan, send_rate  # noqa: E402
from benchmarks.national import build_national, count_rows, import_sample_plans  # noqa: E402
from bot.clock import VIETNAM  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.reminders.schedule import ReminderSchedule  # noqa: E402

SHARED = ROOT.parent / "shared"
NOW = datetime(2024, 5, 15, 9, 0, tzinfo=VIETNAM)
REMINDER_AT = datetime(2024, 6, 13, 9, 0, tzinfo=VIETNAM)  # 7 days before every commune's 6-month report
TARGETS = {  # name: (limit, "max" or "min")
    "ask_p99_ms": (10.0, "max"),
    "ask_growth": (2.0, "max"),
    "ask_p99_many_plans_ms": (10.0, "max"),
    "ask_many_plans_growth": (2.0, "max"),  # p99 with many plans over p99 with the few sample plans
    "msgs_per_s": (300.0, "min"),
    "reminder_scan_s": (2.0, "max"),
    "send_rate_ratio": (0.9, "min"),
    "rss_mb": (400.0, "max"),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command-line options."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    p.add_argument("--db", help="database URL (an empty database); default: a temporary SQLite file")
    p.add_argument("--catalog", type=Path, default=SHARED / "units" / "units-2024-three-tier.json")
    p.add_argument("--plans", type=Path, default=SHARED / "plans")
    p.add_argument("--users", type=int, default=100_000)
    p.add_argument("--asks", type=int, default=600, help="messages per ask run")
    p.add_argument("--plans-total", type=int, default=2000, help="plans held for the many-plans ask run")
    p.add_argument("--sends", type=int, default=300, help="reminders sent through the fake Telegram")
    p.add_argument("--profile", type=Path, help="write a cProfile of the national ask run here")
    return p.parse_args(argv)


async def _asks(sessions, args: argparse.Namespace, profile: Path | None = None):  # type: ignore[no-untyped-def]
    batch = messages(args.asks, args.users, NOW)
    if profile is None:
        return await ask_run(sessions, batch)
    profiler = cProfile.Profile()
    profiler.enable()
    result = await ask_run(sessions, batch)
    profiler.disable()
    profiler.dump_stats(profile)
    pstats.Stats(str(profile), stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    return result


async def bench(url: str, args: argparse.Namespace) -> dict[str, float | int | str]:
    """Every measurement on the database at url, in order: plans, small asks, national build, big asks, copies of
    the plans up to --plans-total and the asks again."""
    out: dict[str, float | int | str] = {}
    async with open_database(url) as sessions:
        out["import_s"] = await import_sample_plans(sessions, args.plans, NOW)
        small = await _asks(sessions, args)
        built = await build_national(sessions, args.catalog, args.users, NOW)
        out |= await count_rows(sessions)
        out |= {"catalog_s": built.catalog_s, "facts_s": built.facts_s, "users_s": built.users_s}
        big = await _asks(sessions, args, args.profile)
        out |= {"ask_p50_ms": big.p50_ms, "ask_p99_ms": big.p99_ms, "msgs_per_s": big.msgs_per_s}
        out |= {"ask_cpu_ms": big.cpu_ms, "msgs_per_cpu_s": 1000 / big.cpu_ms}
        out |= {"ask_p50_small_ms": small.p50_ms, "ask_p99_small_ms": small.p99_ms, "ask_cpu_small_ms": small.cpu_ms}
        out["ask_growth"] = big.p50_ms / small.p50_ms
        out["plans"] = await add_plan_copies(sessions, args.plans_total)
        many = await _asks(sessions, args)
        out |= {"ask_p99_many_plans_ms": many.p99_ms, "ask_many_plans_growth": many.p99_ms / small.p99_ms}
        try:
            scan_s, due = await reminder_scan(sessions, REMINDER_AT, ReminderSchedule())
        except Exception as exc:  # noqa: BLE001  (report the failure, measure the rest)
            out["reminder_scan_error"] = f"{type(exc).__name__}: {str(exc)[:100]}"
            scan_s, due = None, await fallback_reminders(sessions, args.sends)
        out |= {"reminder_scan_s": scan_s, "reminders_due": len(due)}
        sends = await send_rate(sessions, due[: args.sends], REMINDER_AT)
        out |= {"send_rate_ratio": sends["ratio"], "sends_per_s": sends["rate"], "sent": int(sends["sent"])}
        out |= {"send_429": int(sends["refused_429"]), "send_lost": int(sends["lost"])}
        out |= {"send_duplicates": int(sends["duplicates"]), "send_failed": int(sends["failed"])}
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out |= {"db": url.split(":", 1)[0], "cpus": os.cpu_count() or 0, "python": platform.python_version()}
    out["load_avg_1m"] = os.getloadavg()[0]  # other work on the machine skews every number
    return out


def verdict(name: str, value: float) -> str:
    """ "ok" or "MISS" against the target of name; empty when there is none."""
    if name not in TARGETS:
        return ""
    limit, kind = TARGETS[name]
    good = value <= limit if kind == "max" else value >= limit
    sign = "≤" if kind == "max" else "≥"
    return f"{sign} {limit:g}  {'ok' if good else 'MISS'}"


def table(results: dict[str, float | int | str]) -> str:
    """The results as an aligned table with the targets."""
    lines = [f"{'measure':<18} {'value':>12}  target"]
    for name, value in results.items():
        shown = f"{value:12.2f}" if isinstance(value, float) else f"{value!s:>12}"
        extra = verdict(name, float(value)) if isinstance(value, int | float) else ""
        lines.append(f"{name:<18} {shown}  {extra}".rstrip())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table (and the JSON line)."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/national.db"
        results = asyncio.run(bench(url, args))
    results["total_s"] = time.perf_counter() - started
    print(table(results))
    if args.json:
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in results.items()}))
    misses = [n for n, v in results.items() if isinstance(v, int | float) and "MISS" in verdict(n, float(v))]
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
