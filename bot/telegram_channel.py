"""The Telegram channel: updates from our getUpdates loop or a secret-checked webhook go to the inbox first."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.error import RetryAfter as TelegramRetryAfter
from telegram.ext import AIORateLimiter, Application

from bot.channels import SORRY, Clock, answer, deliver, notify
from bot.chunks import TELEGRAM_LIMIT, split_text
from bot.config import ChannelConfig
from bot.delivery import PermanentFailure, RetryAfter
from bot.receiving import Inbox, Received, unless_stopped
from bot.webhook_server import WebhookServer
from handlers.flows.upload_reading import DOWNLOAD_LIMIT
from handlers.messages import Attachment, Choice, IncomingFile, IncomingMessage

log = logging.getLogger(__name__)

OFFICIAL_API = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]
POLL_SECONDS = 30
CALLBACK_DATA_BYTES = 64
COMMANDS = [
    BotCommand("start", "Bắt đầu, giới thiệu bot"),
    BotCommand("dangky", "Đăng ký tài khoản theo đơn vị"),
    BotCommand("chitieu", "Chỉ tiêu của đơn vị"),
    BotCommand("nhiemvu", "Nhiệm vụ, phân công"),
    BotCommand("han", "Hạn báo cáo sắp tới"),
    BotCommand("baocao", "Báo cáo kết quả thực hiện"),
    BotCommand("tiendo", "Tiến độ so với chỉ tiêu"),
    BotCommand("trogiup", "Hướng dẫn sử dụng"),
]


def keyboard(choices: Sequence[Choice]) -> InlineKeyboardMarkup:
    """One button per choice; the button carries the choice's text, or its number when too long."""
    rows = []
    for number, choice in enumerate(choices, 1):
        data = choice.value if len(choice.value.encode()) <= CALLBACK_DATA_BYTES else str(number)
        rows.append([InlineKeyboardButton(choice.label[:64], callback_data=data)])
    return InlineKeyboardMarkup(rows)


async def _guarded(sending: Awaitable[Any]) -> Any:
    """Await a Bot API call, turning 429 and blocked/unknown chats into bot.sender's exceptions."""
    try:
        return await sending
    except TelegramRetryAfter as exc:
        wait = exc.retry_after
        raise RetryAfter(wait.total_seconds() if isinstance(wait, timedelta) else float(wait)) from None
    except Forbidden:
        raise PermanentFailure("Telegram: the user blocked the bot") from None
    except BadRequest as exc:
        if "chat not found" in exc.message.lower():
            raise PermanentFailure("Telegram: chat not found") from None
        raise


class TelegramSender:
    """Delivers replies with the Bot API: split text, inline keyboards, photos and documents."""

    channel = "tg"

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    async def send_text(self, chat_id: str, text: str, choices: Sequence[Choice] = ()) -> None:
        """Send text in parts of at most 4,096 characters; the keyboard goes with the last part."""
        parts = split_text(text, TELEGRAM_LIMIT)
        for n, part in enumerate(parts, 1):
            markup = keyboard(choices) if choices and n == len(parts) else None
            await _guarded(self.bot.send_message(chat_id=int(chat_id), text=part, reply_markup=markup))

    async def send_attachment(self, chat_id: str, attachment: Attachment, public_name: str = "") -> None:
        """PNG images as photos, anything else as a document (Telegram takes the bytes: no link needed)."""
        file = InputFile(attachment.content, filename=attachment.filename)
        if attachment.mime_type == "image/png":
            await _guarded(self.bot.send_photo(chat_id=int(chat_id), photo=file))
        else:
            await _guarded(self.bot.send_document(chat_id=int(chat_id), document=file))


def build_application(config: ChannelConfig) -> Application:  # type: ignore[type-arg]
    """A PTB Application for its Bot only (base_url, rate limiter): updates come through our own inbox."""
    base = (config.base_url or OFFICIAL_API).rstrip("/")
    builder = (
        Application.builder()
        .token(config.token)
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=0))  # a 429 comes back to us: recorded, not slept through
        .updater(None)
    )
    return builder.build()


def received(payload: dict[str, Any], bot: Any) -> Received | None:
    """An update as the inbox stores it, keyed by its chat; None without an update_id (nothing to answer)."""
    update_id = payload.get("update_id")
    if not isinstance(update_id, int):
        log.warning("telegram update without an update_id ignored")
        return None
    try:
        update = Update.de_json(payload, bot)
        chat = update.effective_chat or update.effective_user
    except Exception:  # stored anyway: handling it will log what is wrong with it
        chat = None
    return Received(str(update_id), str(chat.id) if chat else "", payload)


class TelegramChannel:
    """Runs the Telegram side of `kehoach run`: receive into the inbox, answer through the core, send."""

    def __init__(
        self,
        config: ChannelConfig,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        *,
        public_questions: bool = True,
    ) -> None:
        self.config = config
        self.public_questions = public_questions
        self.sessions = sessions
        self.clock = clock
        self.app = build_application(config)
        self.sender = TelegramSender(self.app.bot)
        self.server: WebhookServer | None = None
        self.inbox = Inbox(sessions, "tg", self.handle_update, clock)
        self._stopping = asyncio.Event()
        self._poller: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Connect, publish the command menu, handle what an earlier run left, and start receiving."""
        await self.app.initialize()
        await self.app.bot.set_my_commands(COMMANDS)
        self.inbox.start()
        if self.config.mode == "webhook":
            await self._start_webhook()
        else:
            await self.app.bot.delete_webhook()
            self._poller = asyncio.create_task(self._poll(), name="telegram-poll")
        log.info("telegram channel started (%s)", self.config.mode)

    async def _start_webhook(self) -> None:
        path = urlsplit(self.config.webhook_url).path or "/"
        self.server = WebhookServer(path, SECRET_HEADER, self.config.secret_token, self._on_webhook)
        await self.server.start(self.config.listen, self.config.port)
        await self.app.bot.set_webhook(
            url=self.config.webhook_url, secret_token=self.config.secret_token, allowed_updates=ALLOWED_UPDATES
        )

    async def stop(self) -> None:
        """Stop receiving, finish the updates being handled (the rest waits in the inbox), then disconnect."""
        self._stopping.set()
        if self.server is not None:
            await self.server.stop()
        if self._poller is not None:
            await self._poller
        await self.inbox.stop()
        await self.app.shutdown()
        log.info("telegram channel stopped")

    async def _on_webhook(self, payload: dict[str, Any]) -> None:
        """Store the posted update; the webhook server answers 200 only after this returns."""
        item = received(payload, self.app.bot)
        if item is not None:
            await self.inbox.store([item])

    async def _poll(self) -> None:
        """Long-poll getUpdates; a batch is confirmed (by the next call's offset) only once it is stored."""
        offset: int | None = None
        confirmed = True
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                batch = await unless_stopped(self._stopping, self._fetch(offset))
                if batch:
                    await self.inbox.store([item for item in (received(u, self.app.bot) for u in batch) if item])
                    offset, confirmed = max(int(u["update_id"]) for u in batch) + 1, False
                elif batch is not None:
                    confirmed = True
                backoff = 1.0
            except Exception as exc:  # network or database trouble: fetch the same updates again later
                log.warning("telegram polling failed: %s", type(exc).__name__)
                await unless_stopped(self._stopping, asyncio.sleep(backoff))
                backoff = min(backoff * 2, 60.0)
        if not confirmed:
            await self._confirm(offset)

    async def _fetch(self, offset: int | None) -> list[dict[str, Any]]:
        """The next updates after offset, as JSON (long polling)."""
        updates = await self.app.bot.get_updates(offset=offset, timeout=POLL_SECONDS, allowed_updates=ALLOWED_UPDATES)
        return [update.to_dict() for update in updates]

    async def _confirm(self, offset: int | None) -> None:
        """Tell Telegram the last stored batch arrived, so a restart does not fetch it again (it would be ignored)."""
        try:
            await self.app.bot.get_updates(offset=offset, timeout=0, limit=1)
        except Exception as exc:  # harmless: the batch comes again and the inbox ignores it
            log.debug("confirming telegram updates failed: %s", type(exc).__name__)

    async def handle_update(self, payload: dict[str, Any]) -> None:
        """Answer one stored update (a text or a button press); failures are told to the user."""
        update = Update.de_json(payload, self.app.bot)
        try:
            if update.callback_query is not None:
                await self._on_button(update)
            else:
                await self._on_text(update)
        except Exception:  # tell the user, log the details
            log.exception("telegram update failed")
            if update.effective_chat and update.effective_user:
                recipient = f"tg:{update.effective_user.id}"
                await notify(self.sessions, self.sender, recipient, str(update.effective_chat.id), SORRY, self.clock)

    async def _on_text(self, update: Update) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        if message.document is not None or message.photo:
            if message.chat_id != user.id:  # files shared in a group are the members' business, not the bot's
                return
            file = await self._fetch_file(message)
            await self._handle(update, str(user.id), str(message.chat_id), message.caption or "", file)
        elif message.text:
            await self._handle(update, str(user.id), str(message.chat_id), message.text)

    async def _fetch_file(self, message: Message) -> IncomingFile:
        """A sent document as a neutral file, its bytes fetched with getFile when within the Bot API's 20 MB;
        a photo is never fetched (plans are not read from pictures)."""
        if message.document is None:
            size = max((photo.file_size or 0) for photo in message.photo)
            return IncomingFile("ảnh.jpg", size, None, "image/jpeg")
        document = message.document
        name, size = document.file_name or "tệp", document.file_size or 0
        if size > DOWNLOAD_LIMIT:
            return IncomingFile(name, size, None, document.mime_type or "")
        try:
            fetched = await self.app.bot.get_file(document.file_id)
            content = bytes(await fetched.download_as_bytearray())
        except TelegramError as exc:  # "file is too big" and the like: the core says what to do
            log.warning("fetching a sent file failed: %s", type(exc).__name__)
            return IncomingFile(name, size, None, document.mime_type or "")
        return IncomingFile(name, len(content), content, document.mime_type or "")

    async def _on_button(self, update: Update) -> None:
        query = update.callback_query
        if query is None:
            return
        try:
            await query.answer()
        except TelegramError as exc:  # too old after a restart: the press is still handled
            log.info("answering a button press failed: %s", type(exc).__name__)
        chat_id = str(query.message.chat.id) if query.message else str(query.from_user.id)
        if query.data:
            await self._handle(update, str(query.from_user.id), chat_id, str(query.data))

    async def _handle(
        self, update: Update, user_id: str, chat_id: str, text: str, file: IncomingFile | None = None
    ) -> None:
        user = update.effective_user
        incoming = IncomingMessage(
            channel="tg",
            user_id=user_id,
            text=text,
            now=self.clock(),
            public_questions=self.public_questions,
            group_id=chat_id if chat_id != user_id else None,
            file=file,
            sender_name=user.full_name if user is not None else None,
        )
        answered = await answer(self.sessions, incoming, str(update.update_id), chat_id)
        if answered is not None:
            await deliver(self.sessions, self.sender, chat_id, answered, self.clock)
