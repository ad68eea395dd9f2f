"""A re-import that reads a target's form differently changes that target (its reports stay with it); it does not
remove one target and add another."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import text

from storage.db import alembic_config, create_engine, session_factory, upgrade
from storage.importer import import_paths
from storage.importer.diff import CHANGED, TARGET, build_diff
from storage.importer.matching import Draft, Stored, pair_targets


def _values(form: str | None, value: float = 45) -> dict[str, object]:
    return {"unit_id": 1, "kind": "target", "key": "ho can ngheo", "indicator": "hộ cận nghèo", "measure": "hộ",
            "year": 2024, "value": value, "baseline": None, "direction": "giảm", "form": form, "text": ""}  # fmt: skip


def test_a_new_form_is_a_change_of_the_same_target() -> None:
    stored = Stored(None, _values("reduce_to"), reports=2)
    pairs = pair_targets([Draft(_values("reduce_by"), None)], [stored])
    assert [(pair.new is not None, pair.old is stored) for pair in pairs] == [(True, True)]
    (change,) = build_diff(7, pairs, [], {1: "Xã Trà Lâm"}).changes
    assert (change.fact, change.change, change.before, change.after) == (TARGET, CHANGED, "giảm xuống còn 45 hộ",
                                                                         "giảm 45 hộ")  # fmt: skip
    assert change.reports == 2 and not change.loses_data


def test_a_row_stored_before_forms_were_read_is_changed_to_its_form() -> None:
    pairs = pair_targets([Draft(_values("at_least", 27), None)], [Stored(None, _values(None, 27))])
    (change,) = build_diff(7, pairs, [], {1: "Xã Trà Lâm"}).changes
    assert (change.before, change.after) == ("chưa rõ dạng 27 hộ", "tối thiểu 27 hộ")


def test_the_same_form_and_value_is_no_change() -> None:
    pairs = pair_targets([Draft(_values("reduce_by"), None)], [Stored(None, _values("reduce_by"))])
    assert build_diff(7, pairs, [], {1: "Xã Trà Lâm"}).changes == []


async def test_the_migration_fills_the_forms_a_direction_makes_sure(db_url: str) -> None:
    ward = Path(__file__).parent / "data" / "plans_extra" / "phuong-yen-ninh-yen-bai-2024.txt"
    engine = create_engine(db_url)
    try:
        await upgrade(engine)
        await import_paths(session_factory(engine), [ward], now=datetime(2024, 5, 1, tzinfo=UTC))
        async with engine.begin() as conn:
            await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0170"))
            await conn.execute(text("UPDATE targets SET direction = 'đạt' WHERE value = 100"))
        await upgrade(engine)
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT direction, baseline, value, form FROM targets"))).all()
    finally:
        await engine.dispose()
    forms = {(direction, baseline is not None, form) for direction, baseline, _, form in rows}
    assert ("giảm", True, "reduce_to") in forms  # "giảm từ 1,71% xuống còn 1,36%"
    assert ("đạt", False, "reach") in forms
    assert all(form is None for direction, baseline, _, form in rows if direction in (None, "tăng"))
    assert all(form is None for direction, baseline, _, form in rows if direction == "giảm" and baseline is None)
