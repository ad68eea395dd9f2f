"""The answer registry: answerers asked by declared priority until one replies; topic modules by intent order."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

from handlers.answers.registry import ByIntent, ForIntent, Registry
from handlers.dispatch import ROUTES
from handlers.messages import Reply
from handlers.understand.query import Query
from storage.language.text import fold


@dataclass
class Fake:
    """An answerer that records being asked and replies with its text (None: passes)."""

    name: str
    priority: int
    text: str | None
    wanted: bool = True
    asked: list[str] = field(default_factory=list)

    def wants(self, query: Query) -> bool:
        return self.wanted

    def answer(self, query: Query) -> Reply | None:
        self.asked.append(self.name)
        return Reply(text=self.text) if self.text is not None else None


def _query(**values: Any) -> Query:
    return cast(Query, SimpleNamespace(**values))


def test_answerers_are_asked_by_priority_not_registration_and_may_pass() -> None:
    routes = Registry()
    low, passing, unwanted = Fake("low", 10, "thấp"), Fake("passing", 50, None), Fake("unwanted", 90, "x", False)
    for answerer in (low, passing, unwanted):
        routes.register(answerer)
    assert routes.answer(_query()).text == "thấp"
    assert passing.asked == ["passing"] and unwanted.asked == []


def test_equal_priorities_keep_registration_order_and_nothing_wanted_is_not_found() -> None:
    routes = Registry()
    first, second = Fake("first", 5, "một"), Fake("second", 5, "hai")
    routes.register(first)
    routes.register(second)
    assert routes.answer(_query()).text == "một" and second.asked == []
    empty = Registry()
    empty.register(Fake("never", 1, "x", False))
    assert "khong tim thay" in fold(empty.answer(_query()).text)


def test_topic_modules_follow_the_order_of_the_question_intents() -> None:
    routes = Registry()
    routes.register_intents([ForIntent("budget", lambda q: None), ForIntent("duty", lambda q: Reply(text="nhiệm vụ"))])
    routes.register_intents([ForIntent("deadline", lambda q: Reply(text="hạn"))])
    topics = ByIntent(routes)
    routes.register(topics)
    assert routes.answer(_query(intents=["budget", "duty", "deadline"])).text == "nhiệm vụ"
    assert routes.answer(_query(intents=["greeting", "deadline", "duty"])).text == "hạn"
    assert not topics.wants(_query(intents=["greeting"]))


def test_a_unit_bound_module_without_a_unit_asks_which_unit() -> None:
    module = ForIntent("quota", lambda q: Reply(text="số liệu"), needs_unit=True)
    assert "don vi nao" in fold(module.answer(_query(scope=None, snap=None)).text)
    assert module.answer(_query(scope=7)).text == "số liệu"


def test_the_dispatcher_registers_every_topic_with_what_it_depends_on() -> None:
    shared = {name for name in ("duty", "deadline", "budget", "planinfo") if (m := ROUTES.intent(name)) and m.shared}
    assert shared == {"duty", "deadline", "budget", "planinfo"}
    assert all(m is not None and m.needs_unit for m in (ROUTES.intent("quota"), ROUTES.intent("helper")))
    target = ROUTES.intent("target")
    assert target is not None and not target.shared and not target.needs_unit
    assert ROUTES.intent("greeting") is None
