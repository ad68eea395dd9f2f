"""Plans the importer was not developed on (tests/data/plans_heldout), read back kind by kind.

Each plan is of a genre and issuer the corpus lacks (a commune on nông thôn mới, an MTTQ standing board on an
election, a provincial steering committee on population, a Sở Y tế with a task table as .docx, a commune party
committee). A careful reader's list is in tests/heldout_expected.py; `python -m tests.heldout_expected` prints
found/expected per kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.heldout_expected import PLANS, read_back, read_plan, score

KINDS = ("header", "targets", "duties", "deadlines", "budgets", "references")


@pytest.mark.parametrize("name", list(PLANS), ids=lambda n: n.split("-")[0] + "-" + n.split("-")[1])
def test_most_of_what_a_reader_finds_is_read_and_nothing_else(name: str, tmp_path: Path) -> None:
    read = read_back(*read_plan(name, tmp_path))
    expected = PLANS[name]
    found = {kind: score(expected[kind], read[kind]) for kind in KINDS}
    total = sum(len(expected[kind]) for kind in KINDS)
    assert sum(hit for hit, _extra in found.values()) >= 0.9 * total, found
    assert {kind: extra for kind, (_hit, extra) in found.items() if extra} == {}


@pytest.mark.parametrize("name", list(PLANS), ids=lambda n: n.split("-")[0] + "-" + n.split("-")[1])
def test_header_is_read_exactly(name: str, tmp_path: Path) -> None:
    read = read_back(*read_plan(name, tmp_path))
    assert score(PLANS[name]["header"], read["header"]) == (1, [])
