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

# The number of questions_blind.toml that pass, measured once when the file was written (on 627cd5b): it may only
# grow. Failing then (18 of 31), with the stage at fault:
# - c-* (all 10): import refuses the Hội LHPN plan ("không phải một kế hoạch hành chính"): the two-column .txt
#   header with "Số: 07-KH/HPN   An Khê Đông, ngày ..." on one line is not read (importer/structure). Even with
#   that line split by hand, issuer and the party-style number "07-KH/HPN" are not read: only 2 of 10 then pass.
# - a-number-by-topic: the two-column header of 112/KH-UBND gives title "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..." and
#   no date (importer header reading).
# - a-economy-office-duty, a-total-budget: the wrong title leaves no topic "phòng chống thiên tai", so the
#   topic filter answers "không tìm thấy kế hoạch nào về ..." (importer title → topic match).
# - a-who-heads-command: "Trưởng ban ... do đồng chí X làm" in a task clause is not found; targets answered instead
#   (understanding/answers: who-leads).
# - a-drill-target: asks where, when and how many; only the date is answered, "150 người" dropped (answer composition).
# - b-budget: single-plan budget omits the total 4.650 triệu and repeats "ngân sách tỉnh" twice (budget answer).
# - b-office-duty-abbrev: "VP Sở" resolved to Phòng Kế hoạch - Tài chính, not Văn phòng Sở (office abbreviation).
# - none-tourism: "du lịch cộng đồng" read as a target question on another topic ("không giao chỉ tiêu chuyển đổi
#   số cho Xã Lam Hạ"): off-plan topic not recognised (understanding).
BLIND_PASSING = 13  # 13 when written


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
