"""Budgets (stub)."""

from __future__ import annotations


def extract_budgets(document, places, warnings):  # type: ignore[no-untyped-def]
    """Stub."""
    return []
