"""Resolving the units a document names (a UnitRef chain) to Unit rows: find, else create, plus aliases."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.language.text import KIND_ABBREVIATIONS, display_kind, fold, kind_level, nfc, split_unit_name, unit_key
from storage.models import Unit, UnitAlias

if TYPE_CHECKING:  # storage.importer imports this module
    from storage.importer.model import UnitRef

PLAN_SOURCE = "plan"


class UnitResolver:
    """Resolves UnitRef chains within one session; remembers what it found for the rest of the import."""

    def __init__(self, session: AsyncSession, year: int | None = None) -> None:
        self.session = session
        self.year = year
        self._cache: dict[tuple[int | None, int | None, str], Unit] = {}
        self._aliases: dict[int, set[str]] = {}
        self.touched: set[int] = set()

    async def resolve(self, ref: UnitRef) -> Unit:
        """The Unit row of ref (its parents first), created with source "plan" when none exists."""
        parent = await self.resolve(ref.parent) if ref.parent is not None else None
        kind, name = ref_kind_name(ref)
        level = kind_level(kind) or (parent.level + 1 if parent is not None and parent.level else None)
        key = unit_key(name)
        cache_key = (parent.id if parent is not None else None, level, key)
        unit = self._cache.get(cache_key)
        if unit is None:
            unit = await self._find(parent, level, {key, fold(name)}, kind)
            if unit is None:
                unit = await self._create(parent, level, name, kind, key)
            self._cache[cache_key] = unit
        if unit.kind is None and kind is not None and unit.source == PLAN_SOURCE:
            unit.kind = kind  # a later spelling names the kind the first one left out
        await self._add_aliases(unit, ref.name, name, kind)
        self.touched.add(unit.id)
        return unit

    async def _find(self, parent: Unit | None, level: int | None, keys: set[str], kind: str | None) -> Unit | None:
        aliased = select(UnitAlias.unit_id).where(UnitAlias.key.in_(keys))
        query = select(Unit).where(or_(Unit.key.in_(keys), Unit.id.in_(aliased)))
        query = query.where(Unit.parent_id == parent.id) if parent is not None else query
        if level is not None:
            query = query.where(or_(Unit.level == level, Unit.level.is_(None)))
        candidates = list((await self.session.execute(query.order_by(Unit.id))).scalars())
        if kind is not None:
            candidates = [u for u in candidates if u.kind in (kind, None)] or candidates
        return self._choose(candidates, rooted=parent is not None)

    def _choose(self, candidates: list[Unit], rooted: bool) -> Unit | None:
        """The one candidate: valid in the plan's year first; a root only when it is unique."""
        if not candidates:
            return None
        valid = [u for u in candidates if valid_in(u, self.year)]
        pool = valid or candidates
        if len(pool) == 1:
            return pool[0]
        own = [u for u in pool if u.source == PLAN_SOURCE]
        if len(own) == 1:
            return own[0]
        return pool[0] if rooted else None

    async def _create(self, parent: Unit | None, level: int | None, name: str, kind: str | None, key: str) -> Unit:
        unit = Unit(
            name=name,
            kind=kind,
            level=level,
            key=key,
            parent_id=parent.id if parent is not None else None,
            source=PLAN_SOURCE,
        )
        self.session.add(unit)
        await self.session.flush()
        self._aliases[unit.id] = set()
        return unit

    async def _add_aliases(self, unit: Unit, written: str, name: str, kind: str | None) -> None:
        """Record every spelling seen: as written, with the full kind, and the bare name."""
        known = self._aliases.get(unit.id)
        if known is None:
            rows = await self.session.execute(select(UnitAlias.key).where(UnitAlias.unit_id == unit.id))
            known = self._aliases[unit.id] = set(rows.scalars())
        spellings = [nfc(written), name]
        if kind:
            spellings.append(f"{display_kind(kind)} {name}")
        for spelling in spellings:
            key = fold(spelling)
            if key and key not in known:
                known.add(key)
                self.session.add(UnitAlias(unit_id=unit.id, alias=spelling, key=key))


def ref_kind_name(ref: UnitRef) -> tuple[str | None, str]:
    """The kind and bare name of a ref; "TT Lam Sơn" without a kind reads as ("thị trấn", "Lam Sơn")."""
    kind, name = split_written(ref.name)
    if ref.kind:
        return ref.kind, (name if kind == ref.kind else nfc(ref.name))
    return kind, name


def split_written(name: str) -> tuple[str | None, str]:
    """split_unit_name, but a prefix must be written as the kind: "Lạng Sơn" is not "làng Sơn"."""
    written = nfc(name)
    kind, bare = split_unit_name(written)
    if kind is None:
        return None, written
    prefix = written[: len(written) - len(bare)].strip().rstrip(".").lower()
    if prefix == kind or fold(prefix) in KIND_ABBREVIATIONS or prefix == fold(prefix):
        return kind, bare
    return None, written


def valid_in(unit: Unit, year: int | None) -> bool:
    """Whether the unit existed at some time in the year (open dates count as valid)."""
    if year is None:
        return True
    if unit.valid_from is not None and unit.valid_from > date(year, 12, 31):
        return False
    return not (unit.valid_to is not None and unit.valid_to < date(year, 1, 1))
