"""What one outbox row becomes on a channel: the ChannelSender contract, its errors, and one send.

A reply is cut into the messages its channel accepts (`reply_parts`), each queued as its own
outbox row (storage.outbox.parts); the adapter right after the commit and bot.sender.OutboxSender
on a retry both send a row with `send_outgoing`, so what goes out is the same either way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.chunks import TELEGRAM_LIMIT, ZALO_LIMIT, split_text
from handlers.messages import Attachment, Choice, Reply
from storage.outbox.parts import FileData, Part, choices_of
from storage.outbox.queue import OutboxFile, OutboxMessage

SendFunction = Callable[[str, str], Awaitable[None]]  # (user id inside the channel, text)


class RetryAfter(Exception):
    """The platform said 429 Too Many Requests: wait this many seconds."""

    def __init__(self, seconds: float, message: str = "429 Too Many Requests") -> None:
        super().__init__(message)
        self.seconds = seconds


class PermanentFailure(Exception):
    """Retrying cannot help (the user blocked the bot, the chat does not exist)."""


@dataclass(frozen=True)
class Failure:
    """Why a send did not go through, as its row records it."""

    error: str
    retry_after: float | None = None  # a 429: the platform asked us to wait this long
    permanent: bool = False  # retrying cannot help


def failure_of(exc: Exception) -> Failure:
    """The failure a send's exception stands for."""
    if isinstance(exc, RetryAfter):
        return Failure(str(exc), retry_after=exc.seconds)
    if isinstance(exc, PermanentFailure):
        return Failure(str(exc) or "permanent failure", permanent=True)
    return Failure(f"{type(exc).__name__}: {exc}")


class ChannelSender(Protocol):
    """How a channel delivers what the bot says to one chat.

    Sends raise RetryAfter on 429 and PermanentFailure when retrying cannot help.
    """

    channel: str

    async def send_text(self, chat_id: str, text: str, choices: Sequence[Choice] = ()) -> None:
        """Send text (split as the channel needs), with choices as buttons or a numbered menu."""

    async def send_attachment(self, chat_id: str, attachment: Attachment, public_name: str = "") -> None:
        """Send a file: a chart as a photo, an export as a document (or a link to public_name)."""


@dataclass(frozen=True)
class Outgoing:
    """What one outbox row sends: text with its buttons, or a file."""

    text: str
    choices: tuple[Choice, ...] = ()
    attachment: Attachment | None = None
    public_name: str = ""

    def as_part(self) -> Part:
        """The storage form, to queue this in the outbox."""
        choices = tuple((c.label, c.value) for c in self.choices)
        file = self.attachment
        return Part(self.text, choices, FileData(file.filename, file.mime_type, file.content) if file else None)


def reply_parts(channel: str, reply: Reply) -> list[Outgoing]:
    """The messages a reply becomes on channel: text parts within its limit (buttons on the last), then files."""
    if channel == "tg":
        texts = split_text(reply.text, TELEGRAM_LIMIT)
        items = [Outgoing(t, tuple(reply.choices) if n == len(texts) else ()) for n, t in enumerate(texts, 1)]
    elif channel == "zalo":
        items = [Outgoing(t) for t in split_text(reply.as_plain_text(), ZALO_LIMIT)]
    else:
        items = [Outgoing(reply.text, tuple(reply.choices))]
    return items + [Outgoing(a.filename, attachment=a) for a in reply.attachments]


def outgoing_of(row: OutboxMessage, file: OutboxFile | None) -> Outgoing:
    """What a queued row sends, from the row and its stored file."""
    choices = tuple(Choice(label, value) for label, value in choices_of(row))
    if file is None:
        return Outgoing(row.text, choices)
    attachment = Attachment(file.filename, file.content, file.mime_type)
    return Outgoing(row.text, choices, attachment, file.public_name)


async def send_outgoing(sender: ChannelSender, chat_id: str, item: Outgoing) -> None:
    """Send one row's message through a channel."""
    if item.attachment is not None:
        await sender.send_attachment(chat_id, item.attachment, item.public_name)
    else:
        await sender.send_text(chat_id, item.text, item.choices)


class TextOnly:
    """A bare send function (user id, text) as a ChannelSender: choices as a numbered menu, no files."""

    def __init__(self, channel: str, send: SendFunction) -> None:
        self.channel, self.send = channel, send

    async def send_text(self, chat_id: str, text: str, choices: Sequence[Choice] = ()) -> None:
        """Send the text with its choices as a numbered menu."""
        await self.send(chat_id, Reply(text, list(choices)).as_plain_text())

    async def send_attachment(self, chat_id: str, attachment: Attachment, public_name: str = "") -> None:
        """A bare send function cannot carry files."""
        raise PermanentFailure(f"the {self.channel} channel cannot send files")


def as_channel_sender(channel: str, sender: ChannelSender | SendFunction) -> ChannelSender:
    """A channel's sender object as is, a bare send function wrapped in TextOnly."""
    return sender if hasattr(sender, "send_attachment") else TextOnly(channel, sender)  # type: ignore[arg-type,return-value]
