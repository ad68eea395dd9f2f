"""What a quota table's column is about: its indicator, measure, direction, year and kind, read from its title."""

from __future__ import annotations

import re

from storage.importer.model import DocSection
from storage.language.text import fold

QUOTA_TITLE = re.compile(
    r"\bchi tieu\b|^(?:so (?:ho |nguoi )?)?(?:giam|tang|dat|phan dau)\b|\bgiao\b"
    r"|^so (?:ho|nguoi) [\w ]{2,30}? (?:giam|tang)\b"
)
_COUNT_CHANGED = re.compile(r"(?i)^số ((?:hộ|người)\b.*?) (giảm|tăng)$")
_GENERIC_SUB = re.compile(r"(?i)^(?:số (hộ|người|lượng)|(tỷ lệ|tỉ lệ))(?:\s*\(([^)]{1,10})\))?$")
_STATUS_TITLE = re.compile(
    r"dau nam|dau ky|hien co|hien nay|tong so|nam truoc|thoi diem|31/12|cuoi nam 20\d\d|\bda (?:dat|co|thuc hien)\b"
)


def column_spec(
    title: str, section: DocSection, plan_year: int | None, context: bool = False, shared: bool = False
) -> dict[str, object]:
    """Indicator, measure, direction, year and kind read from a quota column's title.

    A title shared by several columns ("Chỉ tiêu giảm (hộ)" over "Hộ nghèo" | "Hộ cận nghèo") names each column
    with its own line below: "giảm hộ nghèo", "giảm hộ cận nghèo".
    """
    sub = title.split(" / ")[-1] if shared else ""
    title = title.split(" / ")[0]
    measure = re.search(r"\(([^)]{1,20})\)\s*$", title)
    year = re.search(r"năm (20\d\d)", title) or re.search(r"năm (20\d\d)", " ".join([section.heading, *section.lines]))
    indicator = re.sub(r"(?i)\bđầu năm 20\d\d", "đầu năm", re.sub(r"\([^)]*\)", "", title))
    indicator = re.sub(r"(?i)^chỉ tiêu\s+(?:giao\s+)?|\s*(?<!cuối )năm 20\d\d", "", indicator).strip(" :")
    direction = next((d for d in ("giảm", "tăng", "đạt") if indicator.lower().startswith(d)), None)
    changed = _COUNT_CHANGED.match(indicator.strip()) if not context else None
    if changed:  # "Số hộ nghèo giảm năm 2024" -> "giảm hộ nghèo"
        direction, indicator = changed.group(2).lower(), f"{changed.group(2)} {changed.group(1)}"
    unit = measure.group(1).strip() if measure else None
    if sub:
        indicator, direction, sub_unit = _sub_column(indicator, direction, sub, section.heading)
        unit = sub_unit or unit
    elif direction and fold(indicator) == fold(direction):
        indicator = _heading_indicator(section.heading, direction) or indicator
    status = context and bool(_STATUS_TITLE.search(fold(title)))
    return {
        "indicator": indicator[:1].lower() + indicator[1:],
        "measure": "%" if unit == "%" else unit,
        "direction": None if context else direction,
        "year": None if status else int(year.group(1)) if year else plan_year,
        "kind": ("result" if status else "target") if context else "quota",
    }


def _sub_column(indicator: str, direction: str | None, sub: str, heading: str) -> tuple[str, str | None, str | None]:
    """Indicator, direction and measure of a column under a shared title, named by its own line.

    "Hộ nghèo" / "Hộ cận nghèo" name what is counted; "Số hộ" / "Tỷ lệ (%)" only say how it is measured.
    """
    generic = _GENERIC_SUB.match(sub.strip())
    if generic is None:
        direction = direction or next((d for d in ("giảm", "tăng", "đạt") if fold(sub).startswith(fold(d))), None)
        return with_sub(indicator, re.sub(r"\([^)]*\)", "", sub).strip()), direction, None
    if direction and fold(indicator) == fold(direction):
        indicator = _heading_indicator(heading, direction) or indicator
    if generic.group(2) is None:  # "Số hộ", "Số người"
        counted = re.sub(r"(?i)\b(?:tỷ|tỉ) lệ\s+", "", indicator)
        return counted, direction, generic.group(3) or {"ho": "hộ", "nguoi": "người"}.get(fold(generic.group(1)))
    if "ty le" in fold(indicator):
        return indicator, direction, "%"
    if direction and fold(indicator).startswith(fold(direction)):
        return f"{direction} tỷ lệ {indicator[len(direction) :].strip()}", direction, "%"
    return f"tỷ lệ {indicator[:1].lower()}{indicator[1:]}", direction, "%"


def with_sub(top: str, sub: str) -> str:
    """A shared column title and the column's own line as one name: "giảm" + "Hộ nghèo" -> "giảm hộ nghèo"."""
    if not top or fold(sub).startswith(fold(top)):
        return sub
    return f"{top} {sub[:1].lower()}{sub[1:]}"


def _heading_indicator(heading: str, direction: str) -> str | None:
    """ "giảm nghèo" from a table title such as "CHỈ TIÊU GIẢM NGHÈO CỦA CÁC XÃ" for a bare "Giảm" column."""
    stop = r"(?=\s+(?:của|cho|tại|các|năm|trên)\b|[,.(:]|$)"
    match = re.search(rf"(?i)\b{direction}\s+(\w+(?:\s+\w+){{0,3}}?){stop}", heading)
    return f"{direction} {match.group(1).strip().lower()}" if match else None


def part_name(title: str) -> str:
    """A breakdown column's name: the last header line, stuttered words collapsed ("có có" -> "có")."""
    name = title.split(" / ")[-1]
    name = re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", name, flags=re.IGNORECASE)
    return name[:1].lower() + name[1:]
