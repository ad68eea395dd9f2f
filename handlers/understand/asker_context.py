"""Who is asking: the registered user or the unit given with --unit, and their roles."""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.models import Unit


@dataclass
class Asker:
    """The person behind a message as the core sees them."""

    identity: str  # "tg:1001"
    registered: bool = False  # a user row with at least one membership
    units: list[tuple[Unit, str]] = field(default_factory=list)  # (unit, role) pairs, first is the main one
    name: str | None = None
    post: str | None = None  # the post in the main unit ("công chức LĐ-TB&XH"), when registered with one
    group: str | None = None  # the group chat the message came from ("tg:-1001234"); None in a private chat
    group_unit: Unit | None = None  # the unit an admin linked that group to: it shows only that unit's subtree

    @property
    def unit(self) -> Unit | None:
        """The asker's main unit, if known."""
        return self.units[0][0] if self.units else None

    @property
    def role(self) -> str | None:
        """The role in the main unit: "staff", "manager" or "admin"."""
        return self.units[0][1] if self.units else None

    @property
    def is_admin(self) -> bool:
        """Whether any membership grants admin rights."""
        return any(role == "admin" for _, role in self.units)
