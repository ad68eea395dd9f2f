"""Zalo with the real conversation core: a registered user's quota, a stranger's report, a numbered pick."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import AccessConfig, Config, ZaloConfig
from bot.runner import build_channels
from bot.zalo_channel import ZaloChannel
from tests.conftest import NOW
from tests.fake_botapi import FakeZalo, zalo_text_update
from tests.reporting_seed import add, seed

TOKEN = "8899:zalo-core"
STAFF, STRANGER = "a1b2c3", "ffee99"


@pytest.fixture
async def zalo(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[FakeZalo]:
    """A polling Zalo channel over a database with Thọ Xuân's quotas and one staff member of Thọ Lâm."""
    async with sessions() as session:
        ids = await seed(session)
        await add(session, f"zalo:{STAFF}", ids.tho_lam)
        await session.commit()
    with FakeZalo(TOKEN) as api:
        channel = ZaloChannel(ZaloConfig(token=TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            yield api
        finally:
            await channel.stop()


async def test_registered_user_asks_a_quota_and_gets_it(zalo: FakeZalo) -> None:
    zalo.push(zalo_text_update("m1", STAFF, "chỉ tiêu giảm nghèo của xã tôi"))
    (reply,) = await zalo.wait_for(1, "sendMessage")
    assert reply["chat_id"] == STAFF
    assert "Thọ Lâm" in reply["text"] and "10 hộ nghèo" in reply["text"]


async def test_stranger_who_reports_is_asked_to_register_then_picks_by_number(zalo: FakeZalo) -> None:
    zalo.push(zalo_text_update("m1", STRANGER, "/baocao giam duoc 2 ho ngheo"))
    (reply,) = await zalo.wait_for(1, "sendMessage")
    assert "chưa đăng ký" in reply["text"] and "1. " in reply["text"] and "Trả lời bằng số" in reply["text"]
    zalo.push(zalo_text_update("m2", STRANGER, "1"))
    replies = await zalo.wait_for(2, "sendMessage")
    assert "đăng ký" in replies[1]["text"].lower() and replies[1]["text"] != reply["text"]


async def test_closed_questions_in_config_reach_the_zalo_channel(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, f"zalo:{STAFF}", ids.tho_lam)
        await session.commit()
    with FakeZalo(TOKEN) as api:
        zalo = ZaloConfig(token=TOKEN, base_url=api.base_url)
        config = Config(zalo=zalo, access=AccessConfig(public_questions=False))
        (channel,) = build_channels(config, sessions, lambda: NOW)
        await channel.start()
        try:
            api.push(zalo_text_update("m1", STRANGER, "chỉ tiêu giảm nghèo xã Thọ Lâm"))
            api.push(zalo_text_update("m2", STAFF, "chỉ tiêu giảm nghèo xã Thọ Lâm"))
            stranger, staff = await api.wait_for(2, "sendMessage")
        finally:
            await channel.stop()
    assert "chưa đăng ký" in stranger["text"] and "10 hộ" not in stranger["text"]
    assert "10 hộ nghèo" in staff["text"]
