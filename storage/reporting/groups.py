"""The groups a plan puts its targets in: a labelled list item of the section ("- Về việc làm:", "a) Y tế:")
heads the targets written after it, up to the next item with the same mark."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.text import fold
from storage.models import Section, Target

# A list mark, then a label of at most 8 words ending in ":" ("- Về việc làm:", "+ Giáo dục, đào tạo:").
_LABEL = re.compile(r"^[ \t]*([-–+•*]|[a-zđ]\)|\d+\.)[ \t]*([^:\n]{2,60}?)[ \t]*:", re.MULTILINE)
_ABOUT = re.compile(r"^(về|ve)\s+", re.IGNORECASE)  # "Về việc làm" is the group "việc làm"
MAX_LABEL_WORDS = 8


def labels(body: str) -> list[tuple[int, str, str]]:
    """(position, mark kind, label) of each labelled list item of a section body."""
    found = []
    for match in _LABEL.finditer(body):
        label = _ABOUT.sub("", match.group(2).strip())
        if label and len(label.split()) <= MAX_LABEL_WORDS and not re.search(r"\d", label):
            mark = match.group(1)
            found.append((match.start(), mark if not mark[0].isalnum() else mark[-1], label))
    return found


def group_in(body: str, text: str) -> str | None:
    """The label heading the passage text in body (None when no labelled item holds it)."""
    folded_body, needle = fold(body), fold(text)
    at = folded_body.find(needle) if needle else -1
    if at < 0 and needle:
        at = folded_body.find(needle[:60])  # the clause as stored may end before the body's sentence does
    if at < 0:
        return None
    items = labels(body)
    before = [item for item in items if item[0] <= at]
    if not before:
        return None
    position, mark, label = before[-1]
    closed = any(p > position and m == mark for p, m, _ in items if p <= at)
    return None if closed else label


async def target_groups(session: AsyncSession, targets: list[Target]) -> dict[int, str]:
    """target id -> the label of the group the plan puts it in, for the targets that have one."""
    ids = {t.section_id for t in targets if t.section_id is not None}
    if not ids:
        return {}
    rows = (await session.execute(select(Section.id, Section.body).where(Section.id.in_(ids)))).all()
    bodies = {section_id: body for section_id, body in rows}
    groups = {}
    for target in targets:
        body = bodies.get(target.section_id or 0) or ""
        label = group_in(body, target.text or "") if body and target.text else None
        if label is not None:
            groups[target.id] = label
    return groups
