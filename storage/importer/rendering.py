"""Crawler-rendered Markdown -> paragraphs and table rows.

A web page rendered to Markdown by a crawler keeps the document's hard wraps (about 80 characters, also
inside headings, numbers and dates), its bold and italic markers (often split from the words they mark) and
its tables as one cell per line run between lone `|` lines: a row ends with two `|` lines in a row, an
empty cell also gives an extra lone `|`, and merged (group-heading) rows have fewer cells than the header.
The layout tables of the standard header (issuer | national motto; number | place and date) and of the
closing block (recipients | signature) are unfolded into paragraphs; other tables become rows of cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storage.importer.lines import Line, is_closing_start, is_upper, match_marker
from storage.importer.markdown import (
    ROW_GAP,
    emphasis_open,
    hard_break,
    is_rule,
    plain,
    starts_lowercase,
    whole_emphasis,
)
from storage.language.text import fold

_SOURCE_LINE = re.compile(r"^source:\s*\S+://\S+\s*$", re.IGNORECASE)
_MIN_PIPES = 4
_SENTENCE_END = (".", ";", ":", "!", "?", "./.")
_NUMBER_LABEL = re.compile(r"^Số\s*:?$", re.IGNORECASE)
_LAYOUT_CELL = re.compile(r"^(?:cong hoa xa hoi|so\s*:|noi nhan|tm\.|kt\.|tl\.|tuq\.)|, ngay\b")
_MAX_EMPHASIS_LINES = 8
_CATALOGUE_TITLE = re.compile(
    r"^(?:Kế hoạch|Quyết định|Chỉ thị|Thông báo|Báo cáo|Chương trình|Hướng dẫn|Nghị quyết|Công văn)"
    r"\s+\d+[/-][A-ZĐ]",
)


@dataclass
class _Table:
    """A pipe-rendered table: its cells in order, each a list of raw lines ([] for an empty one)."""

    segments: list[list[str]] = field(default_factory=list)


def is_pipe_rendered(text: str) -> bool:
    """Whether text is a crawler's Markdown page: tables drawn as lone `|` lines."""
    return text.count("\n|\n") >= _MIN_PIPES


def rendered_lines(text: str) -> list[Line]:
    """The paragraphs and table rows of a pipe-rendered page, wraps joined and emphasis dropped."""
    raw = document_span(text.split("\n"))
    blank_separated = sum(1 for line in raw if not line.strip()) * 20 >= len(raw)
    lines: list[Line] = []
    for item in _blocks(raw, blank_separated):
        if isinstance(item, _Table):
            lines.extend(_table_lines(item))
        else:
            lines.extend(join_block(item, cell=False, blank_separated=blank_separated))
    return lines


def document_span(raw: list[str]) -> list[str]:
    """The raw lines of the document itself: the page's chrome before its header and after its end cut off.

    The standard header (issuer beside the national motto) opens the document; after the signature the page
    may restate the document under its catalogue title ("Kế hoạch 980/KH-UBND năm 2025 ...", no "số") or add
    Markdown headings of its own: either closes it.
    """
    start = _header_start(raw)
    raw = raw[start:]
    closing = next((i for i, line in enumerate(raw) if fold(plain(line)).startswith("noi nhan")), None)
    if closing is None:
        return raw
    end = next((i for i in range(closing, len(raw)) if _page_chrome(raw[i])), len(raw))
    return raw[:end]


def _header_start(raw: list[str]) -> int:
    """Index of the lone `|` opening the issuer's cell beside the national motto; 0 without one."""
    motto = next((i for i, line in enumerate(raw[:400]) if fold(plain(line)).startswith("cong hoa xa")), None)
    if motto is None:
        return 1 if raw and _SOURCE_LINE.match(raw[0]) else 0
    pipes = [i for i in range(motto) if raw[i].strip() == "|"]
    return pipes[-2] if len(pipes) >= 2 else (pipes[-1] if pipes else 0)


def _page_chrome(line: str) -> bool:
    text = plain(line)
    return bool(_CATALOGUE_TITLE.match(text)) or (line.lstrip().startswith("#") and match_marker(text) is None)


def _blocks(raw: list[str], blank_separated: bool) -> list[list[str] | _Table]:
    """Split raw lines into paragraph blocks (runs between blank lines) and tables."""
    blocks: list[list[str] | _Table] = []
    block: list[str] = []
    index = 0
    while index < len(raw):
        line = raw[index]
        if line.strip() == "|":
            if block:
                blocks.append(block)
                block = []
            table, index = _read_table(raw, index, blank_separated)
            blocks.append(table)
            continue
        if not line.strip():
            if block:
                blocks.append(block)
                block = []
        else:
            block.append(line)
        index += 1
    if block:
        blocks.append(block)
    return blocks


def _read_table(raw: list[str], start: int, blank_separated: bool) -> tuple[_Table, int]:
    """The table opening at raw[start] (a lone `|`) and the index after it: a blank line ends it, or on a page
    without blank lines, a `|` after a full row that no other `|` follows."""
    table = _Table()
    cell: list[str] | None = None
    width: int | None = None  # cells of the first row, known at its closing double `|`
    run = 0  # cells since the last empty segment
    index = start + 1
    while index < len(raw):
        line = raw[index]
        if line.strip() == "|":
            segment = cell or []
            table.segments.append(segment)
            cell = []
            if not segment:
                if width is None and run:
                    width = run
                run = 0
            else:
                run += 1
            following = raw[index + 1] if index + 1 < len(raw) else ""
            if not following.strip() or (not blank_separated and _table_ends(table, width, run, following)):
                return table, index + 1
        elif ROW_GAP.match(plain(line)):  # part of the table left out: the row ends here
            table.segments.extend([cell, []] if cell else [[]])
            cell, run = None, 0
        else:
            cell = [*(cell or []), line]
        index += 1
    if cell:
        table.segments.append(cell)
    return table, index


def _table_ends(table: _Table, width: int | None, run: int, following: str) -> bool:
    """Whether the `|` just read closes the table (pages without blank lines say it no other way)."""
    if following.strip() == "|" or ROW_GAP.match(plain(following)):
        return False
    if width is not None:
        return run >= width
    cells = [fold(plain(" ".join(segment))) for segment in table.segments if segment]
    return run >= 2 and any(_LAYOUT_CELL.search(cell) for cell in cells) and not cells[0].startswith("cong hoa")


def table_rows(segments: list[list[str]]) -> list[list[str]]:
    """Rows of cell texts from the cell segments of a table, counting cells against the header row."""
    texts = [cell_text(segment) if segment else None for segment in segments]
    width = max(_run_length(texts, i) for i in range(len(texts))) if texts else 0  # the widest row: the header
    rows: list[list[str]] = []
    row: list[str] = []
    index = 0
    while index < len(texts):
        text = texts[index]
        index += 1
        if text is not None and ROW_GAP.match(text):
            rows, row = _close(rows, row), []
            continue
        if text is not None:
            row.append(text)
        elif row and _empty_cell(texts, index, len(row), width):
            row.append("")
        elif row:  # a short (merged) row ends
            rows, row = _close(rows, row), []
        elif _run_length(texts, index) == width - 1 and index < len(texts):
            row.append("")  # an empty first cell
        if len(row) >= width:
            rows, row = _close(rows, row), []
            if index < len(texts) and texts[index] is None:
                index += 1  # the `|` between two rows
    return [row[:width] if not any(row[width:]) else row for row in _close(rows, row)]


def _empty_cell(texts: list[str | None], index: int, filled: int, width: int) -> bool:
    """Whether the empty segment before texts[index] is an empty cell of a row with `filled` cells so far."""
    if index >= len(texts) or texts[index] is None:
        return True
    run = _run_length(texts, index)
    if filled + 1 + run == width:
        return True
    after = index + run
    trailing_empty = after + 1 < len(texts) and texts[after] is None and texts[after + 1] is None
    return filled + 2 + run == width and trailing_empty


def _run_length(texts: list[str | None], start: int) -> int:
    """How many non-empty cells follow from start before the next empty segment."""
    count = 0
    while start + count < len(texts) and texts[start + count] is not None:
        count += 1
    return count


def _close(rows: list[list[str]], row: list[str]) -> list[list[str]]:
    return [*rows, row] if any(row) else rows


def cell_text(segment: list[str]) -> str:
    """A data cell's lines joined into one text, emphasis dropped."""
    return " ".join(text for text in (plain(line) for line in segment) if text).strip()


def _table_lines(table: _Table) -> list[Line]:
    """A layout table unfolded into paragraphs, cell by cell; a data table as tab-separated rows."""
    filled = [segment for segment in table.segments if segment]
    if any(_LAYOUT_CELL.search(fold(cell_text(segment))) for segment in filled):
        return [line for segment in filled for line in join_block(segment, cell=True, blank_separated=True)]
    return [Line("\t".join(row), table=True) for row in table_rows(table.segments)]


def join_block(raw: list[str], *, cell: bool, blank_separated: bool) -> list[Line]:
    """The paragraphs of a block of raw lines: wraps joined, emphasis dropped.

    cell: a layout cell, whose lines are lines (issuer, post, name) unless a wrap is certain.
    blank_separated: blank lines separate paragraphs, so a block is one paragraph unless an item starts.
    """
    out: list[Line] = []
    previous: str | None = None  # the raw text of the open paragraph's emphasis run, or of its last line
    carried = 0
    for line in raw:
        text = plain(line)
        if is_rule(line):
            previous = None
            continue
        if not text:
            continue
        hard = line.lstrip().startswith("#")
        if out and previous is not None and not hard and _joins(previous, out[-1].text, text, cell, blank_separated):
            out[-1].text = f"{out[-1].text} {text}"
            out[-1].last_len = len(text)
            carried += 1
            open_run = emphasis_open(previous) and carried < _MAX_EMPHASIS_LINES
            previous = f"{previous} {line}" if open_run else line
            continue
        out.append(Line(text, hard=hard, last_len=len(text)))
        previous, carried = line, 0
    return out


def _closing(text: str) -> bool:
    """is_closing_start on a paragraph's opening only: a long paragraph is read once, not at every line."""
    return is_closing_start(text) if len(text) <= 60 else fold(text[:12]).startswith("noi nhan")


def _joins(previous_raw: str, paragraph: str, text: str, cell: bool, blank_separated: bool) -> bool:
    """Whether the line text continues the paragraph (a wrap), judged from the raw line before it."""
    if emphasis_open(previous_raw) or _NUMBER_LABEL.match(paragraph):
        return True
    if hard_break(previous_raw) or _closing(text) or _closing(paragraph):
        return False
    if match_marker(text) is not None:
        return not (paragraph.endswith(_SENTENCE_END) or is_upper(paragraph) or whole_emphasis(previous_raw))
    if starts_lowercase(text):
        return True
    if cell:
        return False
    if blank_separated:
        return not whole_emphasis(previous_raw)
    if paragraph.endswith(_SENTENCE_END) or whole_emphasis(previous_raw):
        return False
    if is_upper(paragraph):
        return is_upper(text)
    return len(plain(previous_raw)) >= 60
