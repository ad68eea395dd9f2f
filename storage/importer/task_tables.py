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
# "Đơn vị thực hiện" beside a "phối hợp" column: the body that carries the task out, its lead.
_EXECUTOR = re.compile(r"^(?:don vi|co quan|bo phan)\s+(?:thuc hien|thuc hien chinh|phu trach)$")
_PARTNER = re.compile(r"phoi hop")
_TIME = re.compile(r"thoi gian|thoi han|tien do|^han\b|thoi diem")
_TITLE_WORDS = 5
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
    folded = [fold(title.split(" / ")[0]) for title in column_titles(table)]
    lead = next((i for i, t in enumerate(folded) if _LEAD.search(t)), None)
    partner = next((i for i, t in enumerate(folded) if _PARTNER.search(t) and i != lead), None)
    if lead is None and partner is not None:
        lead = next((i for i, t in enumerate(folded) if _EXECUTOR.match(t)), None)
    task = next((i for i, t in enumerate(folded) if _TASK.search(t) and i != lead and not ORDINAL.match(t)), None)
    if lead is None or task is None:
        return None
    time = next((i for i, t in enumerate(folded) if _TIME.search(t) and i not in (lead, task, partner)), None)
    return TaskColumns(task, lead, partner, time)


@dataclass
class TaskRow:
    """One task of a task table as written: its text, leads, partners and time."""

    section: DocSection
    task: str
    leads: list[str]
    partners: list[str]
    time: str
    text: str  # the whole row, cells joined


def task_rows(document: Document) -> list[TaskRow]:
    """Every task row of the document's task tables; header rows printed again on a new page are skipped."""
    found: list[TaskRow] = []
    for section, columns, row in rows_of(document, task_columns):
        task, leads = cell(row, columns.task), _names(cell(row, columns.lead))
        partners = _names(cell(row, columns.partner)) if columns.partner is not None else []
        when = cell(row, columns.time) if columns.time is not None else ""
        if not leads and task and (partners or when) and found and found[-1].section is section:
            leads = found[-1].leads  # a lead cell merged over several rows, pasted as text: blank below its first
        if not task or not leads or _repeats_header(row):
            continue
        text = " | ".join(c for c in (cell(row, i) for i in range(len(row))) if c)
        found.append(TaskRow(section, task, leads, partners, when, text))
    return found


def task_facts(document: Document, year: int | None) -> tuple[list[DutyFact], list[DeadlineFact]]:
    """Duties (lead and partners) and deadlines of every task table of the document."""
    duties: list[DutyFact] = []
    deadlines: list[DeadlineFact] = []
    for row in task_rows(document):
        duties.extend(_row_duties(row))
        deadlines.extend(_row_deadlines(row, year, document.header.doc_date))
    return duties, deadlines


def _row_duties(row: TaskRow) -> list[DutyFact]:
    """The duty of each lead and of each partner of a row."""
    index = row.section.index
    project = "; ".join(projects_in(row.task)) or None
    duties = [DutyFact(index, name, row.task, Role.LEAD, project) for name in row.leads]
    return duties + [DutyFact(index, name, row.task, Role.COORDINATE, project) for name in row.partners]


def _row_deadlines(row: TaskRow, year: int | None, issued: date | None) -> list[DeadlineFact]:
    """The leads' deadline when the row's time sets a day ("Quý IV/2025- Quý II/2026": the end of the range)."""
    due = time_due(row.time, year, issued)
    if due is None:  # "Thường xuyên", "Hằng quý", "Sau khi có Quy chế": no day to remind of
        return []
    folded = fold(row.time)
    recurrence = next((name for key, name in _RECURRING if re.search(rf"\b(?:hang|moi) {key}\b", folded)), None)
    obligor = ", ".join(row.leads)
    return [DeadlineFact(row.section.index, row.task, due.day, row.time, obligor, None, recurrence, row.text)]


def _repeats_header(row: list[str]) -> bool:
    """Whether a row is the header printed again on a new page, its cells column titles ("Đơn vị phối hợp")."""
    titles = [fold(text) for text in row if 0 < len(text.split()) <= _TITLE_WORDS]
    return sum(1 for title in titles if _LEAD.search(title) or _PARTNER.search(title) or _EXECUTOR.match(title)) >= 2


def _names(text: str) -> list[str]:
    """The partners of a cell: "Công an phường, Hội Phụ nữ phường và các đoàn thể" -> three names."""
    return [name for line in text.split("\n") for name in body_names(line)]
