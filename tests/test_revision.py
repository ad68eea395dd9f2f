"""The fact revision: it moves with every commit that changes facts, so the core never answers from stale ones."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.cache import load
from storage.accounts import add_user
from storage.importer import import_paths
from storage.models import Target, Unit
from storage.revision import FactRevision
from storage.state import save_state
from tests.conftest import NOW, PLANS

Sessions = async_sessionmaker[AsyncSession]


async def _revision(sessions: Sessions) -> int:
    async with sessions() as session:
        return int((await session.execute(select(FactRevision.value))).scalar_one())


async def test_imports_move_the_revision_and_chat_state_does_not(sessions: Sessions) -> None:
    assert await _revision(sessions) == 0
    (outcome,) = await import_paths(sessions, [PLANS / "huyen-tho-xuan-2024.txt"], now=NOW)
    assert outcome.ok
    first = await _revision(sessions)
    assert first > 0
    async with sessions() as session:
        unit = (await session.execute(select(Unit).where(Unit.key == "xuan bai"))).scalar_one()
        await add_user(session, "tg:1", unit, NOW)
        await save_state(session, "tg:1", "menu", {"choices": []}, NOW)
        await session.commit()
    assert await _revision(sessions) == first  # users and conversation state are not facts
    async with sessions() as session:
        await session.execute(update(Target).where(Target.unit_id == unit.id).values(value=5))
        await session.rollback()
    assert await _revision(sessions) == first  # nothing committed, nothing moved


async def test_the_core_sees_a_value_changed_in_place(sessions: Sessions) -> None:
    (outcome,) = await import_paths(sessions, [PLANS / "huyen-tho-xuan-2024.txt"], now=NOW)
    assert outcome.ok
    async with sessions() as session:
        before = await load(session)
        target = (await session.execute(select(Target).where(Target.value == 4))).scalars().first()
        assert target is not None
        target.value = 6  # same row count, same ids: only the revision tells
        await session.commit()
    async with sessions() as session:
        after = await load(session)
    assert after is not before
    assert any(row.id == target.id and row.value == 6 for row in after.targets)
