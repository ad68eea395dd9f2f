"""The database layer: URLs, pragmas, migrations."""

from pathlib import Path

from sqlalchemy import text

from storage.db import SCHEMA_HEAD, alembic_config, async_url, create_engine, current_revision, upgrade


def test_plain_urls_get_async_drivers() -> None:
    assert async_url("sqlite:///x.db") == "sqlite+aiosqlite:///x.db"
    assert async_url("sqlite+aiosqlite://") == "sqlite+aiosqlite://"
    assert async_url("postgresql://postgres@127.0.0.1/db") == "postgresql+asyncpg://postgres@127.0.0.1/db"
    assert async_url("postgresql+asyncpg://u@h/db") == "postgresql+asyncpg://u@h/db"


def test_schema_head_constant_matches_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_migrations_form_one_chain_in_file_order() -> None:
    """Each migration revises the one before it by number, and its file is named by its revision."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    chain = list(reversed(list(scripts.walk_revisions("base", "heads"))))
    assert len(scripts.get_heads()) == 1
    ids = [script.revision for script in chain]
    assert ids == sorted(ids), f"migrations applied out of numeric order: {ids}"
    for previous, script in zip([None, *ids], chain, strict=False):
        assert script.down_revision == previous
        assert Path(script.path).name.startswith(f"{script.revision}_")


async def test_upgrade_creates_schema_once(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        assert await current_revision(engine) is None
        await upgrade(engine)
        await upgrade(engine)  # a second start changes nothing
        assert await current_revision(engine) == SCHEMA_HEAD
    finally:
        await engine.dispose()


async def test_sqlite_runs_wal_with_foreign_keys(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'p.db'}")
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() == 30000
    finally:
        await engine.dispose()


async def test_rollback_undoes_a_released_savepoint(db_url: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import func, select

    from storage.accounts.models import User
    from storage.db import open_database

    async with open_database(db_url) as sessions:
        async with sessions() as session:
            async with session.begin_nested():
                session.add(User(identity="tg:1", created_at=datetime.now(UTC)))
            await session.rollback()
        async with sessions() as session:
            assert await session.scalar(select(func.count()).select_from(User)) == 0


async def test_outbox_files_migration_goes_down_and_up_again(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect

    def columns(conn: object) -> dict[str, set[str]]:
        found = inspect(conn)
        return {t: {c["name"] for c in found.get_columns(t)} for t in found.get_table_names() if t.startswith("outbox")}

    engine = create_engine(db_url)
    try:
        await upgrade(engine)
        async with engine.begin() as conn:
            tables = await conn.run_sync(columns)
            assert {"choices", "after_id"} <= tables["outbox"]
            assert {"outbox_id", "filename", "mime_type", "content", "public_name"} <= tables["outbox_files"]
            await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0090"))
            assert set(await conn.run_sync(columns)) == {"outbox"}
        assert await current_revision(engine) == "0090"
        await upgrade(engine)
        assert await current_revision(engine) == SCHEMA_HEAD
    finally:
        await engine.dispose()


async def test_requested_duties_migration_keeps_stored_duties_as_ordered(db_url: str) -> None:
    from alembic import command

    engine = create_engine(db_url)
    try:
        await upgrade(engine)
        async with engine.begin() as conn:
            await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0170"))
            await conn.execute(
                text(
                    "INSERT INTO plans (id, issuer_name, title, source_file, checksum, imported_at)"
                    " VALUES (1, 'UBND tỉnh An Bình', 'Kế hoạch', 'a.txt', 'x', '2026-01-01')"
                )
            )
            await conn.execute(
                text(
                    "INSERT INTO responsibilities (plan_id, assignee, assignee_key, text)"
                    " VALUES (1, 'Sở Y tế', 'so y te', 'Tập huấn')"
                )
            )
        await upgrade(engine)
        async with engine.begin() as conn:
            rows = (await conn.execute(text("SELECT assignee, requested FROM responsibilities"))).all()
        assert [(name, bool(asked)) for name, asked in rows] == [("Sở Y tế", False)]
    finally:
        await engine.dispose()
