"""A report of a level or rate is the level now ("tỷ lệ hộ nghèo còn 0,8%"), never an addition. Said as a change
("tỷ lệ hộ nghèo giảm 0,03%"), it is turned into the level from the plan's baseline, and said so; without a
baseline the level cannot be told, and the reporter is asked for it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.flows.report_reading import Figure
from handlers.render.progress_text import figure_with_measure
from storage.language.text import fold, format_number
from storage.models import Target
from storage.reporting.standing import LEVEL, scale_of

# A change verb right before the figure ("giảm 0,03%", "tăng được 2%"), not a level ("giảm còn", "giảm xuống").
_CHANGE = re.compile(r"\b(giam|tang)(?: duoc| them)?\s*$")


@dataclass(frozen=True)
class Level:
    """The level to save (None when it cannot be told) and what to tell the reporter about it."""

    value: float | None
    note: str = ""


def change_before(text: str, figure: Figure) -> str | None:
    """ "giam" or "tang" when the figure is written as a change, else None."""
    at = text.find(figure.written)
    before = fold(text[max(0, at - 30) : at]) if at >= 0 else ""
    found = _CHANGE.search(before)
    return found.group(1) if found else None


def level_of(text: str, figure: Figure, target: Target) -> Level:
    """The value a report of figure saves for target: the figure itself, or the level a change leads to."""
    change = change_before(text, figure) if scale_of(target) == LEVEL else None
    if change is None:
        return Level(figure.value)
    if target.baseline is None:
        example = f"{target.indicator} còn N{'%' if target.measure == '%' else ''}"
        return Level(
            None,
            f"{target.indicator} tính theo mức hiện nay, và kế hoạch không ghi mức ban đầu nên không tính được "
            f'mức từ số {"giảm" if change == "giam" else "tăng"}. Hãy gửi mức hiện nay, ví dụ "báo cáo: {example}". '
            "Chưa lưu gì.",
        )
    value = target.baseline - figure.value if change == "giam" else target.baseline + figure.value
    verb = "giảm" if change == "giam" else "tăng"
    points = " điểm %" if target.measure == "%" else ""
    note = (
        f"({verb} {format_number(figure.value)}{points} từ mức ban đầu "
        f"{figure_with_measure(target.baseline, target)}: mức hiện nay {figure_with_measure(value, target)})"
    )
    return Level(value, note)
