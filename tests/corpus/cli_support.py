"""Running the real `kehoach` command line on a database file, for the corpus suites."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def kehoach(db: Path, *args: str, now: str) -> str:
    """Run the CLI on db at a clock; its stdout (the run must succeed)."""
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", f"sqlite:///{db}", "--now", now, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-800:]
    return done.stdout
