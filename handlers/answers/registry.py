"""Answer routing by registration: each answerer says whether it wants a question and answers it or passes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from handlers.answers.help import example_place, not_found
from handlers.messages import Reply
from handlers.snapshot import Snapshot
from handlers.understand.entities import offices_in, people_in
from handlers.understand.query import Query

# Declared priorities: the registry asks the answerers in this order (highest first).
GREETING, HELP, UNKNOWN_UNIT, AMBIGUOUS, MERGE, NO_PLAN, TOPICS, OVERVIEW, PASSAGES = 90, 85, 80, 70, 60, 50, 40, 20, 0


class Answerer(Protocol):
    """Something that answers some questions: it says which (wants), then answers or passes (None)."""

    name: str
    priority: int

    def wants(self, query: Query) -> bool:
        """Whether to ask this answerer; cheap, no answer is built."""
        ...

    def answer(self, query: Query) -> Reply | None:
        """The reply, or None to let the next answerer try."""
        ...


@dataclass
class ForIntent:
    """An answer module for one intent ("quota", "deadline"...); the asker's intents give the order."""

    intent: str
    reply: Callable[[Query], Reply | None]
    shared: bool = False  # depends on the plans, not on the unit itself (namesakes sharing plans need no pick)
    needs_unit: bool = False  # meaningless without a unit: ask which when none is named

    def answer(self, query: Query) -> Reply | None:
        """The module's reply; for a unit-bound intent without a unit, the question which unit."""
        if self.needs_unit and query.scope is None and not names_person_or_office(query, self.intent):
            return ask_unit(self.intent, query.snap)
        return self.reply(query)


class Registry:
    """The answerers, asked in order of declared priority (then of registration) until one replies."""

    def __init__(self) -> None:
        self._answerers: list[Answerer] = []
        self._intents: dict[str, ForIntent] = {}

    def register(self, answerer: Answerer) -> Answerer:
        """Add answerer; it is asked before every answerer of lower priority."""
        self._answerers.append(answerer)
        self._answerers.sort(key=lambda a: -a.priority)  # stable: equal priorities keep registration order
        return answerer

    def register_intents(self, modules: Iterable[ForIntent]) -> None:
        """Add answer modules by the intent each serves."""
        for module in modules:
            self._intents[module.intent] = module

    def intent(self, name: str | None) -> ForIntent | None:
        """The answer module registered for an intent, if any."""
        return self._intents.get(name) if name is not None else None

    def answer(self, query: Query) -> Reply:
        """The first reply of an answerer that wants the question; "not found" when none replies."""
        for answerer in self._answerers:
            if answerer.wants(query):
                found = answerer.answer(query)
                if found is not None:
                    return found
        return not_found()


@dataclass
class ByIntent:
    """The answer modules of the question's intents, in the order the question gives them."""

    registry: Registry
    name: str = "intents"
    priority: int = TOPICS

    def wants(self, query: Query) -> bool:
        """Whether some intent of the question has a module."""
        return any(self.registry.intent(i) is not None for i in query.intents)

    def answer(self, query: Query) -> Reply | None:
        """The first module's reply, in intent order."""
        for name in query.intents:
            module = self.registry.intent(name)
            found = module.answer(query) if module is not None else None
            if found is not None:
                return found
        return None


def names_person_or_office(query: Query, intent: str) -> bool:
    """Whether a helper question names a person or an office rather than a unit."""
    return intent == "helper" and bool(people_in(query.snap, query.folded) or offices_in(query.snap, query.folded))


def ask_unit(intent: str, snap: Snapshot) -> Reply:
    """Ask which unit a unit-bound question is about, with an example from the units in the data."""
    what = "chỉ tiêu" if intent == "quota" else "cơ quan giúp đỡ"
    example = f"{what} {example_place(snap)}"
    return Reply(text=f"Bạn muốn xem {what} của đơn vị nào? Hãy ghi tên xã/thị trấn, ví dụ: «{example}».")
