"""A plan file sent in chat, kept from its preview to its confirmation (and afterwards, as the original)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Boolean, DateTime, Index, Integer, LargeBinary, String, Text, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base

PENDING, IMPORTED, CANCELLED, EXPIRED = "pending", "imported", "cancelled", "expired"
KEEP_PENDING = timedelta(hours=24)  # an upload not confirmed by then is dropped


class PlanUpload(Base):
    """One file a manager or admin sent: its bytes and checksum, who sent it, when, and what became of it."""

    __tablename__ = "plan_uploads"
    __table_args__ = (
        Index("ix_plan_uploads_plan", "plan_id"),
        # One pending upload per person, even when two arrive at once.
        Index(
            "uq_plan_uploads_pending",
            "identity",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(String(200))  # who sent it: "tg:123"
    sender_name: Mapped[str | None] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64))  # SHA-256 of content
    content: Mapped[bytes] = mapped_column(LargeBinary)  # the original file, kept after the import
    ocr_text: Mapped[str | None] = mapped_column(Text)  # the text OCR read from a scan, so a confirm reads it again
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default=PENDING)  # pending | imported | cancelled | expired
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    plan_id: Mapped[int | None] = mapped_column(Integer)  # the plan it became (no foreign key: the record outlives it)
    version: Mapped[int | None] = mapped_column(Integer)  # which version of that plan
    preview: Mapped[str] = mapped_column(Text, default="")  # what the sender was shown before confirming


def aware(moment: datetime, like: datetime) -> datetime:
    """SQLite returns naive datetimes: read them in the clock's zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=like.tzinfo)


async def pending_upload(session: AsyncSession, identity: str) -> PlanUpload | None:
    """The identity's upload waiting for confirmation, if any (expired or not)."""
    query = select(PlanUpload).where(PlanUpload.identity == identity, PlanUpload.status == PENDING)
    return (await session.execute(query)).scalar_one_or_none()


async def plan_uploads(session: AsyncSession, plan_id: int) -> list[PlanUpload]:
    """The files sent in chat that became versions of a plan, oldest first."""
    query = (
        select(PlanUpload)
        .where(PlanUpload.plan_id == plan_id, PlanUpload.status == IMPORTED)
        .order_by(PlanUpload.version, PlanUpload.id)
    )
    return list((await session.execute(query)).scalars())


def has_expired(upload: PlanUpload, now: datetime) -> bool:
    """Whether the time to confirm the upload ran out at now."""
    return aware(upload.expires_at, now) <= now
