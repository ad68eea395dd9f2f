"""Text -> Document: the header and the numbered sections of a Vietnamese administrative plan.

Numbering styles ("Phần thứ nhất", "I.", "1.", "1.1.", "a)", appendices "Phụ lục 01") nest by a
style stack: a style already open is a sibling, a new style is a child. Bullets ("-", "+") stay
as lines of their section. Tables (tab-separated rows) belong to the section they appear in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from storage.importer.header import parse_header
from storage.importer.header_columns import unfold_header_columns
from storage.importer.limits import UnreadableDocument
from storage.importer.lines import Line, Marker, is_closing_start, is_upper, match_marker, paragraphs
from storage.importer.model import MERGED_ABOVE, DocSection, Document, Table
from storage.language.text import parse_number

PREAMBLE_LABEL = "Mở đầu"
_ROOT_STYLES = {"part", "appendix"}
_LEAD = re.compile(r"^(?P<lead>[^:;]{2,100}?)\s*:\s*(?P<rest>.*)$")
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?-?\s*\d{1,3}\s*-?$", re.IGNORECASE)
_PLAN_SYMBOL = re.compile(r"KH", re.IGNORECASE)
_DATA_START = re.compile(r"^(?:\d{1,4}\.?|[IVX]{1,5}\.?|[a-zđ]\))$")


def parse_document(text: str) -> Document:
    """Read the header and numbered sections of a plan's text."""
    lines = paragraphs(unfold_header_columns(text))
    first = next((i for i, line in enumerate(lines) if _section_marker(line) is not None), len(lines))
    front = [line.text for line in lines[:first] if not line.table]
    builder = _Builder()
    closing = builder.read(lines[first:])
    header, preamble = parse_header(front, closing, "\n".join(line.text for line in lines))
    sections = builder.finish(preamble)
    return Document(header=header, sections=sections, text="\n".join(line.text for line in lines))


def check_administrative(document: Document) -> None:
    """Refuse a text that is not an administrative plan: no document type "KẾ HOẠCH" heading, no number of a plan.

    By the standard every plan carries its type name above the title, and its number a "KH" symbol; a README or a
    news article that talks about plans carries neither.
    """
    header = document.header
    if header.has_type_heading or (header.number and _PLAN_SYMBOL.search(header.number)):
        return
    raise UnreadableDocument(
        "văn bản không phải một kế hoạch hành chính: không có tên loại văn bản «KẾ HOẠCH» đứng riêng trên tiêu đề "
        "và không có số, ký hiệu kế hoạch (Số: .../KH-...) theo thể thức văn bản hành chính"
    )


def _section_marker(line: Line) -> Marker | None:
    if line.table:
        return None
    marker = match_marker(line.text)
    return marker if marker is not None and marker.style != "bullet" else None


def split_item(rest: str) -> tuple[str, str]:
    """An item's heading and body: "Sở Y tế: Trực tiếp ..." -> ("Sở Y tế", "Trực tiếp ...")."""
    rest = rest.strip()
    match = _LEAD.match(rest)
    if match and not re.search(r"\d|\. ", match.group("lead")):
        return match.group("lead").strip(), match.group("rest").strip()
    if len(rest) <= 200 and ". " not in rest.rstrip("."):
        return rest.rstrip(" .:;,"), ""
    return "", rest


@dataclass
class _Open:
    """A section being filled, with what its label is built from."""

    style: str
    section: DocSection
    path: list[str]
    scope: str | None
    rows: list[list[str]] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)


class _Builder:
    """Walks the paragraphs after the header and builds the section tree."""

    def __init__(self) -> None:
        self.opened: list[_Open] = []  # every section, in order
        self.stack: list[_Open] = []
        self.appendix_labels: Counter[str] = Counter()
        self.title_pending: _Open | None = None

    def read(self, lines: list[Line]) -> list[str]:
        """Fill sections from lines; return the closing paragraphs (recipients, signature)."""
        closing: list[str] = []
        in_closing = False
        for line in lines:
            marker = _section_marker(line)
            if in_closing and (marker is None or marker.style != "appendix"):
                closing.append(line.text)
                continue
            if not line.table and is_closing_start(line.text):
                in_closing = True
                closing.append(line.text)
                continue
            in_closing = False
            self._add(line, marker)
        return closing

    def _add(self, line: Line, marker: Marker | None) -> None:
        current = self.stack[-1] if self.stack else None
        if marker is not None:
            self._open(marker, line.text)
        elif current is None:
            return
        elif line.table:
            self.title_pending = None
            current.rows.append(line.cells)
        elif current.rows and _PAGE_NUMBER.match(line.text):
            return
        elif self.title_pending is current and is_upper(line.text):
            heading = current.section.heading
            joiner = " " if ": " in heading or not heading else ": "
            current.section.heading = f"{heading}{joiner}{line.text}".strip()
        else:
            self.title_pending = None
            self._close_table(current)
            current.section.lines.append(line.text)

    def _open(self, marker: Marker, text: str) -> None:
        for entry in self.stack:
            self._close_table(entry)
        if marker.style in _ROOT_STYLES:
            self.stack = []
        elif any(entry.style == marker.style for entry in self.stack):
            while self.stack[-1].style != marker.style:
                self.stack.pop()
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        label, path, scope = self._label(marker, parent)
        heading, body = self._heading(marker, text)
        section = DocSection(
            index=len(self.opened),
            parent=parent.section.index if parent else None,
            number=marker.number,
            label=label,
            heading=heading,
            lines=[body] if body else [],
        )
        entry = _Open(marker.style, section, path, scope)
        self.opened.append(entry)
        self.stack.append(entry)
        self.title_pending = entry if marker.style in _ROOT_STYLES or not heading else None

    def _heading(self, marker: Marker, text: str) -> tuple[str, str]:
        if marker.style in _ROOT_STYLES:
            written = text[: len(text) - len(marker.rest)].strip(" .:-–")
            return (f"{written}: {marker.rest}" if marker.rest else written), ""
        return split_item(marker.rest)

    def _label(self, marker: Marker, parent: _Open | None) -> tuple[str, list[str], str | None]:
        if marker.style == "part":
            return f"Phần {marker.number}", [], f"Phần {marker.number}"
        if marker.style == "appendix":
            base = f"{marker.word or 'Phụ lục'} {marker.number}".strip()
            self.appendix_labels[base] += 1
            seen = self.appendix_labels[base]
            label = base if seen == 1 else f"{base} ({seen})"
            return label, [], label
        number = marker.number
        if parent is not None and parent.section.number and number.startswith(parent.section.number + "."):
            number = number[len(parent.section.number) + 1 :]
        path = [*(parent.path if parent else []), number]
        scope = parent.scope if parent else None
        label = ".".join(path) + (f" ({scope})" if scope else "")
        return label, path, scope

    @staticmethod
    def _close_table(entry: _Open) -> None:
        if entry.rows:
            entry.tables.append(entry.rows)
            entry.rows = []

    def finish(self, preamble: list[str]) -> list[DocSection]:
        """The sections in document order, a preamble section first when there is one."""
        for entry in self.opened:
            self._close_table(entry)
            entry.section.tables = [make_table(rows) for rows in entry.tables]
        sections = [entry.section for entry in self.opened]
        if not preamble:
            return sections
        for section in sections:
            section.index += 1
            section.parent = None if section.parent is None else section.parent + 1
        lead = DocSection(index=0, parent=None, number="", label=PREAMBLE_LABEL, heading="", lines=list(preamble))
        return [lead, *sections]


def make_table(rows: list[list[str]]) -> Table:
    """Split rows into header rows and data rows; pad every row to the same width."""
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    first_data = next((i for i, row in enumerate(padded) if _is_data_row(row)), None)
    if first_data is None or first_data > 4:
        first_data = 1
    header = [[cell.replace(MERGED_ABOVE, "") for cell in row] for row in padded[:first_data]]
    return Table(header=header, rows=_merged_down(padded[first_data:]))


def _merged_down(rows: list[list[str]]) -> list[list[str]]:
    """Data rows with each vertically merged cell given the text above it; a number is stated once, so a merged
    number stays blank below its first row (a quota shared by the rows is not each row's quota)."""
    out: list[list[str]] = []
    for row in rows:
        above = out[-1] if out else [""] * len(row)
        out.append([_below(cell, above[i]) if cell == MERGED_ABOVE else cell for i, cell in enumerate(row)])
    return out


def _below(cell: str, above: str) -> str:
    """A merged cell's text: the text above, unless that is a number."""
    return "" if not above or parse_number(above) is not None else above


def _is_data_row(row: list[str]) -> bool:
    first = next((cell for cell in row[:2] if cell), "")
    return bool(_DATA_START.match(first))
