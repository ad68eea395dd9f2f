"""A counter that moves whenever plan facts or units change, so readers can cache them cheaply.

Every session that writes to a fact table (through the ORM or a statement run by the session)
bumps the counter in the same transaction: another process sees the new facts and the new counter
together, and checking it is one indexed row, not a count over 100,000 rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, event, update
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from storage.models import Base

FACT_TABLES = frozenset(
    {
        "units",
        "unit_aliases",
        "unit_links",
        "plans",
        "sections",
        "targets",
        "responsibilities",
        "deadlines",
        "budgets",
        "helper_assignments",
    }
)
_CHANGED = "facts_changed"


class FactRevision(Base):
    """The one row whose value counts the commits that changed facts."""

    __tablename__ = "fact_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


def _is_fact(table_name: str | None) -> bool:
    return table_name in FACT_TABLES


@event.listens_for(Session, "before_flush")
def _note_flushed_facts(session: Session, _context: Any, _instances: Any) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(_is_fact(getattr(obj, "__tablename__", None)) for obj in changed):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_fact_statements(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if _is_fact(getattr(table, "name", None)):
            state.session.info[_CHANGED] = True


def _bump(session: Session) -> None:
    if session.info.pop(_CHANGED, False):
        table = FactRevision.__table__
        session.connection().execute(update(table).values(value=table.c.value + 1))


@event.listens_for(Session, "after_flush_postexec")
def _bump_after_flush(session: Session, _context: Any) -> None:
    # commit() flushes after before_commit: objects changed by that last flush are counted here
    _bump(session)


@event.listens_for(Session, "before_commit")
def _bump_before_commit(session: Session) -> None:
    _bump(session)  # statements run through the session (bulk inserts, updates, deletes)


@event.listens_for(Session, "after_soft_rollback")
def _forget_changes(session: Session, _previous: Any) -> None:
    if not session.in_transaction():
        session.info.pop(_CHANGED, None)
