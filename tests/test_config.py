"""Configuration: TOML sections into typed models; the example documents every key."""

import tomllib
from pathlib import Path

import pytest

from bot.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def test_example_config_loads_and_comments_every_key() -> None:
    path = ROOT / "config.example.toml"
    config = load_config(str(path))
    assert config.database.url.startswith("sqlite")
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        if "=" in line and not line.lstrip().startswith("#"):
            assert lines[n - 1].lstrip().startswith("#"), f"key without a comment: {line}"
    assert tomllib.loads(path.read_text(encoding="utf-8"))


def test_db_option_overrides_config(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[database]\nurl = "sqlite:///a.db"\n', encoding="utf-8")
    assert load_config(str(path), db_override="sqlite:///b.db").database.url == "sqlite:///b.db"


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[database]\nuri = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="uri"):
        load_config(str(path))
