"""The fact revision: it moves with every commit that changes facts, so the core never answers from stale ones."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.messages import IncomingMessage
from handlers.snapshot import load
from storage.accounts.operations import add_user, remove_user
from storage.conversation.state import save_state
from storage.importer import import_paths
from storage.models import FundingSource, Target, Unit
from storage.probe import probe
from storage.revision import FACTS, FactRevision
from tests.conftest import NOW, PLANS

Sessions = async_sessionmaker[AsyncSession]


async def _revision(sessions: Sessions, counter: int = FACTS) -> int:
    async with sessions() as session:
        return int((await session.execute(select(FactRevision.value).where(FactRevision.id == counter))).scalar_one())


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


async def test_the_core_sees_a_funding_source_changed_in_place(sessions: Sessions) -> None:
    (outcome,) = await import_paths(sessions, [PLANS / "huyen-tho-xuan-2024.txt"], now=NOW)
    assert outcome.ok
    async with sessions() as session:
        before = await load(session)
        source = (await session.execute(select(FundingSource))).scalars().first()
        assert source is not None
        source.source = "vốn vay ưu đãi"
        await session.commit()
    async with sessions() as session:
        after = await load(session)
    assert after is not before
    assert any(row.id == source.id and row.source == "vốn vay ưu đãi" for row in after.funding)


async def test_indexes_are_built_once_per_snapshot_and_afresh_after_a_change(sessions: Sessions) -> None:
    (outcome,) = await import_paths(sessions, [PLANS / "huyen-tho-xuan-2024.txt"], now=NOW)
    assert outcome.ok
    async with sessions() as session:
        reply = await respond(session, IncomingMessage("tg", "9", "chỉ tiêu xã Xuân Bái", NOW))
        first = await load(session)
        units, quotas = first.indexes.units, first.indexes.quotas
        assert units is not None and quotas is not None and "Xuân Bái" in reply.text
        await respond(session, IncomingMessage("tg", "9", "chỉ tiêu xã Xuân Bái", NOW))
        assert first.indexes.units is units and first.indexes.quotas is quotas  # reused, not rebuilt
        target = (await session.execute(select(Target).where(Target.value == 4))).scalars().first()
        assert target is not None
        target.value = 6
        await session.commit()
    async with sessions() as session:
        after = await load(session)
    assert after.indexes.units is None and after.indexes.quotas is None  # built again on first use


async def test_memberships_read_by_the_probe_follow_changes(sessions: Sessions) -> None:
    (outcome,) = await import_paths(sessions, [PLANS / "huyen-tho-xuan-2024.txt"], now=NOW)
    assert outcome.ok

    async def ask(text: str) -> str:
        async with sessions() as session:
            reply = await respond(session, IncomingMessage("tg", "7", text, NOW))
            await session.commit()
        return reply.text

    assert "chưa đăng ký" in await ask("tiến độ")
    async with sessions() as session:
        unit = (await session.execute(select(Unit).where(Unit.key == "tho lam"))).scalar_one()
        await add_user(session, "tg:7", unit, NOW)
        await session.commit()
    assert "Tiến độ của Xã Thọ Lâm" in await ask("tiến độ")
    async with sessions() as session:
        await remove_user(session, "tg:7")
        await session.commit()
    assert "chưa đăng ký" in await ask("tiến độ")


async def test_probe_reads_version_memberships_and_state_kinds_at_once(sessions: Sessions) -> None:
    (outcome,) = await import_paths(sessions, [PLANS / "huyen-tho-xuan-2024.txt"], now=NOW)
    assert outcome.ok
    async with sessions() as session:
        units = {u.key: u for u in (await session.execute(select(Unit))).scalars()}
        await add_user(session, "tg:8", units["tho lam"], NOW, role="staff", post="công chức LĐ-TB&XH")
        await add_user(session, "tg:8", units["xuan bai"], NOW, role="manager")
        await save_state(session, "tg:8", "menu", {"choices": ["1"]}, NOW)
        await save_state(session, "tg:8", "confirm", {}, NOW)
        await session.commit()
    async with sessions() as session:
        found = await probe(session, "tg:8")
        stranger = await probe(session, "tg:9")
        snap = await load(session)
    assert found.memberships == [
        (units["tho lam"].id, "staff", "công chức LĐ-TB&XH"),
        (units["xuan bai"].id, "manager", None),
    ]
    assert found.state_kinds == {"menu", "confirm"}
    assert stranger.memberships == [] and stranger.state_kinds == set()
    assert found.facts == stranger.facts == snap.version and found.facts[0] > 0
