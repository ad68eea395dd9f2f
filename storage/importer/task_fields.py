"""Tasks written with labelled fields: "- Đơn vị chủ trì: ...", "- Cơ quan phối hợp: ...", "- Thời gian thực hiện: ...".

A numbered task states who leads, who coordinates and when, either as labelled lines of its own or as lettered
sub-items headed by the label ("b) Cơ quan thực hiện" with the lines "- Đơn vị chủ trì: ..." under it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from storage.importer.assignees import split_assignee
from storage.importer.model import DeadlineFact, DocSection, Document, DutyFact
from storage.importer.names import body_names
from storage.importer.periods import time_due
from storage.importer.scope import bare_heading, clean, projects_in
from storage.language.roles import Role
from storage.language.text import fold

_BULLET = re.compile(r"^\s*[-+•*–]\s*")
# "Đơn vị chủ trì:", "Cơ quan thực hiện:", "Cơ quan phối hợp:" -> the role word; "Thời gian thực hiện:" -> time.
_ROLE_FIELD = re.compile(r"^(?:don vi|co quan|bo phan)\s+(chu tri|phoi hop|thuc hien)(?:\s+chinh)?\s*:")
_TIME_FIELD = re.compile(r"^(?:thoi gian|thoi han|tien do)(?:\s+(?:thuc hien|hoan thanh))?\s*:")
_TASK_FIELD = re.compile(r"^(?:noi dung|nhiem vu)(?:\s+thuc hien)?\s*:")
_LABEL_HEADING = re.compile(
    r"^(?:(?:don vi|co quan|bo phan)\s+(?:chu tri|phoi hop|thuc hien)|thoi gian(?:\s+(?:thuc hien|hoan thanh))?"
    r"|nhiem vu|noi dung(?:\s+thuc hien)?)$"
)
_ROLES = {"chu tri": Role.LEAD, "phoi hop": Role.COORDINATE, "thuc hien": None}


@dataclass
class _Task:
    """The labelled fields of one task."""

    text: str = ""
    leads: list[tuple[str, str]] = field(default_factory=list)  # (role word, value as written)
    partners: list[str] = field(default_factory=list)
    time: str = ""
    sections: set[int] = field(default_factory=set)


def is_label_heading(heading: str) -> bool:
    """Whether a heading is a field's label ("Cơ quan thực hiện", "Thời gian thực hiện"), not a body's name."""
    return bool(_LABEL_HEADING.match(fold(bare_heading(heading))))


def field_tasks(document: Document, year: int | None) -> tuple[list[DutyFact], list[DeadlineFact], set[int]]:
    """Duties and deadlines of every task written with fields, and the sections they were read from."""
    duties: list[DutyFact] = []
    deadlines: list[DeadlineFact] = []
    used: set[int] = set()
    children: dict[int, list[DocSection]] = {}
    for section in document.sections:
        if section.parent is not None:
            children.setdefault(section.parent, []).append(section)
    for section in document.sections:
        if is_label_heading(section.heading):
            continue
        task = _read_task(section, children.get(section.index, []))
        if task is None:
            continue
        used |= task.sections
        duties.extend(_duties(section.index, task))
        deadlines.extend(_deadlines(section.index, task, year, document.header.doc_date))
    return duties, deadlines, used


def _read_task(section: DocSection, children: list[DocSection]) -> _Task | None:
    """The fields of a section and of its label-headed sub-items; None when no field names a body."""
    task = _Task(sections={section.index})
    plain: list[str] = []
    for line in _lines(section):
        if not _take_field(task, line):
            plain.append(line)
    for child in children:
        if not is_label_heading(child.heading):
            continue
        task.sections.add(child.index)
        label = fold(bare_heading(child.heading))
        for line in _lines(child):
            if _take_field(task, line):
                continue
            if label.startswith(("thoi gian", "tien do")):
                task.time = task.time or line
            elif label.startswith(("nhiem vu", "noi dung")):
                task.text = task.text or line
    if not task.leads:
        return None
    content = task.text or (plain[0] if plain else "")
    heading = bare_heading(section.heading)
    task.text = f"{heading}: {content}" if heading and content and content != heading else heading or content
    return task if task.text else None


def _lines(section: DocSection) -> list[str]:
    """A section's lines without bullets and Markdown marks."""
    lines = [_BULLET.sub("", clean(line)).strip() for line in section.lines]
    return [line for line in lines if any(char.isalpha() for char in line)]


def _take_field(task: _Task, line: str) -> bool:
    """Store a labelled line in the task; False when the line is no field."""
    folded = fold(line)
    colon = line.find(":") + 1
    value = line[colon:].strip(" .")
    role = _ROLE_FIELD.match(folded)
    if role:
        if role.group(1) == "phoi hop":
            task.partners.extend(body_names(value))
        else:
            task.leads.append((role.group(1), value))
        return True
    if _TIME_FIELD.match(folded):
        task.time = value
        return True
    if _TASK_FIELD.match(folded):
        task.text = task.text or value
        return True
    return False


def _leads(task: _Task) -> list[tuple[str, str | None]]:
    """(body, role) of every lead field, clause by clause: "Sở Nội vụ chủ trì tham mưu ...; Sở Tư pháp và ..."."""
    found: list[tuple[str, str | None]] = []
    for word, value in task.leads:
        for clause in re.split(r";\s*", value):
            lead, rest = split_assignee(clause)
            # "Cơ quan thực hiện" beside "Cơ quan phối hợp" names the leads, as a task table's executing column does
            role = Role.LEAD if word == "thuc hien" and task.partners else _ROLES[word]
            if lead and rest and fold(rest) != fold(clause):
                names = body_names(lead)
                role = Role.LEAD if fold(rest).startswith("chu tri") else role
            else:  # a list too long to split at its verb: each name without the words after its own verb
                names = [split_assignee(name)[0] or name for name in body_names(clause)]
            found.extend((name, role) for name in names)
    return found


def _duties(section: int, task: _Task) -> list[DutyFact]:
    """The leads' duties (one per body named) and the partners'."""
    project = "; ".join(projects_in(task.text)) or None
    duties = [DutyFact(section, name, task.text, role, project) for name, role in _leads(task)]
    duties.extend(DutyFact(section, name, task.text, Role.COORDINATE, project) for name in task.partners)
    return duties


def _deadlines(section: int, task: _Task, year: int | None, issued: date | None) -> list[DeadlineFact]:
    """The task's deadline when its time field sets one ("Quý IV năm 2025", "Hoàn thành trong năm 2025")."""
    due = time_due(task.time, year, issued) if task.time else None
    if due is None:
        return []
    obligor = ", ".join(name for name, _ in _leads(task))
    text = f"{task.text} (thời gian: {task.time})"
    return [DeadlineFact(section, task.text, due.day, task.time, obligor or None, None, due.recurrence, text)]
