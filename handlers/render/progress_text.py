"""Progress figures in words: a reported figure with its measure, and where it leaves the target."""

from __future__ import annotations

from storage.language.phrases import ratio_text
from storage.language.text import format_number
from storage.models import Target


def figure_with_measure(value: float, target: Target) -> str:
    """ "3 hộ", "2,2%"."""
    measure = (target.measure or "").strip()
    if measure == "%":
        return f"{format_number(value)}%"
    return f"{format_number(value)} {measure}".rstrip()


def progress_after(value: float, target: Target) -> str:
    """Where a reported figure leaves the target: "3/45 (6,7%)"."""
    return ratio_text(value, target.value or 0)
