"""Deadlines (stub)."""

from __future__ import annotations


def extract_deadlines(document, places, duties, year, warnings):  # type: ignore[no-untyped-def]
    """Stub."""
    return []
