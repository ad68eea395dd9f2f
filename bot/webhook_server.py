"""A tiny asyncio HTTP server for webhooks: one POST path, a secret header, JSON bodies.

Wrong path -> 404, wrong method -> 405, wrong or missing secret -> 403 (the body is not even
parsed), bad JSON -> 400, otherwise the handler runs and the platform gets 200. `stop` closes
the socket and waits for the requests in flight, so nothing is cut off half-way.
With a `files` lookup it also serves GET <path>/files/<public name> (a chart, an export), for
platforms that fetch files by URL (Zalo): the lookup reads the file from the outbox, so a link
still works after a restart and from any process.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Awaitable[None]]
FileLookup = Callable[[str], Awaitable[tuple[bytes, str, str] | None]]  # public name -> (bytes, type, file name)
Answer = tuple[int, bytes, dict[str, str]]  # status, body, extra headers
MAX_BODY = 1_000_000
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

    def __init__(self, path: str, header: str, secret: str, handler: Handler, files: FileLookup | None = None) -> None:
        if not secret:
            raise ValueError("a webhook needs a secret token")
        self.path = path or "/"
        self.header = header.lower()
        self.secret = secret
        self.handler = handler
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.files = files
        self.port = 0  # the port bound by start

    def file_path(self, public_name: str) -> str:
        """The path under which a file with this public name is served."""
        return f"{self.path.rstrip('/')}/files/{quote(public_name)}"

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
            status, body, headers = await self._request(reader)
            head = f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}\r\n"
            head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
            head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            writer.write(head.encode("latin-1") + body)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            log.debug("webhook connection dropped")
        finally:
            writer.close()
            if task is not None:
                self._tasks.discard(task)  # type: ignore[arg-type]

    async def _request(self, reader: asyncio.StreamReader) -> Answer:
        """Read one request; the status, body and headers to answer."""
        method, target, headers = await _read_head(reader)
        path = target.split("?", 1)[0]
        if method == "GET" and path.startswith(f"{self.path.rstrip('/')}/files/"):
            return await self._file(path.rsplit("/", 1)[1])
        status = await self._update(method, path, headers, reader)
        return status, json.dumps({"ok": status == 200}).encode(), {"Content-Type": "application/json"}

    async def _file(self, public_name: str) -> Answer:
        """A published file, offered for download under its own name; 404 when unknown or expired."""
        try:
            found = await self.files(public_name) if self.files is not None else None
        except Exception:  # the database may be down: the platform or the user may try again
            log.exception("serving a published file failed")
            return 500, b"", {"Content-Type": "text/plain"}
        if found is None:
            return 404, b"", {"Content-Type": "text/plain"}
        content, mime_type, filename = found
        disposition = "inline" if mime_type.startswith("image/") else "attachment"
        headers = {
            "Content-Type": mime_type,
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(filename)}",
            "Cache-Control": "private, no-store",
        }
        return 200, content, headers

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
