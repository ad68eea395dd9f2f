"""SQLAlchemy models: units, plans and what the plans say."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    or_,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, QueryableAttribute, mapped_column, relationship

from storage.language.text import display_kind


class Base(DeclarativeBase):
    """Declarative base of every table."""


def unleased(lease_until: QueryableAttribute[datetime | None], now: datetime) -> ColumnElement[bool]:
    """A row no worker holds at now: never leased, settled, or its holder stopped renewing (outbox and inbox)."""
    return or_(lease_until.is_(None), lease_until <= now)


class Unit(Base):
    """An administrative unit (province, district, commune, village) of any depth."""

    __tablename__ = "units"
    __table_args__ = (
        UniqueConstraint("source", "code", name="uq_units_source_code"),
        Index("ix_units_key", "key"),
        Index("ix_units_parent", "parent_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # bare name: "Xuân Bái"
    kind: Mapped[str | None] = mapped_column(String(40))  # "xã", "thị trấn", "huyện", "tỉnh"...
    level: Mapped[int | None] = mapped_column(Integer)  # 1 province, 2 district, 3 commune, 4 village
    key: Mapped[str] = mapped_column(String(200))  # folded bare name: "xuan bai"
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    code: Mapped[str | None] = mapped_column(String(20))  # catalog code
    source: Mapped[str] = mapped_column(String(40), default="plan")  # "plan", "catalog-2024", "catalog-2025"
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id", lazy="raise")
    aliases: Mapped[list[UnitAlias]] = relationship(back_populates="unit", cascade="all, delete-orphan", lazy="raise")

    @property
    def full_name(self) -> str:
        """ "Xã Xuân Bái", or the bare name when the kind is unknown."""
        return f"{display_kind(self.kind)} {self.name}" if self.kind else self.name


class UnitAlias(Base):
    """Another name of a unit: abbreviations, older names, spellings."""

    __tablename__ = "unit_aliases"
    __table_args__ = (
        UniqueConstraint("unit_id", "key", name="uq_unit_aliases_unit_key"),
        Index("ix_unit_aliases_key", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200))

    unit: Mapped[Unit] = relationship(back_populates="aliases", lazy="raise")


class UnitLink(Base):
    """An old unit that became (fully or partly) part of a new one."""

    __tablename__ = "unit_links"
    __table_args__ = (
        UniqueConstraint("old_unit_id", "new_unit_id", name="uq_unit_links_pair"),
        Index("ix_unit_links_new", "new_unit_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    old_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    new_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="full")  # "full" | "partial"
    effective: Mapped[date | None] = mapped_column(Date)


class Plan(Base):
    """A plan document (kế hoạch) as imported."""

    __tablename__ = "plans"
    __table_args__ = (Index("ix_plans_checksum", "checksum"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(80))  # "21/KH-UBND"; None when left blank
    doc_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(120))
    issuer_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    issuer_name: Mapped[str] = mapped_column(String(200))  # "UBND huyện Thọ Xuân"
    issuer_kind: Mapped[str | None] = mapped_column(String(40))  # "UBND cấp tỉnh", "Ủy ban MTTQ", "Sở"...
    level: Mapped[int | None] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[int | None] = mapped_column(Integer)  # first and last year the plan covers
    period_end: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    signer: Mapped[str | None] = mapped_column(String(120))
    signer_title: Mapped[str | None] = mapped_column(String(200))
    source_file: Mapped[str] = mapped_column(String(500))
    checksum: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    issuer: Mapped[Unit | None] = relationship(lazy="raise")
    sections: Mapped[list[Section]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
        order_by="Section.ordinal",
    )


class PlanVersion(Base):
    """One import of a plan's document: which file, when, what it held and what changed from the one before."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "version", name="uq_plan_versions_plan_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)  # 1 for the first import of the plan
    checksum: Mapped[str] = mapped_column(String(64))
    source_file: Mapped[str] = mapped_column(String(500))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sections: Mapped[int] = mapped_column(Integer, default=0)
    targets: Mapped[int] = mapped_column(Integer, default=0)
    duties: Mapped[int] = mapped_column(Integer, default=0)
    deadlines: Mapped[int] = mapped_column(Integer, default=0)
    budgets: Mapped[int] = mapped_column(Integer, default=0)
    helpers: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)  # targets and deadlines new in this version
    changed: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    lost_reports: Mapped[int] = mapped_column(Integer, default=0)  # deleted with removed targets (confirmed)
    lost_completions: Mapped[int] = mapped_column(Integer, default=0)
    changes: Mapped[str] = mapped_column(Text, default="")  # the import summary's lines of changes


class Section(Base):
    """A numbered part of a plan's text, so any answer can cite where it comes from."""

    __tablename__ = "sections"
    __table_args__ = (Index("ix_sections_plan", "plan_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # document order
    label: Mapped[str] = mapped_column(String(80))  # "III.2.15", "Phụ lục 01"
    heading: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    key: Mapped[str] = mapped_column(Text, default="")  # folded heading + body, for retrieval

    plan: Mapped[Plan] = relationship(back_populates="sections", lazy="raise")


class _PlanFact:
    """Columns every fact drawn from a plan has: its plan and the section it came from."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))


class Target(_PlanFact, Base):
    """A quota or target a unit must reach, with its breakdown children."""

    __tablename__ = "targets"
    __table_args__ = (Index("ix_targets_unit", "unit_id"),)

    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="target")  # "quota" | "target" | "result"
    indicator: Mapped[str] = mapped_column(Text)  # "giảm hộ nghèo", "hộ không có KNLĐ"
    key: Mapped[str] = mapped_column(Text)  # folded indicator
    value: Mapped[float | None] = mapped_column(Float)
    measure: Mapped[str | None] = mapped_column(String(40))  # "hộ", "%", "người", "triệu đồng"
    direction: Mapped[str | None] = mapped_column(String(20))  # "giảm" | "đạt" | "tăng"
    form: Mapped[str | None] = mapped_column(String(20))  # reduce_by, reduce_to, increase_by, reach, at_least..
    baseline: Mapped[float | None] = mapped_column(Float)
    year: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")  # the sentence it was read from


class Responsibility(_PlanFact, Base):
    """A duty assigned to an office, a post, a unit or a person."""

    __tablename__ = "responsibilities"

    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    assignee: Mapped[str] = mapped_column(String(300))  # "Phòng Tài chính - Kế hoạch"
    assignee_key: Mapped[str] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(20))  # "chủ trì" | "phối hợp"
    project: Mapped[str | None] = mapped_column(String(200))  # "Dự án 2", "Tiểu dự án 1 - Dự án 3"
    text: Mapped[str] = mapped_column(Text)
    # Asked ("Đề nghị Ủy ban MTTQ tỉnh ..."), not ordered: the issuer cannot order that body.
    requested: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Deadline(_PlanFact, Base):
    """Something due by a date: who must do it, and to whom."""

    __tablename__ = "deadlines"

    scope_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(Text)  # "báo cáo kết quả thực hiện 6 tháng"
    key: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    due_text: Mapped[str] = mapped_column(String(120), default="")  # as written: "trước ngày 15/6"
    obligor: Mapped[str | None] = mapped_column(String(300))  # "UBND các xã, thị trấn"
    recipient: Mapped[str | None] = mapped_column(String(300))  # "UBND huyện qua phòng LĐ-TB&XH"
    recurrence: Mapped[str | None] = mapped_column(String(40))  # "hằng năm", "hằng quý"...
    text: Mapped[str] = mapped_column(Text, default="")


class Budget(_PlanFact, Base):
    """An amount of money (triệu đồng) for a project, with its parts and sources."""

    __tablename__ = "budgets"

    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("budgets.id", ondelete="CASCADE"))
    project: Mapped[str | None] = mapped_column(String(200))  # "Dự án 1", "Tiểu dự án 2 - Dự án 6"
    label: Mapped[str] = mapped_column(Text)  # "nhà ở", "Ngân sách Trung ương", "Tổng kinh phí"
    key: Mapped[str] = mapped_column(Text)
    amount: Mapped[float] = mapped_column(Float)  # triệu đồng
    source: Mapped[str | None] = mapped_column(String(200))  # funding source where stated
    is_total: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text, default="")


class FundingSource(_PlanFact, Base):
    """A funding source a plan names without an amount ("từ ngân sách tỉnh, ngân sách địa phương")."""

    __tablename__ = "funding_sources"

    source: Mapped[str] = mapped_column(String(200))  # its name in storage.language.money
    text: Mapped[str] = mapped_column(Text, default="")  # the statement that names it


class HelperAssignment(_PlanFact, Base):
    """Which office and which steering-committee member help a unit."""

    __tablename__ = "helper_assignments"

    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    office: Mapped[str | None] = mapped_column(String(300))
    office_key: Mapped[str] = mapped_column(String(300), default="")
    member: Mapped[str | None] = mapped_column(String(200))
    member_key: Mapped[str] = mapped_column(String(200), default="")


class PlanReference(Base):
    """A document a plan is based on ("Căn cứ ...", "Thực hiện ...") or, for an appendix, the plan it belongs to."""

    __tablename__ = "plan_references"
    __table_args__ = (Index("ix_plan_references_number", "number_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)  # order of citation in the plan
    relation: Mapped[str] = mapped_column(String(20), default="căn cứ")  # "căn cứ" | "kèm theo"
    kind: Mapped[str] = mapped_column(String(40))  # "Luật", "Nghị quyết", "Quyết định", "Kế hoạch"...
    number: Mapped[str | None] = mapped_column(String(80))  # "57-NQ/TW"; None for a law cited by name
    number_key: Mapped[str] = mapped_column(String(80), default="")  # folded, without spaces, for lookups
    issuer: Mapped[str | None] = mapped_column(String(300))  # as cited: "Bộ Chính trị", "UBND tỉnh"
    doc_date: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text, default="")  # its subject (trích yếu) as cited, or its name
    text: Mapped[str] = mapped_column(Text, default="")  # the citation it was read from
