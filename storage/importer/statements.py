"""Statements: every paragraph or bullet of a plan with its heading path and the subject a heading names.

Published renderings wrap headings across lines ("V. TỔ CHỨC" / "THỰC HIỆN", "1. Sở" / "Khoa học và Công
nghệ"); the structure parser then keeps the first piece as the heading and the rest as body lines. The duty and
deadline readers work on a copy whose headings are whole again, so a heading names its scope and its subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from storage.importer.assignees import VERB_RE, heading_assignee, is_assignee
from storage.importer.model import DocSection, Document
from storage.importer.scope import bare_heading, chain, clean
from storage.language.text import fold

_BULLET = re.compile(r"^\s*[-+•*–]\s*")
# Folded words a wrapped line can end on but a heading or a sentence cannot.
_CONNECTORS = ("va", "voi", "cua", "cac", "cho", "de", "trong", "tai", "ve", "theo", "hoac", "nhung", "thuoc")
_MAX_NAME_WORDS = 14
_NAME_LINE_WORDS = 10
_ENDINGS = (".", ";", ":", "!", "?", ")", "|")


@dataclass
class Statement:
    """One paragraph or bullet, the headings above it (outermost first) and the subject they name."""

    section: int
    text: str
    path: list[str]
    subject: str | None


def repaired(document: Document) -> Document:
    """A copy of the document whose sections have their wrapped headings joined back together."""
    return replace(document, sections=[_repair(section) for section in document.sections])


def _repair(section: DocSection) -> DocSection:
    """The section with the wrapped pieces of its heading moved from its lines back into it."""
    heading, lines = section.heading, join_wrapped_lines(section.lines)
    heading, lines = _join_upper(heading, lines)
    heading, lines = _name_line(heading, lines)
    heading, lines = _join_name(heading, lines)
    heading, lines = _join_wrapped(heading, lines)
    return replace(section, heading=heading, lines=lines)


def _join_upper(heading: str, lines: list[str]) -> tuple[str, list[str]]:
    """ "TỔ CHỨC" + "THỰC HIỆN": upper-case lines right after an upper-case heading continue it."""
    while heading and lines and _is_upper(heading) and _is_upper(lines[0]) and not _BULLET.match(lines[0]):
        heading, lines = f"{heading} {clean(lines[0]).strip()}", lines[1:]
    return heading, lines


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Lines cut mid-sentence joined: after a connecting word, or inside a bullet that has not ended yet."""
    joined: list[str] = []
    for line in (line for line in lines if any(char.isalnum() for char in line)):
        previous = joined[-1].rstrip() if joined else ""
        words = fold(previous).split()
        unfinished = bool(_BULLET.match(previous)) and not previous.endswith(_ENDINGS)
        if previous and not _BULLET.match(line) and (unfinished or (words and words[-1] in _CONNECTORS)):
            joined[-1] = f"{previous} {line.strip()}"
        else:
            joined.append(line)
    return joined


def _name_line(heading: str, lines: list[str]) -> tuple[str, list[str]]:
    """An item whose first line is only a body's name ("Công an tỉnh", "Các đoàn thể, tổ chức xã hội:")."""
    if heading.strip() or not lines or _BULLET.match(lines[0]):
        return heading, lines
    name = bare_heading(lines[0])
    named = lines[0].rstrip().endswith(":") or not (VERB_RE.search(fold(name)) or re.search(r"[.;]", name))
    if named and is_assignee(name) and len(name.split()) <= _NAME_LINE_WORDS:
        return name, lines[1:]
    return heading, lines


def _join_name(heading: str, lines: list[str]) -> tuple[str, list[str]]:
    """ "Sở" + "Khoa học và Công nghệ": a heading that is the start of a body's name, the name's rest after it."""
    if not heading or not lines or _BULLET.match(lines[0]) or heading.rstrip().endswith((".", ":", ";")):
        return heading, lines
    following = clean(lines[0]).strip()
    joined = f"{heading} {following}"
    if len(joined.split()) > _MAX_NAME_WORDS or re.search(r"[.;:]\s*\S", following):
        return heading, lines
    if is_assignee(bare_heading(joined)) and not is_assignee(bare_heading(heading)):
        return joined.rstrip(" :."), lines[1:]
    return heading, lines


def _join_wrapped(heading: str, lines: list[str]) -> tuple[str, list[str]]:
    """ "Phối hợp với Sở Giáo dục và" + "Đào tạo kiểm tra ...": a heading cut after a connecting word."""
    words = fold(heading).split()
    if not words or words[-1] not in _CONNECTORS or not lines or _BULLET.match(lines[0]):
        return heading, lines
    return "", [f"{heading} {lines[0].strip()}", *lines[1:]]


def _is_upper(text: str) -> bool:
    """Letters and no lower-case one."""
    letters = [char for char in clean(text) if char.isalpha()]
    return bool(letters) and not any(char.islower() for char in letters)


def heading_path(document: Document, section: DocSection) -> list[str]:
    """The bare headings from the outermost section down to this one (empty headings left out)."""
    return [bare_heading(item.heading) for item in reversed(chain(document, section)) if item.heading.strip()]


def heading_subject(document: Document, section: DocSection) -> str | None:
    """The body the nearest heading above (or of) the section names: "1. Sở Giáo dục và Đào tạo"."""
    for item in chain(document, section):
        assignee, _ = heading_assignee(item.heading)
        if assignee:
            return assignee
    return None


def statements(document: Document) -> list[Statement]:
    """Every paragraph and bullet of the (repaired) document with its heading path and subject."""
    found: list[Statement] = []
    for section in document.sections:
        path = heading_path(document, section)
        subject = heading_subject(document, section)
        for line in section.lines:
            text = _BULLET.sub("", clean(line)).strip()
            if text:
                found.append(Statement(section.index, text, path, subject))
    return found
