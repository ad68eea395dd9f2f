"""Spans of time a question asks about in words, relative to the clock: "tuần này", "tháng sau", "quý này",
"năm nay", "tháng 12" (of the year named, else of the clock's)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from storage.language.text import format_date

ROMAN = ("I", "II", "III", "IV")
_RELATIVE = re.compile(r"\b(tuan|thang|quy|nam) (nay|sau|toi)\b")
_MONTH = re.compile(r"(?<![\d/])\bthang (\d{1,2})\b(?!/\d{1,2}/)(?:(?: nam |/)((?:19|20)\d\d))?")


@dataclass(frozen=True)
class Window:
    """A span of days, both ends included, and how to say it ("tháng 12/2025")."""

    start: date
    end: date
    label: str

    def holds(self, day: date | None) -> bool:
        """Whether the day falls in the span."""
        return day is not None and self.start <= day <= self.end


def asked_window(folded: str, today: date) -> Window | None:
    """The span a folded question names, or None ("6 tháng" is a report's period, not a span)."""
    relative = _RELATIVE.search(folded)
    if relative is not None:
        unit, which = relative.groups()
        if not (unit == "nam" and which != "nay"):  # "năm sau" asks about a plan's later year: not a span of days
            return _relative(unit, which != "nay", today)
    month = _MONTH.search(folded)
    if month is not None and 1 <= int(month.group(1)) <= 12:
        year = int(month.group(2)) if month.group(2) else today.year
        return _month(year, int(month.group(1)))
    return None


def _relative(unit: str, next_one: bool, today: date) -> Window:
    """This or the next week, month, quarter; this year."""
    if unit == "tuan":
        start = today - timedelta(days=today.weekday()) + timedelta(weeks=int(next_one))
        end = start + timedelta(days=6)
        return Window(start, end, f"tuần {'sau' if next_one else 'này'} ({format_date(start)}–{format_date(end)})")
    if unit == "thang":
        year, month = (today.year + today.month // 12, today.month % 12 + 1) if next_one else (today.year, today.month)
        return _month(year, month)
    if unit == "quy":
        quarter = (today.month - 1) // 3 + int(next_one)
        year, quarter = today.year + quarter // 4, quarter % 4
        start = date(year, 3 * quarter + 1, 1)
        end = _month(year, 3 * quarter + 3).end
        return Window(start, end, f"quý {ROMAN[quarter]}/{year}")
    return Window(date(today.year, 1, 1), date(today.year, 12, 31), f"năm {today.year}")


def _month(year: int, month: int) -> Window:
    last = calendar.monthrange(year, month)[1]
    return Window(date(year, month, 1), date(year, month, last), f"tháng {month}/{year}")
