"""The `kehoach` command line: global options, commands, and dispatch."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from bot import commands, log_redaction
from bot.clock import parse_now
from bot.config import load_config
from bot.group_commands import add_parser as add_group_parser
from bot.reminder_commands import add_parser as add_reminders_parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command-line contract (see README)."""
    parser = argparse.ArgumentParser(prog="kehoach", description="Kế hoạch bot: chỉ tiêu, nhiệm vụ, hạn báo cáo.")
    parser.add_argument("--db", help="URL cơ sở dữ liệu (sqlite:///file.db, postgresql://user@host/db)")
    parser.add_argument("--config", help="tệp cấu hình TOML")
    parser.add_argument("--now", help="đồng hồ của bot, giờ ISO (mặc định: giờ thực, Asia/Ho_Chi_Minh)")
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi log chi tiết ra stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", help="nhập văn bản kế hoạch (.txt .md .docx .pdf)")
    p.add_argument(
        "--replace",
        action="store_true",
        help="nhập lại cả khi bản mới bỏ chỉ tiêu, hạn đã có báo cáo hay xác nhận hoàn thành (xóa chúng)",
    )
    p.add_argument("--dry-run", action="store_true", help="chỉ cho biết sẽ thay đổi gì, không ghi gì")
    p.add_argument(
        "--notify",
        action="store_true",
        help="báo cho cán bộ đã đăng ký của các đơn vị kế hoạch nêu (như khi gửi tệp qua chat)",
    )
    p.add_argument("files", nargs="+")

    units = sub.add_parser("units", help="danh mục đơn vị hành chính").add_subparsers(
        dest="units_command", required=True
    )
    units.add_parser("import", help="nhập danh mục đơn vị (JSON)").add_argument("file")

    sub.add_parser("plans", help="liệt kê các kế hoạch")
    sub.add_parser("show", help="mọi thông tin về một kế hoạch hoặc đơn vị").add_argument("target")

    p = sub.add_parser("ask", help="hỏi bot một câu")
    p.add_argument("--unit")
    p.add_argument("--user")
    p.add_argument("--batch", action="store_true", help="đọc JSON lines từ stdin")
    p.add_argument("text", nargs="*")

    p = sub.add_parser("chat", help="trò chuyện với bot trong terminal")
    p.add_argument("--unit")
    p.add_argument("--user")

    sub.add_parser("demo", help="CSDL mẫu mới với kế hoạch mẫu, rồi trò chuyện")
    add_reminders_parser(sub)
    _add_user_commands(sub)
    add_group_parser(sub)
    p = sub.add_parser("export", help="xuất tiến độ của một đơn vị và các đơn vị cấp dưới")
    p.add_argument("--unit", required=True)
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--xlsx", help="tệp Excel cần ghi")
    out.add_argument("--csv", help="tệp CSV cần ghi")
    sub.add_parser("run", help="chạy các kênh (Telegram, Zalo) trong cấu hình và bộ nhắc hạn")
    return parser


def _add_user_commands(sub: argparse._SubParsersAction) -> None:
    """`user add|list|remove|invite|requests|approve|refuse`."""
    users = sub.add_parser("user", help="người dùng, vai trò, mã mời, yêu cầu đăng ký").add_subparsers(
        dest="user_command", required=True
    )
    p = users.add_parser("add", help="thêm người dùng vào một đơn vị")
    p.add_argument("identity", help="KÊNH:ID, ví dụ tg:123456")
    p.add_argument("--unit", required=True)
    p.add_argument("--role", choices=["staff", "manager", "admin"], default="staff")
    p.add_argument("--name")
    p.add_argument("--post", help="chức vụ, ví dụ: công chức LĐ-TB&XH")
    users.add_parser("list", help="liệt kê người dùng")
    users.add_parser("remove", help="xóa người dùng").add_argument("identity")
    p = users.add_parser("invite", help="tạo mã mời dùng một lần")
    p.add_argument("--unit", required=True)
    p.add_argument("--role", choices=["staff", "manager", "admin"], default="staff")
    users.add_parser("requests", help="các yêu cầu đăng ký đang chờ duyệt")
    users.add_parser("approve", help="duyệt một yêu cầu đăng ký").add_argument("request", type=int)
    users.add_parser("refuse", help="từ chối một yêu cầu đăng ký").add_argument("request", type=int)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        config = load_config(args.config, db_override=args.db)
    except (OSError, ValueError) as exc:
        print(f"Lỗi cấu hình: {exc}", file=sys.stderr)
        return 2
    log_redaction.install(log_redaction.secrets_of(config))
    now = parse_now(args.now)
    handler = commands.COMMANDS[args.command]
    try:
        return asyncio.run(handler(args, config, now))
    except KeyboardInterrupt:
        return 130
    except Exception:  # through the log filter: a library's error may quote a token (a rejected one, say)
        logging.getLogger("kehoach").exception("kehoach %s stopped on an error", args.command)
        return 1


if __name__ == "__main__":
    sys.exit(main())
