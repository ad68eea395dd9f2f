"""Spans of time asked in words, against the clock."""

from __future__ import annotations

from datetime import date

import pytest

from storage.language.text import fold
from storage.language.windows import asked_window

TODAY = date(2025, 12, 5)  # a Friday


@pytest.mark.parametrize(
    ("question", "start", "end", "label"),
    [
        ("hạn báo cáo tháng này của xã tôi", date(2025, 12, 1), date(2025, 12, 31), "tháng 12/2025"),
        ("thang sau co han gi", date(2026, 1, 1), date(2026, 1, 31), "tháng 1/2026"),
        ("tuần này phải nộp gì", date(2025, 12, 1), date(2025, 12, 7), "tuần này (1/12/2025–7/12/2025)"),
        ("tuan toi co han nao khong", date(2025, 12, 8), date(2025, 12, 14), "tuần sau (8/12/2025–14/12/2025)"),
        ("quý này báo cáo gì", date(2025, 10, 1), date(2025, 12, 31), "quý IV/2025"),
        ("quy sau", date(2026, 1, 1), date(2026, 3, 31), "quý I/2026"),
        ("các hạn năm nay", date(2025, 1, 1), date(2025, 12, 31), "năm 2025"),
        ("hạn trong tháng 11", date(2025, 11, 1), date(2025, 11, 30), "tháng 11/2025"),
        ("han thang 2 nam 2026", date(2026, 2, 1), date(2026, 2, 28), "tháng 2/2026"),
        ("báo cáo tháng 6/2026", date(2026, 6, 1), date(2026, 6, 30), "tháng 6/2026"),
    ],
)
def test_a_span_named_in_words_is_placed_against_the_clock(question: str, start: date, end: date, label: str) -> None:
    window = asked_window(fold(question), TODAY)
    assert window is not None and (window.start, window.end, window.label) == (start, end, label)


@pytest.mark.parametrize(
    "question",
    ["báo cáo 6 tháng đầu năm", "hạn ngày 20/12/2025", "chỉ tiêu năm sau", "kế hoạch năm 2026", "tháng 13"],
)
def test_a_period_a_date_or_a_year_is_no_span(question: str) -> None:
    assert asked_window(fold(question), TODAY) is None
