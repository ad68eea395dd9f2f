"""Database URLs, the async engine and schema upgrades."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

import storage.schema  # noqa: F401  (every table registered; sessions that change facts bump the revision)

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; tests check it against the scripts so start-up can skip Alembic's loader.
SCHEMA_HEAD = "0241"
DEFAULT_DB = "sqlite:///kehoach.db"


def async_url(url: str) -> str:
    """Turn a plain or driver URL into the async-driver URL SQLAlchemy needs."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+asyncpg")
    else:
        raise ValueError(f"Không hỗ trợ cơ sở dữ liệu '{backend}': dùng sqlite:/// hoặc postgresql://")
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str) -> AsyncEngine:
    """An async engine for url; SQLite gets WAL, foreign keys and a busy timeout. Errors and SQL logs never
    show the parameters (they hold the users' texts)."""
    full = async_url(url)
    if full.startswith("sqlite"):
        _ensure_parent_dir(full)
        engine = create_async_engine(full, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    return create_async_engine(full, pool_pre_ping=True, hide_parameters=True)


def _ensure_parent_dir(url: str) -> None:
    """Create the folder of a SQLite file and, when the file is new, the file itself, owner-only (0600):
    SQLite gives its -wal and -shm files the same mode. An existing file keeps its mode."""
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # an empty file is an empty database


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # Let SQLAlchemy, not the sqlite3 module, open transactions: otherwise a SAVEPOINT that is the
    # first write runs outside any transaction and its RELEASE commits it, even if we roll back later.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so a transaction that
    # reads and then writes never fails on a snapshot another process has moved past.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


async def current_revision(engine: AsyncEngine) -> str | None:
    """The Alembic revision the database is at, or None for an empty database."""
    async with engine.connect() as conn:
        try:
            row = (await conn.execute(text("SELECT version_num FROM alembic_version"))).first()
        except Exception:  # no table yet: a fresh database
            return None
        return row[0] if row else None


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the schema up to the newest migration (cheap when it already is)."""
    if await current_revision(engine) == SCHEMA_HEAD:
        return
    async with engine.begin() as conn:
        await conn.run_sync(_run_alembic_upgrade)


def alembic_config(connection: object | None = None):  # type: ignore[no-untyped-def]
    """An Alembic Config pointing at our migrations, optionally bound to a connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _run_alembic_upgrade(connection: object) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


@asynccontextmanager
async def open_database(url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Open url, upgrade its schema, yield a session factory, dispose on exit."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
        yield session_factory(engine)
    finally:
        await engine.dispose()


def default_url() -> str:
    """The database URL when none is given: $KEHOACH_DB or a local SQLite file."""
    return os.environ.get("KEHOACH_DB", DEFAULT_DB)
