"""The root handlers' filter: no configured secret and no `bot<token>` URL part in any record of any logger at
any level (message, arguments, exception text, stack), and library DEBUG lines reduced to sizes."""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config, DatabaseConfig, TelegramConfig, ZaloConfig
from bot.log_redaction import REDACTED, Redactor, install, secrets_of

TOKEN = "5566778:AAH-secret-telegram-part"
ZALO = "1122334455:zalo-secret-part-xyz"
HOOK = "hook-secret-9f8e7d"
PRIVATE = "Nguyễn Thị Kín 0987654321"  # anything a user may write
LEVELS = [logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL]


@pytest.fixture
def output() -> Iterator[io.StringIO]:
    """A root handler formatted as `kehoach` does, with the filter installed for these secrets."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    install([TOKEN, ZALO, HOOK])
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for other in root.handlers:
            for redactor in [f for f in other.filters if isinstance(f, Redactor)]:
                other.removeFilter(redactor)


def _assert_no_secret(written: str) -> None:
    for secret in (TOKEN, ZALO, HOOK, TOKEN.split(":")[1], ZALO.split(":")[1]):
        assert secret not in written, f"{secret!r} in the log:\n{written}"


class Leaky:
    """An object whose text holds a token, as a library's request object may."""

    def __str__(self) -> str:
        return f"<Request url=https://api.example/bot{TOKEN}/getMe>"


@pytest.mark.parametrize("level", LEVELS, ids=logging.getLevelName)
@pytest.mark.parametrize("name", ["some.library", "bot.runner", "telegram.ext.ExtBot", "httpx"])
def test_no_logger_at_any_level_writes_a_secret(output: io.StringIO, name: str, level: int) -> None:
    log = logging.getLogger(name)
    log.log(level, f"in the message {TOKEN} and {HOOK}")
    log.log(level, "in the arguments %s %r %s", ZALO, {"secret_token": HOOK}, Leaky())
    log.log(level, "in a mapping %(token)s", {"token": TOKEN})
    try:
        raise RuntimeError(f"connect to https://api.example/bot{ZALO}/getUpdates failed ({HOOK})")
    except RuntimeError:
        log.log(level, "with the exception", exc_info=True)
    log.log(level, "with the stack %s", TOKEN, stack_info=True)
    written = output.getvalue()
    _assert_no_secret(written)
    assert written.count("\n") > 5 and REDACTED in written  # the records are there, rewritten


def test_a_bot_token_url_is_redacted_even_when_the_token_is_not_configured(output: io.StringIO) -> None:
    logging.getLogger("httpx").info(
        'HTTP Request: POST http://127.0.0.1:8081/bot123456:Other-Token_x/sendMessage "200"'
    )
    written = output.getvalue()
    assert "Other-Token_x" not in written and f"/bot{REDACTED}/sendMessage" in written


def test_url_encoded_secrets_are_redacted(output: io.StringIO) -> None:
    logging.getLogger("some.library").warning("GET /hook?token=5566778%3AAAH-secret-telegram-part")
    _assert_no_secret(output.getvalue().replace("%3A", ":"))


def test_library_debug_lines_keep_their_wording_but_not_the_bodies(output: io.StringIO) -> None:
    params = {"chat_id": 1001, "text": PRIVATE}
    logging.getLogger("telegram.ext.ExtBot").debug(
        "Calling Bot API endpoint `%s` with parameters `%s`", "sendMessage", params
    )
    logging.getLogger("aiosqlite").debug("executing %s", ("INSERT INTO reports VALUES (?)", (PRIVATE,)))
    logging.getLogger("httpcore.http11").debug("receive_response_body.complete " + PRIVATE * 20)
    written = output.getvalue()
    assert "Kín" not in written and "0987654321" not in written, written
    assert "Calling Bot API endpoint `sendMessage` with parameters `<dict, " in written
    assert "executing <tuple, " in written and "receive_response_body.complete ... (" in written


def test_the_projects_own_debug_lines_and_library_info_lines_are_kept_whole(output: io.StringIO) -> None:
    logging.getLogger("bot.webhook_server").debug("webhook connection dropped after %d bytes", 512)
    logging.getLogger("telegram.ext.Application").info("Application started")
    written = output.getvalue()
    assert "webhook connection dropped after 512 bytes" in written and "Application started" in written


def test_a_record_that_cannot_be_formatted_does_not_print_its_arguments(
    output: io.StringIO, capsys: pytest.CaptureFixture[str]
) -> None:
    logging.getLogger("some.library").error("%d households", PRIVATE)
    written = output.getvalue() + capsys.readouterr().err
    assert PRIVATE not in written and "unformattable log record" in written


def test_the_configured_secrets_include_the_database_password() -> None:
    config = Config(
        database=DatabaseConfig(url="postgresql://kehoach:db-pass-123@127.0.0.1/kehoach"),
        telegram=TelegramConfig(token=TOKEN, secret_token=HOOK),
        zalo=ZaloConfig(token=ZALO),
    )
    assert set(secrets_of(config)) >= {TOKEN, HOOK, ZALO, "db-pass-123"}


def test_installing_again_replaces_the_filter(output: io.StringIO) -> None:
    install(["another-secret-value"])
    logging.getLogger("x").warning("%s %s", TOKEN, "another-secret-value")
    written = output.getvalue()
    assert "another-secret-value" not in written and TOKEN in written  # the new secrets, not both sets


async def test_database_errors_do_not_carry_the_parameters(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        with pytest.raises(Exception) as failure:
            await session.execute(text("SELECT no_such_column FROM units WHERE name = :name"), {"name": PRIVATE})
    assert PRIVATE not in str(failure.value) and "hidden" in str(failure.value)


def test_a_worker_threads_traceback_goes_through_the_filter(output: io.StringIO) -> None:
    def leak() -> None:
        raise RuntimeError(f"getFile https://api.telegram.org/bot{TOKEN}/x failed for {HOOK}")

    install([TOKEN, ZALO, HOOK])  # pytest swaps its own hook in around each test phase: install within it
    try:
        worker = threading.Thread(target=leak, name="upload-reader")
        worker.start()
        worker.join()
    finally:
        threading.excepthook, sys.unraisablehook = threading.__excepthook__, sys.__unraisablehook__
    written = output.getvalue()
    assert "thread upload-reader stopped on an error" in written and "RuntimeError" in written
    assert REDACTED in written
    _assert_no_secret(written)


def test_an_unraisable_error_goes_through_the_filter(output: io.StringIO) -> None:
    class Closing:
        def __del__(self) -> None:
            raise ValueError(f"closing with {TOKEN}")

    install([TOKEN, ZALO, HOOK])
    try:
        Closing()  # dropped at once: its finaliser's error cannot be raised, only reported
    finally:
        sys.unraisablehook = sys.__unraisablehook__
    written = output.getvalue()
    assert "ignored error" in written and "ValueError" in written
    _assert_no_secret(written)
