"""Splitting long replies into messages a channel accepts (Telegram 4,096, Zalo 2,000 characters)."""

from __future__ import annotations

TELEGRAM_LIMIT = 4096
ZALO_LIMIT = 2000


def split_text(text: str, limit: int) -> list[str]:
    """Parts of at most limit characters, cut at line ends (inside a line only when it alone is too long)."""
    if limit < 1:
        raise ValueError("limit must be positive")
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        *full, current = _cut_line(line, limit)
        parts.extend(full)
    if current or not parts:
        parts.append(current)
    return [part for part in parts if part.strip()] or [text[:limit]]


def _cut_line(line: str, limit: int) -> list[str]:
    """A single line in pieces of at most limit characters, cut at spaces where possible."""
    pieces: list[str] = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces
