"""The evaluation's own checker (../shared/eval/check.py) run over a folder of plans and a case file, as the
hidden evaluation runs it: the tests of the question files share it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SHARED

CHECKER = SHARED / "eval" / "check.py"


@dataclass(frozen=True)
class Checked:
    """What the checker printed, its exit code, and how many cases passed and failed."""

    output: str
    code: int
    passed: int
    failed: int

    @property
    def all_passed(self) -> bool:
        """Whether the run ended well with no case failed."""
        return self.code == 0 and self.failed == 0 and self.passed > 0

    @property
    def tail(self) -> str:
        """The end of the output, for an assertion's message."""
        return self.output[-4000:]


def kehoach_command() -> str:
    """The installed console script next to this interpreter, else `python -m bot.cli`."""
    script = Path(sys.executable).parent / "kehoach"
    return str(script) if script.exists() else f"{sys.executable} -m bot.cli"


def check(plans: Path, cases: Path) -> Checked:
    """Run the checker over the plans folder and the case file; its last line ("N passed, N failed") gives the
    counts (none when it ended before printing them)."""
    done = subprocess.run(
        [sys.executable, str(CHECKER), "--plans", str(plans), "--cmd", kehoach_command(), str(cases)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = done.stdout if done.stdout.strip() else done.stderr
    last = output.strip().splitlines()[-1].split() if output.strip() else []
    counted = len(last) >= 4 and last[0].isdigit() and last[2].isdigit()
    passed, failed = (int(last[0]), int(last[2])) if counted else (0, 0)
    return Checked(output, done.returncode, passed, failed)
