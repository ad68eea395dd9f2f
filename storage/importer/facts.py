"""Fact extraction: a parsed Document in, the targets, duties, deadlines, budgets and helpers it states out."""

from __future__ import annotations

from storage.importer.model import Document, Facts


def extract_facts(document: Document) -> Facts:
    """Everything the document states that the bot can answer from (being built in issue 2)."""
    return Facts()
