"""Importing plan files into the database: outcomes, re-imports, failures that change nothing, the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli import main
from storage.importer import import_paths
from storage.models import HelperAssignment, Plan, Section, Target, Unit, UnitAlias
from tests.conftest import NOW, PLANS

DISTRICT = PLANS / "huyen-tho-xuan-2024.txt"
SAMPLES = sorted(PLANS.glob("*.txt"))

Sessions = async_sessionmaker[AsyncSession]


async def count(sessions: Sessions, model: type) -> int:
    async with sessions() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def snapshot(sessions: Sessions) -> dict[str, int]:
    models = (Plan, Section, Unit, UnitAlias, Target, HelperAssignment)
    return {model.__name__: await count(sessions, model) for model in models}


async def test_all_samples_import(sessions: Sessions) -> None:
    outcomes = await import_paths(sessions, SAMPLES, now=NOW)
    assert all(o.ok for o in outcomes), [o.lines for o in outcomes]
    first = next(o for o in outcomes if o.path.endswith("huyen-tho-xuan-2024.txt"))
    assert first.lines[0].startswith("Đã nhập: huyen-tho-xuan-2024.txt — ")
    assert "của UBND huyện Thọ Xuân:" in first.lines[0] and " mục, " in first.lines[0]
    assert await count(sessions, Plan) == 5
    async with sessions() as session:
        plan = (await session.execute(select(Plan).where(Plan.issuer_name == "UBND huyện Thọ Xuân"))).scalar_one()
        assert (plan.year, plan.level, plan.signer, plan.number) == (2024, 2, "Nguyễn Xuân Hải", None)
        labels = set((await session.execute(select(Section.label).where(Section.plan_id == plan.id))).scalars())
        assert {"III.2.15", "Phụ lục 01", "Phụ lục 01 (2)"} <= labels
        section = (
            await session.execute(select(Section).where(Section.plan_id == plan.id, Section.label == "III.2.15"))
        ).scalar_one()
        parent = await session.get(Section, section.parent_id)
        assert parent is not None and parent.label == "III.2" and "xa, thi tran" in section.key


async def test_district_appendix_units_are_the_same_thirty(sessions: Sessions) -> None:
    await import_paths(sessions, [DISTRICT], now=NOW)
    async with sessions() as session:
        district = (await session.execute(select(Unit).where(Unit.key == "tho xuan", Unit.level == 2))).scalar_one()
        communes = list((await session.execute(select(Unit).where(Unit.parent_id == district.id))).scalars())
        assert len(communes) == 30
        town = next(u for u in communes if u.key == "tho xuan")
        assert (town.kind, town.level) == ("thị trấn", 3)  # "TT Thọ Xuân" is not the district
        bai = next(u for u in communes if u.key == "xuan bai")
        assert bai.kind == "xã"
        aliases = set((await session.execute(select(UnitAlias.alias).where(UnitAlias.unit_id == bai.id))).scalars())
        assert {"Xuân Bái", "Xã Xuân Bái"} <= aliases
        lam_son = next(u for u in communes if u.key == "lam son")
        spelled = set((await session.execute(select(UnitAlias.alias).where(UnitAlias.unit_id == lam_son.id))).scalars())
        assert {"Lam Sơn", "Thị trấn Lam Sơn"} <= spelled  # "TT" is read by split_unit_name on lookup
        province = await session.get(Unit, district.parent_id)
        assert province is not None and (province.name, province.level) == ("Thanh Hoá", 1)


async def test_reimport_same_file_keeps_one_plan(sessions: Sessions) -> None:
    await import_paths(sessions, SAMPLES, now=NOW)
    before = await snapshot(sessions)
    (outcome,) = await import_paths(sessions, [DISTRICT], now=NOW)
    assert outcome.ok and outcome.lines[0].startswith("Đã cập nhật: huyen-tho-xuan-2024.txt")
    assert await snapshot(sessions) == before


async def test_corrected_copy_updates_that_plan_only(sessions: Sessions, tmp_path: Path) -> None:
    await import_paths(sessions, SAMPLES, now=NOW)
    async with sessions() as session:
        others = {p.id: (p.title, p.checksum) for p in (await session.execute(select(Plan))).scalars()}
    corrected = tmp_path / "tho-xuan-sua.txt"
    text = DISTRICT.read_text(encoding="utf-8").replace("2.14. Các phòng, ban, ngành khác", "2.14. Các cơ quan khác")
    corrected.write_text(text, encoding="utf-8")
    (outcome,) = await import_paths(sessions, [corrected], now=NOW)
    assert outcome.ok
    async with sessions() as session:
        plans = list((await session.execute(select(Plan))).scalars())
        assert len(plans) == 5
        changed = next(p for p in plans if p.id == outcome.plan_id)
        assert changed.source_file.endswith("tho-xuan-sua.txt")
        headings = set((await session.execute(select(Section.heading).where(Section.plan_id == changed.id))).scalars())
        assert "Các cơ quan khác" in headings and "Các phòng, ban, ngành khác" not in headings
        for plan in plans:
            if plan.id != changed.id:
                assert others[plan.id] == (plan.title, plan.checksum)


async def test_failed_file_among_good_ones_changes_nothing(sessions: Sessions, tmp_path: Path) -> None:
    await import_paths(sessions, [DISTRICT], now=NOW)
    before = await snapshot(sessions)
    bad = tmp_path / "hong.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    outcomes = await import_paths(sessions, [bad, DISTRICT, empty], now=NOW)
    assert [o.ok for o in outcomes] == [False, True, False]
    assert outcomes[0].lines[0].startswith("Lỗi: hong.doc: ") and ".docx" in outcomes[0].lines[0]
    assert outcomes[2].lines == ["Lỗi: rong.txt: tệp rỗng, không có nội dung"]
    assert await snapshot(sessions) == before


async def test_store_failure_rolls_back(sessions: Sessions, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import storage.importer.store as store

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_write_sections", broken)
    (outcome,) = await import_paths(sessions, [DISTRICT], now=NOW)
    assert not outcome.ok and "không có gì thay đổi" in outcome.lines[0]
    assert await snapshot(sessions) == {name: 0 for name in await snapshot(sessions)}


def test_cli_import_samples(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", db, "import", *map(str, SAMPLES)]) == 0
    out = capsys.readouterr().out
    assert out.count("Đã nhập: ") == 5
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"%PDF-1.4\n%%EOF\n")
    copy = tmp_path / "copy.txt"
    shutil.copy(DISTRICT, copy)
    assert main(["--db", db, "import", str(bad), str(copy)]) == 1
    captured = capsys.readouterr()
    assert "Lỗi: plan.pdf: " in captured.err and "Đã cập nhật: copy.txt" in captured.out
