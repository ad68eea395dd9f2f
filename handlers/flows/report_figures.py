"""The figures of a report message, each with the words around it and the target those words name.

"đã giảm 3 hộ cận nghèo và hỗ trợ 2 hộ làm nhà" holds two figures: the message is cut at its joints (";",
", ", "và", a new line) and every piece with a figure is one mention; pieces without one belong to the mention
before them (the words before the first figure to the first). Each mention is matched to the unit's targets by
its whole phrase (storage.language.phrase_match), never by the first word that fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from handlers.flows.report_reading import Figure, folded, read_figure
from storage.language.phrase_match import Description, content_words, describe, names_all, rank, telling
from storage.language.stopwords import REPORT_STOP
from storage.language.text import fold
from storage.models import Target

# Where a message may pass from one figure to the next: ";", a new line, a comma before a space (never the
# decimal comma of "0,79"), "và", "cùng", "đồng thời".
_JOINT = re.compile(r"[;\n]+|,(?=\s)|\.(?=\s)|\s(?:và|va|cùng|cung|đồng thời|dong thoi)\s", re.IGNORECASE)
MIN_FIT = 0.45  # below: the words name no target
TIE = 0.06  # two targets within this of each other are named equally
MEASURE_BONUS = 0.15  # the word after the figure is the target's measure


class Match(Enum):
    """How a mention's words name the unit's targets."""

    ONE = "one"
    NONE = "none"
    TWO = "two"  # two or more equally


@dataclass
class Mention:
    """One figure of a message with its own words and what they name."""

    figure: Figure
    raw: str  # the piece of the message, as written
    match: Match = Match.NONE
    target: Target | None = None
    candidates: list[Target] | None = None  # the targets named equally, or the unit's targets when none


def pieces(raw: str) -> list[str]:
    """The message cut at its joints, each piece stripped (empty ones dropped)."""
    found = [p.strip(" ,.;:-") for p in _JOINT.split(raw)]
    return [p for p in found if p]


def mentions(raw: str) -> list[Mention]:
    """Each figure of the message with the words that go with it (a piece with two numbers is one figure)."""
    out: list[Mention] = []
    lead = ""
    for piece in pieces(raw):
        figure = read_figure(piece)
        if figure is None and out:
            out[-1].raw += f", {piece}"
        elif figure is None:
            lead = f"{lead} {piece}".strip()
        else:
            out.append(Mention(figure, f"{lead}: {piece}" if lead and not out else piece))
    return out


def _description(target: Target) -> Description:
    name = folded(target.indicator)
    context = " ".join(folded(part) for part in (target.direction or "", target.text or "", target.measure or ""))
    return describe(name, context, REPORT_STOP)


def _measure_after(mention: Mention) -> str:
    """The folded words right after the figure ("hộ", "%", "người")."""
    raw = mention.raw
    at = raw.find(mention.figure.written) if mention.figure.written else -1
    if at < 0:
        return ""
    return fold(raw[at + len(mention.figure.written) : at + len(mention.figure.written) + 12]).strip()


def _measure_bonus(mention: Mention, target: Target) -> float:
    after, measure = _measure_after(mention), fold(target.measure or "")
    if not measure or not after:
        return 0.0
    if measure == "%" or after.startswith("%"):
        return MEASURE_BONUS if measure == "%" and after.startswith("%") else -MEASURE_BONUS
    return MEASURE_BONUS if after.split()[0] == measure.split()[0] else 0.0


def _vague(phrase: list[str], descriptions: list[Description], best: int) -> bool:
    """Whether the phrase says too little to single out the best target: none of its words is rare among the
    targets' and the target's name is not all in it ("đã hỗ trợ 3 hộ" fits every support target)."""
    rare = telling(phrase, descriptions)
    return not (rare & descriptions[best].words) and not names_all(phrase, descriptions[best])


def match(mention: Mention, targets: list[Target]) -> Mention:
    """Name the mention's target: one clearly, none, or several equally (then they are the candidates)."""
    phrase = content_words(folded(mention.raw), REPORT_STOP)
    descriptions = [_description(t) for t in targets]
    ranked = rank(phrase, descriptions)
    scored = sorted(((s + _measure_bonus(mention, targets[i]), i) for s, i in ranked), key=lambda si: (-si[0], si[1]))
    good = [(s, i) for s, i in scored if s >= MIN_FIT]
    if not good:
        mention.match, mention.candidates = Match.NONE, [targets[i] for _, i in scored[:5]] or targets[:5]
    elif len(good) > 1 and (good[1][0] >= good[0][0] - TIE or _vague(phrase, descriptions, good[0][1])):
        mention.match = Match.TWO
        tied = [targets[i] for s, i in good if s >= good[0][0] - TIE]
        mention.candidates = tied if len(tied) > 1 else [targets[i] for _, i in good]
    else:
        mention.match, mention.target = Match.ONE, targets[good[0][1]]
    return mention
