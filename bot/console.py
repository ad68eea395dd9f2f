"""The terminal channel behind `kehoach chat` and `kehoach demo`."""

from __future__ import annotations

import asyncio
import getpass
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import parse_now
from bot.owner_only import write_owner_only
from handlers.dispatch import respond
from handlers.messages import IncomingMessage, Reply

ATTACHMENTS = Path("kehoach-tep")  # where the terminal channel saves charts and exports
GOODBYE = {"thoat", "thoát", "exit", "quit", "/thoat"}
WELCOME = 'Kế hoạch bot — gõ câu hỏi (ví dụ: "hạn báo cáo sắp tới là khi nào"), "trợ giúp" để xem gợi ý, "thoát" để ra.'


def render(reply: Reply, folder: Path = ATTACHMENTS) -> str:
    """A reply as terminal text: numbered choices; attachments saved to folder and named."""
    text = reply.as_plain_text()
    for attachment in reply.attachments:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / Path(attachment.filename).name
        write_owner_only(path, attachment.content)
        text += f"\n[tệp đính kèm đã lưu: {path}]"
    return text


async def run_console(
    sessions: async_sessionmaker[AsyncSession],
    user: str | None = None,
    unit: str | None = None,
    fixed_now: datetime | None = None,
    public_questions: bool = True,
) -> None:
    """Read lines from the terminal, answer each through the core until EOF or "thoát"."""
    channel, _, user_id = (user or f"console:{getpass.getuser()}").partition(":")
    if not user_id:
        channel, user_id = "console", channel
    print(WELCOME)
    while True:
        line = await asyncio.to_thread(_read_line)
        if line is None or line.strip().lower() in GOODBYE:
            print("Tạm biệt!")
            return
        if not line.strip():
            continue
        now = fixed_now if fixed_now is not None else parse_now(None)
        message = IncomingMessage(
            channel=channel, user_id=user_id, text=line, now=now, unit_hint=unit, public_questions=public_questions
        )
        async with sessions() as session:
            reply = await respond(session, message)
            await session.commit()
        print(render(reply))


def _read_line() -> str | None:
    try:
        return input("> " if sys.stdin.isatty() else "")
    except EOFError:
        return None
