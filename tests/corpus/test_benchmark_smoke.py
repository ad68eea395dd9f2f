"""The national benchmark still runs end to end (tiny numbers; its speed is measured outside the tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run
from tests.conftest import PLANS, UNITS


@pytest.mark.slow
def test_the_benchmark_runs_and_reports_every_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--json", "--users", "200", "--asks", "24", "--sends", "12", "--plans-total", "60"]
    argv += ["--catalog", str(UNITS / "units-2024-three-tier.json"), "--plans", str(PLANS)]
    run.main(argv)  # its exit code says whether targets were met: timing is not what this test checks
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["communes"] == 10035 and result["users"] == 200 and result["plans"] == 60
    for name in run.TARGETS:
        assert isinstance(result[name], int | float), name
    assert result["reminders_due"] > 0 and "reminder_scan_error" not in result
    assert result["sent"] == 12 and result["send_lost"] == 0 and result["send_duplicates"] == 0
