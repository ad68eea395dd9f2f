"""A fake Telegram Bot API on 127.0.0.1 that answers 429 (retry_after) above a rate, like the real one."""

from __future__ import annotations

import collections
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER = {"id": 1, "is_bot": True, "first_name": "Kế hoạch bot", "username": "kehoach_bench_bot"}


def _params(content_type: str, body: bytes) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        return json.loads(body or b"{}")
    return {key: values[0] for key, values in parse_qs(body.decode()).items()}


class RateLimitedTelegram:
    """Accepts at most `rate` sendMessage calls in any sliding second; the others get 429 retry_after."""

    def __init__(self, rate: int = 30, retry_after: int = 1) -> None:
        self.rate, self.retry_after = rate, retry_after
        self.accepted: list[tuple[str, str]] = []  # (chat id, text) of every message delivered
        self.refused = 0
        self._window: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The base_url to give the Telegram channel."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> RateLimitedTelegram:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The status and JSON body for one Bot API call."""
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method != "sendMessage":
            return 200, {"ok": True, "result": True}
        with self._lock:
            now = time.monotonic()
            while self._window and now - self._window[0] >= 1.0:
                self._window.popleft()
            if len(self._window) >= self.rate:
                self.refused += 1
                description = f"Too Many Requests: retry after {self.retry_after}"
                body = {"ok": False, "error_code": 429, "description": description}
                return 429, body | {"parameters": {"retry_after": self.retry_after}}
            self._window.append(now)
            self.accepted.append((str(params.get("chat_id")), str(params.get("text"))))
            number = len(self.accepted)
        chat = {"id": int(params.get("chat_id", 0)), "type": "private"}
        message = {"message_id": number, "date": int(time.time()), "chat": chat, "text": params.get("text", "")}
        return 200, {"ok": True, "result": message}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK stall

            def do_POST(self) -> None:  # noqa: N802  (http.server's naming)
                size = int(self.headers.get("Content-Length") or 0)
                params = _params(self.headers.get("Content-Type", ""), self.rfile.read(size))
                status, body = api.answer(self.path.rsplit("/", 1)[-1], params)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args: object) -> None:
                """Quiet."""

        return Handler
