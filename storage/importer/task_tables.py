"""Task tables: one row per task with its lead (chủ trì), its partners (phối hợp) and when it is due."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storage.importer.model import DeadlineFact, DocSection, Document, DutyFact, Table
from storage.importer.names import body_names
from storage.importer.periods import time_due
from storage.importer.scope import projects_in
from storage.importer.tables import ORDINAL, cell, column_titles, rows_of
from storage.language.roles import Role
from storage.language.text import fold

_TASK = re.compile(r"noi dung|nhiem vu|cong viec|hoat dong|giai phap")
_LEAD = re.compile(r"chu tri")
_PARTNER = re.compile(r"phoi hop")
_TIME = re.compile(r"thoi gian|thoi han|tien do|^han\b|thoi diem")
_RECURRING = (("quy", "hằng quý"), ("thang", "hằng tháng"), ("nam", "hằng năm"))


@dataclass
class TaskColumns:
    """Which columns of a task table hold the task, its lead, its partners and its time."""

    task: int
    lead: int
    partner: int | None
    time: int | None


def is_task_table(table: Table) -> bool:
    """Whether a table assigns tasks: a task column and a "chủ trì" column."""
    return task_columns(table) is not None


def task_columns(table: Table) -> TaskColumns | None:
    """The roles of a task table's columns, or None when it is not one."""
    folded = [fold(title) for title in column_titles(table)]
    lead = next((i for i, t in enumerate(folded) if _LEAD.search(t)), None)
    task = next((i for i, t in enumerate(folded) if _TASK.search(t) and i != lead and not ORDINAL.match(t)), None)
    if lead is None or task is None:
        return None
    partner = next((i for i, t in enumerate(folded) if _PARTNER.search(t) and i not in (lead, task)), None)
    time = next((i for i, t in enumerate(folded) if _TIME.search(t) and i not in (lead, task, partner)), None)
    return TaskColumns(task, lead, partner, time)


def task_facts(document: Document, year: int | None) -> tuple[list[DutyFact], list[DeadlineFact]]:
    """Duties (lead and partners) and deadlines of every task table of the document."""
    duties: list[DutyFact] = []
    deadlines: list[DeadlineFact] = []
    issued = document.header.doc_date
    for section, columns, row in rows_of(document, task_columns):
        found = _row_facts(section, columns, row, year, issued)
        if found is not None:
            duties.extend(found[0])
            deadlines.extend(found[1])
    return duties, deadlines


def _row_facts(
    section: DocSection, columns: TaskColumns, row: list[str], year: int | None, issued: date | None = None
) -> tuple[list[DutyFact], list[DeadlineFact]] | None:
    """One row: the lead's duty, each partner's duty, and the lead's deadline when the row gives a time."""
    task, lead = cell(row, columns.task), cell(row, columns.lead)
    if not task or not lead:
        return None
    project = "; ".join(projects_in(task)) or None
    duties = [DutyFact(section.index, lead, task, Role.LEAD, project)]
    partners = cell(row, columns.partner) if columns.partner is not None else ""
    for name in _names(partners):
        duties.append(DutyFact(section.index, name, task, Role.COORDINATE, project))
    when = cell(row, columns.time) if columns.time is not None else ""
    due = time_due(when, year, issued)
    if due is None:  # "Thường xuyên", "Hằng quý", "Sau khi có Quy chế": no day to remind of
        return duties, []
    recurrence = next((name for key, name in _RECURRING if re.search(rf"\b(?:hang|moi) {key}\b", fold(when))), None)
    text = " | ".join(c for c in (cell(row, i) for i in range(len(row))) if c)
    return duties, [DeadlineFact(section.index, task, due.day, when, lead, None, recurrence, text)]


def _names(text: str) -> list[str]:
    """The partners of a cell: "Công an phường, Hội Phụ nữ phường và các đoàn thể" -> three names."""
    return [name for line in text.split("\n") for name in body_names(line)]
