"""Lists of bodies as written: "Sở Tư pháp; Sở Văn hóa, Thể thao và Du lịch và các sở, ngành liên quan"."""

from __future__ import annotations

import re

from storage.importer.assignees import starts_with_head

_SEPARATOR = re.compile(r"\s*;\s*|\s*,\s*|\s+và\s+")
_COMMA = re.compile(r"\s*;\s*|\s*,\s*")


def body_names(text: str, *, at_and: bool = True) -> list[str]:
    """The bodies a list names, each whole.

    A piece after a comma or "và" starts a new name only when it opens like one ("Sở", "UBND", "các sở"...);
    otherwise it belongs to the name before ("Sở Văn hóa, Thể thao và Du lịch"), so a group written as
    "các sở, ban, ngành" stays one name that the units under it can match. A semicolon always separates.
    at_and: "và" may separate two names; off for long lists whose items hold "và" ("Văn phòng Đoàn ĐBQH và HĐND tỉnh").
    """
    splitter = _SEPARATOR if at_and else _COMMA
    names: list[str] = []
    for clause in re.split(r"\s*;\s*", text.strip(" .;")):
        pieces = splitter.split(clause)
        separators = splitter.findall(clause)
        current = pieces[0].strip(" .")
        for separator, piece in zip(separators, pieces[1:], strict=True):
            piece = piece.strip(" .")
            if starts_with_head(piece) and current:
                names.append(current)
                current = piece
            else:
                current = f"{current}{separator}{piece}" if current else piece
        if current:
            names.append(current)
    return [_capitalised(name) for name in names if any(char.isalpha() for char in name)]


def _capitalised(name: str) -> str:
    """ "các sở, ngành" -> "Các sở, ngành"."""
    return name[:1].upper() + name[1:]
