"""Logs never carry a secret or a message: one filter on the root handlers sees every record of every logger.

Every configured secret (bot tokens, webhook secrets, the database password) and any `bot<token>` URL
part is replaced by REDACTED in the message, its arguments, the exception text and the stack, at every
level. DEBUG records of the libraries that log request and response bodies or SQL parameters (BODY_LOGGERS)
keep their wording but each argument shrinks to its type and size, so a private text or report never
reaches the log even when an operator turns on `-v`.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
import threading
from collections.abc import Iterable, Mapping
from urllib.parse import quote

from sqlalchemy.engine import make_url

from bot.config import Config

REDACTED = "<redacted>"
BODY_LOGGERS = ("telegram", "httpx", "httpcore", "hpack", "aiosqlite", "asyncpg", "sqlalchemy.engine")
MIN_SECRET = 6  # shorter configured values are not secrets worth the noise of replacing them everywhere
MAX_PLAIN_LINE = 200  # characters of a body logger's DEBUG line without arguments that are kept
_BOT_URL = re.compile(r"(?<=bot)\d+:[A-Za-z0-9_-]+")  # /bot<id>:<secret>/ in Telegram and Zalo URLs
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,39}")  # an API method or a setting name: kept as it is
_FORMATTER = logging.Formatter()


def secrets_of(config: Config) -> list[str]:
    """The values in config that must never be logged: tokens, webhook secrets, the database password."""
    values = [config.telegram.token, config.telegram.secret_token, config.zalo.token, config.zalo.secret_token]
    with contextlib.suppress(Exception):  # an unparsable URL is refused later, with its own message
        values.append(make_url(config.database.url).password or "")
    return [str(value) for value in values]


class Redactor(logging.Filter):
    """Rewrites each record so that it holds no secret and, from a body logger at DEBUG, no content."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = _variants(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keeps the record, rewritten in place (every handler after this one sees the safe form)."""
        if record.levelno < logging.INFO and _is_body_logger(record.name):
            _shrink(record)
        try:
            message = record.getMessage()
        except Exception:  # logging would print the raw msg and args to stderr: print neither
            message = f"unformattable log record ({type(record.msg).__name__} message)"
        record.msg, record.args = self.redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    def redact(self, text: str) -> str:
        """text with every secret and bot-token URL part replaced."""
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return _BOT_URL.sub(REDACTED, text)


def install(secrets: Iterable[str]) -> Redactor:
    """Put one Redactor (replacing an earlier one) on every handler of the root logger, and send the
    tracebacks Python prints itself (a worker thread's, an unraisable one's) through the log."""
    redactor = Redactor(secrets)
    for handler in logging.getLogger().handlers:
        for old in [f for f in handler.filters if isinstance(f, Redactor)]:
            handler.removeFilter(old)
        handler.addFilter(redactor)
    threading.excepthook = log_thread_exception
    sys.unraisablehook = log_unraisable
    return redactor


def log_thread_exception(args: threading.ExceptHookArgs) -> None:
    """A worker thread's uncaught error, logged (so redacted) instead of printed raw to stderr."""
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    error = (args.exc_type, args.exc_value, args.exc_traceback)
    logging.getLogger("kehoach").error("thread %s stopped on an error", name, exc_info=error)


def log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """An error Python could not raise (in a finaliser, say), logged instead of printed raw."""
    if unraisable.exc_value is None:
        return
    error = (unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback)
    logging.getLogger("kehoach").error("ignored error in %r", unraisable.object, exc_info=error)


def _variants(secrets: Iterable[str]) -> list[str]:
    """Each secret as written and URL-encoded, and a token's part after its colon; longest first."""
    found: set[str] = set()
    for secret in secrets:
        parts = [secret, *secret.split(":")[1:]]
        found.update(v for part in parts for v in (part, quote(part, safe="")) if len(v) >= MIN_SECRET)
    return sorted(found, key=len, reverse=True)


def _is_body_logger(name: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in BODY_LOGGERS)


def _shrink(record: logging.LogRecord) -> None:
    """Keep the wording of a library's DEBUG line; its arguments become their sizes."""
    args = record.args
    if isinstance(args, Mapping):
        record.args = {key: _size(value) for key, value in args.items()}
    elif args:
        record.args = tuple(_size(value) for value in args)
    else:
        text = str(record.msg)
        if len(text) > MAX_PLAIN_LINE:
            record.msg = f"{text.split(' ', 1)[0][:40]} ... ({len(text)} characters)"


def _size(value: object) -> object:
    """A log argument reduced to its type and length; numbers and short plain words stay as they are."""
    if isinstance(value, int | float) or (isinstance(value, str) and _WORD.fullmatch(value)):
        return value
    try:
        text = str(value)
    except Exception:
        return f"<{type(value).__name__}>"
    return f"<{type(value).__name__}, {len(text)} characters>"
