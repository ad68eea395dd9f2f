"""Account operations: add and remove users, invites, registration requests and approvals."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts.models import ROLES, Invite, Membership, RegistrationRequest, User
from storage.models import Unit
from storage.units.lookup import ancestors

INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
INVITE_TTL = timedelta(days=14)


@dataclass
class UserRow:
    """A user with one membership, for listings."""

    identity: str
    name: str | None
    unit: Unit | None
    role: str
    post: str | None


async def get_user(session: AsyncSession, identity: str) -> User | None:
    """The user with this identity, if any."""
    return (await session.execute(select(User).where(User.identity == identity))).scalar_one_or_none()


async def add_user(
    session: AsyncSession,
    identity: str,
    unit: Unit,
    now: datetime,
    *,
    role: str = "staff",
    name: str | None = None,
    post: str | None = None,
) -> User:
    """Create the user (or update the name) and give them this unit and role."""
    if role not in ROLES:
        raise ValueError(f"vai trò không hợp lệ: {role} (staff, manager, admin)")
    user = await get_user(session, identity)
    if user is None:
        user = User(identity=identity, name=name, created_at=now)
        session.add(user)
        await session.flush()
    elif name:
        user.name = name
    query = select(Membership).where(Membership.user_id == user.id, Membership.unit_id == unit.id)
    membership = (await session.execute(query)).scalar_one_or_none()
    if membership is None:
        session.add(Membership(user_id=user.id, unit_id=unit.id, role=role, post=post))
    else:
        membership.role, membership.post = role, post or membership.post
    await session.flush()
    return user


async def remove_user(session: AsyncSession, identity: str) -> bool:
    """Delete the user and their memberships; False when there was no such user."""
    user = await get_user(session, identity)
    if user is None:
        return False
    await session.execute(delete(Membership).where(Membership.user_id == user.id))
    await session.delete(user)
    await session.flush()
    return True


async def list_users(session: AsyncSession) -> list[UserRow]:
    """Every user with each membership, ordered by identity."""
    query = (
        select(User, Membership, Unit)
        .outerjoin(Membership, Membership.user_id == User.id)
        .outerjoin(Unit, Unit.id == Membership.unit_id)
        .order_by(User.identity, Membership.id)
    )
    rows = (await session.execute(query)).all()
    return [UserRow(u.identity, u.name, unit, m.role if m else "-", m.post if m else None) for u, m, unit in rows]


async def create_invite(
    session: AsyncSession, unit: Unit, now: datetime, *, role: str = "staff", created_by: str | None = None
) -> Invite:
    """A fresh one-time code for joining unit."""
    code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(8))
    invite = Invite(code=code, unit_id=unit.id, role=role, created_by=created_by, created_at=now)
    invite.expires_at = now + INVITE_TTL
    session.add(invite)
    await session.flush()
    return invite


async def find_invite(session: AsyncSession, code: str) -> Invite | None:
    """The invite with this code (any case), used or not."""
    query = select(Invite).where(Invite.code == code.strip().upper())
    return (await session.execute(query)).scalar_one_or_none()


async def use_invite(
    session: AsyncSession, invite: Invite, identity: str, now: datetime, name: str | None
) -> User | None:
    """Spend the invite: the identity joins its unit at once; None when someone else spent it first.

    One conditional UPDATE both checks and marks the code used: of two people sending it at once (two
    processes), the second waits for the first to commit and then matches no row."""
    claim = (
        update(Invite).where(Invite.code == invite.code, Invite.used_at.is_(None)).values(used_by=identity, used_at=now)
    )
    if (await session.execute(claim)).rowcount != 1:  # type: ignore[attr-defined]
        return None
    unit = await session.get(Unit, invite.unit_id)
    assert unit is not None
    user = await add_user(session, identity, unit, now, role=invite.role, name=name)
    await session.flush()
    return user


def invite_usable(invite: Invite, now: datetime) -> bool:
    """Whether the code is unused and not expired."""
    if invite.used_at is not None:
        return False
    return invite.expires_at is None or _aware(invite.expires_at, now) > now


async def create_request(
    session: AsyncSession, identity: str, unit: Unit, now: datetime, *, post: str | None, name: str | None, text: str
) -> RegistrationRequest | None:
    """A pending registration request; None when the person already has one pending (a unique index
    keeps it so even when two arrive at once)."""
    request = RegistrationRequest(
        identity=identity, unit_id=unit.id, post=post, name=name, message=text[:1000], status="pending", created_at=now
    )
    try:
        async with session.begin_nested():
            session.add(request)
    except IntegrityError:
        return None
    return request


async def requests_since(session: AsyncSession, identity: str, since: datetime) -> int:
    """How many registration requests identity sent at or after since (any outcome)."""
    query = select(RegistrationRequest.created_at).where(RegistrationRequest.identity == identity)
    return sum(1 for created in (await session.execute(query)).scalars() if _aware(created, since) >= since)


def _aware(moment: datetime, like: datetime) -> datetime:
    """moment with like's time zone when the database returned it naive (SQLite)."""
    return moment.replace(tzinfo=like.tzinfo) if moment.tzinfo is None else moment


async def withdraw_request(session: AsyncSession, identity: str, now: datetime) -> RegistrationRequest | None:
    """Withdraw identity's pending request; None when there is none."""
    pending = await pending_requests(session, identity=identity)
    for request in pending:
        request.status, request.decided_at, request.decided_by = "withdrawn", now, identity
    await session.flush()
    return pending[-1] if pending else None


async def pending_requests(session: AsyncSession, identity: str | None = None) -> list[RegistrationRequest]:
    """Pending requests, oldest first (of one person when identity is given)."""
    query = select(RegistrationRequest).where(RegistrationRequest.status == "pending")
    if identity is not None:
        query = query.where(RegistrationRequest.identity == identity)
    return list((await session.execute(query.order_by(RegistrationRequest.id))).scalars())


async def approvers(session: AsyncSession, unit: Unit) -> list[str]:
    """Identities that may decide on a request for unit: admins and managers of units above it."""
    above = [u.id for u in await ancestors(session, unit)]
    query = (
        select(User.identity, Membership.role, Membership.unit_id)
        .join(Membership, Membership.user_id == User.id)
        .where((Membership.role == "admin") | ((Membership.role == "manager") & Membership.unit_id.in_(above)))
        .order_by(User.identity)
    )
    return list(dict.fromkeys(identity for identity, _, _ in (await session.execute(query)).all()))


async def decide_request(
    session: AsyncSession, request: RegistrationRequest, approve: bool, decided_by: str, now: datetime
) -> User | None:
    """Approve (the user joins the unit as staff) or refuse a pending request."""
    request.status = "approved" if approve else "refused"
    request.decided_by, request.decided_at = decided_by, now
    if not approve:
        await session.flush()
        return None
    unit = await session.get(Unit, request.unit_id)
    assert unit is not None
    return await add_user(session, request.identity, unit, now, name=request.name, post=request.post)


async def memberships_of(session: AsyncSession, identity: str) -> list[tuple[int | None, str, str | None]]:
    """The user's (unit id, role, post) rows, first membership first; empty for a stranger."""
    query = (
        select(Membership.unit_id, Membership.role, Membership.post)
        .join(User, User.id == Membership.user_id)
        .where(User.identity == identity)
        .order_by(Membership.id)
    )
    return [(uid, role, post) for uid, role, post in (await session.execute(query)).all()]
