"""Configuration: TOML read with tomllib into one small typed model per section."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from storage.db import default_url
from storage.reminders.schedule import ReminderSchedule


@dataclass(frozen=True)
class DatabaseConfig:
    """[database]: where the single source of truth lives."""

    url: str = field(default_factory=default_url)


@dataclass(frozen=True)
class AccessConfig:
    """[access]: who may ask what."""

    public_questions: bool = True


@dataclass(frozen=True)
class ReminderConfig:
    """[reminders]: when deadline reminders go out (Vietnam time)."""

    enabled: bool = True
    days_before: tuple[int, ...] = (7, 3, 1, 0)
    hour: int = 8
    overdue_every_days: int = 7
    overdue_for_days: int = 90
    quiet_start: int = 21
    quiet_end: int = 7
    tick_seconds: int = 60

    def __post_init__(self) -> None:
        object.__setattr__(self, "days_before", tuple(sorted({int(d) for d in self.days_before}, reverse=True)))
        if any(d < 0 for d in self.days_before) or self.tick_seconds < 1:
            raise ValueError("[reminders] days_before phải >= 0 và tick_seconds >= 1")
        if self.overdue_every_days < 0 or self.overdue_for_days < 0:
            raise ValueError("[reminders] overdue_every_days, overdue_for_days phải >= 0")
        if not all(0 <= h <= 23 for h in (self.hour, self.quiet_start, self.quiet_end)):
            raise ValueError("[reminders] hour, quiet_start, quiet_end phải trong khoảng 0-23")
        if all(self.schedule().is_quiet(datetime(2024, 1, 1, h)) for h in range(self.hour, 24)):
            raise ValueError("[reminders] sau hour không còn giờ nào ngoài giờ yên lặng (quiet_start-quiet_end)")

    def schedule(self) -> ReminderSchedule:
        """The storage-side schedule these settings describe."""
        return ReminderSchedule(
            days_before=self.days_before,
            hour=self.hour,
            overdue_every_days=self.overdue_every_days,
            overdue_for_days=self.overdue_for_days,
            quiet_start=self.quiet_start,
            quiet_end=self.quiet_end,
        )


CHANNEL_MODES = ("polling", "webhook")


@dataclass(frozen=True)
class ChannelConfig:
    """[telegram] / [zalo]: one chat channel; it runs when it has a token."""

    token: str = ""  # also $KEHOACH_TELEGRAM_TOKEN / $KEHOACH_ZALO_TOKEN
    base_url: str = ""  # the Bot API server; empty means the official one
    mode: str = "polling"  # "polling" | "webhook"
    webhook_url: str = ""  # the public https URL the platform posts updates to
    secret_token: str = ""  # checked on every webhook call
    listen: str = "127.0.0.1"  # the address the webhook server binds
    port: int = 8443

    def __post_init__(self) -> None:
        if self.mode not in CHANNEL_MODES:
            raise ValueError(f'mode phải là "polling" hoặc "webhook", không phải "{self.mode}"')
        if self.mode == "webhook" and self.token and not (self.webhook_url and self.secret_token):
            raise ValueError('mode = "webhook" cần webhook_url và secret_token')

    @property
    def enabled(self) -> bool:
        """Whether the channel has a token and should run."""
        return bool(self.token)


@dataclass(frozen=True)
class TelegramConfig(ChannelConfig):
    """[telegram]: the Telegram Bot API channel."""


@dataclass(frozen=True)
class ZaloConfig(ChannelConfig):
    """[zalo]: the Zalo Bot Platform channel."""

    port: int = 8444


@dataclass(frozen=True)
class Config:
    """The whole configuration."""

    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    access: AccessConfig = field(default_factory=AccessConfig)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    zalo: ZaloConfig = field(default_factory=ZaloConfig)
    reminders: ReminderConfig = field(default_factory=ReminderConfig)


def _section(raw: dict[str, Any], name: str, model: Any) -> Any:
    values = raw.get(name, {})
    if not isinstance(values, dict):
        raise ValueError(f"[{name}] phải là một bảng TOML")
    known = set(model.__dataclass_fields__)
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"[{name}] có khóa không biết: {', '.join(sorted(unknown))}")
    return model(**values)


def load_config(path: str | None, db_override: str | None = None) -> Config:
    """Read the config file (or $KEHOACH_CONFIG); --db overrides [database] url."""
    path = path or os.environ.get("KEHOACH_CONFIG")
    raw: dict[str, Any] = tomllib.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    database = _section(raw, "database", DatabaseConfig)
    if db_override:
        database = DatabaseConfig(url=db_override)
    return Config(
        database=database,
        access=_section(raw, "access", AccessConfig),
        telegram=_channel(raw, "telegram", TelegramConfig),
        zalo=_channel(raw, "zalo", ZaloConfig),
        reminders=_section(raw, "reminders", ReminderConfig),
    )


def _channel(raw: dict[str, Any], name: str, model: type[ChannelConfig]) -> Any:
    """A channel section; $KEHOACH_<NAME>_TOKEN, when set, takes the place of the file's token."""
    section = _section(raw, name, model)
    env_token = os.environ.get(f"KEHOACH_{name.upper()}_TOKEN", "")
    return replace(section, token=env_token) if env_token else section
