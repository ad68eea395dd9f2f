"""Configuration: TOML read with tomllib into one small typed model per section."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.db import default_url


@dataclass(frozen=True)
class DatabaseConfig:
    """[database]: where the single source of truth lives."""

    url: str = field(default_factory=default_url)


@dataclass(frozen=True)
class AccessConfig:
    """[access]: who may ask what."""

    public_questions: bool = True


@dataclass(frozen=True)
class Config:
    """The whole configuration."""

    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    access: AccessConfig = field(default_factory=AccessConfig)


def _section(raw: dict[str, Any], name: str, model: type) -> Any:
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
    return Config(database=database, access=_section(raw, "access", AccessConfig))
