"""A target's name ends where "phấn đấu" begins, however its tone marks are typed ("phần đầu" in a real plan)."""

from __future__ import annotations

import pytest

from storage.importer.facts import extract_facts
from tests.test_facts_support import make_document


@pytest.mark.parametrize("strive", ["phấn đấu", "phần đầu", "phân đâu", "Phấn Đấu"])
def test_a_rate_named_before_a_mistyped_phấn_đấu(strive: str) -> None:
    lines = ["2. Chỉ tiêu", f"- Tỷ lệ trẻ em đến trường ở các thôn vùng cao {strive} đạt 98% trở lên."]
    document = make_document([("II", None, ["II. MỤC TIÊU"]), ("II.2", "II", lines)], year=2026)
    rate = next(t for t in extract_facts(document).targets if t.measure == "%")
    assert (rate.indicator, rate.value) == ("tỷ lệ trẻ em đến trường ở các thôn vùng cao", 98)
