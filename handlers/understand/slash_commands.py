"""Slash commands from the channels' menus, rewritten as the plain questions the core understands."""

from __future__ import annotations

import re

# "/chitieu@KeHoachBot xuân bái" -> name "chitieu", rest "xuân bái"
_COMMAND = re.compile(r"^\s*/([A-Za-z_]+)(?:@\w+)?\b\s*(.*)$", re.DOTALL)

# command -> (the question when it comes alone, the prefix when something follows it)
_QUESTIONS: dict[str, tuple[str, str]] = {
    "chitieu": ("chỉ tiêu của đơn vị tôi", "chỉ tiêu"),
    "nhiemvu": ("tôi phải làm gì", "nhiệm vụ của"),
    "han": ("hạn báo cáo sắp tới", "hạn"),
    "kinhphi": ("tổng kinh phí thực hiện", "kinh phí"),
    "giupdo": ("cơ quan nào giúp đỡ xã tôi", "ai giúp đỡ"),
    "start": ("xin chào", "xin chào"),
    "trogiup": ("trợ giúp", "trợ giúp"),
    "help": ("trợ giúp", "trợ giúp"),
}


def expand_command(text: str) -> str:
    """The question a menu command stands for; other text (and /baocao, /dangky, /tiendo) kept as sent.

    The bot's @name that Telegram appends in groups is dropped from every command.
    """
    found = _COMMAND.match(text or "")
    if found is None:
        return text
    name, rest = found.group(1).lower(), found.group(2).strip()
    if name not in _QUESTIONS:
        return f"/{name} {rest}".rstrip()
    alone, prefix = _QUESTIONS[name]
    return f"{prefix} {rest}" if rest else alone
