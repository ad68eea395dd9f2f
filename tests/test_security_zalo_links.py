"""Zalo file links are bearer links: each is unguessable, serves one file of the person it was sent to, and
nothing near it serves anything (expiry and restarts: test_zalo_files.py)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from urllib.parse import unquote

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import dispatch
from handlers.messages import Attachment, IncomingMessage, Reply
from tests.fake_botapi import FakeZalo, zalo_text_update
from tests.test_zalo_files import HEADERS, PUBLIC, TOKEN, local, started

USERS = ("6d1f0a9c2b", "a7e3b5c1d9")
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def own_sheets(monkeypatch: pytest.MonkeyPatch) -> None:
    """A core that answers everyone with a sheet of their own."""

    async def respond(session: AsyncSession, message: IncomingMessage) -> Reply:
        content = f"PK\x03\x04 tiến độ của {message.user_id}".encode()
        return Reply("Tiến độ:", attachments=[Attachment("tien-do.xlsx", content, SHEET_TYPE)])

    monkeypatch.setattr(dispatch, "respond", respond)


@pytest.fixture
async def api() -> AsyncIterator[FakeZalo]:
    with FakeZalo(TOKEN) as fake:
        yield fake


def _link(texts: list[str]) -> str:
    (link,) = re.findall(r"https://\S+", "\n".join(texts))
    return link


async def test_each_link_serves_only_its_recipients_file_and_nothing_near_it_serves_anything(
    api: FakeZalo, sessions: async_sessionmaker[AsyncSession], own_sheets: None
) -> None:
    channel = await started(api, sessions)
    links: dict[str, str] = {}
    try:
        async with httpx.AsyncClient() as client:
            for n, user in enumerate(USERS):
                await client.post(local(channel, PUBLIC), json=zalo_text_update(f"m{n}", user, "xuất"), headers=HEADERS)
                sent = await api.wait_for(2 * (n + 1), "sendMessage")
                links[user] = _link([m["text"] for m in sent if m["chat_id"] == user])
            served = {user: await client.get(local(channel, link)) for user, link in links.items()}
            names = [unquote(link.rsplit("/", 1)[1]) for link in links.values()]
            near = [
                *(f"{PUBLIC}/files/{name[:-6]}{'A' if name[-6] != 'A' else 'B'}{name[-5:]}" for name in names),
                f"{PUBLIC}/files/{names[0][:20]}.xlsx",
                f"{PUBLIC}/files/",
                f"{PUBLIC}/files/..%2F..%2Fetc%2Fpasswd",
                f"{PUBLIC}/files/1.xlsx",
            ]
            statuses = [(await client.get(local(channel, url))).status_code for url in near]
            posted = await client.post(local(channel, links[USERS[0]]), headers=HEADERS, json={})
    finally:
        await channel.stop()
    for user in USERS:
        assert served[user].status_code == 200 and served[user].content.endswith(user.encode())
        assert served[user].headers["cache-control"] == "private, no-store"
    assert statuses == [404] * len(near) and posted.status_code == 404
    tokens = [name.removesuffix(".xlsx") for name in names]
    assert all(len(token) >= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", token) for token in tokens)  # 192 random bits
    assert tokens[0][:4] != tokens[1][:4]  # not a counter or a shared prefix one could walk from
