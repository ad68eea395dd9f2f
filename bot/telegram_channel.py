"""The Telegram channel: python-telegram-bot's Application, polling or a secret-checked webhook."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest, Forbidden
from telegram.error import RetryAfter as TelegramRetryAfter
from telegram.ext import AIORateLimiter, Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.channels import SORRY, Clock, answer, deliver, notify
from bot.chunks import TELEGRAM_LIMIT, split_text
from bot.config import ChannelConfig
from bot.delivery import PermanentFailure, RetryAfter
from bot.webhook_server import WebhookServer
from handlers.messages import Attachment, Choice, IncomingMessage

log = logging.getLogger(__name__)

OFFICIAL_API = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]
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
    """A PTB Application for config: its base_url, a rate limiter, no updater in webhook mode."""
    base = (config.base_url or OFFICIAL_API).rstrip("/")
    builder = (
        Application.builder()
        .token(config.token)
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=0))  # a 429 comes back to us: recorded, not slept through
    )
    if config.mode == "webhook":
        builder = builder.updater(None)
    return builder.build()


class TelegramChannel:
    """Runs the Telegram side of `kehoach run`: receive, answer through the core, send."""

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
        self.app.add_handler(CallbackQueryHandler(self._on_button))
        self.app.add_handler(MessageHandler(filters.TEXT, self._on_text))
        self.app.add_error_handler(self._on_error)

    async def start(self) -> None:
        """Connect, publish the command menu, and start receiving updates."""
        await self.app.initialize()
        await self.app.bot.set_my_commands(COMMANDS)
        await self.app.start()
        if self.config.mode == "webhook":
            await self._start_webhook()
        else:
            await self.app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=30)  # type: ignore[union-attr]
        log.info("telegram channel started (%s)", self.config.mode)

    async def _start_webhook(self) -> None:
        path = urlsplit(self.config.webhook_url).path or "/"
        self.server = WebhookServer(path, SECRET_HEADER, self.config.secret_token, self._on_webhook)
        await self.server.start(self.config.listen, self.config.port)
        await self.app.bot.set_webhook(
            url=self.config.webhook_url, secret_token=self.config.secret_token, allowed_updates=ALLOWED_UPDATES
        )

    async def stop(self) -> None:
        """Stop receiving, finish the updates already received, then disconnect."""
        if self.server is not None:
            await self.server.stop()
        elif self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
        log.info("telegram channel stopped")

    async def _on_webhook(self, payload: dict[str, Any]) -> None:
        update = Update.de_json(payload, self.app.bot)
        await self.app.update_queue.put(update)

    async def _on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not message.text:
            return
        await self._handle(update, str(user.id), str(message.chat_id), message.text)

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        await query.answer()
        chat_id = str(query.message.chat.id) if query.message else str(query.from_user.id)
        if query.data:
            await self._handle(update, str(query.from_user.id), chat_id, str(query.data))

    async def _handle(self, update: Update, user_id: str, chat_id: str, text: str) -> None:
        incoming = IncomingMessage(
            channel="tg",
            user_id=user_id,
            text=text,
            now=self.clock(),
            public_questions=self.public_questions,
            group_id=chat_id if chat_id != user_id else None,
        )
        answered = await answer(self.sessions, incoming, str(update.update_id), chat_id)
        if answered is not None:
            await deliver(self.sessions, self.sender, chat_id, answered, self.clock)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram update failed", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat and update.effective_user:
            recipient = f"tg:{update.effective_user.id}"
            await notify(self.sessions, self.sender, recipient, str(update.effective_chat.id), SORRY, self.clock)
