"""The channels' menu commands (/chitieu, /nhiemvu, /han, /baocao...) answer for the asker's own unit."""

from __future__ import annotations

import pytest

from handlers.understand.slash_commands import expand_command


@pytest.mark.parametrize(
    ("sent", "question"),
    [
        ("/chitieu", "chỉ tiêu của đơn vị tôi"),
        ("/chitieu xuân bái", "chỉ tiêu xuân bái"),
        ("/ChiTieu@KeHoachBot  tho lam", "chỉ tiêu tho lam"),
        ("/han", "hạn báo cáo sắp tới"),
        ("/nhiemvu phòng tài chính", "nhiệm vụ của phòng tài chính"),
        ("/start", "xin chào"),
        ("/baocao@KeHoachBot đã giảm 2 hộ", "/baocao đã giảm 2 hộ"),
        ("/tiendo", "/tiendo"),
        ("chỉ tiêu /han", "chỉ tiêu /han"),
        ("", ""),
    ],
)
def test_commands_become_questions(sent: str, question: str) -> None:
    assert expand_command(sent) == question
