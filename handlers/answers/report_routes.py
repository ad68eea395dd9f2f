"""Where a report or a document goes: "báo cáo về đâu", "gửi qua đâu", "nộp cho ai" are answered with the body
it goes to (and the office it goes through), from the deadlines that name one, else from the plan's sentences that
send a report on without a time ("kết quả thực hiện báo cáo về Công an tỉnh (qua Phòng ...)")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from handlers.answers.passages import terms
from handlers.answers.section_index import section_index
from handlers.messages import Reply
from handlers.render.format import cites, reply, shorten
from handlers.snapshot import Row, Snapshot
from handlers.understand.intent import WHERE_SENT
from handlers.understand.query import Query
from storage.importer.deadlines import numeric_dates
from storage.importer.report_cycles import report_route
from storage.importer.scope import split_sentences
from storage.language.normalize import fold_expand, words
from storage.language.stopwords import DEADLINE_PLAIN, QUESTION_STOP

_WHERE = re.compile(WHERE_SENT)
_ASKING = frozenset({"gui", "qua", "dau", "ai", "nhan", "tiep", "chuyen", "trinh", "len", "toi", "den"})
_REPORT_WORDS = frozenset(["bao", "cao", "han", "het", "nam", "ngay", "nop", "thoi", "truoc", "ke", "hoach"])
_ORGANISING = re.compile(r"\bto chuc thuc hien\b")
_SHOWN = 3  # routes listed at most: a plan sends its reports to a few bodies
Route = tuple[float, Row, str, str]  # (how well it fits the question, section, sentence, recipient)


def asks_where(folded: str) -> bool:
    """Whether the question asks where (to whom, through whom) a report or a document goes."""
    return bool(_WHERE.search(folded))


def _wanted(q: Query) -> set[str]:
    """The question's words that tell one report from another (not the asking, the plan's or the units' names)."""
    return set(terms(q.folded)) - DEADLINE_PLAIN - _ASKING - q.naming_words - q.chosen.titled


def fitting(q: Query, rows: list[Row]) -> list[Row]:
    """The deadlines naming a recipient whose words (what is due, who owes it) fit the question best; every one
    when the question names nothing; none when it names words none of them holds."""
    sent = [d for d in rows if d.recipient]
    wanted = _wanted(q)
    if not wanted:
        return sent
    scored = [(len(wanted & set(words(fold_expand(f"{d.title} {d.obligor or ''} {d.text}")))), d) for d in sent]
    top = max((score for score, _ in scored), default=0)
    return [d for score, d in scored if score == top] if top > 0 else []


def _routes(q: Query, plans: set[int]) -> Iterator[tuple[Row, str, str]]:
    """(section, sentence, recipient) of every clause of the plans that sends a report or a document on."""
    for section_id in (i for plan in sorted(plans) for i in section_index(q.snap).by_plan.get(plan, [])):
        section = q.snap.sections[section_id]
        for sentence, recipient in _section_routes(f"{section.heading or ''}\n{section.body or ''}"):
            yield section, sentence, recipient


@lru_cache(maxsize=4096)  # a section's text read once, not at every question
def _section_routes(text: str) -> tuple[tuple[str, str], ...]:
    """(sentence, recipient) of every clause of a section's text that sends a report or a document on."""
    found = []
    for line in text.splitlines():
        for sentence in split_sentences(re.sub(r"^\s*[-+•]\s*", "", line)):
            found += [(sentence, recipient) for recipient in filter(None, map(report_route, sentence.split(";")))]
    return tuple(found)


def _organising(snap: Snapshot, section: Row) -> bool:
    """Whether a section stands in the plan's "Tổ chức thực hiện" part, where plans set who reports to whom."""
    while section.parent_id is not None and section.parent_id in snap.sections:
        section = snap.sections[section.parent_id]
    return bool(_ORGANISING.search(fold_expand(section.heading or "")))


def best(q: Query) -> list[Route]:
    """The plan's sentences that send a report on sharing most words with the question, those of the plan's
    "Tổ chức thực hiện" part first; every route when the question names nothing but the report."""
    narrowed = bool(q.chosen.plans) or q.scope is not None or len(q.snap.plans) == 1
    index = section_index(q.snap)
    wanted = _wanted(q)
    scored = []
    for section, sentence, recipient in _routes(q, q.plan_ids() if narrowed else set(q.snap.plans)):
        said = set(words(fold_expand(f"{section.heading} {sentence}")))
        scored.append((sum(index.idf(w) for w in wanted & said), section, sentence, recipient))
    top = max((score for score, *_ in scored), default=0.0)
    # Without a plan or a unit named, only the question's words tell whose routes are asked.
    found = [route for route in scored if route[0] == top and (top > 0 or (narrowed and not wanted))]
    return sorted(found, key=lambda route: not _organising(q.snap, route[1]))[:_SHOWN]  # stable: in plan order


def dated(routes: list[Route], rows: list[Row]) -> list[Row]:
    """The deadlines read from the sentences of these routes: they give the time with the recipient."""
    said = [_plain(sentence) for _, _, sentence, _ in routes]
    return [d for d in rows if d.recipient and any(_plain(d.text) in s or s in _plain(d.text) for s in said)]


def _plain(text: str) -> str:
    """Folded text with single spaces and dates as numbers, as the importer stores a deadline's sentence."""
    return " ".join(fold_expand(numeric_dates(text or "")).split())


def answer(q: Query, routes: list[Route]) -> Reply | None:
    """The routes quoted with the body each goes to; None without any."""
    if not routes:
        return None
    if len(routes) == 1:
        _, section, sentence, recipient = routes[0]
        body = f"Gửi {recipient}.\nKế hoạch ghi: «{shorten(sentence, 400)}»"
    else:
        body = "Nơi gửi báo cáo trong kế hoạch:\n" + "\n".join(
            f"- Gửi {recipient}: {shorten(sentence, 250)}" for _, _, sentence, recipient in routes
        )
    return reply(body, cites(q.snap, [(s.plan_id, s.id) for _, s, _, _ in routes]))


def by_obligor(q: Query, rows: list[Row]) -> list[Row]:
    """Of several deadlines, those owed by the body the question names ("sở văn hóa ... báo cáo cho ai", "kế hoạch
    của xã gửi về đâu"): most words shared with the obligor; all when none shares one."""
    asked = set(words(q.folded)) - QUESTION_STOP - _ASKING - _REPORT_WORDS  # unit kinds kept: "của xã"
    scored = [(len(asked & set(words(fold_expand(d.obligor or "")))), d) for d in rows]
    top = max((score for score, _ in scored), default=0)
    return [d for score, d in scored if score == top] if top > 0 and len(rows) > 1 else rows
