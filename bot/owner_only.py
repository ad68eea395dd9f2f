"""Files the bot writes for a user (exports, saved attachments) are readable by their owner only."""

from __future__ import annotations

import os
from pathlib import Path

OWNER_ONLY = 0o600


def write_owner_only(path: Path, content: bytes) -> None:
    """Write content to path; a new file gets mode 0600 whatever the umask, an existing one keeps its mode."""
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY), "wb") as file:
        file.write(content)
