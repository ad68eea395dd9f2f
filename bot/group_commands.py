"""`kehoach group link CHAT --unit U | unlink CHAT | list`: the group chats an admin opens to one unit's data."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from storage.accounts.groups import group_links, link_group, unlink_group
from storage.db import open_database
from storage.units.lookup import resolve_unit, unit_label


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `group` subcommand's arguments."""
    groups = sub.add_parser("group", help="nhóm chat được xem số liệu của một đơn vị").add_subparsers(
        dest="group_command", required=True
    )
    p = groups.add_parser("link", help="liên kết một nhóm chat với một đơn vị")
    p.add_argument("chat", help="KÊNH:ID_NHÓM, ví dụ tg:-1001234567890")
    p.add_argument("--unit", required=True)
    groups.add_parser("unlink", help="hủy liên kết một nhóm chat").add_argument("chat")
    groups.add_parser("list", help="liệt kê các nhóm đã liên kết")


async def cmd_group(args: argparse.Namespace, config: Config, now: datetime) -> int:
    """Link, unlink or list group chats."""
    if args.group_command != "list" and ":" not in args.chat:
        print("Nhóm phải có dạng KÊNH:ID, ví dụ tg:-1001234567890 hoặc zalo:abc", file=sys.stderr)
        return 2
    async with open_database(config.database.url) as sessions, sessions() as session:
        code = await GROUP_COMMANDS[args.group_command](session, args, now)
        await session.commit()
    return code


async def _link(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    match = await resolve_unit(session, args.unit)
    if match.unit is None:
        labels = [await unit_label(session, u) for u in match.candidates[:10]]
        print(f'Không tìm thấy đúng một đơn vị "{args.unit}".', *labels, sep="\n  - ", file=sys.stderr)
        return 1
    await link_group(session, args.chat, match.unit, "cli", now)
    print(f"Đã liên kết nhóm {args.chat} với {await unit_label(session, match.unit)}.")
    return 0


async def _unlink(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    if not await unlink_group(session, args.chat):
        print(f"Nhóm {args.chat} chưa liên kết với đơn vị nào.", file=sys.stderr)
        return 1
    print(f"Đã hủy liên kết nhóm {args.chat}.")
    return 0


async def _list(session: AsyncSession, args: argparse.Namespace, now: datetime) -> int:
    for link, unit in await group_links(session):
        print("\t".join([link.chat, await unit_label(session, unit), link.linked_by]))
    return 0


GROUP_COMMANDS = {"link": _link, "unlink": _unlink, "list": _list}
