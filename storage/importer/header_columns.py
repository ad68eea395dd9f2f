"""The standard header in two columns side by side (Nghị định 30/2020: the issuer and the number on the left, the
national motto and the place and date on the right), as plain text from Word or a PDF renders it: each row one
line, the columns apart by a run of spaces or a tab. Unfolded into the left column's lines, then the right's."""

from __future__ import annotations

import re

from storage.importer.issuer_kinds import is_motto

_GAP = re.compile(r"\t+| {3,}")  # what parts two columns on one line
_DOCUMENT_TYPE = re.compile(r"^\W*KẾ\s*HOẠCH\W*$")  # the type line ends the header
_PLACE_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng|ngày\s+\.{2,}", re.IGNORECASE)
MAX_HEADER_LINES = 20  # a header that has not ended by then is no standard header


def unfold_header_columns(text: str) -> str:
    """text with a two-column header put one column after the other; text itself when it has none."""
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[:MAX_HEADER_LINES]) if _DOCUMENT_TYPE.match(line.strip())), None)
    if end is None:
        return text
    rows = [_segments(line) for line in lines[:end]]
    split = _split_column(rows)
    if split is None:
        return text
    left = [seg for row in rows for start, seg in row if start < split]
    right = [seg for row in rows for start, seg in row if start >= split]
    return "\n".join([*left, "", *right, "", *lines[end:]])


def _segments(line: str) -> list[tuple[int, str]]:
    """(column where it starts, text) of each part of a line, parts apart by a wide gap."""
    found: list[tuple[int, str]] = []
    start = 0
    for gap in [*_GAP.finditer(line), None]:
        stop = gap.start() if gap is not None else len(line)
        piece = line[start:stop]
        if piece.strip():
            found.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        if gap is not None:
            start = gap.end()
    return found


def _split_column(rows: list[list[tuple[int, str]]]) -> int | None:
    """Where the right column starts: the leftmost second part of a line whose right part is the motto or the
    place and date; None when no line has two parts of that kind."""
    starts = [row[1][0] for row in rows if len(row) == 2 and (is_motto(row[1][1]) or _PLACE_DATE.search(row[1][1]))]
    return min(starts) if starts else None
