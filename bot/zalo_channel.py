"""The Zalo channel: getUpdates long polling or a secret-checked webhook; numbered menus instead of buttons."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import SORRY, Clock, answer, deliver, notify
from bot.chunks import ZALO_LIMIT, split_text
from bot.config import ChannelConfig
from bot.delivery import RetryAfter
from bot.receiving import Inbox, Received, unless_stopped
from bot.webhook_server import WebhookServer
from bot.zalo_client import ZaloClient, ZaloError
from handlers.flows.upload_help import ON_ZALO
from handlers.messages import Attachment, Choice, IncomingMessage, Reply
from storage.outbox.parts import published_file

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT_EVENT = "message.text.received"
TEXT_ONLY = 'Hiện bot chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi, ví dụ: "hạn báo cáo sắp tới là khi nào".'
FILE_EVENTS = ("file", "image", "document", "video", "audio")  # what "message.<kind>.received" brings no file of
LINK_DAYS = 7  # a published file is served this long after its reply
FILE_LINK = 'Tải tệp "{name}" tại: {url}\n(Liên kết dùng được trong {days} ngày.)'
NO_CHART = (
    'Zalo chưa cho bot gửi kèm ảnh biểu đồ "{name}". Số liệu đã có trong tin nhắn trên; '
    "muốn xem biểu đồ, bạn hãy hỏi lại qua Telegram."
)
NO_FILE = (
    'Zalo chưa cho bot gửi kèm tệp "{name}". Số liệu chính đã có trong tin nhắn trên. Muốn có tệp, bạn hãy '
    'hỏi lại qua Telegram hoặc nhờ quản trị viên xuất tệp bằng lệnh: kehoach export --unit "<tên đơn vị>" {flag} {name}'
)
POLL_SECONDS = 30
TOO_MANY = 429
Link = Callable[[str], str]  # a file's public name -> its public URL


class ZaloSender:
    """Delivers replies with the Zalo API: numbered menus, parts of at most 2,000 characters."""

    channel = "zalo"

    def __init__(self, client: ZaloClient, link: Link | None = None) -> None:
        self.client = client
        self.link = link  # public URLs of stored files (webhook mode), or None

    async def send_text(self, chat_id: str, text: str, choices: Sequence[Choice] = ()) -> None:
        """Send text with its choices as a numbered menu, split on line ends."""
        full = Reply(text=text, choices=list(choices)).as_plain_text()
        for part in split_text(full, ZALO_LIMIT):
            await self._send(chat_id, part)

    async def send_attachment(self, chat_id: str, attachment: Attachment, public_name: str = "") -> None:
        """With a public URL: a PNG as a photo, another file as a download link; without: say how to get it."""
        if self.link is not None and public_name:
            url = self.link(public_name)
            if attachment.mime_type == "image/png":
                await self._call(self.client.send_photo(chat_id, url))
            else:
                await self._send(chat_id, FILE_LINK.format(name=attachment.filename, url=url, days=LINK_DAYS))
        elif attachment.mime_type.startswith("image/"):
            await self._send(chat_id, NO_CHART.format(name=attachment.filename))
        else:
            flag = "--csv" if PurePath(attachment.filename).suffix.lower() == ".csv" else "--xlsx"
            await self._send(chat_id, NO_FILE.format(name=attachment.filename, flag=flag))

    async def _send(self, chat_id: str, text: str) -> None:
        await self._call(self.client.send_message(chat_id, text))

    async def _call(self, sending: Awaitable[Any]) -> None:
        try:
            await sending
        except ZaloError as exc:
            if exc.error_code == TOO_MANY:
                raise RetryAfter(exc.retry_after or 1.0) from None
            raise


def update_parts(payload: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The event name and message of an update, bare or wrapped in {"ok", "result"}."""
    update = payload.get("result", payload) if "event_name" not in payload else payload
    if not isinstance(update, dict):
        return "", {}
    message = update.get("message")
    return str(update.get("event_name", "")), message if isinstance(message, dict) else {}


def sender_and_chat(message: dict[str, Any]) -> tuple[str, str]:
    """Who sent a message and the chat it came from (a private chat is the sender's own)."""
    sender_id = str((message.get("from") or {}).get("id", ""))
    return sender_id, str((message.get("chat") or {}).get("id", "") or sender_id)


def received(payload: dict[str, Any]) -> Received:
    """An update as the inbox stores it: keyed by its message_id (else by its content), ordered by its chat."""
    _event, message = update_parts(payload)
    _sender, chat = sender_and_chat(message)
    key = message.get("message_id")
    if not key:
        key = "sha256:" + hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    return Received(str(key), chat, payload)


class ZaloChannel:
    """Runs the Zalo side of `kehoach run`: receive, answer through the core, send."""

    def __init__(
        self,
        config: ChannelConfig,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        client: ZaloClient | None = None,
        *,
        public_questions: bool = True,
    ) -> None:
        self.config = config
        self.public_questions = public_questions
        self.sessions = sessions
        self.clock = clock
        self.client = client or ZaloClient(config.token, config.base_url)
        self.sender = ZaloSender(self.client)
        self.server: WebhookServer | None = None
        self.inbox = Inbox(sessions, "zalo", self.handle_update, clock)
        self._stopping = asyncio.Event()
        self._poller: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Check the token, handle what an earlier run left, then listen (webhook server, or a polling task)."""
        await self.client.get_me()
        self.inbox.start()
        if self.config.mode == "webhook":
            path = urlsplit(self.config.webhook_url).path or "/"
            secret = self.config.secret_token
            self.server = WebhookServer(path, SECRET_HEADER, secret, self._on_webhook, files=self._published)
            self.sender.link = self._public_url
            await self.server.start(self.config.listen, self.config.port)
            await self.client.set_webhook(self.config.webhook_url, self.config.secret_token)
        else:
            await self._drop_webhook()
            self._poller = asyncio.create_task(self._poll(), name="zalo-poll")
        log.info("zalo channel started (%s)", self.config.mode)

    def _public_url(self, public_name: str) -> str:
        """A stored file's URL on the webhook server, behind webhook_url's host."""
        assert self.server is not None
        parts = urlsplit(self.config.webhook_url)
        return f"{parts.scheme}://{parts.netloc}{self.server.file_path(public_name)}"

    async def _published(self, public_name: str) -> tuple[bytes, str, str] | None:
        """A file queued in the outbox in the last LINK_DAYS days: (bytes, type, file name)."""
        since = self.clock() - timedelta(days=LINK_DAYS)
        async with self.sessions() as session:
            file = await published_file(session, public_name, since)
        return (file.content, file.mime_type, file.filename) if file is not None else None

    async def _drop_webhook(self) -> None:
        try:
            await self.client.delete_webhook()
        except ZaloError as exc:  # no webhook set is fine
            log.debug("deleteWebhook: %s", exc.description)

    async def stop(self) -> None:
        """Stop receiving; the updates being handled are finished first (the rest waits in the inbox)."""
        self._stopping.set()
        if self.server is not None:
            await self.server.stop()
        if self._poller is not None:
            await self._poller
        await self.inbox.stop()
        await self.client.aclose()
        log.info("zalo channel stopped")

    async def _on_webhook(self, payload: dict[str, Any]) -> None:
        """Store the posted update; the webhook server answers 200 only after this returns."""
        await self.inbox.store([received(payload)])

    async def _poll(self) -> None:
        """Long-poll until stopped, storing each update as it comes; errors back off up to a minute."""
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                updates = await unless_stopped(self._stopping, self.client.get_updates(POLL_SECONDS))
            except ZaloError as exc:
                log.warning("zalo getUpdates failed: %s", exc.description)
                await unless_stopped(self._stopping, asyncio.sleep(backoff))
                backoff = min(backoff * 2, 60.0)
                continue
            backoff = 1.0
            if updates:
                await self._store(updates)

    async def _store(self, updates: list[dict[str, Any]]) -> None:
        """Commit fetched updates to the inbox, retrying while the database is away.

        Zalo's getUpdates takes no offset: an update it returned is gone from its side, so it is
        stored before anything else happens and is held here until the database takes it.
        """
        backoff = 1.0
        while True:
            try:
                await self.inbox.store([received(update) for update in updates])
                return
            except Exception:  # the database: the updates exist nowhere else
                log.exception("storing %d zalo updates failed", len(updates))
                if self._stopping.is_set():
                    return
                await unless_stopped(self._stopping, asyncio.sleep(backoff))
                backoff = min(backoff * 2, 60.0)

    async def handle_update(self, payload: dict[str, Any]) -> None:
        """Answer one stored update (from getUpdates or the webhook); failures are told to the user."""
        event, message = update_parts(payload)
        sender_id, chat_id = sender_and_chat(message)
        if not sender_id:
            return
        try:
            await self._answer(event, message, sender_id, chat_id)
        except Exception:  # tell the user, log the details
            log.exception("zalo update failed")
            await notify(self.sessions, self.sender, f"zalo:{sender_id}", chat_id, SORRY, self.clock)

    async def _answer(self, event: str, message: dict[str, Any], sender_id: str, chat_id: str) -> None:
        text = message.get("text")
        if event != TEXT_EVENT or not isinstance(text, str) or not text.strip():
            plain = ON_ZALO if any(kind in event for kind in FILE_EVENTS) else TEXT_ONLY
            await notify(self.sessions, self.sender, f"zalo:{sender_id}", chat_id, plain, self.clock)
            return
        update_id = str(message["message_id"]) if message.get("message_id") else None
        incoming = IncomingMessage(
            channel="zalo",
            user_id=sender_id,
            text=text,
            now=self.clock(),
            public_questions=self.public_questions,
            group_id=chat_id if chat_id != sender_id else None,
        )
        answered = await answer(self.sessions, incoming, update_id, chat_id)
        if answered is not None:
            await deliver(self.sessions, self.sender, chat_id, answered, self.clock)
