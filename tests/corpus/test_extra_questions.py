"""The team's extra questions (tests/data/extra_questions*.toml, each at its own clock) over the sample plans
and the extra plans, and the questions about the real plans (questions_real.toml, next to this file), scored by
the evaluation's own checker exactly as the hidden evaluation runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, PLANS, SHARED

CHECKER = SHARED / "eval" / "check.py"


def kehoach_command() -> str:
    """The installed console script next to this interpreter, else `python -m bot.cli`."""
    script = Path(sys.executable).parent / "kehoach"
    return str(script) if script.exists() else f"{sys.executable} -m bot.cli"


@pytest.mark.parametrize(
    "cases",
    [
        "extra_questions.toml",
        "extra_questions_2025.toml",
        "extra_questions_3.toml",
        "extra_questions_4.toml",
        "extra_questions_5.toml",
        "extra_questions_6.toml",
    ],
)
def test_extra_questions_all_pass(tmp_path: Path, cases: str) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for path in [*PLANS.glob("*.txt"), *(DATA / "plans_extra").glob("*.txt")]:
        shutil.copy(path, plans / path.name)
    done = subprocess.run(
        [
            sys.executable,
            str(CHECKER),
            "--plans",
            str(plans),
            "--cmd",
            kehoach_command(),
            str(DATA / cases),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-800:]
    assert done.returncode == 0 and last.endswith(" 0 failed"), done.stdout[-4000:]


# questions_real.toml over the fourteen real plans: the number that pass may only grow (issue 13 asks for all).
REAL_PASSING = 93


def test_real_plan_questions_pass_at_least_the_known_count(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(CHECKER),
            "--plans",
            str(SHARED / "plans-real"),
            "--cmd",
            kehoach_command(),
            str(Path(__file__).resolve().parent / "questions_real.toml"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-800:]
    passed = int(last.split()[0]) if last.split()[:1] and last.split()[0].isdigit() else 0
    assert passed >= REAL_PASSING, done.stdout[-4000:]


# Questions over the fourteen real plans that must all pass: those no plan answers get "không tìm thấy", and
# paraphrases the plans answer keep their answer (tests/data/unanswerable_real.toml).
@pytest.mark.parametrize("cases", ["unanswerable_real.toml"])
def test_real_plan_question_files_all_pass(cases: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(CHECKER),
            "--plans",
            str(SHARED / "plans-real"),
            "--cmd",
            kehoach_command(),
            str(DATA / cases),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-800:]
    assert done.returncode == 0 and last.endswith(" 0 failed"), done.stdout[-4000:]
