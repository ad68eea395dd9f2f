"""Indicator tables: one row per indicator with its measure, last year's figure and this year's target.

TT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2023 | Kế hoạch năm 2024
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.importer.model import DocSection, Document, Table, TargetFact
from storage.importer.tables import ORDINAL, cell, column_titles, is_numeric, rows_of, value
from storage.importer.target_forms import table_form
from storage.language.text import fold

_NAME = re.compile(r"^(?:ten )?chi tieu\b|^noi dung\b|^danh muc\b")
_MEASURE = re.compile(r"^(?:don vi tinh|dvt|don vi do)\b")
_BASE = re.compile(r"thuc hien|uoc (?:thuc hien|dat)|hien trang|dau (?:nam|ky)|nam truoc|ket qua")
_GOAL = re.compile(r"ke hoach|muc tieu|chi tieu|phan dau|du kien")
_YEAR = re.compile(r"\b(20\d\d)\b")
_MEASURES = {"%": "%", "ho": "hộ", "nguoi": "người", "xa": "xã", "thon": "thôn", "lao dong": "lao động"}


@dataclass
class IndicatorColumns:
    """Which columns of an indicator table hold the name, the measure, the baseline and the target."""

    name: int
    measure: int
    goal: int
    base: int | None
    year: int | None


def indicator_columns(table: Table) -> IndicatorColumns | None:
    """The roles of an indicator table's columns, or None when the table is not one."""
    folded = [fold(title) for title in column_titles(table)]
    name = next((i for i, t in enumerate(folded) if _NAME.search(t)), None)
    measure = next((i for i, t in enumerate(folded) if _MEASURE.search(t)), None)
    numeric = [i for i in range(len(folded)) if i not in (name, measure) and not ORDINAL.match(folded[i])]
    numeric = [i for i in numeric if is_numeric(table, i)]
    goals = [i for i in numeric if _GOAL.search(folded[i]) and not _BASE.search(folded[i])]
    if name is None or measure is None or not goals:
        return None
    base = next((i for i in numeric if _BASE.search(folded[i])), None)
    year = _YEAR.search(folded[goals[-1]])
    return IndicatorColumns(name, measure, goals[-1], base, int(year.group(1)) if year else None)


def indicator_targets(document: Document, plan_year: int | None) -> list[TargetFact]:
    """The issuer's targets from every indicator table of the document."""
    found: list[TargetFact] = []
    for section, columns, row in rows_of(document, indicator_columns):
        target = _row_target(section, columns, row, plan_year)
        if target is not None:
            found.append(target)
    return found


def _row_target(
    section: DocSection, columns: IndicatorColumns, row: list[str], plan_year: int | None
) -> TargetFact | None:
    """One row's target: this year's figure, last year's as its baseline, the direction they show."""
    name, goal = cell(row, columns.name), value(row, columns.goal)
    if not name or goal is None or not cell(row, columns.goal):
        return None
    base = value(row, columns.base) if columns.base is not None and cell(row, columns.base) not in ("", "-") else None
    written = cell(row, columns.measure)
    if re.search(r"\bdong\b", fold(written)):  # money rows belong to the budgets
        return None
    measure = _MEASURES.get(fold(written), written or None)
    text = " | ".join(c for c in (cell(row, i) for i in range(len(row))) if c)
    indicator = name[:1].lower() + name[1:]
    return TargetFact(
        section.index, indicator, goal, measure, _direction(indicator, base, goal), base,
        columns.year or plan_year, "target", None, text, form=table_form(indicator, base, goal),
    )  # fmt: skip


def _direction(indicator: str, base: float | None, goal: float) -> str | None:
    """ "giảm"/"tăng" as the name says, else as the figures move from the baseline; None without a baseline."""
    named = re.match(r"(giảm|tăng)\b", indicator)
    if named:
        return named.group(1)
    if base is None or base == goal:
        return None
    return "giảm" if goal < base else "tăng"
