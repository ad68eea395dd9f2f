"""Projects and sub-projects a text names: "Dự án 3", "Tiểu dự án 1 thuộc Dự án 3"; the one parser of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.language.normalize import fold_expand
from storage.language.text import fold

# On folded, expanded text. A sub-project joins the project after it when a link word ("thuộc", "của",
# "-", ",") or nothing but spaces stands between them: "Tiểu dự án 1 và Dự án 3" are two.
_MENTION = re.compile(
    r"\btieu du an\s*(\d+)(?:(?:[^;.]{0,90}?(?:\bthuoc|\bcua|-|,))?\s*\bdu an\s*(\d+))?|(?<!tieu )\bdu an\s*(\d+)"
)
_AT_START = re.compile(r"^(tieu )?du an\s*(\d+)\b")
_ANY = re.compile(r"\b(tieu )?du an\s*(\d+)")


@dataclass(frozen=True)
class ProjectRef:
    """A project mention: the sub-project number, the project number, or both."""

    sub: int | None
    main: int | None

    @property
    def name(self) -> str | None:
        """ "Tiểu dự án 2 - Dự án 6", "Dự án 1", "Tiểu dự án 2" or None."""
        return project_name(self.sub, self.main)


def project_name(sub: int | None, main: int | None) -> str | None:
    """ "Tiểu dự án 2 - Dự án 6", "Dự án 1", "Tiểu dự án 2" or None."""
    if sub is not None and main is not None:
        return f"Tiểu dự án {sub} - Dự án {main}"
    if sub is not None:
        return f"Tiểu dự án {sub}"
    return f"Dự án {main}" if main is not None else None


def mentions(folded: str) -> list[ProjectRef]:
    """Every project a folded text names, in order."""
    found: list[ProjectRef] = []
    for match in _MENTION.finditer(folded):
        if match.group(1):
            ref = ProjectRef(int(match.group(1)), int(match.group(2)) if match.group(2) else None)
        else:
            ref = ProjectRef(None, int(match.group(3)))
        if ref not in found:
            found.append(ref)
    return found


def projects_in(text: str) -> list[str]:
    """The names of the projects a text names: "Tiểu dự án 1 thuộc dự án 3" -> "Tiểu dự án 1 - Dự án 3"."""
    return [ref.name for ref in mentions(fold(text)) if ref.name]


def project_key(text: str | None) -> tuple[str | None, str | None]:
    """("1", "3") for "Tiểu dự án 1 - Dự án 3"; (None, "2") for "Dự án 2"; (None, None) when none is named."""
    found = mentions(fold_expand(text or ""))
    if not found:
        return None, None
    first = found[0]
    return (str(first.sub) if first.sub is not None else None, str(first.main) if first.main is not None else None)


def heading_project(heading: str) -> tuple[str, int] | None:
    """("tiểu dự án" | "dự án", number) when a heading's text opens with a project."""
    match = _AT_START.match(fold(heading))
    if not match:
        return None
    return ("tiểu dự án" if match.group(1) else "dự án", int(match.group(2)))


def project_number(folded: str) -> str | None:
    """The project number a folded question names ("du an 4" -> "4"), when it names exactly one project."""
    found = {str(ref.main) for ref in mentions(folded) if ref.main is not None}
    return found.pop() if len(found) == 1 else None


def names_project(text: str, sub: str | None, main: str | None) -> bool:
    """Whether a text names the project (and the sub-project, when given)."""
    if main is None:
        return False
    number = int(main)
    return any(ref.main == number and (sub is None or ref.sub == int(sub)) for ref in mentions(fold_expand(text)))


def compact_projects(folded: str) -> str:
    """ "du an 4" -> "duan4", "tieu du an 1" -> "tieuduan1": one word, so the number stays with it."""
    return _ANY.sub(lambda m: ("tieuduan" if m.group(1) else "duan") + m.group(2), folded)
