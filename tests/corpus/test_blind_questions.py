"""Blind questions about three plans no rule was tuned on (tests/data/plans_blind), written before the bot was run on
them and scored by the evaluation's own checker: an honest measure of answering on new genres and issuers.

The plans and the questions are in the repository; the checker is not (it lives in ../shared/eval, or the
folder KEHOACH_SHARED names), so without it the test is skipped with a line saying so.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, SHARED

CHECKER = SHARED / "eval" / "check.py"

# The number of questions_blind.toml that pass, measured once when the file was written (on 627cd5b: 13 of 31):
# it may only grow. 22 after the general fixes it showed (a two-column header in plain text, mass organisations as
# issuers, a ground "Thực hiện …" after the title, place names in titles, tone marks in plan choice, money
# "Ngoài ra …" beside a total). Failing now (9 of 31), with the stage at fault:
# - b-budget: the total's parts take in a separate sentence ("Kinh phí xây dựng kho học liệu số là …"), and the
#   answer repeats a part, not the total (importer budget parts, budget answer).
# - a-drill-target: asks where, when and how many; only the date is answered (answer composition).
# - b-thpt-target: "chỉ tiêu học bạ số đối với trường THPT": no plan chosen by title, so the quota answer asks which
#   unit although a plan-wide target holds the words (passed before only because "đối" folded like "đổi").
# - b-office-duty-abbrev: "VP Sở" is not read as Văn phòng Sở (office abbreviation).
# - c-fund-target, c-new-members-target: targets under "NỘI DUNG, CHỈ TIÊU" of the Hội plan asked with "bao nhiêu
#   tiền" / "bao nhiêu hội viên" get a unit question or the budget (understanding).
# - c-final-report-event: a report "trước 10 ngày" before an event: another plan's dated report is given.
# - none-dengue, none-tourism: off-plan topics answered from a plan that shares a word (relevance / plan choice).
BLIND_PASSING = 22  # 13 when written


def kehoach_command() -> str:
    """The installed console script next to this interpreter, else `python -m bot.cli`."""
    script = Path(sys.executable).parent / "kehoach"
    return str(script) if script.exists() else f"{sys.executable} -m bot.cli"


@pytest.mark.skipif(not CHECKER.is_file(), reason=f"the eval checker is not at {CHECKER} (set KEHOACH_SHARED)")
def test_blind_plan_questions_pass_at_least_the_known_count() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(CHECKER),
            "--plans",
            str(DATA / "plans_blind"),
            "--cmd",
            kehoach_command(),
            str(DATA / "questions_blind.toml"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-800:]
    passed = int(last.split()[0]) if last.split()[:1] and last.split()[0].isdigit() else 0
    assert passed >= BLIND_PASSING, done.stdout[-4000:]
