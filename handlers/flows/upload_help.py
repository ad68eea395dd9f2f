"""How to give the bot a plan, answered by channel: Telegram takes files, Zalo's Bot API brings bots none."""

from __future__ import annotations

import re

from handlers.messages import IncomingMessage, Reply
from storage.language.text import fold

_SEND_PLAN = re.compile(
    r"\b(gui|tai len|tai|dua|nhap|up|upload|chuyen)\s+(tep\s+|file\s+|van ban\s+|ban\s+)?ke hoach\b"
)
_HOW = re.compile(r"\b(cach|lam sao|the nao|o dau|bang gi|duoc khong|duoc ko|nhu nao|huong dan)\b")
ON_TELEGRAM = (
    "Cách đưa kế hoạch cho bot: cán bộ quản lý hoặc quản trị viên gửi tệp .docx, .pdf, .txt hoặc .md (đến 20 MB) "
    "vào tin nhắn riêng với bot trên Telegram. Bot đọc thử và gửi bản xem trước (số, ngày, cơ quan ban hành, "
    "chỉ tiêu, đơn vị được giao việc); bấm «Nhập kế hoạch» để nhập. Cán bộ các đơn vị có tên trong kế hoạch sẽ "
    "nhận thông báo. Quản trị viên máy chủ cũng nhập được bằng lệnh: kehoach import TỆP."
)
ON_ZALO = (
    "Zalo chưa chuyển tệp cho bot, nên bot không nhận kế hoạch gửi qua Zalo. Cách đưa kế hoạch cho bot: cán bộ "
    "quản lý gửi tệp .docx hoặc .pdf vào tin nhắn riêng với bot trên Telegram, hoặc nhờ quản trị viên máy chủ "
    "nhập bằng lệnh: kehoach import TỆP."
)


def asks_how_to_send(text: str) -> bool:
    """ "gửi kế hoạch cho bot thế nào", "cách tải kế hoạch lên"."""
    f = fold(text)
    return bool(_SEND_PLAN.search(f) and _HOW.search(f))


async def handle(message: IncomingMessage) -> Reply | None:
    """The way to give the bot a plan on the message's channel; None for other messages."""
    if not asks_how_to_send(message.text):
        return None
    return Reply(ON_ZALO if message.channel == "zalo" else ON_TELEGRAM)
