"""A counter that moves whenever units or plan facts change, so readers can cache them cheaply.

Every session that writes to a watched table (through the ORM or a statement run by the session)
bumps the counter in the same transaction: another process sees the new rows and the new counter
together, and checking them is one indexed row each, not a count over 100,000 rows.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Integer, Table, event, update
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from storage.models import (
    Base,
    Budget,
    Deadline,
    FundingSource,
    HelperAssignment,
    Plan,
    PlanReference,
    Responsibility,
    Section,
    Target,
    Unit,
    UnitAlias,
    UnitLink,
)

FACTS = 1  # the counter's row id
FACT_MODELS = (
    Unit,
    UnitAlias,
    UnitLink,
    Plan,
    Section,
    Target,
    Responsibility,
    Deadline,
    Budget,
    FundingSource,
    HelperAssignment,
    PlanReference,
)
WATCHED = {model.__tablename__: FACTS for model in FACT_MODELS}
_CHANGED = "revisions_changed"
_BUMPED = "revisions_bumped"


class FactRevision(Base):
    """The counter row (id 1) of commits that changed units or plan facts."""

    __tablename__ = "fact_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


def _note(session: Session, table_name: str | None) -> None:
    counter = WATCHED.get(table_name or "")
    if counter is not None:
        session.info.setdefault(_CHANGED, set()).add(counter)


@event.listens_for(Session, "before_flush")
def _note_flushed_rows(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        _note(session, getattr(obj, "__tablename__", None))


@event.listens_for(Session, "do_orm_execute")
def _note_statements(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        _note(state.session, getattr(getattr(state.statement, "table", None), "name", None))


def _bump(session: Session) -> None:
    """Bump each changed counter once per transaction (a later flush in it needs no second bump)."""
    table = cast(Table, FactRevision.__table__)
    done = session.info.setdefault(_BUMPED, set())
    for counter in sorted(session.info.pop(_CHANGED, set()) - done):
        session.connection().execute(update(table).where(table.c.id == counter).values(value=table.c.value + 1))
        done.add(counter)


@event.listens_for(Session, "after_flush_postexec")
def _bump_after_flush(session: Session, _context: Any) -> None:
    # commit() flushes after before_commit: rows changed by that last flush are counted here
    _bump(session)


@event.listens_for(Session, "before_commit")
def _bump_before_commit(session: Session) -> None:
    _bump(session)  # statements run through the session (bulk inserts, updates, deletes)


@event.listens_for(Session, "after_commit")
def _new_transaction(session: Session) -> None:
    session.info.pop(_BUMPED, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_changes(session: Session, _previous: Any) -> None:
    session.info.pop(_BUMPED, None)  # a savepoint's rollback may have undone a bump: bump again if needed
    if not session.in_transaction():
        session.info.pop(_CHANGED, None)
