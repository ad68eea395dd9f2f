"""The answerers around the topic modules: greetings and help first, unit names that need a word from the
asker next, a unit named alone, and the plans' passages last."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.answers import helper_assignments, quotas, targets
from handlers.answers import passages as retrieval
from handlers.answers.help import greeting, help_reply, not_found, unfound_in
from handlers.answers.registry import (
    AMBIGUOUS,
    GREETING,
    HELP,
    MERGE,
    OVERVIEW,
    PASSAGES,
    UNKNOWN_UNIT,
    Registry,
)
from handlers.messages import Choice, Reply
from handlers.render.format import LIMIT, reply
from handlers.understand import unit_merges as merges
from handlers.understand.entities import KIND_WORDS, full_name, place_name
from handlers.understand.plan_topics import topic
from handlers.understand.query import CLOSE, Query
from storage.language.normalize import as_typed
from storage.language.text import fold, kind_level


class Greeting:
    """ "xin chào": a greeting for the asker."""

    name, priority = "greeting", GREETING

    def wants(self, query: Query) -> bool:
        return query.intents[:1] == ["greeting"]

    def answer(self, query: Query) -> Reply | None:
        return greeting(query.asker, query.snap)


class Help:
    """ "hướng dẫn": what the bot answers."""

    name, priority = "help", HELP

    def wants(self, query: Query) -> bool:
        return query.intents[:1] == ["help"]

    def answer(self, query: Query) -> Reply | None:
        return help_reply(query.asker, query.snap)


class UnknownUnit:
    """A unit named after a kind word that matches nothing: say so, give no figure."""

    name, priority = "unknown unit", UNKNOWN_UNIT

    def wants(self, query: Query) -> bool:
        if query.chosen.plans:  # the words name a plan's topic ("phường xây dựng mô hình ..."), not a unit
            return False
        return bool(query.unknown) and (not query.units or _unknown_below(query))

    def answer(self, query: Query) -> Reply | None:
        mention = query.unknown[0]
        name = as_typed(query.text.raw, mention.name)
        if name is None:
            return None
        kind = f"{mention.kind} " if mention.kind else ""
        return not_found(
            f"Không tìm thấy {kind}{name} trong dữ liệu các kế hoạch, nên tôi không có số liệu cho đơn vị này."
        )


@dataclass
class AskWhich:
    """Two or more units fit the name and the answer differs between them: ask which one."""

    registry: Registry
    name: str = "ask which"
    priority: int = AMBIGUOUS

    def wants(self, query: Query) -> bool:
        if not query.ambiguous or query.own or query.ambiguous[0][1][0][1] != query.scope:
            return False
        return self._must_pick(query)

    def answer(self, query: Query) -> Reply | None:
        mention, ranked = query.ambiguous[0]
        tokens = query.text.words
        start = mention.kind_start if mention.kind_start >= 0 else mention.start
        choices = []
        for _, uid in ranked[:6]:
            place = place_name(query.snap, uid)
            value = " ".join([*tokens[:start], fold(place).replace(",", ""), *tokens[mention.end :]])
            choices.append(Choice(label=place, value=value))
        name = query.snap.units[ranked[0][1]].name
        return Reply(text=f"Có {len(choices)} đơn vị tên «{name}». Bạn hỏi về đơn vị nào?", choices=choices)

    def _must_pick(self, query: Query) -> bool:
        """Always for unit facts; for plan-wide answers only when the close namesakes' plans differ."""
        ranked = query.ambiguous[0][1]
        module = self.registry.intent(query.intents[0] if query.intents else None)
        if module is None or not module.shared:
            return True
        close = [uid for score, uid in ranked if ranked[0][0] - score < CLOSE]
        return len({frozenset(query.plan_ids(uid)) for uid in close}) > 1


class MergeQuestion:
    """ "xã X sáp nhập từ những xã nào": the 2025 merges of the unit."""

    name, priority = "merge", MERGE

    def wants(self, query: Query) -> bool:
        return query.scope is not None and merges.wants_merge(query.folded)

    def answer(self, query: Query) -> Reply | None:
        return merges.answer(query)


class Overview:
    """A unit named alone: its quota and helpers, whichever exist."""

    name, priority = "overview", OVERVIEW

    def wants(self, query: Query) -> bool:
        return not query.intents and bool(query.units) and not query.chosen.plans

    def answer(self, query: Query) -> Reply | None:
        parts = [r for r in (quotas.answer(query), helper_assignments.answer(query)) if r is not None]
        if not parts:  # a unit's own plans may set its goals with no quota from above
            parts = [r for r in (targets.unit_overview(query),) if r is not None]
        if not parts:
            name = full_name(query.snap.units[query.units[0]])
            return not_found(f"{name} có trong danh mục nhưng các kế hoạch chưa giao số liệu nào cho đơn vị này.")
        text = "\n\n".join(p.text for p in parts)
        if len(text) > LIMIT and len(parts) > 1:  # one chat message: the helpers of every unit below are asked apart
            text = f"{parts[0].text}\n\nHỏi «cơ quan giúp đỡ» kèm tên xã để xem cơ quan, đồng chí phụ trách."
        return reply(text)


class Passages:
    """Last: the passage of the plans that fits the question best, else say nothing was found."""

    name, priority = "passages", PASSAGES

    def wants(self, query: Query) -> bool:
        return True

    def answer(self, query: Query) -> Reply | None:
        narrowed = query.scope is not None or bool(query.chosen.plans)
        found = retrieval.answer(
            query.snap,
            query.folded,
            query.plan_ids() if narrowed else None,
            query.naming_words,
            query.chosen.titled,
            query.text.raw,
        )
        unsaid = retrieval.unsaid(query.snap, query.chosen.plans)
        asked = query.plan_ids() if narrowed else set(query.snap.plans)
        return _no_quota(query) or found or unsaid or unfound_in(query.snap, sorted(asked))


def _no_quota(query: Query) -> Reply | None:
    """A quota asked for a unit named that no plan gives one ("chỉ tiêu huyện Lục Ngạn"): say so, and whose
    plans the data holds for it, rather than quote a passage that names the unit."""
    if not query.units or not query.intents or query.intents[0] != "quota" or query.own:
        return None
    name = full_name(query.snap.units[query.units[0]])
    issuers = {p.issuer_name for p in query.plans(query.units[0]) if p.issuer_name}
    held = f" Dữ liệu có kế hoạch của: {', '.join(sorted(issuers))}." if issuers else ""
    what = " ".join(["chỉ tiêu", topic(query.snap, query.snap.plans)]).strip()
    return not_found(f"Các kế hoạch trong dữ liệu không giao {what} cho {name}.{held}")


def _unknown_below(query: Query) -> bool:
    """Whether an unknown name has a kind below the unit named ("thôn Nà Pàn xã Vĩnh Yên"): the question is
    about that village, not the commune."""
    unit = query.snap.units[query.units[0]]
    level = unit.level or kind_level(unit.kind)
    tokens = query.text.words
    return any(
        m.level is not None and level is not None and m.level > level and _kind_next(tokens, m.end)
        for m in query.unknown
    )


def _kind_next(tokens: list[str], i: int) -> bool:
    """Whether a kind word ("xã", "huyện", "x.") starts at token i: the unit the name belongs to follows."""
    return any(" ".join(tokens[i : i + n]) in KIND_WORDS for n in (1, 2))
