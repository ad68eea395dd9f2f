"""Appendix tables: quotas per unit (with "Trong đó" breakdown columns) and helper assignments."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TypeVar, cast

from storage.importer.model import DocSection, Document, HelperFact, Table, TargetFact, UnitRef
from storage.importer.scope import clean
from storage.importer.table_columns import QUOTA_TITLE, column_spec, part_name
from storage.importer.target_forms import table_form
from storage.language.kinds import COMMUNE, DISTRICT, KINDS, PROVINCE, VILLAGE, kind_pattern, kind_words
from storage.language.text import fold, format_number, parse_number, split_unit_name

Columns = TypeVar("Columns")

TOTAL = re.compile(rf"^(?:tong cong|tong so|tong|cong|toan (?:{kind_pattern([PROVINCE, DISTRICT, COMMUNE])}))\b")
ORDINAL = re.compile(r"^(?:s?tt|so tt|so thu tu)$")
_UNIT_HEADER = (
    "ten don vi",
    "don vi",
    *kind_words([DISTRICT, COMMUNE, VILLAGE]),
    "thanh pho",  # a city under the province heads a column of district-level units
    "dia phuong",
    "ten",
)
_OFFICE_HEADER = ("co quan", "phong", "don vi giup", "don vi phu trach")
_MEMBER_HEADER = ("thanh vien", "bcd", "ban chi dao", "can bo phu trach", "nguoi phu trach", "lanh dao", "dong chi")
_ITEM_HEADER = re.compile(r"du an|noi dung|hang muc|danh muc|chinh sach|nhiem vu")
_PAST_TITLE = re.compile(r"dau nam|dau ky|hien co|hien nay|nam truoc|31/12|\bda (?:dat|co|thuc hien)\b")
_RATE_TITLE = re.compile(r"\bty le\b|\bti le\b|%")
_COLUMN_KINDS = tuple((kind.folded, kind.word) for kind in KINDS if kind.level >= COMMUNE and not kind.ambiguous)
_BLANK = {"", "-", "–", "—", "x", "0"}


@dataclass
class Layout:
    """Which columns of a table hold what."""

    unit: int
    titles: list[str]
    mains: list[int] = field(default_factory=list)  # numeric columns that are quotas
    context: list[int] = field(default_factory=list)  # other numeric columns: baselines, rates
    parts: dict[int, list[int]] = field(default_factory=dict)  # main column -> its "Trong đó" columns
    office: int | None = None
    member: int | None = None


def extract_tables(
    document: Document, plan_year: int | None, warnings: list[str]
) -> tuple[list[TargetFact], list[HelperFact]]:
    """Quotas and helper assignments from every table of the document."""
    quotas: list[TargetFact] = []
    helpers: list[HelperFact] = []
    for section in document.sections:
        layout: Layout | None = None
        for table in section.tables:
            rows = table.rows
            found = _layout(table)
            if found is None and layout is not None and _width(table) == len(layout.titles):
                rows = [row for row in [*table.header, *table.rows]]  # a table continued after a page break
            else:
                layout = found
            if layout is None:
                continue
            if layout.member is not None or layout.office is not None:
                helpers.extend(_helpers(section, layout, rows, document.header.issuer))
            elif layout.mains:
                quotas.extend(_quotas(section, layout, rows, document, plan_year, warnings))
    return quotas, helpers


def _width(table: Table) -> int:
    """The number of columns of a table."""
    return max((len(row) for row in [*table.header, *table.rows]), default=0)


def rows_of(
    document: Document, columns_of: Callable[[Table], Columns | None]
) -> Iterator[tuple[DocSection, Columns, list[str]]]:
    """(section, its table's columns, row) for every row of every table that columns_of recognises."""
    for section in document.sections:
        for table in section.tables:
            columns = columns_of(table)
            if columns is not None:
                for row in table.rows:
                    yield section, columns, row


def column_titles(table: Table) -> list[str]:
    """Each column's title: its header cells top to bottom, a merged cell carried over the blanks after it."""
    width = _width(table)
    titles = [""] * width
    for row in table.header:
        cells = [clean(cell) for cell in row] + [""] * (width - len(row))
        carried = ""
        for index, cell in enumerate(cells):
            below = any(len(r) > index and r[index].strip() for r in table.header[table.header.index(row) + 1 :])
            carried = cell or (carried if below else "")
            titles[index] = f"{titles[index]} / {carried}".strip(" /") if carried else titles[index]
    return titles


def _layout(table: Table) -> Layout | None:
    """The roles of a table's columns, or None when it has no unit column."""
    titles = column_titles(table)
    folded = [fold(title) for title in titles]
    if any("chu tri" in title for title in folded):  # a task table (task_tables): leads, not units helped
        return None
    if any(re.match(r"(?:don vi tinh|dvt)\b", title) for title in folded):  # an indicator table (indicator_tables)
        return None
    numeric = {i for i in range(len(titles)) if is_numeric(table, i)}
    member = _find(folded, _MEMBER_HEADER, exclude=numeric)
    office = _find(folded, _OFFICE_HEADER, exclude={member, *numeric})
    unit = _find(folded, _UNIT_HEADER, exclude={member, office, *numeric})
    if unit is None or _ITEM_HEADER.search(folded[unit]):
        return None
    layout = Layout(unit, titles, office=office, member=member)
    for index, title in enumerate(folded):
        if index in (unit, office, member) or ORDINAL.match(title) or index not in numeric:
            continue
        if "trong do" in title and layout.mains:
            layout.parts.setdefault(layout.mains[-1], []).append(index)
        else:
            layout.mains.append(index)
    quotas = [index for index in layout.mains if QUOTA_TITLE.search(folded[index].split(" / ")[0])]
    if not quotas:  # no column says "chỉ tiêu": every column but the status ones ("đã đạt đến 31/12/2023")
        quotas = [index for index in layout.mains if not _PAST_TITLE.search(folded[index].split(" / ")[0])]
    if quotas and len(quotas) < len(layout.mains):
        layout.context = [index for index in layout.mains if index not in quotas]
        layout.mains = quotas
    return layout


def _find(folded: list[str], keys: tuple[str, ...], exclude: AbstractSet[int | None] | None = None) -> int | None:
    """The first column whose title starts with (or contains) one of keys."""
    for index, title in enumerate(folded):
        if index not in (exclude or set()) and any(title.startswith(k) or f" {k}" in f" {title}" for k in keys):
            return index
    return None


def is_numeric(table: Table, index: int) -> bool:
    """Whether a column's data cells are numbers, dashes or blanks, with at least one number."""
    cells = [row[index].strip() if len(row) > index else "" for row in table.rows]
    numbers = [cell for cell in cells if cell not in _BLANK]
    return bool(numbers) and all(parse_number(cell) is not None for cell in numbers)


def cell(row: list[str], index: int) -> str:
    """A cell's text, "" past the end of a short row."""
    return clean(row[index]) if len(row) > index else ""


def value(row: list[str], index: int) -> float | None:
    """A numeric cell: "-" and blank are 0; None when it is not a number."""
    text = cell(row, index)
    return 0.0 if text in _BLANK else parse_number(text)


def _unit(name: str, issuer: UnitRef | None, title: str = "") -> UnitRef:
    """A unit named in a table cell, under the issuing unit; a bare name takes the kind its column names."""
    kind, bare = split_unit_name(name)
    return UnitRef(bare, kind or column_kind(title), issuer)


def column_kind(title: str) -> str | None:
    """ "Tên xã" -> "xã", "Thôn" -> "thôn"; None when the column names no kind or several ("Xã, thị trấn")."""
    folded = fold(title)
    kinds = [kind for key, kind in _COLUMN_KINDS if re.search(rf"\b{key}\b", folded)]
    return kinds[0] if len(kinds) == 1 else None


def _is_total(row: list[str], layout: Layout) -> bool:
    """Whether a row is the table's total (TỔNG CỘNG / Tổng / Cộng)."""
    return any(TOTAL.match(fold(cell(row, index))) for index in range(min(len(row), layout.unit + 1)))


def _helpers(section: DocSection, layout: Layout, rows: list[list[str]], issuer: UnitRef | None) -> list[HelperFact]:
    """One helper assignment per row that names a unit."""
    found = []
    for row in rows:
        name = cell(row, layout.unit)
        if not name or _is_total(row, layout) or fold(name) == fold(layout.titles[layout.unit]):
            continue
        office = cell(row, layout.office) if layout.office is not None else ""
        member = cell(row, layout.member) if layout.member is not None else ""
        unit = _unit(name, issuer, layout.titles[layout.unit])
        found.append(HelperFact(section.index, unit, office or None, member or None))
    return found


def _quotas(
    section: DocSection,
    layout: Layout,
    rows: list[list[str]],
    document: Document,
    plan_year: int | None,
    warnings: list[str],
) -> list[TargetFact]:
    """One quota per row and quota column, with its breakdown; the total row is the issuer's own quota."""
    found: list[TargetFact] = []
    tops = Counter(title.split(" / ")[0] for title in layout.titles)
    for main in [*layout.mains, *layout.context]:
        title = layout.titles[main]
        shared = tops[title.split(" / ")[0]] > 1 and " / " in title
        spec = column_spec(title, section, plan_year, main in layout.context, shared)
        units: list[TargetFact] = []
        totals: list[TargetFact] = []
        for row in rows:
            target = _row_quota(section, layout, row, main, spec, document.header.issuer)
            if target is not None:
                (totals if target.unit is None else units).append(target)
        found.extend(units + totals)
        for total in totals:
            if target_is_summable(total):
                _check_sum(units, total, layout, main, section, warnings)
    return found


def target_is_summable(target: TargetFact) -> bool:
    """Whether a column's rows should add up to its total: not for rates."""
    return target.measure != "%" and not _RATE_TITLE.search(fold(target.indicator))


def _row_quota(
    section: DocSection, layout: Layout, row: list[str], main: int, spec: dict[str, object], issuer: UnitRef | None
) -> TargetFact | None:
    """The quota a row gives in one column, or None when the row has no unit or no number."""
    amount = value(row, main)
    name = cell(row, layout.unit)
    total = _is_total(row, layout)
    if amount is None or (not name and not total):
        return None
    unit = None if total else _unit(name, issuer, layout.titles[layout.unit])
    text = " | ".join(cell for cell in (clean(c) for c in row) if cell)
    target = TargetFact(
        section.index,
        str(spec["indicator"]),
        amount,
        cast("str | None", spec["measure"]),
        cast("str | None", spec["direction"]),
        None,
        cast("int | None", spec["year"]),
        str(spec["kind"]),
        unit,
        text,
        form=_column_form(spec),
    )
    for column in layout.parts.get(main, []):
        part_value = value(row, column)
        target.parts.append(
            TargetFact(
                section.index,
                part_name(layout.titles[column]),
                part_value,
                target.measure,
                target.direction,
                None,
                target.year,
                "quota",
                unit,
                text,
                form=target.form,
            )
        )
    return target


def _column_form(spec: dict[str, object]) -> str | None:
    """A quota column's form: the change its title names, else a level to reach; none for past results."""
    if spec["kind"] == "result":
        return None
    direction = cast("str | None", spec["direction"])
    return table_form(f"{direction or ''} {spec['indicator']}".strip(), None, None)


def _check_sum(
    units: list[TargetFact], total: TargetFact, layout: Layout, main: int, section: DocSection, warnings: list[str]
) -> None:
    """Warn, per column, when the units' figures do not add up to the stated total."""
    columns = [(total.indicator, [u.value or 0 for u in units], total.value or 0)]
    for index, part in enumerate(total.parts):
        values = [u.parts[index].value or 0 for u in units if len(u.parts) > index]
        columns.append((part.indicator, values, part.value or 0))
    for name, values, stated in columns:
        if abs(sum(values) - stated) > 1e-6:
            warnings.append(
                f'Cảnh báo: {section.label}: cột "{name}" cộng các dòng được {format_number(sum(values))}, '
                f"khác dòng tổng {format_number(stated)}; giữ nguyên số liệu của văn bản."
            )
