"""Deadlines written as a whole month or quarter: "trong tháng 10/2024", "hoàn thành trong quý III/2024"."""

from __future__ import annotations

import calendar
import re
from datetime import date

from storage.importer.lines import roman_value

_IN_PERIOD = re.compile(
    r"(?<!\w)(?:chậm nhất trong|hoàn thành trong|trong)\s+"
    r"(?:tháng\s+(\d{1,2})|quý\s+(IV|I{1,3}|[1-4]))"
    r"(?:\s*(?:/|,?\s*năm)\s*((?:19|20)\d{2}))?(?![\d/])",
    re.IGNORECASE,
)


_BARE_PERIOD = re.compile(
    r"^(?:hết\s+|hoàn thành\s+|trong\s+)?(?:tháng\s+(\d{1,2})|quý\s+(IV|I{1,3}|[1-4]))"
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
