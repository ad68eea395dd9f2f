"""A tiny asyncio HTTP server for webhooks: one POST path, a secret header, JSON bodies.

Wrong path -> 404, wrong method -> 405, wrong or missing secret -> 403 (the body is not even
parsed), a body over MAX_BODY -> 413 (answered before it is read), bad JSON -> 400, otherwise the
handler runs and the platform gets 200. A client gets `read_timeout` seconds to send its whole
request (head and body): a slow or silent one is dropped with one log line, and never holds up the
others; past `max_connections` open connections a new one gets 503 at once. `stop` closes the
socket and waits for the requests in flight, so nothing is cut off half-way.
With a `files` lookup it also serves GET <path>/files/<public name> (a chart, an export), for
platforms that fetch files by URL (Zalo): the lookup reads the file from the outbox, so a link
still works after a restart and from any process.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Awaitable[None]]
FileLookup = Callable[[str], Awaitable[tuple[bytes, str, str] | None]]  # public name -> (bytes, type, file name)
Answer = tuple[int, bytes, dict[str, str]]  # status, body, extra headers
MAX_BODY = 1_000_000
MAX_CONNECTIONS = 64
READ_TIMEOUT = 10.0  # seconds a client has to send its whole request
WRITE_TIMEOUT = 60.0  # seconds a client has to take our answer (a published file can be a few MB)
LINGER_SECONDS, LINGER_BYTES = 1.0, 256 * 1024  # what of a refused body is drained so the client reads our answer
REFUSALS_LOGGED_EVERY = 60.0  # seconds: connections refused over the limit are logged as one line per minute
REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class WebhookServer:
    """Serves POST path; a request must carry secret in header (case-insensitive name)."""

    def __init__(
        self,
        path: str,
        header: str,
        secret: str,
        handler: Handler,
        files: FileLookup | None = None,
        *,
        max_connections: int = MAX_CONNECTIONS,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        if not secret:
            raise ValueError("a webhook needs a secret token")
        self.path = path or "/"
        self.header = header.lower()
        self.secret = secret
        self.handler = handler
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.files = files
        self.max_connections, self.read_timeout = max_connections, read_timeout
        self._refused, self._refusals_logged_at = 0, -REFUSALS_LOGGED_EVERY
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

    @property
    def open_connections(self) -> int:
        """How many connections are being served right now."""
        return len(self._tasks)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)  # type: ignore[arg-type]
        try:
            if len(self._tasks) > self.max_connections:
                self._note_refusal()
                await _respond(writer, (503, b"", {"Retry-After": "5"}))
                await _linger(reader, writer)
            else:
                await self._serve(reader, writer)
        except TimeoutError:
            log.warning("webhook client %s too slow: connection dropped", _host(writer.get_extra_info("peername")))
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            log.debug("webhook connection dropped")
        finally:
            writer.close()
            if task is not None:
                self._tasks.discard(task)  # type: ignore[arg-type]

    def _note_refusal(self) -> None:
        """Count a connection refused over the limit; say so at most once a minute."""
        self._refused += 1
        if time.monotonic() - self._refusals_logged_at >= REFUSALS_LOGGED_EVERY:
            log.warning("webhook: %d connection(s) refused, %d already open", self._refused, self.max_connections)
            self._refused, self._refusals_logged_at = 0, time.monotonic()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Read one request within read_timeout, answer it, and drain a little of a body left unread."""
        async with asyncio.timeout(self.read_timeout):
            method, target, headers = await _read_head(reader)
            path = target.split("?", 1)[0]
            refusal = self._refusal(method, path, headers)
            body = await reader.readexactly(_length(headers) or 0) if refusal is None else b""
        if refusal is not None:
            await _respond(writer, refusal)
            if _length(headers):
                await _linger(reader, writer)
        elif method == "GET":
            await _respond(writer, await self._file(path.rsplit("/", 1)[1]))
        else:
            await _respond(writer, _status(await self._update(body)))

    def _refusal(self, method: str, path: str, headers: dict[str, str]) -> Answer | None:
        """The answer to a request refused before its body is read; None to go on."""
        if method == "GET" and path.startswith(f"{self.path.rstrip('/')}/files/"):
            return None if not _length(headers) else _status(400)
        if path != self.path:
            return _status(404)
        if method != "POST":
            return _status(405)
        if not hmac.compare_digest(headers.get(self.header, "").encode(), self.secret.encode()):
            log.warning("webhook call with a wrong secret refused")
            return _status(403)
        length = _length(headers)
        if length is None or "transfer-encoding" in headers:
            return _status(400)
        return _status(413) if length > MAX_BODY else None

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

    async def _update(self, body: bytes) -> int:
        """Handle one posted update; the HTTP status."""
        try:
            payload = json.loads(body) if body else None
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser goes
            return 400
        if not isinstance(payload, dict):
            return 400
        try:
            await self.handler(payload)
        except Exception:  # the platform retries; the update is deduplicated
            log.exception("webhook handler failed")
            return 500
        return 200


def _status(status: int) -> Answer:
    """A JSON answer {"ok": ...} with status."""
    return status, json.dumps({"ok": status == 200}).encode(), {"Content-Type": "application/json"}


def _length(headers: dict[str, str]) -> int | None:
    """The declared body length: 0 when none, None when it is not a number."""
    value = headers.get("content-length", "0").strip() or "0"
    return int(value) if value.isdigit() else None


def _host(peer: object) -> str:
    """The client's address for the log (no port)."""
    return str(peer[0]) if isinstance(peer, tuple) and peer else "?"


async def _respond(writer: asyncio.StreamWriter, answer: Answer) -> None:
    """Write answer as an HTTP/1.1 response that closes the connection."""
    status, body, headers = answer
    head = f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    writer.write(head.encode("latin-1") + body)
    async with asyncio.timeout(WRITE_TIMEOUT):
        await writer.drain()


async def _linger(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """After refusing a body, read (and drop) a little of it for a moment: closing on unread bytes resets
    the connection, and the client could lose our answer. Never the whole of a large body."""
    if writer.can_write_eof():
        writer.write_eof()
    drained = 0
    try:
        async with asyncio.timeout(LINGER_SECONDS):
            while drained < LINGER_BYTES and (chunk := await reader.read(65536)):
                drained += len(chunk)
    except (TimeoutError, ConnectionError):
        pass


async def _read_head(reader: asyncio.StreamReader) -> tuple[str, str, dict[str, str]]:
    """The request line and headers (names lower-cased)."""
    raw = await reader.readuntil(b"\r\n\r\n")
    lines = raw.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return method.upper(), target, headers
