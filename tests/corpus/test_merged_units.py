"""A 2025 clock with the national catalogs: a written kind and the units of the day pick the new commune, which
answers through its old units' 2024 plans (catalogs read at run time from ../shared/units)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.language.text import fold
from tests.conftest import PLANS, SHARED
from tests.corpus.cli_support import kehoach

UNITS = SHARED / "units"
CATALOGS = ("units-2024-three-tier.json", "units-2025-two-tier.json", "merges-2025.json")
NOW = "2025-09-15T09:00:00+07:00"
BEFORE = "2024-09-15T09:00:00+07:00"

pytestmark = pytest.mark.skipif(
    not all((UNITS / name).exists() for name in CATALOGS), reason="the national unit catalogs are not available"
)


def _kehoach(db: Path, *args: str, now: str = NOW) -> str:
    """Run the CLI on db at this suite's clock (or another); its stdout."""
    return kehoach(db, *args, now=now)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("merged") / "merged.db"
    _kehoach(path, "import", *sorted(str(p) for p in PLANS.glob("*.txt")))
    for name in CATALOGS:
        _kehoach(path, "units", "import", str(UNITS / name))
    _kehoach(path, "user", "add", "zalo:5", "--unit", "xã Lam Sơn, tỉnh Thanh Hóa")
    return path


def test_new_commune_named_with_its_kind_lists_old_quotas_and_total(db: Path) -> None:
    reply = fold(_kehoach(db, "ask", "chỉ tiêu giảm nghèo của xã Lam Sơn"))
    assert "1/7/2025" in reply and "sap nhap" in reply and "tho xuan" in reply
    for part in ("thi tran lam son: nam 2024 giam 6 ho", "xa tho xuong: nam 2024 giam 11 ho", "xa xuan bai"):
        assert part in reply
    assert re.search(r"cong 3 don vi cu: giam 21 ho ngheo", reply)


def test_new_commune_with_its_province_spelled_the_2025_way(db: Path) -> None:
    reply = fold(_kehoach(db, "ask", "chỉ tiêu giảm nghèo xã Sao Vàng, tỉnh Thanh Hoá"))
    assert reply.startswith("xa sao vang, tinh thanh hoa") and "1/7/2025" in reply
    assert "xa xuan sinh" in reply and "cong " in reply


def test_written_old_kind_still_reaches_the_old_unit(db: Path) -> None:
    reply = fold(_kehoach(db, "ask", "chỉ tiêu thị trấn Lam Sơn"))
    assert reply.startswith("thi tran lam son: nam 2024 giam 6 ho")


def test_before_the_reform_the_2024_unit_is_meant(db: Path) -> None:
    reply = fold(_kehoach(db, "ask", "chỉ tiêu giảm nghèo của xã Lam Sơn", now=BEFORE))
    assert reply.startswith("thi tran lam son: nam 2024 giam 6 ho") and "sap nhap" not in reply


def test_unit_hint_with_places_at_2025_is_the_new_commune(db: Path) -> None:
    reply = fold(_kehoach(db, "ask", "--unit", "xã Lam Sơn, tỉnh Thanh Hóa", "chỉ tiêu của xã mình"))
    assert "cong 3 don vi cu: giam 21 ho ngheo" in reply


def test_registered_new_commune_own_quota_and_deadlines(db: Path) -> None:
    quota = fold(_kehoach(db, "ask", "--user", "zalo:5", "chỉ tiêu của xã mình"))
    assert "cong 3 don vi cu: giam 21 ho ngheo" in quota and "don vi nao" not in quota
    deadline = fold(_kehoach(db, "ask", "--user", "zalo:5", "hạn báo cáo năm"))
    assert "30/10/2024" in deadline and "dong thap" not in deadline and "15/11/2024" not in deadline
    assert deadline.count("bao cao nam") == 1
