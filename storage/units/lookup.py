"""Find units by name for accounts and reports: prefixes, abbreviations, folding; never guess."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.text import fold, nfc, split_unit_name, unit_key
from storage.models import Deadline, Plan, Target, Unit, UnitAlias


@dataclass
class UnitMatch:
    """The unit a name resolves to, or the candidates when it is ambiguous or unknown."""

    unit: Unit | None
    candidates: list[Unit] = field(default_factory=list)


# "xã Lam Sơn, tỉnh Thanh Hóa", "Lam Sơn (Thọ Xuân)", "xã Lam Sơn tỉnh Thanh Hóa": a name, then its places
_PLACES = re.compile(r"\s*[,;()]\s*|\s+-\s+|\s+›\s+|\s+(?=(?:tỉnh|huyện|thành phố|quận|thị xã|TP\.)\s)", re.I)


async def find_units(session: AsyncSession, name: str) -> list[Unit]:
    """Units a name means; places after it ("..., tỉnh Thanh Hóa") keep those whose nearest ancestors match."""
    head, *places = [part for part in _PLACES.split(nfc(name)) if part and part.strip()]
    units = await _named(session, head)
    if not places or not units:
        return units
    scored = [(await _place_distance(session, unit, places), unit) for unit in units]
    best = min((d for d, _ in scored if d is not None), default=None)
    return [unit for d, unit in scored if d is not None and d == best]


async def _place_distance(session: AsyncSession, unit: Unit, places: list[str]) -> int | None:
    """How far up the tree the places are found (the nearest match wins); None when one is missing."""
    chain = await ancestors(session, unit)
    total = 0
    for place in places:
        kind, _ = split_unit_name(place)
        key = unit_key(place)
        depth = next((n for n, a in enumerate(chain, 1) if a.key == key and (kind is None or a.kind == kind)), None)
        if depth is None:
            return None
        total += depth
    return total


async def _named(session: AsyncSession, name: str) -> list[Unit]:
    """Every unit whose bare name or alias folds to the name's bare part, kind respected when given."""
    kind, bare = split_unit_name(name)
    key = fold(bare)
    if not key:
        return []
    alias_hit = select(UnitAlias.unit_id).where(UnitAlias.key.in_([key, fold(name)]))
    query = select(Unit).where(or_(Unit.key == key, Unit.id.in_(alias_hit))).order_by(Unit.level, Unit.id)
    units = list((await session.execute(query)).scalars())
    if kind:
        same_kind = [u for u in units if u.kind == kind]
        units = same_kind or [u for u in units if u.kind is None]
    if fold(bare) != bare.lower():  # typed with diacritics: "Lam Sơn" is not "Lâm Sơn"
        typed = spelling(bare)
        units = [u for u in units if spelling(u.name) == typed] or units
    return units


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def spelling(name: str) -> tuple[tuple[str, str], ...]:
    """Per word: its letters with vowel shapes (â, ơ, đ...) and its tone, wherever the tone mark sits."""
    words = []
    for word in unicodedata.normalize("NFD", name.lower()).split():
        tones = "".join(sorted(c for c in word if c in _TONES))
        words.append(("".join(c for c in word if c not in _TONES), tones))
    return tuple(words)


async def holds_quota(session: AsyncSession, unit_id: int) -> bool:
    """Whether a plan assigns this unit a quota or target."""
    query = select(exists().where(Target.unit_id == unit_id, Target.kind.in_(("quota", "target"))))
    return bool((await session.execute(query)).scalar())


async def holds_facts(session: AsyncSession, unit_id: int) -> bool:
    """Whether any plan fact (target, deadline, issued plan) belongs to this unit."""
    for column in (Target.unit_id, Deadline.scope_unit_id, Plan.issuer_unit_id):
        if (await session.execute(select(exists().where(column == unit_id)))).scalar():
            return True
    return False


async def resolve_unit(session: AsyncSession, name: str) -> UnitMatch:
    """One unit for name: the only match, or the only one holding quotas, or the only one with facts."""
    units = await find_units(session, name)
    if len(units) <= 1:
        return UnitMatch(units[0] if units else None, units)
    for test in (holds_quota, holds_facts):
        kept = [u for u in units if await test(session, u.id)]
        if len(kept) == 1:
            return UnitMatch(kept[0], units)
        if kept:
            units = kept
    return UnitMatch(None, units)


async def unit_label(session: AsyncSession, unit: Unit) -> str:
    """ "Xã Xuân Bái (Huyện Thọ Xuân)": the unit with its parent, to tell namesakes apart."""
    if unit.parent_id is None:
        return unit.full_name
    parent = await session.get(Unit, unit.parent_id)
    return f"{unit.full_name} ({parent.full_name})" if parent else unit.full_name


async def ancestors(session: AsyncSession, unit: Unit) -> list[Unit]:
    """The unit's parents, nearest first."""
    chain: list[Unit] = []
    parent_id, seen = unit.parent_id, {unit.id}
    while parent_id is not None and parent_id not in seen:
        parent = await session.get(Unit, parent_id)
        if parent is None:
            break
        chain.append(parent)
        seen.add(parent.id)
        parent_id = parent.parent_id
    return chain


async def descendants(session: AsyncSession, unit_id: int) -> list[Unit]:
    """Every unit below unit_id, level by level."""
    found: list[Unit] = []
    frontier, seen = [unit_id], {unit_id}
    while frontier:
        rows = (await session.execute(select(Unit).where(Unit.parent_id.in_(frontier)))).scalars().all()
        children = [u for u in rows if u.id not in seen]
        seen.update(u.id for u in children)
        found.extend(children)
        frontier = [u.id for u in children]
    return found


async def is_within(session: AsyncSession, unit: Unit, above: Unit) -> bool:
    """Whether unit is `above` or lies below it in the tree."""
    return unit.id == above.id or any(a.id == above.id for a in await ancestors(session, unit))
