"""Budget tables: one row per project or item, money columns (a total, then sources), a TỔNG row."""

from __future__ import annotations

import re

from storage.importer.model import BudgetFact, DocSection, Table
from storage.importer.scope import clean, projects_in
from storage.importer.tables import ORDINAL, TOTAL, cell, column_titles, is_numeric, value
from storage.language.money import source_name
from storage.language.text import fold, format_number

_MONEY = re.compile(r"kinh phi|\bvon\b|ngan sach|du toan|trieu|\bty dong|so tien|thanh tien|nguon")
_MONEY_UNIT = re.compile(r"kinh phi|(?:trieu|ty|nghin|ngan) dong|(?:don vi tinh|dvt)\s*:?\s*(?:trieu|ty|dong)")
_ITEM = re.compile(r"du an|noi dung|hang muc|danh muc|chuong trinh|chinh sach|hoat dong|nhiem vu|cong trinh")
_SOURCE = re.compile(r"^(?:ngan sach|von|nguon|ns(?:tw|dp|t|h|x)?|huy dong|xa hoi hoa)\b")
_YEAR_TITLE = re.compile(r"^nam(?: thuc hien| ke hoach)?$")
_YEAR_CELL = re.compile(r"^(?:nam )?(?:19|20)\d\d$")
_SCALES = (
    (re.compile(r"\bty dong\b|don vi tinh\s*:?\s*ty\b|dvt\s*:?\s*ty\b"), 1000.0),
    (re.compile(r"nghin dong|ngan dong|1\.?000 dong"), 0.001),
    (re.compile(r"(?:don vi tinh|dvt)\s*:?\s*dong\b"), 0.000001),
)


def table_budgets(section: DocSection, table: Table, stated: list[BudgetFact], warnings: list[str]) -> list[BudgetFact]:
    """The budgets of a table of projects and amounts; [] when the table is not one."""
    titles = column_titles(table)
    folded = [fold(title) for title in titles]
    years = _year_column(table, folded)
    numeric = [i for i in range(len(titles)) if is_numeric(table, i) and not ORDINAL.match(folded[i]) and i != years]
    item = years if years is not None else _item_column(table, folded, numeric)
    context = fold(" ".join([section.heading, *section.lines, *titles]))
    money = [i for i in numeric if _MONEY.search(folded[i]) or _MONEY_UNIT.search(context)]
    if item is None or not money:
        return []
    main = next((i for i in money if "tong" in folded[i]), money[0])
    scale = next((factor for pattern, factor in _SCALES if pattern.search(context)), 1.0)
    rows: list[BudgetFact] = []
    totals: list[BudgetFact] = []
    for row in table.rows:
        budget = _row_budget(section, row, item, main, money, titles, scale)
        if budget is not None:
            (totals if budget.is_total else rows).append(budget)
    for total in totals:
        _check_total(rows, total, section, warnings)
    known = {round(b.amount, 3) for b in stated if b.is_total}
    return rows + [total for total in totals if round(total.amount, 3) not in known]


def _year_column(table: Table, folded: list[str]) -> int | None:
    """The column of a budget split by year ("Năm" over "2026" or "Năm 2026"): each row is one year's budget."""
    for index, title in enumerate(folded):
        cells = [fold(cell(row, index)) for row in table.rows]
        dated = [c for c in cells if _YEAR_CELL.match(c)]
        if _YEAR_TITLE.match(title) and len(dated) >= 2 and all(_YEAR_CELL.match(c) or TOTAL.match(c) or not c
                                                                   for c in cells):  # fmt: skip
            return index
    return None


def _item_column(table: Table, folded: list[str], numeric: list[int]) -> int | None:
    """The column naming projects or items: titled so, or holding "Dự án ..." cells."""
    for index, title in enumerate(folded):
        if index in numeric or ORDINAL.match(title):
            continue
        cells = [fold(cell(row, index)) for row in table.rows]
        if _ITEM.search(title) or sum(c.startswith(("du an", "tieu du an")) for c in cells) >= 2:
            return index
    return None


def _row_budget(
    section: DocSection, row: list[str], item: int, main: int, money: list[int], titles: list[str], scale: float
) -> BudgetFact | None:
    """One row: its main amount with the other money columns as parts; None for a row without an amount."""
    label = cell(row, item)
    amount = value(row, main) if cell(row, main).strip() else None  # a blank amount is no budget of 0
    total = bool(TOTAL.match(fold(label))) or (not label and any(TOTAL.match(fold(cell(row, i))) for i in range(item)))
    if amount is None or (not label and not total):
        return None
    text = " | ".join(c for c in (clean(c) for c in row) if c)
    mentioned = projects_in(label)
    project = None if total else (mentioned[0] if mentioned else None)
    name = "Tổng kinh phí" if total else _item_label(f"Năm {label}" if label.isdigit() else label)
    budget = BudgetFact(section.index, name, amount * scale, project, None, total, text)
    for column in money:
        part = value(row, column)
        if column == main or part is None or not cell(row, column):
            continue
        title = re.sub(r"\([^)]*\)", "", titles[column].split(" / ")[-1]).strip()
        source = title if _SOURCE.match(fold(title)) or source_name(title) is not None else None
        budget.parts.append(BudgetFact(section.index, title, part * scale, project, source, False, text))
    return budget


def _item_label(label: str) -> str:
    """ "Dự án 5: Hỗ trợ nhà ở ..." -> "Hỗ trợ nhà ở ..."; other labels as written."""
    rest = re.sub(r"(?i)^(?:tiểu dự án|dự án)\s*\d+\s*[:.\-–]?\s*", "", label).strip()
    return rest or label


def _check_total(rows: list[BudgetFact], total: BudgetFact, section: DocSection, warnings: list[str]) -> None:
    """Warn when the rows do not add up to the table's total row."""
    summed = sum(budget.amount for budget in rows)
    if rows and abs(summed - total.amount) > 0.5:
        warnings.append(
            f"Cảnh báo: {section.label}: các dòng kinh phí cộng lại {format_number(summed)} triệu đồng, "
            f"khác dòng tổng {format_number(total.amount)} triệu đồng; giữ nguyên số liệu của văn bản."
        )
