"""The progress of a real sample plan's commune, asked through `kehoach ask` as its staff would: Trà Lâm's
"tiến độ" fits one chat message, names every target once, and shows each kind by its own figure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import PLANS
from tests.corpus.cli_support import kehoach

NOW = "2024-05-15T09:00:00+07:00"


@pytest.fixture(scope="module")
def tra_lam(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("progress") / "kh.db"
    kehoach(db, "import", str(PLANS / "xa-tra-lam-tra-bong-2024.txt"), now=NOW)
    kehoach(db, "user", "add", "tg:77", "--unit", "xã Trà Lâm", now=NOW)
    return db


def _names(view: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^\s*[-+] (.+?): ", view, re.MULTILINE)]


def test_the_progress_of_tra_lam_fits_one_message_and_names_each_target_once(tra_lam: Path) -> None:
    view = kehoach(tra_lam, "ask", "--user", "tg:77", "tiến độ", now=NOW)
    assert len(view.strip()) <= 2000, len(view)
    names = _names(view)
    assert len(names) >= 20 and len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
    assert "0/0" not in view and "0/0,79" not in view
    assert "- tỷ lệ hộ nghèo: 0,82% → xuống còn 0,79%" in view  # a level brought down, from its baseline
    assert "- hộ cận nghèo: 0/45 (0%) hộ" in view  # "giảm 45 hộ cận nghèo": a reduction by 45
    for group in ("Việc làm:", "Y tế:", "Nhà ở:"):
        assert f"\n{group}\n" in view, group


def test_a_two_figure_report_then_a_rate_in_tra_lam(tra_lam: Path) -> None:
    two = kehoach(tra_lam, "ask", "--user", "tg:77", "đã giảm 3 hộ cận nghèo và hỗ trợ 2 hộ làm nhà", now=NOW)
    assert two.startswith("Đã ghi nhận 2 số liệu") and "3/45" in two and "2/27" in two, two
    rate = kehoach(tra_lam, "ask", "--user", "tg:77", "tỷ lệ hộ nghèo còn 0,8%", now=NOW)
    assert "0,82% → 0,8% → 0,79%: đã đi được 67% lộ trình" in rate, rate
    view = kehoach(tra_lam, "ask", "--user", "tg:77", "tiến độ", now=NOW)
    assert "0,82% → 0,8% → 0,79%" in view and "3/45" in view and "2/27" in view
    undone = kehoach(tra_lam, "ask", "--user", "tg:77", "hủy", now=NOW)
    assert "Đã hủy báo cáo 0,8" in undone
