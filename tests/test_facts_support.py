"""Test support for the fact extractors: sample plans as Documents, and hand-built documents."""

from __future__ import annotations

import re

from storage.importer.model import DocSection, Document, Header, Table, UnitRef
from tests.conftest import PLANS

_NUMBER = re.compile(
    r"^(?:#+\s*)?(?:\*\*)?\s*(?:(Phụ lục\s*\d+)|([IVX]+|\d+(?:\.\d+)*)\.|([a-zđ])\))\s*(?=\S)|^(Phụ lục\s*\d+)"
)


def load_plan(name: str) -> Document:
    """A sample plan through the real parser when it exists, else through a rough private splitter."""
    text = (PLANS / name).read_text(encoding="utf-8")
    try:
        from storage.importer.structure import parse_document  # type: ignore[import-not-found]
    except ImportError:
        return rough_document(text)
    return parse_document(text)


def make_document(
    sections: list[tuple[str, str | None, list[str]]],
    year: int = 2024,
    issuer: UnitRef | None = None,
    tables: dict[int, list[Table]] | None = None,
) -> Document:
    """A Document from (label, parent label, lines) triples; the first line is the heading."""
    built: list[DocSection] = []
    by_label: dict[str, int] = {}
    for index, (label, parent, lines) in enumerate(sections):
        number = label.split(".")[-1]
        section = DocSection(index, by_label.get(parent or ""), number, label, lines[0], list(lines[1:]))
        section.tables = (tables or {}).get(index, [])
        by_label[label] = index
        built.append(section)
    header = Header(title=f"Kế hoạch năm {year}", year=year, issuer=issuer or UnitRef("Thử", "huyện"))
    return Document(header, built, "")


def rough_document(text: str) -> Document:
    """Split plan text into sections by their numbers (I., 1., 1.1., a), Phụ lục); enough for the extractor tests."""
    sections: list[DocSection] = []
    stack: list[tuple[int, int]] = []
    for raw in _joined_lines(text):
        line = raw.strip()
        match = _NUMBER.match(line) if len(line) < 400 else None
        if "\t" in raw and sections:
            _add_row(sections[-1], raw)
            continue
        if match and not line.startswith("-"):
            number = next(group for group in match.groups() if group)
            depth = _depth(number)
            while stack and stack[-1][0] >= depth:
                stack.pop()
            index = len(sections)
            label = number
            sections.append(DocSection(index, stack[-1][1] if stack else None, label, label, line))
            stack.append((depth, index))
        elif sections:
            sections[-1].lines.append(line)
    year = re.search(r"năm (20\d\d)", text)
    header = Header(title="Kế hoạch", year=int(year.group(1)) if year else None, issuer=UnitRef("Thử", "huyện"))
    return Document(header, sections, text)


def _depth(number: str) -> int:
    """Nesting depth of a section number."""
    if number.startswith("Phụ lục"):
        return 0
    if re.fullmatch(r"[IVX]+", number):
        return 1
    if re.fullmatch(r"[a-zđ]", number):
        return 9
    return 2 + number.count(".")


def _joined_lines(text: str) -> list[str]:
    """Non-blank lines, a line that starts in lower case joined to the one before."""
    lines: list[str] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if lines and raw.strip()[:1].islower() and "\t" not in raw and not re.match(r"[a-zđ]\)", raw.strip()):
            lines[-1] = lines[-1].rstrip() + " " + raw.strip()
        else:
            lines.append(raw)
    return lines


def _add_row(section: DocSection, raw: str) -> None:
    """Add a tab-separated row to the section's table; rows before the first numbered row are header."""
    cells = [cell.strip() for cell in raw.split("\t")]
    if not section.tables:
        section.tables.append(Table([], []))
    table = section.tables[-1]
    if not table.rows and not cells[0].isdigit():
        table.header.append(cells)
    else:
        table.rows.append(cells)
