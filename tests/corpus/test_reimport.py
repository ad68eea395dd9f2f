"""Re-importing the Thọ Xuân sample plan keeps what its users reported, their completions and stops."""

from __future__ import annotations

import pytest

from tests.conftest import PLANS
from tests.reimport_data import Sessions, ask, register
from tests.test_reimport import at, imported, reminded


@pytest.mark.skipif(not PLANS.exists(), reason="sample plans not available")
async def test_tho_xuan_sample_reimported_keeps_tho_lam_progress(sessions: Sessions) -> None:
    path = PLANS / "huyen-tho-xuan-2024.txt"
    await imported(sessions, path)
    await register(sessions, "tg:7", "tho lam")
    assert "7/10" in await ask(sessions, "tg:7", "đã giảm được 7 hộ nghèo")
    await ask(sessions, "tg:7", "đã nộp báo cáo 6 tháng")
    lines = await imported(sessions, path)
    assert lines[0].startswith("Đã cập nhật: huyen-tho-xuan-2024.txt")
    assert "7/10 (70%)" in await ask(sessions, "tg:7", "tiến độ")
    assert "tg:7" not in await reminded(sessions, at(21))
