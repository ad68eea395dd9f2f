"""At INFO level the logs of real conversations (Telegram and Zalo, the real core) hold no token and no message text."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import TelegramConfig, ZaloConfig
from bot.runner import QUIET_LOGGERS, configure_logging
from bot.telegram_channel import TelegramChannel
from bot.zalo_channel import ZaloChannel
from storage.importer import import_paths
from tests.conftest import NOW
from tests.fake_botapi import FakeTelegram, FakeZalo, tg_text_update, zalo_text_update
from tests.fuzz_support import plan_files

TG_TOKEN = "987654:SECRET-tg-token-xyz"
ZALO_TOKEN = "5511:SECRET-zalo-token-xyz"
SECRET_WORDS = "Nguyễn Văn Mật 0912345678"  # stands for anything private a user may type
TEXTS = [f"chỉ tiêu giảm nghèo xã Xuân Bái {SECRET_WORDS}", f"đăng ký xã Thọ Lâm, {SECRET_WORDS}", "tiến độ"]


@pytest.fixture
def info_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Logging set up as `kehoach run` does (INFO, HTTP clients quiet), every record captured."""
    levels = {name: logging.getLogger(name).level for name in ("", *QUIET_LOGGERS)}
    configure_logging(verbose=False)
    caplog.handler.setLevel(logging.INFO)
    try:
        yield caplog
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def _assert_clean(caplog: pytest.LogCaptureFixture, token: str) -> None:
    assert caplog.records, "nothing was logged at all: the capture is not working"
    for record in caplog.records:
        line = record.getMessage() + (caplog.handler.format(record) if record.exc_info else "")
        assert token not in line and token.split(":")[1] not in line, f"token in log: {line}"
        assert "Mật" not in line and "0912345678" not in line, f"message text in log: {line}"


async def _plans(sessions: async_sessionmaker[AsyncSession]) -> None:
    outcomes = await import_paths(sessions, plan_files(), now=NOW)
    assert all(o.ok for o in outcomes)


async def test_telegram_logs_hold_no_token_and_no_text(
    sessions: async_sessionmaker[AsyncSession], info_logs: pytest.LogCaptureFixture
) -> None:
    await _plans(sessions)
    with FakeTelegram(TG_TOKEN) as api:
        channel = TelegramChannel(TelegramConfig(token=TG_TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            for n, text in enumerate(TEXTS, 1):
                api.push(tg_text_update(n, 1001, text))
            await api.wait_for(len(TEXTS), "sendMessage", timeout=30)
        finally:
            await channel.stop()
    _assert_clean(info_logs, TG_TOKEN)


async def test_zalo_logs_hold_no_token_and_no_text(
    sessions: async_sessionmaker[AsyncSession], info_logs: pytest.LogCaptureFixture
) -> None:
    await _plans(sessions)
    with FakeZalo(ZALO_TOKEN) as api:
        channel = ZaloChannel(ZaloConfig(token=ZALO_TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            for n, text in enumerate(TEXTS, 1):
                api.push(zalo_text_update(f"m{n}", "6d1f0a9c2b", text))
            await api.wait_for(len(TEXTS), "sendMessage", timeout=30)
        finally:
            await channel.stop()
    _assert_clean(info_logs, ZALO_TOKEN)


async def test_telegram_replies_are_plain_text_so_user_markup_is_never_rendered(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await _plans(sessions)
    with FakeTelegram(TG_TOKEN) as api:
        channel = TelegramChannel(TelegramConfig(token=TG_TOKEN, base_url=api.base_url), sessions, lambda: NOW)
        await channel.start()
        try:
            api.push(tg_text_update(1, 1001, "<b>chỉ tiêu</b> xã <a href='x'>Xuân Bái</a>"))
            api.push(tg_text_update(2, 1001, "Không tìm thấy <script>alert(1)</script> xã Hoàng Sa"))
            sent = await api.wait_for(2, "sendMessage", timeout=30)
        finally:
            await channel.stop()
    assert all("parse_mode" not in call for call in sent), "a reply was sent as HTML/Markdown"
