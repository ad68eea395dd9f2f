"""Progress tables as files: Excel (openpyxl), CSV, and a bar chart PNG (matplotlib Figure API)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from storage.language.text import format_number
from storage.reporting.progress import ProgressLine

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
]


def _row(line: ProgressLine) -> list[object]:
    indicator = ("  - " if line.depth else "") + line.target.indicator
    pct = round(line.percent, 1) if line.percent is not None else None
    when = line.report.created_at.strftime("%d/%m/%Y %H:%M") if line.report else ""
    who = line.report.reporter if line.report else "chưa báo cáo"
    return [line.unit.full_name, indicator, line.year, line.target.measure or "", line.planned, line.done, pct] + [
        line.ratio,
        when,
        who,
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
    for column, width in zip("ABCDEFGHIJ", (28, 40, 8, 12, 10, 12, 10, 18, 18, 16), strict=True):
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
    """A horizontal bar chart of each unit's progress in percent, as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = [line.unit.full_name for line in lines]
    values = [min(line.percent or 0.0, 150.0) for line in lines]
    figure = Figure(figsize=(8, max(2.5, 0.32 * len(lines) + 1.2)), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bars = axes.barh(names[::-1], values[::-1], color="#2a7ab0")
    for bar, line in zip(bars, lines[::-1], strict=True):
        axes.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, line.ratio, va="center", fontsize=8)
    axes.set_xlabel("Tỷ lệ hoàn thành (%)")
    axes.set_xlim(0, max(110.0, max(values, default=0) + 25))
    axes.set_title(f"{title}\n(tính đến {now.day}/{now.month}/{now.year})", fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
