"""Progress reports and deadline completions: every report kept, the latest counts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, Deadline


class Report(Base):
    """A cumulative figure to date for one target of one unit and year, as reported by someone."""

    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_unit_target", "unit_id", "target_id", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    reporter: Mapped[str] = mapped_column(String(200))  # identity "tg:1001"
    channel: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")  # the original message
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # undone ("hủy")


class DeadlineCompletion(Base):
    """A unit has done what a deadline asks ("đã nộp báo cáo 6 tháng")."""

    __tablename__ = "deadline_completions"
    __table_args__ = (UniqueConstraint("deadline_id", "unit_id", name="uq_deadline_completions_deadline_unit"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    reporter: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


async def latest_report(session: AsyncSession, unit_id: int, target_id: int, year: int) -> Report | None:
    """The report that counts now for this unit, target and year (None before any report)."""
    query = (
        select(Report)
        .where(Report.unit_id == unit_id, Report.target_id == target_id, Report.year == year)
        .where(Report.withdrawn_at.is_(None))
        .order_by(Report.created_at.desc(), Report.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def latest_values(session: AsyncSession, unit_ids: list[int], year: int) -> dict[tuple[int, int], Report]:
    """The latest live report per (unit id, target id) for these units and year."""
    if not unit_ids:
        return {}
    query = (
        select(Report)
        .where(Report.unit_id.in_(unit_ids), Report.year == year, Report.withdrawn_at.is_(None))
        .order_by(Report.created_at, Report.id)
    )
    latest: dict[tuple[int, int], Report] = {}
    for report in (await session.execute(query)).scalars():
        latest[(report.unit_id, report.target_id)] = report
    return latest


async def completed_deadlines(session: AsyncSession, unit_id: int) -> set[int]:
    """Ids of the deadlines this unit has marked done."""
    query = select(DeadlineCompletion.deadline_id).where(DeadlineCompletion.unit_id == unit_id)
    return set((await session.execute(query)).scalars())


async def is_deadline_done(session: AsyncSession, deadline_id: int, unit_id: int) -> bool:
    """Whether the unit has marked this deadline done (reminders stop then)."""
    query = select(DeadlineCompletion.id).where(
        DeadlineCompletion.deadline_id == deadline_id, DeadlineCompletion.unit_id == unit_id
    )
    return (await session.execute(query)).first() is not None


async def deadlines_over(session: AsyncSession, unit_ids: list[int]) -> list[Deadline]:
    """The deadlines scoped to any of these units."""
    return list((await session.execute(select(Deadline).where(Deadline.scope_unit_id.in_(unit_ids)))).scalars())


async def record_completion(
    session: AsyncSession, deadline_id: int, unit_id: int, reporter: str, message: str, now: datetime
) -> None:
    """Record that the unit met the deadline (reporter's message kept, cut to 2,000 characters)."""
    done = DeadlineCompletion(deadline_id=deadline_id, unit_id=unit_id, reporter=reporter)
    done.message, done.done_at = message[:2000], now
    session.add(done)
    await session.flush()
