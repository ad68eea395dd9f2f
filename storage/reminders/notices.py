"""What a reminder says, as data: the facts of one staff notice or one manager's summary, no words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class StaffNotice:
    """A deadline at a step, as told to the staff of one obliged unit (the same notice for each of them)."""

    title: str  # the deadline's title, as the plan writes it
    due: date
    step: int  # days after the deadline: negative before it, 0 on the day
    unit_name: str  # the obliged unit
    send_to: str | None  # whom the plan says the report goes to
    progress: tuple[str, ...]  # the unit's latest reported progress, one line per target


@dataclass(frozen=True, slots=True)
class LateUnits:
    """A deadline on its first overdue day, as seen from one parent unit: which of its units have not met it."""

    title: str
    due: date
    step: int
    late: tuple[str, ...]  # names of the late units, sorted
    total: int  # how many of the parent's units owe it
    noun: str  # what these units are called ("xã", "đơn vị")


@dataclass(frozen=True, slots=True)
class ManagerSummary:
    """The late units of each parent unit a manager leads, for one deadline, in one message."""

    parts: tuple[LateUnits, ...]


ReminderData = StaffNotice | ManagerSummary
