"""A tiny asyncio HTTP server for webhooks: one POST path, a secret header, JSON bodies.

Wrong path -> 404, wrong method -> 405, wrong or missing secret -> 403 (the body is not even
parsed), bad JSON -> 400, otherwise the handler runs and the platform gets 200. `stop` closes
the socket and waits for the requests in flight, so nothing is cut off half-way.
`publish` also serves a file (a chart) at GET <path>/files/<random name>, for platforms that
fetch photos by URL (Zalo); the newest KEEP_FILES are kept, in memory.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Awaitable[None]]
MAX_BODY = 1_000_000
KEEP_FILES = 100
REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Too Large",
    500: "Internal Server Error",
}


class WebhookServer:
    """Serves POST path; a request must carry secret in header (case-insensitive name)."""

    def __init__(self, path: str, header: str, secret: str, handler: Handler) -> None:
        if not secret:
            raise ValueError("a webhook needs a secret token")
        self.path = path or "/"
        self.header = header.lower()
        self.secret = secret
        self.handler = handler
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0  # the port bound by start
        self.files: OrderedDict[str, tuple[bytes, str]] = OrderedDict()

    def publish(self, content: bytes, mime_type: str, suffix: str) -> str:
        """Serve content under a random name; the path to GET it."""
        name = secrets.token_urlsafe(18) + suffix
        self.files[name] = (content, mime_type)
        while len(self.files) > KEEP_FILES:
            self.files.popitem(last=False)
        return f"{self.path.rstrip('/')}/files/{name}"

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port (0 picks a free port); the port actually bound."""
        self._server = await asyncio.start_server(self._connection, host, port)
        bound = self.port = int(self._server.sockets[0].getsockname()[1])
        log.info("webhook server listening on %s:%s%s", host, bound, self.path)
        return int(bound)

    async def stop(self) -> None:
        """Stop accepting requests and let those in flight finish."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)  # type: ignore[arg-type]
        try:
            status, body, content_type = await self._request(reader)
            reason = REASONS.get(status, "Error")
            head = f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
            head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            writer.write(head.encode("latin-1") + body)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            log.debug("webhook connection dropped")
        finally:
            writer.close()
            if task is not None:
                self._tasks.discard(task)  # type: ignore[arg-type]

    async def _request(self, reader: asyncio.StreamReader) -> tuple[int, bytes, str]:
        """Read one request; the status, body and content type to answer."""
        method, target, headers = await _read_head(reader)
        path = target.split("?", 1)[0]
        if method == "GET" and path.startswith(f"{self.path.rstrip('/')}/files/"):
            found = self.files.get(path.rsplit("/", 1)[1])
            return (200, *found) if found else (404, b"", "text/plain")
        status = await self._update(method, path, headers, reader)
        return status, json.dumps({"ok": status == 200}).encode(), "application/json"

    async def _update(self, method: str, path: str, headers: dict[str, str], reader: asyncio.StreamReader) -> int:
        """Check and handle one posted update; the HTTP status."""
        if path != self.path:
            return 404
        if method != "POST":
            return 405
        if not hmac.compare_digest(headers.get(self.header, "").encode(), self.secret.encode()):
            log.warning("webhook call with a wrong secret refused")
            return 403
        length = int(headers.get("content-length", "0") or 0)
        if length > MAX_BODY:
            return 413
        try:
            payload = json.loads(await reader.readexactly(length)) if length else None
        except ValueError:
            return 400
        if not isinstance(payload, dict):
            return 400
        try:
            await self.handler(payload)
        except Exception:  # the platform retries; the update is deduplicated
            log.exception("webhook handler failed")
            return 500
        return 200


async def _read_head(reader: asyncio.StreamReader) -> tuple[str, str, dict[str, str]]:
    """The request line and headers (names lower-cased)."""
    raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
    lines = raw.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return method.upper(), target, headers
