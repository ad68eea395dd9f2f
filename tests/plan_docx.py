"""Builds a .docx plan from a fixture .txt plan: paragraphs as paragraphs, tab-separated rows as real Word tables."""

from __future__ import annotations

import re
from pathlib import Path

_TOTAL = re.compile(r"^(?:tổng cộng|tổng|cộng|toàn huyện|toàn xã|toàn tỉnh)$", re.IGNORECASE)


def blocks(text: str) -> list[str | list[list[str]]]:
    """The text as paragraphs (str) and tables (rows of cells), in order."""
    out: list[str | list[list[str]]] = []
    for line in text.splitlines():
        if "\t" in line:
            if not out or not isinstance(out[-1], list):
                out.append([])
            out[-1].append(line.split("\t"))  # type: ignore[union-attr]
        elif line.strip():
            out.append(line.strip())
    return out


def build_plan_docx(source: Path, target: Path) -> Path:
    """Write source (a fixture .txt plan) as a Word document; total rows merge their first two cells."""
    import docx

    document = docx.Document()
    for block in blocks(source.read_text(encoding="utf-8")):
        if isinstance(block, str):
            paragraph = document.add_paragraph(block)
            paragraph.runs[0].bold = block.isupper()
            continue
        _add_table(document, block)
    document.save(str(target))
    return target


def _add_table(document: object, rows: list[list[str]]) -> None:
    """A Word table with the rows' cells; a total row's label spans the number and name columns when one is blank."""
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for index, row in enumerate(rows):
        cells = [*row, *[""] * (width - len(row))]
        label = next((cell for cell in cells[:2] if cell.strip()), "")
        merged = _TOTAL.match(label.strip()) is not None and not all(cell.strip() for cell in cells[:2])
        if merged:  # "\tTổng cộng\t..." under STT and name: one cell; "Tổng cộng\t12.600" keeps its amount
            cells = [label, "", *cells[2:]]
        for cell, text in zip(table.rows[index].cells, cells, strict=True):
            cell.text = text
        if merged:
            table.cell(index, 0).merge(table.cell(index, 1))
