"""Who leads one task of a plan ("KH 172 tập huấn, bồi dưỡng do cơ quan nào chủ trì?"): the task whose words the
question uses, read from the duties that share its text, and every lead of it (a task table's "Cơ quan chủ trì"
cell or a task's "Cơ quan chủ trì:" line often names several), with its partners when the question asks them."""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.answers.section_index import section_index
from handlers.messages import Reply
from handlers.render.format import bullet_lines, cites, reply, shorten
from handlers.snapshot import Row
from handlers.understand.query import Query
from storage.language.normalize import fold_expand, words
from storage.language.roles import is_coordinating, is_lead
from storage.language.stopwords import QUESTION_STOP, TASK_LEAD_ASKED

# "ai chủ trì", "do cơ quan nào thực hiện", "đơn vị nào phụ trách": who, asked of a task.
_WHO = re.compile(r"\b(?:ai|(?:co quan|don vi|so|ben|noi|phong|ban|nganh) nao)\b")
_ROLE = re.compile(r"\b(?:chu tri|phu trach|dau moi|dam nhiem|thuc hien|phoi hop)\b")
# Partners asked: "ai phối hợp", "chủ trì, phối hợp", "phối hợp với ai", "đơn vị phối hợp" (not "Quy chế phối hợp").
_PARTNERS = re.compile(
    r"\b(?:ai|nao|chu tri,?|va) phoi hop\b|\bphoi hop (?:voi )?(?:ai|nhung ai|(?:co quan|don vi) nao)\b"
    r"|\b(?:co quan|don vi|noi) phoi hop\b"
)
_MIN_SHARE = 0.75  # of the question's task words (idf-weighted) the task must hold


def wants(q: Query) -> bool:
    """Whether the question asks who leads (or does) something."""
    return bool(_WHO.search(q.folded) and _ROLE.search(q.folded))


def answer(q: Query, plans: set[int]) -> Reply | None:
    """The leads (and partners when asked) of the task the question names, None when no task fits well."""
    asked = _task_words(q)
    if len(asked) < 2:
        return None
    tasks = _tasks(q, plans)
    idf = section_index(q.snap).idf
    scored = [
        (_fit(text, asked, idf), key) for key, (text, rows) in tasks.items() if any(is_lead(d.role) for d in rows)
    ]
    scored = [(s, key) for s, key in scored if s >= _MIN_SHARE]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    chosen = [key for s, key in sorted(scored, key=lambda p: -p[0]) if s >= best - 0.02][:3]
    parts = [leads_line(_label(tasks[key][0]), tasks[key][1], bool(_PARTNERS.search(q.folded))) for key in chosen]
    rows = [d for key in chosen for d in tasks[key][1] if is_lead(d.role)]
    texts = bullet_lines([shorten(tasks[key][0], 400) for key in chosen], 900)
    return reply("\n".join(parts) + "\n" + texts, cites(q.snap, [(d.plan_id, d.section_id) for d in rows]))


def leads_line(label: str, rows: list[Row], partners: bool = True) -> str:
    """ "Label: chủ trì — A, B, C. Phối hợp: D." naming every lead once, in the plan's order."""
    leads = [d for d in rows if is_lead(d.role)]
    leads = leads or [d for d in rows if not is_coordinating(d.role)] or rows
    line = f"{label}: chủ trì — {', '.join(dict.fromkeys(d.assignee.strip() for d in leads))}."
    others = [d.assignee.strip() for d in rows if d not in leads]
    if partners and others:
        line += f" Phối hợp: {', '.join(dict.fromkeys(others))}."
    return line


def _task_words(q: Query) -> set[str]:
    """The question's words that name the task: not the asking, the plan's number or title words, the units."""
    plain = QUESTION_STOP | TASK_LEAD_ASKED | q.naming_words
    return {w for w in words(q.folded) if w not in plain and not w.isdigit()}


def _tasks(q: Query, plans: set[int]) -> dict[tuple[int, str], tuple[str, list[Row]]]:
    """The plans' tasks: the duties that share one text (a task row or a task's fields give each body a duty)."""
    found: dict[tuple[int, str], tuple[str, list[Row]]] = {}
    for duty in q.snap.in_plans("duties", plans):
        text = (duty.text or "").strip()
        if text:
            found.setdefault((duty.plan_id, text), (text, []))[1].append(duty)
    return found


def _fit(text: str, asked: set[str], idf: Callable[[str], float]) -> float:
    """The idf-weighted share of the asked words the task holds; its name (before ":") holding them counts more."""
    name = text.split(":", 1)[0] if ":" in text[:200] else text
    held, named = set(words(fold_expand(text))), set(words(fold_expand(name)))
    weight = sum(max(idf(w), 0.5) for w in asked)
    share = sum(max(idf(w), 0.5) for w in asked & held) / weight
    named_share = sum(max(idf(w), 0.5) for w in asked & named) / weight
    # Of two tasks holding every word, the one that is about little else ("Diễn tập ..." over a long paragraph).
    return share + 0.1 * named_share + 0.05 * len(asked & held) / max(len(held), 1)


def _label(text: str) -> str:
    """The task's name: its text before a colon, else its text shortened."""
    name = text.split(":", 1)[0] if ":" in text[:200] else text
    return shorten(name.strip(), 100)
