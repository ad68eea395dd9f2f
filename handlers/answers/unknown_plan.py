"""A plan asked for by a topic no stored plan's title shares a word with ("kế hoạch phòng chống dịch tả lợn
châu Phi"): say that no such plan is in the data and which plans are, rather than answer from another plan."""

from __future__ import annotations

import re

from handlers.answers.registry import UNKNOWN_UNIT
from handlers.messages import Reply
from handlers.snapshot import Row, Snapshot
from handlers.understand.intent import cue_words, first_cue
from handlers.understand.plan_choice import title_index
from handlers.understand.plan_topics import programme
from handlers.understand.query import Query
from storage.language.stopwords import PLAN_PLAIN
from storage.language.text import fold

SHOWN_PLANS = 5
MIN_TOPIC_WORDS = 2  # one unknown word may be a typo or a synonym; two name a topic
# Where a plan's topic follows: "kế hoạch (về|thực hiện|triển khai) <topic>".
_PLAN_WORD = re.compile(r"\b(?:ke hoach|van ban|chuong trinh)(?: (?:ve|thuc hien|trien khai))? ")


class UnknownPlan:
    """The plan named by topic is not in the data: say so, and list the plans that are."""

    name, priority = "unknown plan", UNKNOWN_UNIT - 1

    def wants(self, query: Query) -> bool:
        return not query.chosen.plans and bool(self.topic(query))

    def answer(self, query: Query) -> Reply | None:
        topic = _as_typed(query.message.text, self.topic(query))
        plans = query.plans() if query.scope is not None else list(query.snap.plans.values())
        plans = plans[:SHOWN_PLANS]
        listed = "\n".join(f"- {_topic(p, query.snap)}" for p in plans)  # no number: none of them is the answer
        held = f"\nDữ liệu có kế hoạch về:\n{listed}" if listed else ""
        return Reply(text=f"Không tìm thấy kế hoạch nào về «{topic}» trong dữ liệu.{held}")

    @staticmethod
    def topic(query: Query) -> list[str]:
        """The words naming the plan's topic (up to what the question asks, or a plain word: "của", "năm", a
        number), when no plan's title holds any of them and at least two of them are no question's words."""
        found = _PLAN_WORD.search(query.folded)
        if found is None:
            return []
        index = title_index(query.snap)
        run: list[str] = []
        for word in query.folded[found.end() : first_cue(query.folded, found.end())].split():
            if word in PLAN_PLAIN or word in query.named_words or not word.isalpha():
                break
            run.append(word)
        naming = [word for word in run if word not in cue_words()]
        if len(naming) < MIN_TOPIC_WORDS or any(word in index.postings for word in run):
            return []
        return run


def _as_typed(raw: str, folded: list[str]) -> str:
    """The folded words as the asker typed them (with their marks), else as folded."""
    tokens = re.findall(r"\w+", raw)
    plain = [fold(t) for t in tokens]
    for i in range(len(tokens) - len(folded) + 1):
        if plain[i : i + len(folded)] == folded:
            return " ".join(tokens[i : i + len(folded)])
    return " ".join(folded)


def _topic(plan: Row, snap: Snapshot) -> str:
    """ "giảm nghèo (UBND huyện Thọ Xuân, 2024)": what a plan is about and whose it is, without its number."""
    whose = ", ".join(str(part) for part in (plan.issuer_name, plan.year) if part)
    return f"{programme(snap, plan) or 'kế hoạch'} ({whose})" if whose else programme(snap, plan) or "kế hoạch"
