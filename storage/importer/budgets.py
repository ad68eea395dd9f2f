"""Budgets: project amounts, their parts and funding sources, and the plan's stated totals (triệu đồng)."""

from __future__ import annotations

import re

from storage.importer.budget_tables import table_budgets
from storage.importer.measures import find_amounts
from storage.importer.model import BudgetFact, DocSection, Document
from storage.importer.scope import Place, bare_heading, projects_in, section_lines
from storage.language.money import funding_sources, source_name, unclear_amounts
from storage.language.text import fold, format_number

_MONEY_WORDS = ("kinh phi", "von", "ngan sach", "du toan", "tong")
_SOURCE_WORDS = ("ngan sach", "von", "nguon")
_FROM = re.compile(r"^[\s,]*(?:tu|bang)\s+(?:cac\s+)?(?:nguon\s+)?(?:von\s+)?(?:ngan sach|von|nguon|kinh phi)")
_PARTS_BETWEEN = re.compile(r"^\W*\(|\btrong do\b|\bgom\b|\bbao gom\b|\bchia ra\b")  # "(vốn ...: 5 tỷ" opens parts
_YEAR_LABEL = re.compile(r"(?:nam|giai doan|quy [ivx]+(?: nam)?|tu nam) ?20\d\d(?:\s*[-–]\s*20\d\d)?")
MAX_LABEL_WORDS = 8  # a longer run before an amount is a sentence, not what the amount is for
_OUTSIDE = re.compile(r"^\W*(?:ngoai ra|ben canh do|ngoai (?:so|nguon) (?:kinh phi|von) tren)\b")
_OPEN_BREAKDOWN = re.compile(r"\b(?:trong do|gom|bao gom|cu the|nhu sau|chi tiet)\s*[:.]?\s*$")


def extract_budgets(document: Document, places: list[Place], warnings: list[str]) -> list[BudgetFact]:
    """Every amount of money the plan assigns (results of past years are left to the targets)."""
    budgets: list[BudgetFact] = []
    pending: BudgetFact | None = None
    for section in document.sections:
        if pending is not None and section.parent != pending.section:
            pending = None
        if places[section.index].scope != "result":
            found, pending = _section_budgets(section, places[section.index], warnings, pending)
            budgets.extend(found)
    for section in document.sections:
        for table in section.tables:
            budgets.extend(table_budgets(section, table, budgets, warnings))
    _check_projects(document, budgets, warnings)
    return budgets


def _section_budgets(
    section: DocSection, place: Place, warnings: list[str], pending: BudgetFact | None = None
) -> tuple[list[BudgetFact], BudgetFact | None]:
    """Budgets of one section, and the amount still open for parts ("..., gồm:") when it ends.

    Bullets after "Trong đó:" / "gồm:" / "cụ thể:" become the parts of the amount before them, also when
    they are lettered items (sections) of their own; an item heading with no amount names the amount below it.
    """
    found: list[BudgetFact] = []
    heading = bare_heading(section.heading)
    named = heading if heading and not find_amounts(heading) else None
    for text in [heading, *section_lines(section)]:
        text = re.sub(r"^\s*[-+•]\s*", "", text)
        _warn_unclear(text, section, warnings)
        amounts = find_amounts(text)
        if not amounts:
            pending = None if text.strip() and pending and pending.parts and text != heading else pending
            continue
        if named and not _label(text[: amounts[0][1]]):
            text, named = f"{named.split(',')[0]}: {text}", None
            amounts = find_amounts(text)
        split = _per_item(text, amounts, section.index)
        if split:
            found.extend(split)
            pending = None
            continue
        beside = bool(_OUTSIDE.match(fold(text)))  # "Ngoài ra, huy động Quỹ … 120 triệu": beside the total
        if beside:
            pending = None
        if pending is not None:
            part = _budget(text, amounts, section.index, None, warnings, section)
            part.is_total = False  # a source or component of the amount before it, not a plan total
            part.source = part.label if _names_source(part.label) else None
            pending.parts.append(part)
            continue
        if not any(word in fold(text) for word in _MONEY_WORDS) and place.scope != "budget":
            continue
        mentioned = projects_in(text[: amounts[0][1]])
        budget = _budget(text, amounts, section.index, mentioned[0] if mentioned else place.project, warnings, section)
        if beside:  # money besides the plan's own: never its total, named by its first words when long
            budget.is_total = False
            budget.label = " ".join(_label(text[: amounts[0][1]]).split()[:MAX_LABEL_WORDS]) or budget.label
        found.append(budget)
        if _OPEN_BREAKDOWN.search(fold(text)):
            pending = budget
    for budget in found:
        _check_parts(budget, section, warnings)
    return found, pending


def _warn_unclear(text: str, section: DocSection, warnings: list[str]) -> None:
    """Say which amounts were not stored because their number reads two ways ("1,000 triệu đồng")."""
    for written in unclear_amounts(text):
        warnings.append(
            f'Cảnh báo: mục {section.label}: "{written}" đọc được hai cách (dấu phẩy là dấu thập phân hay dấu '
            "phân cách hàng nghìn); không lưu số tiền này, hãy viết rõ (ví dụ 1.000 hoặc 1)."
        )


def _per_item(text: str, amounts: list[tuple[float, int, int]], section: int) -> list[BudgetFact]:
    """One budget per item when each amount of a statement has its own item of one kind before it: a project
    ("Dự án 1: 5.310 triệu đồng; Dự án 2: 1.480 triệu đồng"), a year or period ("Năm 2026: 500 triệu đồng; năm
    2027: 700 triệu đồng") or a source ("ngân sách tỉnh 300 triệu đồng, ngân sách xã 200 triệu đồng"); [] when
    the later amounts are the parts of the first ("..., trong đó", "(vốn đầu tư: ...)", or they add up to it)."""
    if len(amounts) < 2 or sum(a[0] for a in amounts[1:]) == amounts[0][0]:
        return []
    found, previous_end, kinds = [], 0, set()
    for value, start, end in amounts:
        before = text[previous_end:start]
        if previous_end and _PARTS_BETWEEN.search(fold(before)):
            return []
        item = _item(before)
        if item is None:
            return []
        kinds.add(item[0])
        project = item[1] if item[0] == "project" else None
        source = item[1] if item[0] == "source" else None
        found.append(BudgetFact(section, item[1], value, project, source, False, text.strip()))
        previous_end = end
    distinct = len({budget.label for budget in found}) == len(found)
    return found if distinct and len(kinds) == 1 else []


def _item(before: str) -> tuple[str, str] | None:
    """What the words before an amount name: ("project", "Dự án 1"), ("year", "Năm 2026"), ("source", label)."""
    named = projects_in(before)
    if len(named) == 1:
        return "project", named[0]
    label = _label(before)
    if _is_period(label):
        return "year", label[:1].upper() + label[1:]
    if label and source_name(label) and len(label.split()) <= 8:
        return "source", label
    return None


def _budget(
    text: str,
    amounts: list[tuple[float, int, int]],
    section: int,
    project: str | None,
    warnings: list[str],
    where: DocSection,
) -> BudgetFact:
    """The first amount of a text, with the amounts after it as its parts."""
    amount, start, _ = amounts[0]
    label = _label(text[:start])
    is_total = project is None and not _is_period(label)  # "Năm 2027: 900 triệu đồng" is one year's amount
    if not label or len(label.split()) > MAX_LABEL_WORDS:
        label = "Tổng kinh phí" if is_total else "Kinh phí"
    source = _source_after(text[amounts[0][2] :]) if len(amounts) == 1 else None
    budget = BudgetFact(section, label, amount, project, source, is_total, text.strip())
    previous_end = amounts[0][2]
    for value, part_start, part_end in amounts[1:]:
        part_label = _label(text[previous_end:part_start]) or "khác"
        source = part_label if _names_source(part_label) else None
        budget.parts.append(BudgetFact(section, part_label, value, project, source, False, text.strip()))
        previous_end = part_end
    return budget


def _source_after(tail: str) -> str | None:
    """The one source a lone amount is paid from, said right after it in its clause ("68 triệu đồng, từ ngân sách
    xã", "780 triệu đồng từ nguồn ngân sách tỉnh đã giao ..."); None when the clause names none or several."""
    clause = re.split(r"[;.]\s|[;.]$", tail, maxsplit=1)[0]
    if not _FROM.match(fold(clause)):
        return None
    named = funding_sources(clause)
    return named[0].name if len(named) == 1 else None


def _is_period(label: str) -> bool:
    """A label that is only a year or a period: "Năm 2026", "giai đoạn 2026 - 2030", "Quý IV năm 2025"."""
    return bool(_YEAR_LABEL.fullmatch(fold(label)))


def _label(before: str) -> str:
    """What an amount is for: the words just before it, after the last ":", "(", "," or "Trong đó"."""
    text = re.sub(r"(?i)\btrong đó\b", ":", before)
    text = re.sub(r"(?i)(?:[\s:.*-]|\blà\b|\bkhoảng\b|\bdự kiến\b|\bgồm\b)*$", "", text)
    text = re.sub(r"\s*\([^()]*\)$", "", text)  # "… cứu hộ (áo phao, xuồng nhôm)": what it is, then an aside
    # "phòng, chống" is one name by the standard way of writing it: its comma parts nothing
    piece = re.split(r"[:(;]|,(?!\s*chống\b)|\)\s*\.?|\.\s", text)[-1]
    return " ".join(piece.split()[-16:]).strip(" .:-*")


def _check_parts(budget: BudgetFact, section: DocSection, warnings: list[str]) -> None:
    """Warn when the parts of an amount (and their own parts) do not add up to it."""
    for part in budget.parts:
        _check_parts(part, section, warnings)
    if len(budget.parts) < 2:
        return
    total = sum(part.amount for part in budget.parts)
    if abs(total - budget.amount) > 0.5:
        listed = " + ".join(format_number(part.amount) for part in budget.parts)
        warnings.append(
            f'Cảnh báo: mục {section.label}: "{budget.label}" ghi {format_number(budget.amount)} triệu đồng '
            f"nhưng các phần cộng lại {listed} = {format_number(total)} triệu đồng; giữ nguyên số liệu của văn bản."
        )


def _check_projects(document: Document, budgets: list[BudgetFact], warnings: list[str]) -> None:
    """Warn when the project budgets do not add up to the plan's one stated total (sub-projects counted once)."""
    totals = [budget for budget in budgets if budget.is_total]
    projects = [budget for budget in budgets if budget.project]
    names = {budget.project for budget in projects}
    leaves = [b for b in projects if not any(n != b.project and n and n.endswith(f" - {b.project}") for n in names)]
    if len(totals) != 1 or len(leaves) < 2:
        return
    total, stated = sum(b.amount for b in leaves), totals[0].amount
    if abs(total - stated) > 0.5:
        listed = " + ".join(f"{format_number(b.amount)} ({b.project})" for b in leaves)
        label = document.sections[totals[0].section].label if totals[0].section is not None else ""
        warnings.append(
            f"Cảnh báo: kinh phí các dự án cộng lại {listed} = {format_number(total)} triệu đồng, "
            f"khác tổng kinh phí {format_number(stated)} triệu đồng ghi ở mục {label}; giữ nguyên số liệu của văn bản."
        )


def _names_source(label: str) -> bool:
    """Whether a part's label is a funding source: it opens with "ngân sách", "vốn", "nguồn", or names one source."""
    return fold(label).startswith(_SOURCE_WORDS) or source_name(label) is not None
