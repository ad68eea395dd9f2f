"""The Programme's projects ("Dự án 4"): their names as the plans write them, who leads them, their budgets."""

from __future__ import annotations

import re
from collections import Counter

from handlers.messages import Reply
from handlers.render.format import cites, money, plan_name, reply
from handlers.snapshot import Row, Snapshot
from storage.language.normalize import fold_expand
from storage.language.projects import project_number
from storage.language.roles import is_lead
from storage.language.stopwords import PROJECT_NAME_STOP
from storage.language.text import fold

# "Dự án 4: Phát triển ...", "Dự án 4 Phát triển ...", "Dự án 4 (phát triển ...)"; never "Tiểu dự án 4", nor
# "Tiểu dự án 2 thuộc Dự án 6: ..." (the sub-project's name).
_NAMED = r"(?<![Tt]iểu )(?<!thuộc )(?<!- )\b[Dd]ự án {n}\b\s*(?:[:\-–]\s*|\(\s*)?([A-ZÀ-Ỹa-zà-ỹĐđ][^;.()\n\t]*)"
# Where a written name stops: the next project, "thuộc", "của Chương trình", a trailing colon.
_END = re.compile(r",?\s+(?:và\s+)?(?:[Tt]iểu\s+)?[Dd]ự án\s+\d.*|\s+thuộc\s.*|\s+của Chương trình.*|:.*", re.S)


def asked_project(folded: str) -> str | None:
    """The project number a question names ("du an 4" -> "4"), when it names exactly one."""
    return project_number(folded)


def _names(snap: Snapshot, number: str, plans: set[int] | None) -> Counter[str]:
    """The names written after "Dự án N" in the sections of the plans, counted."""
    found: Counter[str] = Counter()
    for plan_id, names in _names_by_plan(snap, number).items():
        if plans is None or plan_id in plans:
            found.update(names)
    return found


def _names_by_plan(snap: Snapshot, number: str) -> dict[int, Counter[str]]:
    """plan id -> the names each plan writes after "Dự án N"; read once per snapshot."""
    cache = snap.indexes.project_names
    if number in cache:
        return cache[number]
    pattern = re.compile(_NAMED.format(n=number))
    found: dict[int, Counter[str]] = {}
    for section in snap.sections.values():
        for match in pattern.finditer(f"{section.heading or ''}\n{section.body or ''}"):
            name = _END.sub("", match.group(1)).strip(" ,:*-")
            first = fold(name.split(" ", 1)[0]) if name else ""
            if len(name.split()) >= 2 and first not in PROJECT_NAME_STOP:
                found.setdefault(section.plan_id, Counter())[name[:1].upper() + name[1:]] += 1
    cache[number] = found
    return found


def _best_name(snap: Snapshot, number: str, plans: set[int] | None) -> str | None:
    """The fullest name the plans give: the plans asked about first, then every plan."""
    names = _names(snap, number, plans) or (_names(snap, number, None) if plans is not None else Counter())
    return max(names, key=lambda n: (names[n], len(n))) if names else None


def _mine(project: str | None, number: str, sub: bool = False) -> str | None:
    """The part of a row's project list that is Dự án N itself (or, with sub, one of its sub-projects)."""
    for part in (project or "").split(";"):
        folded = fold_expand(part).strip()
        if folded == f"du an {number}" or (sub and folded.endswith(f" du an {number}")):
            return part.strip()
    return None


def _of_plans(snap: Snapshot, table: str, plans: set[int] | None) -> list[Row]:
    """Rows of a fact list in the plans (every plan's for None)."""
    return list(getattr(snap, table)) if plans is None else snap.in_plans(table, plans)


def _leads(snap: Snapshot, number: str, plans: set[int] | None) -> list[tuple[Row, str]]:
    """Responsibilities that name the project (else its sub-projects) with the part named, leaders first."""
    duties = _of_plans(snap, "duties", plans)
    for sub in (False, True):
        rows = [(r, _mine(r.project, number, sub)) for r in duties]
        found = sorted(((r, p) for r, p in rows if p), key=lambda x: (not is_lead(x[0].role), x[0].id))
        if found:
            return found
    return []


def _budgets(snap: Snapshot, number: str, plans: set[int] | None) -> list[Row]:
    """Budget lines of the project itself."""
    return [b for b in _of_plans(snap, "budgets", plans) if _mine(b.project, number) and b.parent_id is None]


def _plan_totals(snap: Snapshot, plans: set[int] | None) -> list[Row]:
    """The stated totals of the plans (top-level budget lines marked as totals), with an amount."""
    return [b for b in _of_plans(snap, "budgets", plans) if b.is_total and b.parent_id is None and b.amount]


def answer(snap: Snapshot, folded: str, plans: set[int] | None) -> Reply | None:
    """What Dự án N is (its name from any plan), who leads it and its budget in the plans asked about."""
    number = asked_project(folded)
    if number is None:
        return None
    name = _best_name(snap, number, plans)
    leads, money_rows = _leads(snap, number, plans), _budgets(snap, number, plans)
    if name is None and not leads and not money_rows:
        return None
    lines = [f"Dự án {number}: {name}." if name else f"Dự án {number} (các kế hoạch không ghi tên đầy đủ)."]
    for row, part in leads[:3]:
        role = "Chủ trì" if is_lead(row.role) else "Thực hiện"
        which = "" if fold_expand(part) == f"du an {number}" else f" {part}"
        lines.append(f"- {role}{which}: {row.assignee} ({plan_name(snap.plans[row.plan_id], snap)}).")
    for row in money_rows[:3]:
        lines.append(f"- Kinh phí: {money(row.amount)} ({plan_name(snap.plans[row.plan_id], snap)}).")
    if not leads:
        lines.append("- Kế hoạch áp dụng không giao đơn vị, chức danh chủ trì dự án này.")
    totals = _plan_totals(snap, plans) if not money_rows else []
    if not money_rows:
        whole = "; ".join(f"{money(t.amount)} ({plan_name(snap.plans[t.plan_id], snap)})" for t in totals[:2])
        note = f"; tổng kinh phí cả kế hoạch: {whole}" if whole else ""
        lines.append(f"- Kế hoạch áp dụng không ghi kinh phí riêng cho dự án này{note}.")
    refs = [(r.plan_id, r.section_id) for r in [*(r for r, _ in leads[:3]), *money_rows[:3], *totals[:2]]]
    return reply("\n".join(lines), cites(snap, refs))
