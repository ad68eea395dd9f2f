"""The implementation of each `kehoach` command (argument parsing lives in bot.cli)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.batch import message_of, run_batch
from bot.config import Config
from bot.group_commands import cmd_group
from bot.owner_only import write_owner_only
from bot.reminder_commands import cmd_reminders
from handlers.dispatch import respond
from handlers.flows.plan_notices import PlanNotices
from handlers.render.export import to_csv, to_xlsx
from handlers.render.show import describe, list_plans
from storage.accounts import operations as accounts
from storage.accounts.models import RegistrationRequest
from storage.db import open_database
from storage.importer import import_paths
from storage.models import Unit
from storage.outbox.queue import enqueue, record_reply
from storage.reporting.progress import export_lines
from storage.units.catalog_files import CatalogError, import_catalog
from storage.units.lookup import resolve_unit, unit_label

Command = Callable[[argparse.Namespace, Config, datetime], Coroutine[Any, Any, int]]


async def cmd_import(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Import plan documents; exit 1 when any file failed or was refused."""
    paths = [Path(f) for f in args.files]
    async with open_database(config.database.url) as sessions:
        notifier = PlanNotices() if args.notify else None
        outcomes = await import_paths(
            sessions, paths, now=now, replace=args.replace, dry_run=args.dry_run, notifier=notifier
        )
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
    """Answer one message, or JSON lines on stdin with --batch (bot.batch)."""
    public = config.access.public_questions
    async with open_database(config.database.url) as sessions:
        if args.batch:
            await run_batch(sessions, sys.stdin, sys.stdout, now, public)
            return 0
        message = message_of(" ".join(args.text), args.user, args.unit, now, public)
        async with sessions() as session:
            reply = await respond(session, message)
            await record_reply(session, message.identity, reply.as_plain_text(), now)
            await session.commit()
        print(reply.as_plain_text())
        return 0


async def cmd_chat(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Talk to the bot in the terminal."""
    from bot.console import run_console

    async with open_database(config.database.url) as sessions:
        await run_console(
            sessions,
            user=args.user,
            unit=args.unit,
            fixed_now=now if args.now else None,
            public_questions=config.access.public_questions,
        )
    return 0


async def cmd_demo(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """A fresh local database with the bundled sample plan, then a terminal chat."""
    from bot.demo import run_demo

    return await run_demo(now, fixed_clock=bool(args.now))


async def cmd_run(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Serve the configured channels and the reminder scheduler until SIGTERM."""
    from bot.runner import configure_logging, make_clock, run

    configure_logging(args.verbose)
    return await run(config, make_clock(now if args.now else None))


async def _unit_or_error(session: AsyncSession, name: str) -> Unit | None:
    """The unit named, or None after printing why (unknown, or several namesakes listed)."""
    match = await resolve_unit(session, name)
    if match.unit is not None:
        return match.unit
    if not match.candidates:
        print(f'Không tìm thấy đơn vị "{name}".', file=sys.stderr)
        return None
    labels = [await unit_label(session, u) for u in match.candidates[:10]]
    example = labels[0].replace(" (", ", ").rstrip(")")
    print(f'Có nhiều đơn vị tên "{name}": ghi thêm huyện hoặc tỉnh, ví dụ "{example}":', file=sys.stderr)
    print("\n".join(f"  - {label}" for label in labels), file=sys.stderr)
    return None


async def cmd_user(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """`user add|list|remove|invite|requests|approve|refuse`."""
    async with open_database(config.database.url) as sessions, sessions() as session:
        code = await USER_COMMANDS[args.user_command](session, args, now)
        await session.commit()
    return code


async def _user_add(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    if ":" not in args.identity:
        print("ID phải có dạng KÊNH:ID, ví dụ tg:123456 hoặc zalo:abc", file=sys.stderr)
        return 2
    unit = await _unit_or_error(session, args.unit)
    if unit is None:
        return 1
    await accounts.add_user(session, args.identity, unit, now, role=args.role, name=args.name, post=args.post)
    print(f"Đã thêm {args.identity} vào {await unit_label(session, unit)} ({args.role}).")
    return 0


async def _user_list(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    for row in await accounts.list_users(session):
        unit = row.unit.full_name if row.unit else "-"
        print("\t".join([row.identity, row.name or "", unit, row.role, row.post or ""]).rstrip())
    return 0


async def _user_remove(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    if not await accounts.remove_user(session, args.identity):
        print(f"Không có người dùng {args.identity}.", file=sys.stderr)
        return 1
    print(f"Đã xóa {args.identity}.")
    return 0


async def _user_invite(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    unit = await _unit_or_error(session, args.unit)
    if unit is None:
        return 1
    invite = await accounts.create_invite(session, unit, now, role=args.role, created_by="cli")
    print(invite.code)
    label = await unit_label(session, unit)
    print(f'Mã mời dùng một lần vào {label}: gửi bot "đăng ký {invite.code}".', file=sys.stderr)
    return 0


async def _user_requests(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    for request in await accounts.pending_requests(session):
        unit = await session.get(Unit, request.unit_id)
        label = await unit_label(session, unit) if unit else "?"
        print("\t".join([str(request.id), request.identity, label, request.post or ""]).rstrip())
    return 0


async def _user_decide(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    request = await session.get(RegistrationRequest, args.request)
    if request is None or request.status != "pending":
        print(f"Không có yêu cầu số {args.request} đang chờ duyệt.", file=sys.stderr)
        return 1
    approve = args.user_command == "approve"
    await accounts.decide_request(session, request, approve, "cli", now)
    text = "Yêu cầu đăng ký của bạn đã được duyệt." if approve else "Yêu cầu đăng ký của bạn bị từ chối."
    await enqueue(session, request.identity, text, now, kind="notice")
    print(f"{'Đã duyệt' if approve else 'Đã từ chối'} yêu cầu số {request.id} ({request.identity}).")
    return 0


USER_COMMANDS = {
    "add": _user_add,
    "list": _user_list,
    "remove": _user_remove,
    "invite": _user_invite,
    "requests": _user_requests,
    "approve": _user_decide,
    "refuse": _user_decide,
}


async def cmd_export(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Write the progress of a unit and every unit below it to an Excel or CSV file."""
    async with open_database(config.database.url) as sessions, sessions() as session:
        unit = await _unit_or_error(session, args.unit)
        if unit is None:
            return 1
        lines = await export_lines(session, unit, now)
        title = f"Tiến độ thực hiện chỉ tiêu — {unit.full_name}"
    path = Path(args.xlsx or args.csv)
    write_owner_only(path, to_xlsx(lines, title) if args.xlsx else to_csv(lines))
    print(f"Đã ghi {len(lines)} dòng vào {path}.")
    return 0


COMMANDS: dict[str, Command] = {
    "import": cmd_import,
    "units": cmd_units,
    "plans": cmd_plans,
    "show": cmd_show,
    "ask": cmd_ask,
    "chat": cmd_chat,
    "demo": cmd_demo,
    "user": cmd_user,
    "export": cmd_export,
    "reminders": cmd_reminders,
    "run": cmd_run,
    "group": cmd_group,
}
