"""Fuzz the plan importer with mangled sample plans and random bytes: it never raises, a failure changes nothing."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.importer import import_paths
from tests.conftest import NOW, PLANS
from tests.fuzz_support import Bot, bot_on

SAMPLES = {path.name: path.read_text(encoding="utf-8").splitlines() for path in sorted(PLANS.glob("*.txt"))}
JUNK = ["\x00\x01\x02", "\ufffd" * 9, "Phụ lục 01\t\t\t", "I.", "1.1.", "a)", "\t".join(["-"] * 9), "%PDF-1.4"]


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    """A sample plan with lines deleted, duplicated, shuffled or replaced by junk, in some encoding."""
    lines = list(SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))])
    for _ in range(draw(st.integers(min_value=1, max_value=25))):
        if not lines:
            break
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "junk", "cut", "block"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "junk":
            lines[i] = draw(st.one_of(st.sampled_from(JUNK), st.text(max_size=80)))
        elif op == "cut":
            lines = lines[: max(i, j)]
        else:
            lines[min(i, j) : max(i, j)] = draw(st.permutations(lines[min(i, j) : max(i, j)]))
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1258", "latin-1"]))
    return text.encode(encoding, errors="replace")


inputs = st.one_of(mangled(), st.binary(max_size=3000))
_names = itertools.count()


def _import_checked(bot: Bot, folder: Path, data: bytes) -> None:
    path = folder / f"ke-hoach-{next(_names)}.txt"
    path.write_bytes(data)
    before = bot.counts()
    outcomes = bot.runner.run(import_paths(bot.sessions, [path], now=NOW))
    assert len(outcomes) == 1 and outcomes[0].lines
    if not outcomes[0].ok:
        assert bot.counts() == before, f"a failed import changed the database: {outcomes[0].lines}"


def test_importer_survives_mangled_plans_and_random_bytes(db_url: str, tmp_path: Path) -> None:
    with bot_on(db_url, plans=False) as bot:

        @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(data=inputs)
        def run(data: bytes) -> None:
            _import_checked(bot, tmp_path, data)

        run()


def test_failed_import_after_good_ones_changes_nothing(db_url: str, tmp_path: Path) -> None:
    with bot_on(db_url) as bot:
        for data in [b"", b"\x00" * 100, b"\xff\xfe\x00", "Kế hoạch".encode("utf-16")[:3], b"%PDF-1.4 broken"]:
            _import_checked(bot, tmp_path, data)
