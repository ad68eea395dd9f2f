"""Chat users, the units they belong to, their roles, invites and registration requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Unit

ROLES = ("staff", "manager", "admin")


class User(Base):
    """A person who talks to the bot, known by "CHANNEL:ID" (tg:123, zalo:abc, console:name)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Membership(Base):
    """A user's place in a unit, with a role and an optional post ("công chức LĐ-TB&XH")."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "unit_id", name="uq_memberships_user_unit"),
        Index("ix_memberships_unit", "unit_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20), default="staff")
    post: Mapped[str | None] = mapped_column(String(200))


class Invite(Base):
    """A one-time code that lets whoever sends it join a unit at once."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20), default="staff")
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[str | None] = mapped_column(String(200))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RegistrationRequest(Base):
    """A stranger's request to join a unit, waiting for an admin or a manager above it."""

    __tablename__ = "registration_requests"
    __table_args__ = (
        Index("ix_registration_requests_status", "status", "unit_id"),
        # One pending request per person, even when two arrive at once.
        Index(
            "uq_registration_requests_pending",
            "identity",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(String(200), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    name: Mapped[str | None] = mapped_column(String(200))
    post: Mapped[str | None] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(String(1000), default="")
    # pending | approved | refused | withdrawn | replaced
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


async def user_units(session: AsyncSession, identity: str) -> list[tuple[Unit | None, str]]:
    """The units a user belongs to, with the role in each; empty for a stranger."""
    rows = await session.execute(
        select(Unit, Membership.role)
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .outerjoin(Unit, Unit.id == Membership.unit_id)
        .where(User.identity == identity)
        .order_by(Membership.id)
    )
    return [(unit, role) for unit, role in rows.all()]
