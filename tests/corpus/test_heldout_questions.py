"""Questions about the held-out plans (tests/data/plans_heldout), asked as staff would type them and scored by the
evaluation's own checker: how well the bot answers plans of genres and issuers its rules were not written on.

The plans and the questions are in the repository; the checker is not (it lives in ../shared/eval, or the
folder KEHOACH_SHARED names), so without it the test is skipped with a line saying so.
"""

from __future__ import annotations

import pytest

from tests.conftest import DATA
from tests.corpus.checker import CHECKER, check

# The number of questions_heldout.toml that pass, measured when the file was written: it may only grow.
# Failing then (20 of 60; those fixed since are taken out): none now.
HELDOUT_PASSING = 60  # 40 when written; budget year, source, report route: 46; naming plans, offices: 52; targets
# and deadlines (two periods asked, the body owing a report, who owes it, a recipient in its own clause): 60


@pytest.mark.skipif(not CHECKER.is_file(), reason=f"the eval checker is not at {CHECKER} (set KEHOACH_SHARED)")
def test_heldout_plan_questions_pass_at_least_the_known_count() -> None:
    done = check(DATA / "plans_heldout", DATA / "questions_heldout.toml")
    assert done.passed >= HELDOUT_PASSING, done.tail
