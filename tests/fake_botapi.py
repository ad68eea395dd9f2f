"""Fake Telegram and Zalo Bot API servers on 127.0.0.1, for end-to-end tests of the channels.

Each runs a stdlib HTTP server in a thread, answers `/bot<token>/<method>`, serves queued
updates to getUpdates (long polling, briefly) and records every call the bot makes.
Like the real APIs, Telegram keeps an update until a getUpdates offset above its id confirms it
(without one, the same updates come back), while Zalo forgets an update once it has returned it.
"""

from __future__ import annotations

import asyncio
import collections
import email.parser
import email.policy
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote

POLL_WAIT = 0.3  # seconds a getUpdates waits for an update before answering empty


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Parameters of a Bot API call: JSON, url-encoded or multipart (files become their bytes)."""
    if content_type.startswith("application/json"):
        return json.loads(body or b"{}")
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        params: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            params[name] = payload if part.get_filename() else payload.decode()
        return params
    return {key: values[0] for key, values in parse_qs(body.decode()).items()}


class FakeBotApi:
    """The shared part: a threaded server, a queue of updates and a log of calls."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.updates: list[dict[str, Any]] = []
        self.cond = threading.Condition()
        self.ids = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.server.handle_error = lambda *args: None  # type: ignore[method-assign]  (clients hanging up)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The URL to configure as base_url."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeBotApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def push(self, update: dict[str, Any]) -> None:
        """Queue an update for the next getUpdates."""
        with self.cond:
            self.updates.append(update)
            self.cond.notify_all()

    def sent(self, *methods: str) -> list[dict[str, Any]]:
        """The parameters of every call to one of methods, in order."""
        with self.cond:
            return [params for method, params in self.calls if method in methods]

    async def wait_for(self, count: int, *methods: str, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait (without blocking the event loop) until count calls to methods were made; those calls."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.sent(*methods)
            if len(found) >= count:
                return found
            await asyncio.sleep(0.02)
        raise AssertionError(f"expected {count} calls to {methods}, got {self.sent(*methods)}")

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON body for one call (overridden per platform)."""
        raise NotImplementedError

    def download(self, path: str) -> bytes | None:
        """The bytes of a file the platform serves at path; None when path is not a file (overridden)."""
        return None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (stdlib name)
                length = int(self.headers.get("Content-Length") or 0)
                params = parse_body(self.headers.get("Content-Type", ""), self.rfile.read(length))
                self._reply(*fake._dispatch(self.path, params))

            def do_GET(self) -> None:  # noqa: N802
                raw = fake.download(unquote(self.path.split("?")[0]))
                if raw is not None:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                    return
                self._reply(*fake._dispatch(self.path.split("?")[0], {}))

            def _reply(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def _dispatch(self, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix) :]
        if method != "getUpdates":
            with self.cond:
                self.calls.append((method, params))
        return self.answer(method, params)


class FakeTelegram(FakeBotApi):
    """Enough of the Telegram Bot API for python-telegram-bot's Application."""

    BOT = {"id": 4242, "is_bot": True, "first_name": "Kế hoạch", "username": "kehoach_bot"}
    blocked: frozenset[int] = frozenset({666})  # chats whose user blocked the bot

    def __init__(self, token: str, *, rate: int | None = None, retry_after: int = 1) -> None:
        """rate: at most this many sends in any sliding second, the others get 429 retry_after (as Telegram)."""
        super().__init__(token)
        self.rate, self.retry_after = rate, retry_after
        self.refused = 0  # sends answered 429
        self.accepted: list[tuple[str, str]] = []  # (chat id, text) of every message accepted
        self.files: dict[str, bytes] = {}  # file_id -> the bytes getFile and the file URL serve
        self._window: collections.deque[float] = collections.deque()

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getMe":
            return 200, {"ok": True, "result": self.BOT}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._unconfirmed(params)}
        if method == "getFile":
            return self._file(str(params.get("file_id")))
        if method in ("sendMessage", "sendPhoto", "sendDocument"):
            if int(params["chat_id"]) in self.blocked:
                return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
            if self._over_rate():
                description = f"Too Many Requests: retry after {self.retry_after}"
                body = {"ok": False, "error_code": 429, "description": description}
                return 429, body | {"parameters": {"retry_after": self.retry_after}}
            return 200, {"ok": True, "result": self._message(method, params)}
        return 200, {"ok": True, "result": True}  # setMyCommands, answerCallbackQuery, set/deleteWebhook

    def _file(self, file_id: str) -> tuple[int, dict[str, Any]]:
        """getFile: where to download a file; like Telegram, 400 for one over 20 MB."""
        content = self.files.get(file_id)
        if content is None:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}
        if len(content) > 20 * 1024 * 1024:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: file is too big"}
        result = {"file_id": file_id, "file_unique_id": file_id, "file_size": len(content)}
        return 200, {"ok": True, "result": result | {"file_path": f"documents/{file_id}"}}

    def download(self, path: str) -> bytes | None:
        """GET /file/bot<token>/documents/<file_id>: the file's bytes."""
        prefix = f"/file/bot{self.token}/documents/"
        if not path.startswith(prefix):
            return None
        with self.cond:
            self.calls.append(("download", {"file_id": path[len(prefix) :]}))
        return self.files.get(path[len(prefix) :])

    def _over_rate(self) -> bool:
        """Whether one more send would exceed the rate (counted as refused), else it is counted in the window."""
        if self.rate is None:
            return False
        with self.cond:
            now = time.monotonic()
            while self._window and now - self._window[0] >= 1.0:
                self._window.popleft()
            if len(self._window) >= self.rate:
                self.refused += 1
                return True
            self._window.append(now)
            return False

    def unconfirmed(self) -> list[int]:
        """The ids of the updates no getUpdates offset has confirmed yet."""
        with self.cond:
            return [update["update_id"] for update in self.updates]

    def _unconfirmed(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """getUpdates: drop the updates below offset (confirmed), then return the rest, waiting briefly for one."""
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        with self.cond:
            self.updates = [update for update in self.updates if update["update_id"] >= offset]
            if not self.updates and float(params.get("timeout") or 0) > 0:
                self.cond.wait(timeout=POLL_WAIT)
            return self.updates[:limit]

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": next(self.ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": self.BOT,
        }
        if method == "sendMessage":
            message["text"] = params["text"]
            with self.cond:
                self.accepted.append((str(chat_id), str(params["text"])))
        elif method == "sendPhoto":
            message["photo"] = [{"file_id": "p1", "file_unique_id": "p1", "width": 1, "height": 1}]
        else:
            message["document"] = {"file_id": "d1", "file_unique_id": "d1"}
        return message


def tg_text_update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    """A Telegram update with a private text message."""
    user = {"id": user_id, "is_bot": False, "first_name": "Cán bộ"}
    message = {"message_id": update_id, "date": 1715738400, "chat": {"id": user_id, "type": "private"}}
    return {"update_id": update_id, "message": {**message, "from": user, "text": text}}


def tg_document_update(
    update_id: int, user_id: int, file_id: str, name: str, size: int, caption: str = "", chat_id: int | None = None
) -> dict[str, Any]:
    """A Telegram update with a document sent in a private chat (or in chat_id, a group)."""
    user = {"id": user_id, "is_bot": False, "first_name": "Cán bộ"}
    chat = {"id": chat_id or user_id, "type": "private" if chat_id is None else "group"}
    document = {"file_id": file_id, "file_unique_id": file_id, "file_name": name, "file_size": size}
    message = {"message_id": update_id, "date": 1715738400, "chat": chat, "from": user, "document": document}
    return {"update_id": update_id, "message": message | ({"caption": caption} if caption else {})}


def tg_photo_update(update_id: int, user_id: int) -> dict[str, Any]:
    """A Telegram update with a photo sent in a private chat."""
    user = {"id": user_id, "is_bot": False, "first_name": "Cán bộ"}
    photo = [{"file_id": "ph1", "file_unique_id": "ph1", "width": 800, "height": 600, "file_size": 90_000}]
    message = {"message_id": update_id, "date": 1715738400, "chat": {"id": user_id, "type": "private"}}
    return {"update_id": update_id, "message": {**message, "from": user, "photo": photo}}


def tg_button_update(update_id: int, user_id: int, data: str) -> dict[str, Any]:
    """A Telegram update with a button press (callback query) on one of the bot's messages."""
    user = {"id": user_id, "is_bot": False, "first_name": "Cán bộ"}
    message = {"message_id": 1, "date": 1715738400, "chat": {"id": user_id, "type": "private"}, "text": "?"}
    query = {"id": f"cb{update_id}", "from": user, "chat_instance": "ci", "data": data, "message": message}
    return {"update_id": update_id, "callback_query": query}


class FakeZalo(FakeBotApi):
    """Enough of the Zalo Bot Platform API for our client: one update per getUpdates, 408 when none."""

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getMe":
            return 200, {"ok": True, "result": {"id": "zbot", "account_name": "bot.kehoach"}}
        if method == "getUpdates":
            return self._one_update()
        if method in ("sendMessage", "sendPhoto"):
            return 200, {"ok": True, "result": {"message_id": f"m{next(self.ids)}", "date": int(time.time())}}
        return 200, {"ok": True, "result": {"url": params.get("url", "")}}  # setWebhook, deleteWebhook

    def _one_update(self) -> tuple[int, dict[str, Any]]:
        with self.cond:
            if not self.updates:
                self.cond.wait(timeout=POLL_WAIT)
            if not self.updates:
                return 200, {"ok": False, "error_code": 408, "description": "Request timeout"}
            return 200, {"ok": True, "result": self.updates.pop(0)}


def zalo_text_update(message_id: str, user_id: str, text: str) -> dict[str, Any]:
    """A Zalo update with a private text message."""
    message = {
        "message_id": message_id,
        "date": 1715738400000,
        "from": {"id": user_id, "display_name": "Cán bộ", "is_bot": False},
        "chat": {"id": user_id, "chat_type": "PRIVATE"},
        "text": text,
    }
    return {"event_name": "message.text.received", "message": message}
