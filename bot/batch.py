"""`kehoach ask --batch`: one JSON object a line in, one JSON line out for each, whatever the line holds.

A line that is not JSON, not an object, nested too deep for the parser, not UTF-8, or whose fields
are not text gets {"error": "..."} (in Vietnamese) and the next line is answered; so does a line
the core fails on (the details go to the log on stderr). Stdout carries nothing but these lines.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.messages import IncomingMessage
from storage.outbox.queue import record_reply

log = logging.getLogger(__name__)

EXAMPLE = '{"text": "chỉ tiêu giảm nghèo", "user": "tg:123", "unit": "xã Xuân Bái"}'
NOT_JSON = f"Dòng vào không phải JSON hợp lệ. Mỗi dòng là một đối tượng JSON, ví dụ: {EXAMPLE}"
NOT_OBJECT = f"Dòng vào phải là một đối tượng JSON (trong dấu {{ }}), ví dụ: {EXAMPLE}"
NOT_TEXT = 'Trường "{name}" phải là chuỗi ký tự.'
NOT_UTF8 = "Dòng vào không phải văn bản UTF-8."
FAILED = "Xin lỗi, đã có lỗi khi trả lời dòng này. Các dòng sau vẫn được trả lời."


def message_of(text: str, user: str | None, unit: str | None, now: datetime, public_questions: bool) -> IncomingMessage:
    """The message a command-line user ("tg:123", "name", or nobody: "cli:local") sends."""
    channel, _, user_id = (user or "cli:local").partition(":")
    if not user_id:
        channel, user_id = "cli", channel
    return IncomingMessage(
        channel=channel, user_id=user_id, text=text, now=now, unit_hint=unit, public_questions=public_questions
    )


def lines_of(stream: IO[Any]) -> Iterator[str | None]:
    """The lines of stream, None for one that is not UTF-8 (read as bytes where the stream has them)."""
    raw = getattr(stream, "buffer", None)
    if raw is None:
        yield from stream
        return
    for line in raw:
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            yield None


def fields_of(line: str) -> dict[str, str | None] | str:
    """The text, user and unit a line asks with; or the error to answer."""
    try:
        item = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        return NOT_JSON
    if not isinstance(item, dict):
        return NOT_OBJECT
    fields = {"text": item.get("text", ""), "user": item.get("user"), "unit": item.get("unit")}
    for name, value in fields.items():
        if value is not None and not isinstance(value, str):
            return NOT_TEXT.format(name=name)
    return fields


async def answer_line(
    sessions: async_sessionmaker[AsyncSession], line: str | None, now: datetime, public_questions: bool
) -> dict[str, str]:
    """The JSON object answering one input line: {"reply": ...} or {"error": ...}."""
    fields = fields_of(line) if line is not None else NOT_UTF8
    if isinstance(fields, str):
        return {"error": fields}
    message = message_of(fields["text"] or "", fields["user"], fields["unit"], now, public_questions)
    try:
        async with sessions() as session:
            reply = await respond(session, message)
            await record_reply(session, message.identity, reply.as_plain_text(), now)
            await session.commit()
    except Exception:  # one line's failure must not stop the batch
        log.exception("batch line failed")
        return {"error": FAILED}
    return {"reply": reply.as_plain_text()}


async def run_batch(
    sessions: async_sessionmaker[AsyncSession], stream: IO[Any], out: IO[str], now: datetime, public_questions: bool
) -> None:
    """Answer every non-blank line of stream with one JSON line on out, flushed at once."""
    for line in lines_of(stream):
        if line is not None and not line.strip():
            continue
        answer = await answer_line(sessions, line, now, public_questions)
        print(json.dumps(answer, ensure_ascii=False), file=out, flush=True)
