"""Duty roles: who leads (chủ trì) and who coordinates (phối hợp) a task, read from text and stored as text."""

from __future__ import annotations

from enum import StrEnum

from storage.language.text import fold


class Role(StrEnum):
    """A duty's role; the value is what the database stores (Responsibility.role)."""

    LEAD = "chủ trì"
    COORDINATE = "phối hợp"


def role_of(text: str) -> Role | None:
    """The role a duty's text states: coordinate when it opens with "phối hợp", lead when it says "chủ trì"."""
    folded = fold(text)
    if folded.startswith("phoi hop"):
        return Role.COORDINATE
    return Role.LEAD if "chu tri" in folded else None


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
