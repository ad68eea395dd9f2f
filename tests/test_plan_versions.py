"""Every import of a plan is recorded as a version; a dry run records and changes nothing; the CLI refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from handlers.render.show import describe
from storage.db import alembic_config, create_engine, open_database
from storage.importer import import_paths
from storage.importer.versions import plan_versions
from tests.conftest import NOW
from tests.reimport_data import QUOTAS, Sessions, ask, plan_text, register, snapshot, write_plan


async def test_each_import_is_a_version_with_its_counts_and_changes(sessions: Sessions, tmp_path: Path) -> None:
    first = write_plan(tmp_path, "tho-xuan.txt", plan_text())
    edited = write_plan(tmp_path, "tho-xuan-sua.txt", plan_text([QUOTAS[0], ("Thọ Lâm", 12, 3, 9), QUOTAS[2]]))
    outcomes = await import_paths(sessions, [first, first, edited], now=NOW)
    assert all(o.ok for o in outcomes) and len({o.plan_id for o in outcomes}) == 1
    async with sessions() as session:
        versions = await plan_versions(session, outcomes[0].plan_id or 0)
    assert [(v.version, Path(v.source_file).name) for v in versions] == [
        (1, "tho-xuan.txt"),
        (2, "tho-xuan.txt"),
        (3, "tho-xuan-sua.txt"),
    ]
    assert versions[0].checksum == versions[1].checksum != versions[2].checksum
    assert (versions[0].targets, versions[0].deadlines, versions[0].changes) == (5, 2, "")
    assert (versions[1].added, versions[1].changed, versions[1].removed) == (0, 0, 0)
    # Thọ Lâm's quota and the district's totals, each with its two parts, and "toàn huyện giảm 20 hộ"
    assert (versions[2].added, versions[2].changed, versions[2].removed) == (0, 7, 0)
    assert "~ sửa chỉ tiêu Thọ Lâm — giảm hộ nghèo năm 2024: 10 hộ → 12 hộ" in versions[2].changes


async def test_dry_run_shows_the_diff_and_keeps_nothing(sessions: Sessions, tmp_path: Path) -> None:
    await import_paths(sessions, [write_plan(tmp_path, "tho-xuan.txt", plan_text())], now=NOW)
    await register(sessions, "tg:7", "tho lam")
    await ask(sessions, "tg:7", "đã giảm được 7 hộ nghèo")
    before = await snapshot(sessions)
    shorter = write_plan(tmp_path, "rut-gon.txt", plan_text([QUOTAS[0]]))
    (outcome,) = await import_paths(sessions, [shorter], now=NOW, dry_run=True)
    assert outcome.ok and outcome.diff is not None and outcome.plan_id is None
    assert [c.label for c in outcome.diff.losses] == ["Thọ Lâm — giảm hộ nghèo năm 2024"]
    assert outcome.lines[0].startswith("Chạy thử, sẽ cập nhật: rut-gon.txt")
    assert "  Nhập bản này sẽ xóa 1 báo cáo tiến độ: chỉ được nhập với --replace." in outcome.lines
    assert await snapshot(sessions) == before


def test_cli_refuses_a_lossy_reimport_until_replace(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cli = ["--db", db_url, "--now", NOW.isoformat()]
    assert main([*cli, "import", str(write_plan(tmp_path, "tho-xuan.txt", plan_text()))]) == 0
    assert main([*cli, "user", "add", "tg:7", "--unit", "Thọ Lâm"]) == 0
    assert main([*cli, "ask", "--user", "tg:7", "đã giảm được 7 hộ nghèo"]) == 0
    capsys.readouterr()
    shorter = str(write_plan(tmp_path, "rut-gon.txt", plan_text([QUOTAS[0]])))
    assert main([*cli, "import", shorter]) == 1
    refused = capsys.readouterr()
    assert refused.out == "" and "Chưa nhập: rut-gon.txt" in refused.err and "--replace" in refused.err
    assert main([*cli, "import", "--replace", shorter]) == 0
    applied = capsys.readouterr().out
    assert "Đã cập nhật: rut-gon.txt" in applied and "Đã xóa 1 báo cáo tiến độ theo --replace." in applied


async def test_plans_imported_before_the_table_become_version_one(db_url: str, tmp_path: Path) -> None:
    from alembic import command

    async with open_database(db_url) as sessions:
        (outcome,) = await import_paths(sessions, [write_plan(tmp_path, "tho-xuan.txt", plan_text())], now=NOW)
    engine = create_engine(db_url)
    try:
        async with engine.begin() as conn:  # back to the schema before plan versions
            await conn.run_sync(lambda sync: command.downgrade(alembic_config(sync), "0120"))
    finally:
        await engine.dispose()
    async with open_database(db_url) as sessions, sessions() as session:
        (version,) = await plan_versions(session, outcome.plan_id or 0)
        text = await describe(session, "12/KH-UBND")
    assert (version.version, Path(version.source_file).name, version.targets, version.deadlines) == (
        1,
        "tho-xuan.txt",
        5,
        2,
    )
    assert text is not None and "Các lần nhập (1):\n  - bản 1: 15/5/2024 · tho-xuan.txt · 5 chỉ tiêu, 2 hạn" in text
