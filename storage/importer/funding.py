"""Funding sources a plan names without an amount: "Kinh phí thực hiện ... từ ngân sách tỉnh, ngân sách địa phương
và các nguồn hợp pháp khác" in its budget section ("Kinh phí thực hiện", "Nguồn kinh phí", "Bảo đảm kinh phí")."""

from __future__ import annotations

import re

from storage.importer.measures import find_amounts
from storage.importer.model import DocSection, Document, FundingFact
from storage.importer.scope import Place, bare_heading, chain, heading_scope, section_lines, split_sentences
from storage.language.money import funding_sources
from storage.language.text import fold

_TITLE_WORDS = 14  # a part's title is short; an item that is a whole sentence is longer
_MONEY_TITLE = re.compile(r"\b(?:kinh phi|nguon von)\b")


def extract_funding(document: Document, places: list[Place]) -> list[FundingFact]:
    """Each source the budget sections name in a statement with no amount, once per section.

    A statement with an amount is left to the budgets: its sources are the labels of its amounts.
    """
    found: list[FundingFact] = []
    for section in document.sections:
        if not _in_budget_part(document, section, places):
            continue
        seen: set[str] = set()
        heading = bare_heading(section.heading)
        for statement in _statements(heading, section_lines(section)):
            if find_amounts(statement):
                continue
            for mention in funding_sources(statement):
                if mention.name not in seen:
                    seen.add(mention.name)
                    found.append(FundingFact(section.index, mention.name, statement))
    return found


def _in_budget_part(document: Document, section: DocSection, places: list[Place]) -> bool:
    """A section under a budget heading, also when a nearer heading names a task ("4.1. Kinh phí" / "a) Nhiệm vụ")."""
    if places[section.index].scope == "result":
        return False
    return any(_budget_heading(item.heading) for item in chain(document, section))


def _budget_heading(heading: str) -> bool:
    """A heading of a budget part: "IV. KINH PHÍ THỰC HIỆN", also within a longer title ("4. Huy động nguồn lực,
    bảo đảm kinh phí, nguồn nhân lực thực hiện"); an item's whole sentence is not one."""
    if heading_scope(heading) == "budget":
        return True
    text = fold(bare_heading(heading))
    return len(text.split()) <= _TITLE_WORDS and bool(_MONEY_TITLE.search(text))


def _statements(heading: str, lines: list[str]) -> list[str]:
    """The heading and the sentences of the body; a heading that names a source ("a) Ngân sách địa phương:") or
    opens a list ("... bao gồm:") is read with the first sentence after it."""
    sentences = [sentence for line in lines for sentence in split_sentences(line)]
    if not heading:
        return sentences
    opens = heading.lower().endswith(("gồm", "như sau", "từ")) or len(heading.split()) <= 4
    if sentences and opens and not heading.isupper() and not heading.endswith((".", ";")):
        return [f"{heading}: {sentences[0]}", *sentences[1:]]
    return [heading, *sentences]
