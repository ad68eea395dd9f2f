"""Deadlines for the asker's unit: the next one, one period's, all of them, days left, overdue."""

from __future__ import annotations

import re
from datetime import date

from handlers.answers import passages, relevance, report_routes
from handlers.answers.deadline_lines import line, one_per_cycle
from handlers.answers.passages import cue_words, terms
from handlers.answers.registry import ForIntent
from handlers.answers.section_index import section_index
from handlers.messages import Reply
from handlers.render.format import cites, day, plan_name, reply
from handlers.snapshot import Row
from handlers.understand.entities import full_name
from handlers.understand.query import Query
from storage.language.normalize import fold_expand, period_of, periods_of, words
from storage.language.obligors import obligor_levels as levels_owing
from storage.language.stopwords import DEADLINE_PLAIN
from storage.language.text import kind_level
from storage.language.windows import Window, asked_window

_RECIPIENTS = [
    (re.compile(r"^so\b|\b(?:uy ban nhan dan|ubnd) tinh\b"), 1),
    (re.compile(r"\bhuyen\b|^phong\b"), 2),
    (re.compile(r"\bxa\b"), 3),
]
_OVERDUE = re.compile(r"\bqua han\b|\btre han\b|\bda het han\b|\bcham\b")
_NEXT = re.compile(r"\bsap toi\b|\btiep theo\b|\bgan nhat\b|\bsap (?:den|het)\b|\bsoon\b")
_REPORT_ASKED = re.compile(r"\bbao cao\b|\bhan\b|\bnop\b")
_DAYS = re.compile(r"\bcon (?:bao nhieu|may) ngay\b|\bmay ngay\b|\bbao nhieu ngay\b")
HIDDEN_STATUS = (
    "Đơn vị đã hoàn thành hạn nào chỉ cán bộ đã đăng ký của đơn vị (hoặc cấp trên) xem được, trong tin nhắn riêng."
)


def _period(deadline: Row) -> str | None:
    return period_of(fold_expand(f"{deadline.title} {deadline.recurrence or ''}"))


def candidates(q: Query) -> list[Row]:
    """Deadlines of the plans that apply to the unit asked about that it owes or receives."""
    rows = q.snap.in_plans("deadlines", q.plan_ids(), q.related_units())
    unit = q.snap.units.get(q.scope) if q.scope is not None else None
    level = (unit.level or kind_level(unit.kind)) if unit is not None else None
    if level is None:
        return rows
    return [d for d in rows if _concerns(q, d, level)]


def _concerns(q: Query, deadline: Row, level: int) -> bool:
    """Whether a unit of the level owes the report (or receives it from the level below); by the recipient
    when the plan names no one who owes it."""
    owed = obligor_levels(q, deadline)
    if owed:
        return bool(owed & {level, level + 1})
    return (_recipient_level(deadline) or level) >= level - 1


def obligor_levels(q: Query, deadline: Row) -> set[int]:
    """The levels of whoever owes the report, by the one rule of storage.language.obligors."""
    return set(levels_owing(deadline.obligor, _issuer_level(q, deadline)) or ())


def _issuer_level(q: Query, deadline: Row) -> int | None:
    """The level of the unit that issued the deadline's plan."""
    plan = q.snap.plans.get(deadline.plan_id)
    unit = q.snap.units.get(plan.issuer_unit_id) if plan is not None else None
    return (unit.level or kind_level(unit.kind)) if unit is not None else None


def _recipient_level(deadline: Row) -> int | None:
    """The level of whom a report goes to: 1 for a Sở or the province, 2 the district, 3 the commune."""
    recipient = fold_expand(deadline.recipient or "")
    for pattern, level in _RECIPIENTS:
        if pattern.search(recipient):
            return level
    return None


def _task_words(q: Query, rows: list[Row], folded: str | None = None) -> set[str]:
    """The words of the question (folded, by default the whole of it) that name the task asked about: not the
    plan, the body owing it, the report or the time ("khi nào" brings "thời gian": the form asked, not a topic)."""
    folded = q.folded if folded is None else folded
    plain = DEADLINE_PLAIN | q.chosen.titled | q.chosen.words | _asker_words(q, rows)
    return set(terms(folded)) - plain - set(cue_words(folded))


def _weakly_named(q: Query, chosen: list[Row]) -> bool:
    """Whether the deadlines chosen by their titles hold less than half the weight of the task the question names
    ("hội nghị cử tri tổ chức khi nào" against "Lập danh sách ... ứng cử"): a statement of the plans may time it."""
    wanted = _task_words(q, chosen) - q.named_words
    if not wanted or period_of(q.folded):
        return False
    index = section_index(q.snap)
    whole = sum(index.idf(w) for w in wanted)
    said = max(sum(index.idf(w) for w in wanted & set(words(fold_expand(d.title)))) for d in chosen)
    return said < 0.5 * whole


def _of_period(q: Query, rows: list[Row]) -> list[Row]:
    """The deadlines of the periods the question names ("báo cáo 6 tháng và báo cáo năm"), else all."""
    periods = periods_of(q.folded)
    same = [d for d in rows if _period(d) in periods]
    return same or rows


def _obligor_name(obligor: str) -> str:
    """The body an obligor names, folded, without its plural or its list: "Trạm Y tế các xã, phường" -> "tram y te
    xa", "Sở Y tế (cơ quan thường trực ...)" -> "so y te"."""
    name = re.sub(r"\([^)]*\)", " ", fold_expand(obligor)).split(",")[0]
    return " ".join(w for w in name.split() if w not in ("cac", "nhung"))


def _owed_by_asker(q: Query, rows: list[Row]) -> list[Row]:
    """The deadlines owed by the body the question opens with or asks of ("trạm y tế xã báo cáo khi nào", "hạn
    của sở y tế"): matched on who owes them, not on their titles; [] when it names none of them."""
    folded = " ".join(q.folded.split())
    owed = []
    for d in rows:
        name = _obligor_name(d.obligor or "")
        if len(name.split()) > 1 and re.search(rf"(?:^|\bcua )(?:cac )?{re.escape(name)}\b", folded):
            owed.append(d)
    return owed


def _asker_words(q: Query, rows: list[Row]) -> set[str]:
    """The words of the body the question opens with, when it owes some of the deadlines: they name no task."""
    return {w for d in _owed_by_asker(q, rows) for w in _obligor_name(d.obligor).split()}


def _select(q: Query, rows: list[Row]) -> list[Row]:
    """The deadlines the question is about: of the body it opens with, then one period's, or those sharing its
    words, or all."""
    rows = _owed_by_asker(q, rows) or rows
    period = period_of(q.folded)
    if period and any(_period(d) in periods_of(q.folded) for d in rows):
        return _of_period(q, rows)
    wanted = set(terms(q.folded)) - DEADLINE_PLAIN - q.chosen.titled - q.chosen.words  # words naming the plan
    if wanted and not period:
        scored = [(len(wanted & set(words(fold_expand(d.title)))), d) for d in rows]
        top = max((s for s, _ in scored), default=0)
        if top > 0:
            return [d for s, d in scored if s == top]
    return rows


def _asks_other(q: Query, rows: list[Row]) -> bool:
    """Whether a question about a plan named asks for a time no deadline title holds: a task's, by words no title
    holds ("kiểm tra việc thi hành luật bắt đầu từ khi nào"), or the plan's own, by its title's words alone
    ("đợt thi đua bắt đầu từ khi nào"), not a report's."""
    if not q.chosen.plans or period_of(q.folded):
        return False
    return bool(_task_words(q, rows)) or (bool(cue_words(q.folded)) and not _REPORT_ASKED.search(q.folded))


def _off_topic(q: Query, rows: list[Row]) -> bool:
    """Whether a question about no plan named asks the time of something no deadline's title speaks of."""
    folded = q.folded
    for asks in (_OVERDUE, _NEXT, _DAYS):  # "hạn tiếp theo", "quá hạn": words about the deadline, not a topic
        folded = asks.sub(" ", folded)
    wanted = _task_words(q, rows, folded) - set(q.naming_words)
    if q.chosen.plans or not wanted or period_of(q.folded) or _owed_by_asker(q, rows):  # it names who owes them
        return False
    index = section_index(q.snap)
    return not any(relevance.speaks_of(index, _said(d), folded, list(wanted), q.text.raw) for d in rows)


def _said(deadline: Row) -> str:
    """What a deadline speaks of: its title, who owes it and to whom it goes ("trưởng thôn báo cáo tiến độ")."""
    return " ".join(part for part in (deadline.title, deadline.obligor, deadline.recipient) if part)


def needs_done(folded: str) -> bool:
    """Whether answering needs the deadlines the unit has marked done (overdue, next)."""
    return bool(_OVERDUE.search(folded) or _NEXT.search(folded) or _DAYS.search(folded))


def _overdue(q: Query, rows: list[Row]) -> Reply:
    """Every past deadline of the unit not marked done, with days late (one period's when one is named)."""
    periods = periods_of(q.folded)
    if any(_period(d) in periods for d in rows):
        rows = [d for d in rows if _period(d) in periods]
    if q.done is None:
        return _passed(q, rows)
    late = [d for d in rows if d.due_date and d.due_date < q.today and d.id not in q.done]
    head = _head(q)
    if not late:
        done = sum(1 for d in rows if d.due_date and d.due_date < q.today)
        note = f" ({done} hạn đã qua đều đã báo hoàn thành)" if done else ""
        text = f"{head}không có hạn nào quá hạn tính đến {day(q.today)}{note}."
        return reply(text[:1].upper() + text[1:], cites(q.snap, [(rows[0].plan_id, None)]))
    body = head + f"{len(late)} hạn đã quá (tính đến {day(q.today)}), chưa báo hoàn thành:\n"
    body += "\n".join(f"- {line(q, d)}" for d in late[:8])
    return reply(body, cites(q.snap, [(d.plan_id, d.section_id) for d in late[:8]]))


def _passed(q: Query, rows: list[Row]) -> Reply:
    """The deadlines whose date has passed, for an asker who may not know whether the unit met them."""
    passed = [d for d in rows if d.due_date and d.due_date < q.today]
    head = _head(q)
    if not passed:
        text = f"{head}chưa có hạn nào đã qua tính đến {day(q.today)}."
        return reply(text[:1].upper() + text[1:], cites(q.snap, [(rows[0].plan_id, None)]))
    body = head + f"{len(passed)} hạn trong kế hoạch đã qua (tính đến {day(q.today)}):\n"
    body += "\n".join(f"- {line(q, d)}" for d in passed[:8])
    body += f"\n{HIDDEN_STATUS}"
    return reply(body, cites(q.snap, [(d.plan_id, d.section_id) for d in passed[:8]]))


def _head(q: Query) -> str:
    """ "Xã Xuân Bái — " before an answer about the unit asked of; "" without one."""
    return f"{full_name(q.snap.units[q.scope])} — " if q.scope in q.snap.units else ""


def _none_owed(q: Query) -> Reply | None:
    """No deadline concerns the unit: say so, and whose deadlines the plans do set."""
    plans = q.plans()
    if q.scope is None or not plans:
        return None
    name = full_name(q.snap.units[q.scope])
    others = q.snap.in_plans("deadlines", q.plan_ids(), q.related_units())
    owners = list(dict.fromkeys(d.obligor.strip() for d in others if d.obligor))
    if not others:
        text = f"Kế hoạch áp dụng cho {name} không ghi hạn báo cáo có ngày cụ thể"
    else:
        text = f"Các kế hoạch áp dụng cho {name} không giao hạn báo cáo nào cho {name}"
        text += f" (các hạn trong kế hoạch là của: {'; '.join(owners[:4])})" if owners else ""
    return reply(text + "; hãy theo lịch báo cáo định kỳ của cấp trên.", f"Nguồn: {plan_name(plans[0], q.snap)}.")


def answer(q: Query) -> Reply | None:
    """Deadlines as asked, with days left at the bot's clock."""
    rows = candidates(q)
    sent = _sent(q, rows)
    if isinstance(sent, Reply):
        return sent
    if not rows and q.chosen.plans:  # the plan named sets no dated deadline: what it says of the time asked
        said = passages.answer(q.snap, q.folded, q.plan_ids(), q.naming_words, q.chosen.titled, q.text.raw)
        if said is not None:
            return said
    if not rows:
        return _none_owed(q)
    today = q.today
    if _OVERDUE.search(q.folded):
        return _overdue(q, sorted(rows, key=lambda d: (d.due_date or date.max, d.id)))
    chosen = _of_period(q, sent) if sent else _select(q, rows)  # the recipients were chosen by their words
    window = asked_window(q.folded, today)
    by_topic = not sent and window is None  # the span asked ("tháng sau") names no task
    if by_topic and _off_topic(q, chosen):  # "lịch thi tốt nghiệp ngày nào": no deadline is about it
        return passages.answer(q.snap, q.folded, None, q.naming_words, raw=q.text.raw)
    if by_topic and ((chosen is rows and _asks_other(q, rows)) or _weakly_named(q, chosen)):
        said = passages.answer(q.snap, q.folded, q.plan_ids(), q.naming_words, q.chosen.titled, q.text.raw)
        if said is not None:
            return said
    rows = sorted(chosen, key=lambda d: (d.due_date or date.max, d.id))
    if window is not None:
        return _within(q, rows, window)
    if _NEXT.search(q.folded) or (_DAYS.search(q.folded) and len(rows) > 1 and not period_of(q.folded)):
        upcoming = [d for d in rows if d.due_date and d.due_date >= today and d.id not in (q.done or set())]
        if not upcoming and all(d.due_date and d.due_date < today for d in rows):
            return _nothing_ahead(q, rows[-1])
        rows = upcoming[:1] or rows[-1:]
    head = _head(q)
    lines = one_per_cycle(q, rows)
    if len(lines) == 1:
        body = head + lines[0][1] + "."
    else:
        body = head + f"các hạn (tính đến {day(today)}):\n" + "\n".join(f"- {text}" for _, text in lines[:8])
    shown = [d for d, _ in lines[:8]]
    return reply(body + _past_plan_note(q, shown), cites(q.snap, [(d.plan_id, d.section_id) for d in shown]))


def _within(q: Query, rows: list[Row], window: Window) -> Reply:
    """The dated deadlines in the span asked ("tháng này"); when none, say so and give the next one after it."""
    head = _head(q)
    inside = [d for d in rows if window.holds(d.due_date)]
    if inside:
        body = head + f"các hạn trong {window.label} (tính đến {day(q.today)}):\n"
        body += "\n".join(f"- {line(q, d)}" for d in inside[:8])
        return reply(body, cites(q.snap, [(d.plan_id, d.section_id) for d in inside[:8]]))
    later = [d for d in rows if d.due_date and d.due_date > window.end]
    text = f"{head}không có hạn nào trong {window.label} trong các kế hoạch đã nhập."
    text = text[:1].upper() + text[1:]
    if later:
        text += f"\nHạn gần nhất sau đó: {line(q, later[0])}."
    cyclic = [d for d in rows if d.due_date is None and d.recurrence][:3]
    if cyclic:
        text += "\nBáo cáo định kỳ không ghi ngày:\n" + "\n".join(f"- {line(q, d)}" for d in cyclic)
    shown = later[:1] + cyclic or rows[:1]
    return reply(text, cites(q.snap, [(d.plan_id, d.section_id) for d in shown]))


def _sent(q: Query, rows: list[Row]) -> list[Row] | Reply:
    """For a question asking to whom a report goes: the deadlines read from the plan's report routes that fit it
    best (they give the time too), else those routes, else the deadlines naming a recipient whose words fit it,
    else every one naming a recipient; [] for other questions."""
    if not report_routes.asks_where(q.folded):
        return []
    routes = report_routes.best(q)
    found = report_routes.dated(routes, rows) or report_routes.answer(q, routes)
    found = found or report_routes.fitting(q, rows) or [d for d in rows if d.recipient]
    return report_routes.by_obligor(q, found) if isinstance(found, list) else found


def _nothing_ahead(q: Query, last: Row) -> Reply:
    """Every deadline is behind the bot's clock: say so, with the last one."""
    name = full_name(q.snap.units[q.scope]) if q.scope in q.snap.units else "Bạn"
    body = f"{name} không còn hạn nào sắp tới (tính đến {day(q.today)}) trong các kế hoạch đã nhập."
    body += f"\nHạn cuối cùng: {line(q, last)}."
    return reply(body + _past_plan_note(q, [last]), cites(q.snap, [(last.plan_id, last.section_id)]))


def _past_plan_note(q: Query, rows: list[Row]) -> str:
    """A warning when every deadline shown comes from plans of years already over."""
    years = {q.snap.plans[d.plan_id].year for d in rows if d.plan_id in q.snap.plans}
    if not years or None in years or max(years) >= q.today.year:
        return ""
    shown = ", ".join(str(y) for y in sorted(years))
    return f"\nLưu ý: đây là kế hoạch năm {shown}; dữ liệu chưa có kế hoạch năm {q.today.year} cho đơn vị này."


MODULE = ForIntent("deadline", answer, shared=True)
