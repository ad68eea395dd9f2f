"""Answers for a 2025 merged commune through the 2024 units it was made from, with the national catalogs
read at run time from ../shared/units (never copied into the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.language.text import fold
from tests.conftest import PLANS, SHARED
from tests.corpus.cli_support import kehoach

UNITS = SHARED / "units"
CATALOGS = ("units-2024-three-tier.json", "units-2025-two-tier.json", "merges-2025.json")
NOW = "2025-08-05T09:00:00+07:00"

pytestmark = pytest.mark.skipif(
    not all((UNITS / name).exists() for name in CATALOGS), reason="the national unit catalogs are not available"
)


def _kehoach(db: Path, *args: str, now: str = NOW) -> str:
    """Run the CLI on db at this suite's clock (or another); its stdout."""
    return kehoach(db, *args, now=now)


@pytest.fixture(scope="module")
def merged_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("merges") / "merges.db"
    _kehoach(db, "import", *sorted(str(p) for p in PLANS.glob("*.txt")))
    for name in CATALOGS:
        _kehoach(db, "units", "import", str(UNITS / name))
    return db


def test_new_commune_answers_through_its_old_commune(merged_db: Path) -> None:
    reply = fold(
        _kehoach(merged_db, "ask", "--unit", "xã Nam Dương, tỉnh Bắc Ninh", "tỷ lệ hộ nghèo phấn đấu còn bao nhiêu")
    )
    assert "duoc lap tu" in reply and "xa tan moc" in reply
    assert "2,98%" in reply


def test_old_commune_says_what_it_became(merged_db: Path) -> None:
    reply = fold(_kehoach(merged_db, "ask", "xã Tân Mộc nay thuộc xã nào"))
    assert "1/7/2025" in reply and "xa nam duong" in reply and "bac ninh" in reply
