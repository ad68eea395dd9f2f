"""A deadline's line in an answer: its day and days left, its cycle said once, who owes it when asked."""

from __future__ import annotations

import re
from datetime import date

from handlers.render.format import day, period_wording, undated_when
from handlers.snapshot import Row
from handlers.understand.query import Query
from storage.language.normalize import fold_expand
from storage.language.phrases import days_left_text

# "ai làm", "do ai", "đơn vị nào thực hiện": who owes it, not to whom it goes ("gửi ai").
_WHO = re.compile(
    r"\b(?:ai|don vi nao|co quan nao|bo phan nao)\s+(?:lam|thuc hien|chiu trach nhiem|phu trach|chu tri|tham muu)\b"
    r"|\bdo ai\b|\bgiao cho ai\b"
)
# "(quý III)", "(tháng 10)": one occurrence of a cycle the importer spread over the year.
_OCCURRENCE = re.compile(r"\s*\((?:quý [IV]+|tháng \d{1,2})\)$")
_ONE_OCCURRENCE_ASKED = re.compile(r"\bquy (?:i|ii|iii|iv|[1-4])\b|\bthang \d")


def status(due: date | None, today: date) -> str:
    """ "còn 36 ngày", "hôm nay là hạn cuối", "đã quá hạn 3 ngày"; "" without a date."""
    return days_left_text((due - today).days) if due is not None else ""


def line(q: Query, d: Row) -> str:
    """ "Báo cáo 6 tháng: hạn 20/6/2024 (còn 36 ngày); gửi UBND huyện"; a report without a day as its cycle:
    "Báo cáo kết quả: định kỳ 6 tháng, gửi Sở KH&CN"."""
    title = _title(d.title)
    if d.due_date is None:
        return f"{title}: {undated_when(d.recurrence, d.due_text)}" + (f", gửi {d.recipient}" if d.recipient else "")
    when = day(d.due_date, d.due_text or "chưa rõ ngày")
    state = status(d.due_date, q.today)
    wording = period_wording(d.due_text)
    if wording:
        text = f"{title}: {wording} (hạn {when}" + (f", {state})" if state else ")")
    else:
        text = f"{title}: hạn {when}" + (f" ({state})" if state else "")
    if d.recipient:
        text += f"; gửi {d.recipient}"
    return text + _owed_by(q, d)


def _title(written: str) -> str:
    """A deadline's title as a line opens with it: capitalised, without the stop of a title quoted whole."""
    title = written.strip().rstrip(".;")
    return f"{title[:1].upper()}{title[1:]}"


def _owed_by(q: Query, d: Row) -> str:
    """ "; do Văn phòng Sở thực hiện" when the question asks who does it and the title does not say."""
    if not d.obligor or not _WHO.search(q.folded) or fold_expand(d.obligor) in fold_expand(d.title):
        return ""
    return f"; do {d.obligor.strip()} thực hiện"


def _cycle_line(q: Query, d: Row) -> str:
    """ "Báo cáo kết quả về Sở Y tế: hằng quý, trước ngày 20 của tháng cuối quý (kỳ tới: 20/12/2025, còn 10 ngày)":
    a cycle said once, with its next occurrence, not as one line per quarter or month."""
    title = _OCCURRENCE.sub("", _title(d.title))
    state = status(d.due_date, q.today)
    when = d.due_text.strip(" .")
    when = when if fold_expand(d.recurrence) in fold_expand(when) else f"{d.recurrence}, {when}"  # said once
    text = f"{title}: {when} (kỳ tới: {day(d.due_date)}"
    text += (f", {state})" if state else ")") + (f"; gửi {d.recipient}" if d.recipient else "")
    return text + _owed_by(q, d)


def one_per_cycle(q: Query, rows: list[Row]) -> list[tuple[Row, str]]:
    """Each deadline with its line; the occurrences of one cycle folded into one line, at the next occurrence (the
    last when all have passed), unless the question asks for one quarter or month."""
    if _ONE_OCCURRENCE_ASKED.search(q.folded):
        return [(d, line(q, d)) for d in rows]
    cycles: dict[tuple[object, ...], list[Row]] = {}
    for d in rows:
        if d.due_date is not None and d.recurrence and _OCCURRENCE.search(d.title):
            key = (d.plan_id, _OCCURRENCE.sub("", d.title), d.due_text, d.obligor, d.recipient)
            cycles.setdefault(key, []).append(d)
    shown: dict[int, Row] = {}
    for occurrences in cycles.values():
        if len(occurrences) > 1:
            ahead = [d for d in occurrences if d.due_date >= q.today]
            shown[id(occurrences[0])] = ahead[0] if ahead else occurrences[-1]
    folded = {id(d) for group in cycles.values() if len(group) > 1 for d in group}
    found = []
    for d in rows:
        if id(d) not in folded:
            found.append((d, line(q, d)))
        elif id(d) in shown:
            found.append((shown[id(d)], _cycle_line(q, shown[id(d)])))
    return found
