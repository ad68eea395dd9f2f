"""Progress tables as files: Excel (openpyxl), CSV, and a bar chart PNG (matplotlib Figure API)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from handlers.render.progress_text import standing_text
from storage.language.text import format_number
from storage.reporting.progress import ProgressLine
from storage.reporting.standing import COUNT, LEVEL

HEADER = [
    "Đơn vị",
    "Chỉ tiêu",
    "Năm",
    "Đơn vị tính",
    "Kế hoạch",
    "Đã thực hiện",
    "Tỷ lệ (%)",
    "Tiến độ",
    "Báo cáo lần cuối",
    "Người báo cáo",
    "Loại chỉ tiêu",
    "Mức ban đầu",
]
KINDS = {COUNT: "số lượng (cộng dồn)", LEVEL: "mức, tỷ lệ (số mới nhất)"}


def _row(line: ProgressLine) -> list[object]:
    """One line as the chat says it: a count's done and share of the goal; a level's last level and share of the
    way (empty when it cannot be told, never 0 for a level nobody reported)."""
    state = line.standing
    indicator = ("  - " if line.depth else "") + line.target.indicator
    pct = round(line.percent, 1) if line.percent is not None else None
    done = state.now if state.now is not None else (0.0 if state.scale == COUNT else None)
    when = line.report.created_at.strftime("%d/%m/%Y %H:%M") if line.report else ""
    who = line.report.reporter if line.report else "chưa báo cáo"
    text = standing_text(state, line.target, with_measure=False)
    start = state.start if state.scale == LEVEL else None
    return [line.unit.full_name, indicator, line.year, line.target.measure or "", line.planned, done, pct] + [
        text,
        when,
        who,
        KINDS[state.scale],
        start,
    ]


def rows(lines: list[ProgressLine]) -> list[list[object]]:
    """The table rows (header first) of progress lines."""
    return [list[object](HEADER)] + [_row(line) for line in lines]


def to_xlsx(lines: list[ProgressLine], title: str) -> bytes:
    """An Excel workbook with one sheet of progress lines."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tiến độ"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    for row in rows(lines):
        sheet.append(row)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJKL", (28, 40, 8, 12, 10, 12, 10, 30, 18, 16, 22, 12), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(lines: list[ProgressLine]) -> bytes:
    """A UTF-8 CSV (with BOM, so Excel reads the diacritics) of progress lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows(lines):
        writer.writerow("" if v is None else format_number(v) if isinstance(v, float) else v for v in row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def bar_chart(lines: list[ProgressLine], title: str, now: datetime) -> bytes:
    """Each unit's progress as PNG bytes: counts as the share of their goal (%), levels and rates on their own
    scale (the level now, the goal marked), each kind in a panel of its own."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    panels = [(kind, [x for x in lines if x.standing.scale == kind]) for kind in (COUNT, LEVEL)]
    panels = [(kind, part) for kind, part in panels if part]
    height = sum(max(1.6, 0.32 * len(part) + 0.9) for _, part in panels) + 0.6
    figure = Figure(figsize=(8, max(2.5, height)), dpi=100)
    FigureCanvasAgg(figure)
    for n, (kind, part) in enumerate(panels, 1):
        axes = figure.add_subplot(len(panels), 1, n)
        (_counts if kind == COUNT else _levels)(axes, part)
    figure.suptitle(f"{title}\n(tính đến {now.day}/{now.month}/{now.year})", fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _counts(axes: Any, lines: list[ProgressLine]) -> None:
    names = [line.unit.full_name for line in lines]
    values = [min(line.percent or 0.0, 150.0) for line in lines]
    bars = axes.barh(names[::-1], values[::-1], color="#2a7ab0")
    for bar, line in zip(bars, lines[::-1], strict=True):
        label = standing_text(line.standing, line.target)
        axes.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, label, va="center", fontsize=8)
    axes.set_xlabel("Tỷ lệ hoàn thành chỉ tiêu số lượng (%)")
    axes.set_xlim(0, max(110.0, max(values, default=0) + 25))


def _levels(axes: Any, lines: list[ProgressLine]) -> None:
    names = [line.unit.full_name for line in lines]
    values = [line.standing.now or 0.0 for line in lines]
    bars = axes.barh(names[::-1], values[::-1], color="#8a5cb0")
    for bar, line in zip(bars, lines[::-1], strict=True):
        y = bar.get_y() + bar.get_height() / 2
        axes.plot([line.standing.goal] * 2, [bar.get_y(), bar.get_y() + bar.get_height()], color="#c0392b")
        label = standing_text(line.standing, line.target) if line.report else "chưa báo cáo"
        axes.text(max(bar.get_width(), line.standing.goal) * 1.02 + 0.01, y, label, va="center", fontsize=8)
    measure = (lines[0].target.measure or "").strip()
    axes.set_xlabel(f"Mức hiện nay ({measure or 'giá trị'}); vạch đỏ: mục tiêu")
    top = max([*values, *(x.standing.goal for x in lines), *(x.standing.start or 0.0 for x in lines)], default=1.0)
    axes.set_xlim(0, top * 1.6 + 0.01)
