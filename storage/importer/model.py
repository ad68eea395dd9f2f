"""What the importer reads out of a plan document, before it is stored.

The reader turns a file into text, the structure parser turns text into a `Document`,
the fact extractors turn a `Document` into `Facts`, and the store writes both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class UnitRef:
    """A unit named in a document, with the hierarchy the document gives for it."""

    name: str  # bare name: "Xuân Bái"
    kind: str | None = None  # "xã", "thị trấn", "huyện", "tỉnh"... None when the text omits it
    parent: UnitRef | None = None

    def chain(self) -> list[UnitRef]:
        """This unit's ancestors as named, outermost first, ending with itself."""
        return (self.parent.chain() if self.parent else []) + [self]


# A cell a Word table merges with the one above it (vMerge): the reader writes this mark (the ditto mark) and
# make_table (structure.py) gives the cell the text above it.
MERGED_ABOVE = "\u3003"


@dataclass
class Table:
    """A table as written: header rows and data rows of cell text ("" for a blank cell)."""

    header: list[list[str]]
    rows: list[list[str]]


@dataclass
class DocSection:
    """One numbered part of the document, in document order."""

    index: int  # position in Document.sections
    parent: int | None  # index of the enclosing section
    number: str  # as written: "2.15", "a", "III", "Phụ lục 01"
    label: str  # full citation path: "III.2.15", "II.2.a", "Phụ lục 01"
    heading: str  # the heading line, or the short lead of an item ("Sở Y tế")
    lines: list[str] = field(default_factory=list)  # paragraphs and bullets, hard wraps joined
    tables: list[Table] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Heading and body as one text."""
        return "\n".join([self.heading, *self.lines]).strip()


@dataclass
class Header:
    """The header block and signature of a plan."""

    title: str
    number: str | None = None  # "21/KH-UBND"; None when the number is left blank
    doc_date: date | None = None
    place: str | None = None
    year: int | None = None
    issuer: UnitRef | None = None  # the unit whose People's Committee issued the plan
    issuer_name: str = ""  # "UBND huyện Thọ Xuân"
    signer: str | None = None
    signer_title: str | None = None
    has_type_heading: bool = False  # the document type "KẾ HOẠCH" stands as its own heading above the title
    issuer_kind: str | None = None  # the kind of issuing body: "UBND cấp tỉnh", "Ủy ban MTTQ", "Ban Chỉ đạo", "Sở"...
    period_start: int | None = None  # the first and last year the plan covers (its title, else its issue year)
    period_end: int | None = None
    partial_date: str | None = None  # the month and year of a date whose day is left blank: "tháng 4 năm 2024"


@dataclass
class Document:
    """A parsed plan: header, numbered sections, the cleaned full text."""

    header: Header
    sections: list[DocSection]
    text: str


@dataclass
class TargetFact:
    """A quota, target or past result; parts are its breakdown."""

    section: int | None
    indicator: str
    value: float | None
    measure: str | None = None
    direction: str | None = None  # "giảm" | "đạt" | "tăng"
    baseline: float | None = None
    year: int | None = None
    kind: str = "target"  # "quota" (assigned to a unit) | "target" | "result"
    unit: UnitRef | None = None  # None: the issuing unit
    text: str = ""
    parts: list[TargetFact] = field(default_factory=list)
    form: str | None = None  # what kind of goal: see storage.importer.target_forms


@dataclass
class DutyFact:
    """A responsibility of an office, post, unit or person."""

    section: int | None
    assignee: str
    text: str
    role: str | None = None  # "chủ trì" | "phối hợp"
    project: str | None = None
    unit: UnitRef | None = None  # where the assignee sits; None: the issuing unit
    requested: bool = False  # asked ("Đề nghị ...", "Khuyến khích ..."), not ordered: a body the issuer cannot order


@dataclass
class DeadlineFact:
    """Something due by a date."""

    section: int | None
    title: str
    due: date | None
    due_text: str = ""
    obligor: str | None = None
    recipient: str | None = None
    recurrence: str | None = None
    text: str = ""


@dataclass
class BudgetFact:
    """An amount in triệu đồng; parts are its components or funding sources."""

    section: int | None
    label: str
    amount: float
    project: str | None = None
    source: str | None = None
    is_total: bool = False
    text: str = ""
    parts: list[BudgetFact] = field(default_factory=list)


@dataclass
class FundingFact:
    """A funding source a plan names for its work without an amount ("từ ngân sách tỉnh, ngân sách địa phương")."""

    section: int | None
    source: str  # the source's name in storage.language.money ("ngân sách địa phương")
    text: str  # the statement that names it


@dataclass
class HelperFact:
    """An office and a steering-committee member assigned to help a unit."""

    section: int | None
    unit: UnitRef
    office: str | None
    member: str | None


@dataclass
class ReferenceFact:
    """A document the plan is based on ("căn cứ") or, for an appendix, the plan it belongs to ("kèm theo")."""

    kind: str  # "Luật", "Nghị quyết", "Quyết định", "Kế hoạch"...
    number: str | None  # as written: "57-NQ/TW", "102/KH - UBND"; None for a document cited by name
    issuer: str | None  # as cited: "Bộ Chính trị", "UBND tỉnh"
    doc_date: date | None
    title: str  # its subject as cited (trích yếu), or its name
    relation: str = "căn cứ"
    text: str = ""  # the citation it was read from


@dataclass
class Facts:
    """Everything the extractors found, plus warnings for the import report."""

    targets: list[TargetFact] = field(default_factory=list)
    duties: list[DutyFact] = field(default_factory=list)
    deadlines: list[DeadlineFact] = field(default_factory=list)
    budgets: list[BudgetFact] = field(default_factory=list)
    funding: list[FundingFact] = field(default_factory=list)
    helpers: list[HelperFact] = field(default_factory=list)
    units: list[UnitRef] = field(default_factory=list)  # units named but holding no fact (villages...)
    references: list[ReferenceFact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
