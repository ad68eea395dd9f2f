"""A one-time invite code lets exactly one person in, even when two send it at the same moment."""

from __future__ import annotations

import asyncio
import os

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.accounts import operations as accounts
from storage.accounts.models import Invite, Membership
from storage.models import Unit
from tests.conftest import NOW
from tests.reporting_seed import say, seed


async def _invite(sessions: async_sessionmaker[AsyncSession]) -> str:
    """A fresh code for xã Xuân Bái."""
    async with sessions() as session:
        ids = await seed(session)
        unit = await session.get(Unit, ids.xuan_bai)
        assert unit is not None
        code = (await accounts.create_invite(session, unit, NOW)).code
        await session.commit()
    return code


async def _members(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        return len((await session.execute(select(Membership))).scalars().all())


async def test_a_code_read_before_someone_else_used_it_is_not_spent_again(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    code = await _invite(sessions)
    async with sessions() as first:
        seen_by_first = await accounts.find_invite(first, code)
        assert seen_by_first is not None and accounts.invite_usable(seen_by_first, NOW)
        await first.commit()  # SQLite serializes transactions: the other one goes in between
    async with sessions() as second:
        reply = await say(second, "tg:2", f"đăng ký {code}")
        assert reply is not None and "thành công" in reply.text
    async with sessions() as first:
        assert await accounts.use_invite(first, seen_by_first, "tg:1", NOW, name=None) is None
        await first.commit()
    async with sessions() as session:
        invite = (await session.execute(select(Invite))).scalar_one()
        assert invite.used_by == "tg:2"
    assert await _members(sessions) == 1


@pytest.mark.skipif(not os.environ.get("KEHOACH_TEST_DB"), reason="two concurrent writers need PostgreSQL")
async def test_two_people_sending_one_code_at_once_on_postgresql(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = await _invite(sessions)
    both_read = asyncio.Barrier(2)
    find = accounts.find_invite

    async def find_then_wait(session: AsyncSession, text: str) -> Invite | None:
        found = await find(session, text)
        await both_read.wait()  # each has seen the code unused before either spends it
        return found

    monkeypatch.setattr(accounts, "find_invite", find_then_wait)

    async def send(identity: str) -> str:
        async with sessions() as session:
            reply = await say(session, identity, f"đăng ký {code}")
            assert reply is not None
            return reply.text

    replies = await asyncio.wait_for(asyncio.gather(send("zalo:a"), send("zalo:b")), timeout=60)
    assert sum("thành công" in text for text in replies) == 1
    assert sum("người khác dùng" in text for text in replies) == 1
    assert await _members(sessions) == 1
