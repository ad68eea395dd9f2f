"""The implementation of each `kehoach` command (argument parsing lives in bot.cli)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from bot.config import Config
from handlers.dispatch import respond
from handlers.messages import IncomingMessage
from storage.catalog import CatalogError, import_catalog
from storage.db import open_database
from storage.describe import describe, list_plans
from storage.importer import import_paths

Command = Callable[[argparse.Namespace, Config, datetime], Awaitable[int]]


async def cmd_import(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Import plan documents; exit 1 when any file failed."""
    async with open_database(config.database.url) as sessions:
        outcomes = await import_paths(sessions, [Path(f) for f in args.files], now=now)
    for outcome in outcomes:
        stream = sys.stdout if outcome.ok else sys.stderr
        print("\n".join(outcome.lines), file=stream)
    return 0 if all(o.ok for o in outcomes) else 1


async def cmd_units(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Import a national unit catalog."""
    async with open_database(config.database.url) as sessions:
        try:
            lines = await import_catalog(sessions, Path(args.file))
        except CatalogError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    print("\n".join(lines))
    return 0


async def cmd_plans(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """List the plans in the database."""
    async with open_database(config.database.url) as sessions, sessions() as session:
        print(await list_plans(session))
    return 0


async def cmd_show(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Print everything the database holds for a plan or a unit."""
    async with open_database(config.database.url) as sessions, sessions() as session:
        text = await describe(session, args.target)
    if text is None:
        print(f'Không tìm thấy kế hoạch hay đơn vị nào khớp với "{args.target}".', file=sys.stderr)
        return 1
    print(text)
    return 0


async def cmd_ask(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Answer one message, or JSON lines on stdin with --batch."""
    async with open_database(config.database.url) as sessions:
        if not args.batch:
            message = _message(" ".join(args.text), args.user, args.unit, now)
            async with sessions() as session:
                reply = await respond(session, message)
                await session.commit()
            print(reply.as_plain_text())
            return 0
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                message = _message(str(item.get("text", "")), item.get("user"), item.get("unit"), now)
            except (ValueError, AttributeError):
                print(json.dumps({"reply": "Dòng vào không phải JSON hợp lệ."}, ensure_ascii=False), flush=True)
                continue
            async with sessions() as session:
                reply = await respond(session, message)
                await session.commit()
            print(json.dumps({"reply": reply.as_plain_text()}, ensure_ascii=False), flush=True)
    return 0


def _message(text: str, user: str | None, unit: str | None, now: datetime) -> IncomingMessage:
    channel, _, user_id = (user or "cli:local").partition(":")
    if not user_id:
        channel, user_id = "cli", channel
    return IncomingMessage(channel=channel, user_id=user_id, text=text, now=now, unit_hint=unit)


async def cmd_chat(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Talk to the bot in the terminal."""
    from bot.console import run_console

    async with open_database(config.database.url) as sessions:
        await run_console(sessions, user=args.user, unit=args.unit, fixed_now=now if args.now else None)
    return 0


async def cmd_demo(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """A fresh local database with the bundled sample plan, then a terminal chat."""
    from bot.demo import run_demo

    return await run_demo(now)


COMMANDS: dict[str, Command] = {
    "import": cmd_import,
    "units": cmd_units,
    "plans": cmd_plans,
    "show": cmd_show,
    "ask": cmd_ask,
    "chat": cmd_chat,
    "demo": cmd_demo,
}
