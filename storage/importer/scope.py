"""Where a section sits in a plan: its scope (targets, results, duties, budgets), project and year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.importer.model import DocSection, Document
from storage.language.projects import heading_project, project_name
from storage.language.projects import projects_in as projects_in
from storage.language.text import fold, nfc

_MARKUP = re.compile(r"[*_`#>]+|<sup>.*?</sup>|\\")
_LEAD_NUMBER = re.compile(
    r"^\s*(?:(?:phần|chương)\s+(?:thứ\s+\w+|[IVXLC]+|\d+)\s*[.:)\-–]?|(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/])\s*",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\bnam (20\d\d)\b")
_SCOPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("result", ("ket qua",)),
    ("budget", ("kinh phi", "nguon von")),
    ("duty", ("nhiem vu", "giai phap", "to chuc thuc hien", "phan cong", "trach nhiem")),
    ("target", ("muc tieu", "chi tieu")),
)


@dataclass
class Place:
    """The scope, year and project of one section, as read from its headings."""

    scope: str | None  # "target" | "result" | "duty" | "budget" | None
    year: int | None  # a year the headings state
    project: str | None


def clean(text: str) -> str:
    """NFC text without Markdown marks and footnote markers."""
    return nfc(_MARKUP.sub("", text))


def bare_heading(heading: str) -> str:
    """A heading without its number and trailing colon: "2.6. Phòng Tài chính:" -> "Phòng Tài chính"."""
    text = _LEAD_NUMBER.sub("", clean(heading), count=1)
    return text.strip().rstrip(":.").strip()


def chain(document: Document, section: DocSection) -> list[DocSection]:
    """The section and its ancestors, nearest first."""
    found = [section]
    seen = {section.index}
    while found[-1].parent is not None and found[-1].parent not in seen:
        parent = document.sections[found[-1].parent]
        seen.add(parent.index)
        found.append(parent)
    return found


def heading_scope(heading: str) -> str | None:
    """The scope a heading opens, when it is a scope heading ("II. MỤC TIÊU", "IV. KINH PHÍ...")."""
    text = fold(bare_heading(heading))
    if len(re.sub(r"\([^)]*\)", "", text).split()) > 12:
        return None
    for scope, keys in _SCOPES:
        if any(text.startswith(key) or (scope != "duty" and f" {key}" in f" {text}") for key in keys):
            return scope
    return None


def _is_title(heading: str) -> bool:
    """A heading that names a part ("II. CHỈ TIÊU NĂM 2024"), not an item's whole sentence."""
    return len(re.sub(r"\([^)]*\)", "", bare_heading(heading)).split()) <= 12


def place_of(document: Document, section: DocSection) -> Place:
    """Scope, year and project of a section, from the nearest headings that state them."""
    scope = year = None
    sub: int | None = None
    main: int | None = None
    for item in chain(document, section):
        scope = scope or heading_scope(item.heading)
        match = _YEAR.search(fold(bare_heading(item.heading))) if _is_title(item.heading) else None
        if year is None and match:
            year = int(match.group(1))
        project = heading_project(bare_heading(item.heading))
        if project and project[0] == "tiểu dự án" and sub is None and main is None:
            sub = project[1]
        elif project and project[0] == "dự án" and main is None:
            main = project[1]
    return Place(scope, year, project_name(sub, main))


def plan_year(document: Document) -> int | None:
    """The plan's year: the header's, else the first "năm 20xx" of the title."""
    if document.header.year:
        return document.header.year
    match = _YEAR.search(fold(document.header.title))
    return int(match.group(1)) if match else None


def section_lines(section: DocSection) -> list[str]:
    """The body lines of a section, cleaned, with the text that follows a heading's colon first."""
    lines = [clean(line) for line in section.lines]
    return [line for line in lines if line]


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at ". " before a capital letter or a dash."""
    sentences: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?]\s+(?=\S)", text):
        following = text[match.end()]
        if following.isupper() or following in "-+":
            sentences.append(text[start : match.end()].strip())
            start = match.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]
