"""Questions about the held-out plans (tests/data/plans_heldout), asked as staff would type them and scored by the
evaluation's own checker: how well the bot answers plans of genres and issuers its rules were not written on.

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

# The number of questions_heldout.toml that pass, measured when the file was written: it may only grow
# (40 then; 47 once goals outside MỤC TIÊU, ratios, forms and any counted noun were read).
# Failing then (20 of 60; those still failing are listed), each for the stage named:
#   a-budget-2026, f-capital-2027 — a year inside a multi-year plan's period is asked; the budget answer only
#     knows the plan's own year and gives up, the targets answer then says "no figure for that year";
#   a-people-contribution — one source asked: the yearly rows are listed, the plan's total for it is not;
#   a-culture-office-abbrev — "P.VH-XH" is not read as Phòng Văn hóa - Xã hội;
#   c-health-dept-reports — a question naming two report periods gets the first period's deadline only;
#   c-number-date-signer — the crawler's bold block runs "GIÁM ĐỐC SỞ Y TẾ Hồ Minh Khải" into one line and
#     the signer is not read;
#   d-station-report — deadlines are matched on their titles, not on who owes them: a passage comes back;
#   d-based-on — "căn cứ những văn bản nào" ("những" between the words) is not a basis question;
#   d-review-when — "ai làm" is asked, the deadline line does not say who owes it;
#   e-who-leads — a topic word shared by two plans ("phát triển") brings a second plan's lead;
#   f-health-dept-deadline — the recipient of the next clause (Sở Tài chính) is attached to the deadline;
#   f-disbursement-report — "báo cáo ... gửi đâu" with "vốn" goes to budgets, with another plan's money;
#   none-swine-fever — a topic no plan has: "which unit?" is asked instead of "no plan on that".
HELDOUT_PASSING = 47


def kehoach_command() -> str:
    """The installed console script next to this interpreter, else `python -m bot.cli`."""
    script = Path(sys.executable).parent / "kehoach"
    return str(script) if script.exists() else f"{sys.executable} -m bot.cli"


@pytest.mark.skipif(not CHECKER.is_file(), reason=f"the eval checker is not at {CHECKER} (set KEHOACH_SHARED)")
def test_heldout_plan_questions_pass_at_least_the_known_count() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(CHECKER),
            "--plans",
            str(DATA / "plans_heldout"),
            "--cmd",
            kehoach_command(),
            str(DATA / "questions_heldout.toml"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-800:]
    passed = int(last.split()[0]) if last.split()[:1] and last.split()[0].isdigit() else 0
    assert passed >= HELDOUT_PASSING, done.stdout[-4000:]
