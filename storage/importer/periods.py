"""Deadlines written as a whole month or quarter: "trong tháng 10/2024", "hoàn thành trong quý III/2024"."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from storage.importer.lines import roman_value

_IN_PERIOD = re.compile(
    r"(?<!\w)(?:chậm nhất trong|hoàn thành trong|trong)\s+"
    r"(?:tháng\s+(\d{1,2})|quý\s+(IV|I{1,3}|[1-4]))"
    r"(?:\s*(?:/|,?\s*năm)\s*((?:19|20)\d{2}))?(?![\d/])",
    re.IGNORECASE,
)


_BARE_PERIOD = re.compile(
    r"^(?:hết\s+|hoàn thành\s+(?:trong\s+)?|trong\s+|chậm nhất\s+(?:trong\s+)?)?"
    r"(?:tháng\s+(\d{1,2})|quý\s+(IV|I{1,3}|[1-4]))"
    r"(?:\s*(?:/|,?\s*năm)\s*((?:19|20)\d{2}))?(?![\d/])",
    re.IGNORECASE,
)


def period_dues(text: str, year: int | None, bare: bool = False) -> list[tuple[int, int, str, date | None]]:
    """(start, end, as written, last day) of every month or quarter text sets as a deadline.

    bare: text is a time cell of a table ("Tháng 3/2024", "Quý III/2024"), read without "trong".
    """
    found: list[tuple[int, int, str, date | None]] = []
    for match in (_BARE_PERIOD if bare else _IN_PERIOD).finditer(text.strip()):
        written_year = int(match.group(3)) if match.group(3) else year
        if written_year is None:
            continue
        month = _last_month(match.group(1), match.group(2))
        if month is None:
            continue
        last = calendar.monthrange(written_year, month)[1]
        found.append((match.start(), match.end(), match.group(0).strip(), date(written_year, month, last)))
    return found


def _last_month(month: str | None, quarter: str | None) -> int | None:
    """The month a period ends in: "10" -> 10, quarter "III" -> 9; None when out of range."""
    if month is not None:
        value = int(month)
        return value if 1 <= value <= 12 else None
    number = int(quarter) if quarter and quarter.isdigit() else roman_value((quarter or "").upper())
    return number * 3 if number and 1 <= number <= 4 else None


@dataclass
class Due:
    """The day a time text sets, and how often it comes back (None: once)."""

    day: date
    recurrence: str | None = None


_RANGE_END = re.compile(r"\s*[-–]\s*(?=(?:tháng|quý)\s)", re.IGNORECASE)
_YEARLY = re.compile(r"(?<!\w)(?:hằng|hàng|mỗi) năm|các năm tiếp theo", re.IGNORECASE)
_WHOLE_YEAR = re.compile(
    r"(?<!\w)(?:hoàn thành|xong|kết thúc)(?:\s+(?:trước|trong|vào))?\s+(?:cuối\s+)?năm\s+((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
_TIME_DAY = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*((?:19|20)\d{2}))?(?![\d/])")


def time_due(text: str, year: int | None, issued: date | None = None) -> Due | None:
    """The deadline a task's time text sets: "Trước ngày 30/11/2025", "Quý IV năm 2025", "Quý IV/2025 - Quý II/2026"
    (the range's end), "Tháng 12 hằng năm" (recurring, first after the issue date), "Hoàn thành trong năm 2025".

    None for a timing that is no date: "Thường xuyên", "Theo lộ trình", "Sau khi ... ban hành", "Năm 2026 và các
    năm tiếp theo" (a span to work in, not a day to finish by).
    """
    written = _RANGE_END.split(text.strip())[-1]
    recurring = bool(_YEARLY.search(text))
    anchor = issued.year if recurring and issued else year
    day = _day_in(written, anchor)
    if day is None:
        periods = period_dues(written, anchor, bare=True) or period_dues(written, anchor)
        day = periods[0][3] if periods else None
    if day is None:
        whole = _WHOLE_YEAR.search(written)
        day = date(int(whole.group(1)), 12, 31) if whole else None
    if day is None:
        return None
    if recurring and issued and day < issued and not re.search(r"(?:19|20)\d{2}", written):
        day = next_year(day)
    return Due(day, "hằng năm" if recurring else None)


def _day_in(text: str, year: int | None) -> date | None:
    """A day/month[/year] date in the text, the year given when it has none."""
    match = _TIME_DAY.search(text)
    if match is None:
        return None
    written_year = int(match.group(3)) if match.group(3) else year
    if written_year is None:
        return None
    try:
        return date(written_year, int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


def next_year(day: date) -> date:
    """The same day a year later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
