"""Word's automatic numbering ("I.", "1.", "a)", "-") rendered back into paragraph text.

Plans typed in Word often number their headings with list numbering instead of typed text; the
numbers then live in numbering.xml, not in the paragraph, and without them the section structure
("II. NHIỆM VỤ", "2.1. ...") is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _val(element: Any, tag: str) -> str | None:
    """The w:val of the child tag of element, or None."""
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(f"{W}val") if child is not None else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in a Word number format."""
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """The list definitions of a document and the running counters of each list."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstract id -> ilvl -> level
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstract id
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start override
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstract id -> ilvl -> current
    started: set[str] = field(default_factory=set)  # numIds seen (a start override applies once)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number text of the next paragraph in list num_id at level ilvl ("" when none)."""
        abstract = self.nums.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.restarts.get(num_id, {}).items():
                counters[lvl] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            del counters[deeper]
        return self._render(level, levels, counters)

    @staticmethod
    def _render(level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return "-"
        text = level.text
        for lvl in range(9):
            if f"%{lvl + 1}" in text:
                known = levels.get(lvl, Level())
                current = counters.get(lvl, known.start)
                text = text.replace(f"%{lvl + 1}", format_number(current, known.fmt))
        return text.strip()


def read_numbering(document: Any) -> Numbering:
    """The list definitions of a python-docx Document (empty when it has none)."""
    numbering = Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    for abstract in root.findall(f"{W}abstractNum"):
        levels = {}
        for lvl in abstract.findall(f"{W}lvl"):
            start = _val(lvl, "start")
            levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(
                start=int(start) if start and start.isdigit() else 1,
                fmt=_val(lvl, "numFmt") or "decimal",
                text=_val(lvl, "lvlText") or "",
            )
        numbering.levels[abstract.get(f"{W}abstractNumId", "")] = levels
    for num in root.findall(f"{W}num"):
        num_id = num.get(f"{W}numId", "")
        numbering.nums[num_id] = _val(num, "abstractNumId") or ""
        for override in num.findall(f"{W}lvlOverride"):
            start = _val(override, "startOverride")
            if start and start.isdigit():
                numbering.restarts.setdefault(num_id, {})[int(override.get(f"{W}ilvl", "0"))] = int(start)
    return numbering


def paragraph_number(paragraph: Any) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph's list numbering, from the paragraph or its style chain."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_pr = style.element.find(f"{W}pPr")
        num_pr = style_pr.find(f"{W}numPr") if style_pr is not None else None
        style = style.base_style
    if num_pr is None:
        return None
    num_id = _val(num_pr, "numId")
    ilvl = _val(num_pr, "ilvl")
    if not num_id or num_id == "0":  # numId 0 switches numbering off
        return None
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def numbered_text(paragraph: Any, numbering: Numbering) -> str:
    """The paragraph's text with its automatic number in front, as it reads in Word."""
    text = paragraph.text
    found = paragraph_number(paragraph)
    if found is None or not text.strip():
        return text
    label = numbering.label(*found)
    return f"{label} {text}" if label else text
