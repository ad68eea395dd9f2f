"""The webhook server against real loopback clients: slow ones, huge or broken bodies, too many connections."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.webhook_server import WebhookServer

SECRET = "s3cret-token"
READ_TIMEOUT = 1.0  # short, so the slow clients are dropped quickly; every wait below is several times longer


class Server:
    """A webhook server on a free loopback port, recording the updates it handled."""

    def __init__(self, **limits: Any) -> None:
        self.handled: list[dict[str, Any]] = []
        self.web = WebhookServer("/hook", "X-Secret", SECRET, self._handle, read_timeout=READ_TIMEOUT, **limits)
        self.port = 0

    async def _handle(self, payload: dict[str, Any]) -> None:
        self.handled.append(payload)

    async def connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.open_connection("127.0.0.1", self.port)

    async def post(self, body: bytes, length: int | str | None = None, secret: str = SECRET) -> int:
        """POST body (with a declared length, its own by default); the HTTP status answered."""
        reader, writer = await self.connect()
        writer.write(head(len(body) if length is None else length, secret) + body)
        return await status_of(reader, writer)


def head(length: int | str, secret: str = SECRET) -> bytes:
    return f"POST /hook HTTP/1.1\r\nHost: bot\r\nX-Secret: {secret}\r\nContent-Length: {length}\r\n\r\n".encode()


async def status_of(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> int:
    """The status of the answer on this connection (read to its end), then close it."""
    try:
        answer = await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()
    return int(answer.split(b" ", 2)[1])


async def closed_by_server(reader: asyncio.StreamReader) -> bool:
    """True when the server closes this connection (within a generous bound) without answering."""
    try:
        return await asyncio.wait_for(reader.read(), 10) == b""
    except ConnectionError:
        return True


UPDATE = json.dumps({"update_id": 1, "message": {"text": "chỉ tiêu"}}, ensure_ascii=False).encode()


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    served = Server()
    served.port = await served.web.start("127.0.0.1", 0)
    yield served
    await served.web.stop()


async def limited(max_connections: int) -> Server:
    served = Server(max_connections=max_connections)
    served.port = await served.web.start("127.0.0.1", 0)
    return served


async def test_a_silent_client_holds_up_no_one_and_its_drop_is_logged_once(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.webhook_server")
    silent_reader, silent = await server.connect()
    silent.write(head(len(UPDATE)))  # the head, then nothing
    await silent.drain()
    assert await server.post(UPDATE) == 200  # answered while the silent one still waits
    assert server.handled == [json.loads(UPDATE)] and not silent_reader.at_eof()
    assert await closed_by_server(silent_reader)
    silent.close()
    lines = [r for r in caplog.records if "too slow" in r.getMessage()]
    assert len(lines) == 1 and lines[0].exc_info is None and "127.0.0.1" in lines[0].getMessage()


async def test_a_trickled_body_is_cut_off_at_the_read_timeout_not_per_byte(server: Server) -> None:
    reader, writer = await server.connect()
    writer.write(head(100))
    trickled = 0
    closed = asyncio.create_task(closed_by_server(reader))
    while not closed.done() and trickled < 100:  # one byte every 0.1 s would take 10 s
        writer.write(b" ")
        trickled += 1
        await asyncio.sleep(0.1)
    assert await closed and trickled < 100
    writer.close()
    assert server.handled == [] and await server.post(UPDATE) == 200


async def test_a_20_mb_body_gets_413_before_it_is_read_and_the_next_update_is_answered(server: Server) -> None:
    reader, writer = await server.connect()
    writer.write(head(20_000_000) + b"[" * 65536)  # the rest of the 20 MB is never even sent
    assert await status_of(reader, writer) == 413
    assert await server.post(UPDATE) == 200 and server.handled == [json.loads(UPDATE)]


BROKEN = {
    "cut-off": b'{"update_id": 1, "message": ',
    "not-utf8": b"\xff\xfe not utf-8",
    "array": b"[1, 2, 3]",
    "string": b'"text"',
    "deep-arrays": b"[" * 100_000,
    "deep-objects": b'{"a": ' * 50_000,
}


@pytest.mark.parametrize("body", BROKEN.values(), ids=BROKEN.keys())
async def test_a_broken_or_non_object_body_gets_400_and_the_next_update_is_answered(
    server: Server, body: bytes
) -> None:
    assert await server.post(body) == 400
    assert await server.post(UPDATE) == 200 and server.handled == [json.loads(UPDATE)]


@pytest.mark.parametrize("length", ["abc", "-5", "1e3"])
async def test_a_length_that_is_not_a_number_gets_400(server: Server, length: str) -> None:
    assert await server.post(UPDATE, length=length) == 400
    assert server.handled == []


async def test_a_wrong_secret_gets_403_unread(server: Server) -> None:
    assert await server.post(UPDATE, secret="guess") == 403 and server.handled == []


async def test_past_the_connection_limit_a_client_gets_503_at_once_and_is_served_once_a_slot_frees(
    caplog: pytest.LogCaptureFixture,
) -> None:
    served = await limited(2)
    try:
        idle = [await served.connect() for _ in range(2)]
        for _ in range(200):
            if served.web.open_connections == 2:
                break
            await asyncio.sleep(0.01)
        assert served.web.open_connections == 2
        assert await served.post(UPDATE) == 503
        assert await served.post(UPDATE) == 503
        for _, writer in idle:
            writer.close()
        for _ in range(200):
            if served.web.open_connections == 0:
                break
            await asyncio.sleep(0.01)
        assert await served.post(UPDATE) == 200 and served.handled == [json.loads(UPDATE)]
    finally:
        await served.web.stop()
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1  # two refusals, one line
