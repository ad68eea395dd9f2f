"""Phrases shared by answers, reports and reminders: progress against a target and days left to a deadline."""

from __future__ import annotations

from storage.language.text import format_number


def percent_of(done: float, planned: float) -> float | None:
    """Done as a share of planned, in percent (None for a zero plan)."""
    return done / planned * 100 if planned else None


def ratio_text(done: float, planned: float) -> str:
    """ "X/Y (Z%)" with Vietnamese decimals ("1.200/1.500 (80%)"); Z is left out for a zero plan."""
    head = f"{format_number(done)}/{format_number(planned)}"
    percent = percent_of(done, planned)
    return f"{head} ({format_number(percent, 1)}%)" if percent is not None else head


def days_left_text(left: int) -> str:
    """ "còn 36 ngày", "hôm nay là hạn cuối", "đã quá hạn 3 ngày" for the days from today to a deadline."""
    if left > 0:
        return f"còn {left} ngày"
    if left == 0:
        return "hôm nay là hạn cuối"
    return f"đã quá hạn {-left} ngày"
