"""Date forms a deadline sentence adds to "trước ngày 15/6": further listed days, days counted from the plan,
and the first occurrence of a yearly day after the plan is issued."""

from __future__ import annotations

import re
from datetime import date, timedelta

from storage.importer.model import DeadlineFact
from storage.importer.periods import next_year
from storage.language.text import format_date, parse_date

_DAY = r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?"
# "... trước ngày 01/6 và 15/11 hằng năm": the days after the first, each with its own position.
_MORE_DAYS = re.compile(r"\s*(?:,|\bvà\b)\s*(?:ngày\s+)?(" + _DAY + r")(?![\d/])", re.IGNORECASE)
_RELATIVE = re.compile(
    r"(?<!\w)(?:(?:chậm nhất|trong (?:thời hạn|vòng)|không quá)\s+)?(\d{1,3})\s+ngày(\s+làm việc)?"
    r"\s*,?\s*(?:kể\s+)?từ\s+(?:ngày|khi)\s+(?:nhận được|nhận|ban hành|ký)(?:\s+(?:kế hoạch|văn bản)(?:\s+này)?)?",
    re.IGNORECASE,
)
_WRITTEN_YEAR = re.compile(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}|(?:19|20)\d{2}")

Mark = tuple[int, int, str, date | None]


def listed_days(sentence: str, marks: list[Mark], year: int | None) -> list[Mark]:
    """The days listed after a marked one ("trước ngày 01/6 và 15/11"), each as a mark of its own."""
    found: list[Mark] = []
    for _start, end, written, _due in marks:
        prefix = re.sub(r"\s*" + _DAY + r"\s*$", "", written)
        position = end
        while match := _MORE_DAYS.match(sentence, position):
            day = match.group(1)
            found.append((match.start(1), match.end(), f"{prefix} {day}".strip(), parse_date(day, year)))
            position = match.end()
    return found


def relative_days(sentence: str, issued: date | None) -> list[Mark]:
    """ "trong thời hạn 10 ngày kể từ ngày nhận kế hoạch": counted from the issue date, which the text says."""
    if issued is None:
        return []
    found: list[Mark] = []
    for match in _RELATIVE.finditer(sentence):
        count = int(match.group(1))
        due = _working_days_after(issued, count) if match.group(2) else issued + timedelta(days=count)
        written = f"{match.group(0).strip()} (tính từ ngày ban hành {format_date(issued)})"
        found.append((match.start(), match.end(), written, due))
    return found


def _working_days_after(start: date, count: int) -> date:
    """The day count working days (Monday to Friday) after start."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def anchor_yearly(facts: list[DeadlineFact], issued: date | None) -> None:
    """A yearly day written without its year ("trước ngày 30/11 hằng năm") falls first on or after the issue date,
    whatever year the plan runs to."""
    if issued is None:
        return
    for fact in facts:
        if fact.recurrence != "hằng năm" or fact.due is None or _WRITTEN_YEAR.search(fact.due_text):
            continue
        due = _same_day_in(fact.due, issued.year)
        fact.due = due if due >= issued else next_year(due)


def _same_day_in(day: date, year: int) -> date:
    """The day and month in another year (28 February for a 29 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
