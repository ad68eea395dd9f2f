"""The neutral message types every channel adapter translates to and from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class IncomingFile:
    """A file a person sent: its name and size, and its bytes when the channel fetched them."""

    name: str
    size: int
    content: bytes | None = None  # None when not fetched (over the channel's download limit, or a photo)
    mime_type: str = ""
    reading: Any = None  # what the core read from it before its transaction (handlers.flows.upload_reading)


@dataclass(frozen=True)
class IncomingMessage:
    """One message from a person: who, where, what, when."""

    channel: str  # "tg", "zalo", "console", "cli"
    user_id: str  # the id inside the channel; the identity is f"{channel}:{user_id}"
    text: str
    now: datetime  # the bot's clock when the message arrived (timezone-aware)
    unit_hint: str | None = None  # "asked by a staff member of this unit" (CLI --unit)
    public_questions: bool = True  # [access] public_questions: may strangers ask plan questions?
    group_id: str | None = None  # the group chat the message was sent in; None in a private chat
    file: IncomingFile | None = None  # a document or photo sent with the message (its caption is the text)
    sender_name: str | None = None  # the name the channel shows for the sender, when it gives one

    @property
    def identity(self) -> str:
        """The user identity "CHANNEL:ID"."""
        return f"{self.channel}:{self.user_id}"

    @property
    def group(self) -> str | None:
        """The group chat as "CHANNEL:CHAT_ID" ("tg:-1001234"), None in a private chat."""
        return f"{self.channel}:{self.group_id}" if self.group_id else None


@dataclass(frozen=True)
class Choice:
    """One option the user can pick: a button where the channel has them, a numbered line otherwise."""

    label: str
    value: str  # the text to handle as if the user had typed it


@dataclass(frozen=True)
class Attachment:
    """A file to send with a reply (a chart, an export)."""

    filename: str
    content: bytes
    mime_type: str


@dataclass
class Reply:
    """What the bot answers: text, optional choices and attachments."""

    text: str
    choices: list[Choice] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    def as_plain_text(self) -> str:
        """The reply with its choices as a numbered menu, for channels without buttons."""
        if not self.choices:
            return self.text
        menu = "\n".join(f"{n}. {choice.label}" for n, choice in enumerate(self.choices, 1))
        return f"{self.text}\n{menu}\n(Trả lời bằng số để chọn.)"
