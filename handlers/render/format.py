"""Vietnamese formatting of figures, facts and citations; replies kept within one chat message."""

from __future__ import annotations

import re
from datetime import date

from handlers.messages import Reply
from handlers.snapshot import Row, Snapshot
from handlers.understand.plan_topics import programme
from storage.language.goal_forms import (
    AT_LEAST,
    AT_MOST,
    CEILING_WORDS,
    FLOOR_WORDS,
    INCREASE_BY,
    REDUCE_BY,
    REDUCE_TO,
)
from storage.language.text import fold, format_date, format_number

LIMIT = 2000  # Zalo's message size


def num(value: float | None) -> str:
    """93506 -> "93.506"; 0.79 -> "0,79"; None -> "?"."""
    return "?" if value is None else format_number(value)


def quantity(value: float | None, measure: str | None) -> str:
    """A value with its measure: "0,79%", "4 hộ", "93.506 triệu đồng"."""
    if measure and measure.strip() == "%":
        return f"{num(value)}%"
    return f"{num(value)} {measure}".strip() if measure else num(value)


def money(amount: float | None) -> str:
    """An amount in triệu đồng."""
    return f"{num(amount)} triệu đồng"


def day(value: date | None, fallback: str = "") -> str:
    """20/6/2024, or the date as written when it could not be placed."""
    return format_date(value) if value else fallback


def undated_when(recurrence: str | None, due_text: str) -> str:
    """When an undated deadline falls: "định kỳ 6 tháng", "định kỳ hằng năm", or as written ("khi tổng kết ...")."""
    if recurrence:
        return f"định kỳ {recurrence}"
    return due_text.strip(" .") or "chưa rõ ngày"


_DAY_NAMED = re.compile(r"\bngày \d|(?<![\d/])\d{1,2}/\d{1,2}(?![\d])", re.IGNORECASE)


def period_wording(due_text: str | None) -> str | None:
    """The plan's words for a deadline that names a period, not a day ("Hoàn thành trong năm 2025", "Quý IV năm
    2025"): the date stored for it is only the period's last day, so the words go first; None for a day."""
    wording = (due_text or "").strip(" .")
    if not wording or _DAY_NAMED.search(wording) or not re.search(r"\d", wording):
        return None
    return wording[:1].upper() + wording[1:]


def plan_name(plan: Row, snap: Snapshot | None = None) -> str:
    """ "KH giảm nghèo 2024 của UBND huyện Thọ Xuân" (with its number when it has one): the programme as its
    title names it, shortened by what its indicators repeat when the snapshot is given."""
    topic = programme(snap, plan)
    parts = ["KH"]
    if plan.number and re.search(r"\d", plan.number):
        parts.append(f"số {plan.number}")
    if topic:
        parts.append(topic)
    if plan.year:
        parts.append(str(plan.year))
    return " ".join(parts) + (f" của {plan.issuer_name}" if plan.issuer_name else "")


def section_label(section: Row | None) -> str:
    """ "mục III.2.15" or "Phụ lục 01"."""
    if section is None or not section.label:
        return ""
    label = section.label.strip()
    return label if fold(label).startswith("phu luc") else f"mục {label}"


def cite(snap: Snapshot, plan_id: int, section_id: int | None = None) -> str:
    """ "Nguồn: KH giảm nghèo 2024 của UBND huyện Thọ Xuân, Phụ lục 01."."""
    plan = snap.plans.get(plan_id)
    if plan is None:
        return ""
    where = section_label(snap.sections.get(section_id)) if section_id else ""
    return f"Nguồn: {plan_name(plan, snap)}" + (f", {where}" if where else "") + "."


def cites(snap: Snapshot, refs: list[tuple[int, int | None]]) -> str:
    """One citation line for several facts: sections of the same plan are joined."""
    by_plan: dict[int, list[str]] = {}
    for plan_id, section_id in refs:
        labels = by_plan.setdefault(plan_id, [])
        label = section_label(snap.sections.get(section_id)) if section_id else ""
        if label and label not in labels:
            labels.append(label)
    lines = []
    for plan_id, labels in by_plan.items():
        if plan_id in snap.plans:
            lines.append(
                f"Nguồn: {plan_name(snap.plans[plan_id], snap)}"
                + (f", {', '.join(labels[:3])}" if labels else "")
                + "."
            )
    return "\n".join(lines)


def shorten(text: str, limit: int) -> str:
    """Cut text at a word boundary and mark the cut."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def reply(body: str, source: str = "", choices: list | None = None) -> Reply:
    """A reply of body and source line, the body shortened so the whole fits one message."""
    room = LIMIT - len(source) - 2 - (sum(len(c.label) + 6 for c in choices) + 40 if choices else 0)
    text = body if len(body) <= room else shorten(body, room)
    return Reply(text=f"{text}\n{source}".strip() if source else text, choices=list(choices or []))


def bullet_lines(items: list[str], limit: int = 1500) -> str:
    """Items as "- " lines, as many as fit in limit characters."""
    out: list[str] = []
    used = 0
    for item in items:
        line = "- " + shorten(item, 400)
        if used + len(line) > limit:
            out.append(f"- … (còn {len(items) - len(out)} ý nữa)")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out)


_DIRECTIONS = ("giảm", "tăng", "đạt", "giam", "tang", "dat")


def _strip_direction(indicator: str, direction: str | None) -> tuple[str | None, str]:
    """Split "giảm hộ nghèo" into ("giảm", "hộ nghèo")."""
    words_ = indicator.strip().split(" ", 1)
    if words_ and fold(words_[0]) in ("giam", "tang", "dat") and len(words_) == 2:
        return words_[0], words_[1]
    return direction, indicator.strip()


def report_example(target: Row | None, figure: str = "2") -> str:
    """A report message for a unit's own target, to show how to report: "báo cáo: đã giảm được 2 hộ nghèo"."""
    if target is None:
        return f"báo cáo: đã đạt được {figure}"  # no target to name: the form alone
    measure = (target.measure or "").strip()
    direction, rest = _strip_direction(target.indicator, target.direction)
    if measure == "%" and direction == "giảm" and getattr(target, "form", None) != "reduce_by":
        return f"báo cáo: {rest} còn {figure}%"  # a level to bring down is reported as the level now
    if measure == "%":
        return f"báo cáo: {rest} đạt {figure}%"
    if direction:
        return f"báo cáo: đã {direction} được {figure} {rest}"
    return f"báo cáo: {rest} đạt {figure} {measure}".rstrip()


# How a plan words a bound before its figure, folded → as said to users; longest first, so "không vượt quá" is
# found whole rather than as "không vượt".
_BOUNDS = {fold(word): word for word in sorted((*FLOOR_WORDS, *CEILING_WORDS), key=len, reverse=True)}


def bound_word(target: Row) -> str:
    """How the plan bounds the figure ("trên", "tối thiểu", "dưới", "không quá") of a floor, a ceiling or a change
    ("giảm trên 2%"); for a floor or ceiling, "ít nhất"/"tối đa" when the sentence does not say it."""
    form = getattr(target, "form", None)
    if form not in (AT_LEAST, AT_MOST, REDUCE_BY, INCREASE_BY):
        return ""
    said = fold(getattr(target, "text", None) or "")
    written = re.escape(num(target.value)).replace(",", "[,.]")
    words_ = "|".join(_BOUNDS)
    found = re.search(rf"\b({words_})\s+0*{written}(?![\d,])", said) if target.value is not None else None
    if found is not None:
        return _BOUNDS[found.group(1)]
    if target.value is not None and re.search(rf"\btu\s+0*{written}(?![\d,])\s*\S*\s*tro len\b", said):
        return "ít nhất"  # "giảm từ 4% trở lên"
    return {AT_LEAST: "ít nhất", AT_MOST: "tối đa"}.get(form, "")


def fact_text(target: Row) -> str:
    """ "giảm 4 hộ nghèo", "tỷ lệ hộ nghèo: 0,82% → 0,79%", "tổng tỷ suất sinh: giảm xuống còn 2,3 con (từ 2,45
    con)", "ít nhất 25 đảng viên mới", "tỷ lệ cử tri đi bầu: trên 98%": the figure as the target's form says it."""
    measure = (target.measure or "").strip()
    if target.value is None:
        return f"{target.indicator}: chưa có số liệu"
    if measure == "%":
        return _rate_text(target)
    if target.baseline is not None and fold(target.indicator).startswith("so "):  # a level from one year to the next
        return f"{target.indicator}: {quantity(target.baseline, measure)} → {quantity(target.value, measure)}"
    form = getattr(target, "form", None)
    direction, rest = _strip_direction(target.indicator, target.direction)
    if form == REDUCE_TO:
        since = f" (từ {quantity(target.baseline, measure)})" if target.baseline is not None else ""
        return f"{rest}: giảm xuống còn {quantity(target.value, measure)}{since}"
    lead = _lead(target, direction)
    if measure and fold(rest).startswith(fold(measure)):  # "25 đảng viên mới": the measure leads the name
        return f"{lead + ' ' if lead else ''}{num(target.value)} {rest}"
    if lead and form not in (AT_LEAST, AT_MOST):
        return f"{lead} {quantity(target.value, measure)} {rest}"
    return f"{rest}: {lead + ' ' if lead else ''}{quantity(target.value, measure)}"


_CHANGES = {REDUCE_BY: "giảm", INCREASE_BY: "tăng thêm"}


def _lead(target: Row, direction: str | None) -> str:
    """The words before the figure: a change with its bound ("giảm trên", "tăng thêm"), a bound ("tối thiểu"),
    else the direction the name began with ("giảm", "đạt")."""
    form = getattr(target, "form", None)
    bound = bound_word(target)
    if form in _CHANGES:
        change = "tăng thêm" if form == INCREASE_BY and direction in (None, "tăng") else direction or _CHANGES[form]
        return f"{change} {bound}".strip()
    return bound or direction or ""


def _rate_text(target: Row) -> str:
    """A rate target: "tỷ lệ hộ nghèo: 0,82% → 0,79%", "tỷ lệ cử tri đi bầu: trên 98%", "tỷ lệ …: giảm trên 2%"."""
    form = getattr(target, "form", None)
    base = f"{num(target.baseline)}% → " if target.baseline is not None else ""
    lead = bound_word(target)
    named, _ = _strip_direction(target.indicator, None)  # "giảm tỷ lệ hộ nghèo": the name says the change
    if form in _CHANGES and not named:
        lead = f"{_CHANGES[form]} {lead}".strip()
    return f"{target.indicator}: {lead + ' ' if lead else ''}{base}{num(target.value)}%"


def part_text(part: Row) -> str:
    """A breakdown part: "3 hộ có KNLĐ", "nhà ở: 44 triệu đồng"."""
    measure = (part.measure or "").strip()
    indicator = part.indicator.strip()
    if measure and measure != "%" and fold(indicator).startswith(fold(measure)):
        return f"{num(part.value or 0)} {indicator}"
    return f"{indicator}: {quantity(part.value or 0, measure)}"
