"""The plan's own time: the year or period it covers, apart from the years of its targets.

A plan says what it covers in its title (trích yếu) or in the sentence that issues it: "năm 2025",
"giai đoạn 2026 - 2030", "nhiệm kỳ 2025 - 2030", "đến năm 2030", "từ nay đến hết năm 2025". A target's year
("phấn đấu đến năm 2035 ...") or a vision ("tầm nhìn đến năm 2045") is not the plan's period. Without any of
these the plan covers the year it is issued in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storage.language.text import fold

_YEAR = r"((?:19|20)\d{2})"
_RANGE = re.compile(rf"(?:giai doan|thoi ky|nhiem ky)\s*(?:tu\s+nam\s+)?{_YEAR}\s*(?:-|–|—|den(?:\s+nam)?)\s*{_YEAR}")
_UNTIL = re.compile(rf"(?<!tam nhin )(?<!dinh huong )(?:tu nay |)den (?:het |cuoi )?nam\s+{_YEAR}")
_SINGLE = re.compile(rf"(?<!den )(?<!het )(?<!cuoi )(?<!tu )\bnam\s+{_YEAR}\b(?!\s*(?:-|–|den))")
_VISION = re.compile(r"(?:tam nhin|dinh huong)\s+den\s+nam\s+\d{4}")
_ISSUING = re.compile(
    r"ban hanh ke hoach|xay dung ke hoach|trien khai ke hoach|ke hoach nay|ke hoach (?:thuc hien|trien khai)"
)


@dataclass(frozen=True)
class PlanPeriod:
    """The first and last year a plan covers, and where that was read."""

    start: int
    end: int
    source: str  # "tiêu đề", "câu ban hành", "ngày ban hành"

    @property
    def year(self) -> int:
        """The plan's year: the one year it covers, else its first year."""
        return self.start

    def label(self) -> str:
        """ "năm 2025" or "giai đoạn 2026–2030"."""
        return f"năm {self.start}" if self.start == self.end else f"giai đoạn {self.start}–{self.end}"


def period_in(text: str, issued_year: int | None) -> tuple[int, int] | None:
    """The period a title or issuing sentence names, or None; "đến năm B" starts in the issue year."""
    folded = _VISION.sub(" ", fold(text))
    match = _RANGE.search(folded)
    if match:
        start, end = int(match.group(1)), int(match.group(2))
        return (start, end) if start <= end else None
    match = _UNTIL.search(folded)
    if match:
        end = int(match.group(1))
        start = issued_year if issued_year is not None and issued_year <= end else end
        return start, end
    years = [int(y) for y in _SINGLE.findall(folded)]
    return (years[0], years[0]) if years else None


def plan_period(title: str, preamble: list[str], issued: date | None, header_year: int | None) -> PlanPeriod | None:
    """The plan's period from its title, else from the sentence that issues it, else its issue year."""
    issued_year = issued.year if issued else header_year
    found = period_in(title, issued_year)
    if found:
        return PlanPeriod(found[0], found[1], "tiêu đề")
    for paragraph in preamble:
        folded = fold(paragraph)
        if _ISSUING.search(folded) and not folded.startswith(("can cu", "thuc hien quyet dinh", "thuc hien nghi")):
            found = period_in(_issuing_clause(paragraph), issued_year)
            if found:
                return PlanPeriod(found[0], found[1], "câu ban hành")
    if issued_year is not None:
        return PlanPeriod(issued_year, issued_year, "ngày ban hành")
    return None


def _issuing_clause(paragraph: str) -> str:
    """The part of a paragraph from the words that issue the plan: what comes before cites other documents."""
    folded = fold(paragraph)
    match = _ISSUING.search(folded)
    return paragraph[match.start() :] if match else paragraph
