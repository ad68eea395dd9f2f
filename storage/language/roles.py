"""Duty roles: who leads (chủ trì) and who coordinates (phối hợp) a task, read from text and stored as text."""

from __future__ import annotations

import re
from enum import StrEnum

from storage.language.text import fold

# "chủ trì" said of others, after a noun: "phối hợp với các sở được giao chủ trì", "các đơn vị được giao nhiệm vụ
# chủ trì"; at the start of a duty ("[Sở X] được phân công chủ trì ...") it is the subject's own.
_OTHERS_LEAD = re.compile(r"(?<=\w )duoc (?:giao|phan cong)(?: \w+){0,2} chu tri\b")


class Role(StrEnum):
    """A duty's role; the value is what the database stores (Responsibility.role)."""

    LEAD = "chủ trì"
    COORDINATE = "phối hợp"


def role_of(text: str) -> Role | None:
    """The role a duty's text states: coordinate when it opens with "phối hợp", lead when it says "chủ trì" of
    its own subject (not of the bodies "được giao chủ trì" it works with)."""
    folded = fold(text)
    if folded.startswith("phoi hop"):
        return Role.COORDINATE
    return Role.LEAD if "chu tri" in _OTHERS_LEAD.sub("", folded) else None


def stored_role(value: str | None) -> Role | None:
    """The role a stored value holds ("chủ trì", "Phối hợp", "chu tri"), or None for none or another word."""
    folded = fold(value or "")
    if folded.startswith("phoi"):
        return Role.COORDINATE
    return Role.LEAD if folded.startswith("chu") else None


def is_lead(value: str | None) -> bool:
    """Whether a stored role is the lead's (chủ trì)."""
    return stored_role(value) is Role.LEAD


def is_coordinating(value: str | None) -> bool:
    """Whether a stored role only coordinates (phối hợp)."""
    return stored_role(value) is Role.COORDINATE
