"""The snapshot's compact forms answer like the plain rows they replace: a section's body read back from its
compressed form, passage postings read by plan equal to those read for every plan, a unit's plans found through
the issuer index in the order of the old scan, and the snapshot's objects frozen once out of full collections."""

from __future__ import annotations

import gc
from types import SimpleNamespace

from handlers.answers import passages
from handlers.answers.section_index import section_index
from handlers.snapshot import SectionRow, Snapshot, _packed, settle
from handlers.understand.query import applying_plans
from storage.language.normalize import fold_expand


def section(sid: int, plan_id: int, heading: str, body: str | None) -> SimpleNamespace:
    return SimpleNamespace(id=sid, plan_id=plan_id, parent_id=None, label=f"{sid}", heading=heading, body=body)


def plan(pid: int, issuer: int | None, level: int) -> SimpleNamespace:
    return SimpleNamespace(id=pid, issuer_unit_id=issuer, level=level, number=f"{pid}/KH-UBND")


def snapshot(plans: list[SimpleNamespace], sections: list[SimpleNamespace], targets: list | None = None) -> Snapshot:
    """Two provinces (1, 2), a district (3) of province 1 and a commune (4) of the district."""
    units = {
        1: SimpleNamespace(id=1, parent_id=None, name="Tỉnh Một"),
        2: SimpleNamespace(id=2, parent_id=None, name="Tỉnh Hai"),
        3: SimpleNamespace(id=3, parent_id=1, name="Huyện Ba"),
        4: SimpleNamespace(id=4, parent_id=3, name="Xã Bốn"),
    }
    return Snapshot(
        version=(),
        units=units,
        aliases=[],
        plans={p.id: p for p in plans},
        sections={s.id: s for s in sections},
        targets=targets or [],
        duties=[],
        deadlines=[],
        budgets=[],
        helpers=[],
        children={1: [3], 3: [4]},
    )


def test_a_long_body_is_kept_compressed_and_read_back_whole_and_a_short_or_empty_one_as_it_is() -> None:
    long = "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn; " * 20
    row = SectionRow(7, 1, None, 3, "II.1", "Nhiệm vụ", _packed(long))
    assert isinstance(row.packed, bytes) and len(row.packed) < len(long)
    assert row.body == long
    assert SectionRow(8, 1, None, 4, "II.2", "", _packed("Tổ chức sơ kết.")).body == "Tổ chức sơ kết."
    assert SectionRow(9, 1, None, 5, "II.3", "", _packed("")).body == ""
    assert SectionRow(10, 1, None, 6, "II.4", "", _packed(None)).body is None


def test_searching_some_plans_scores_their_sections_as_searching_every_plan_does() -> None:
    # Sections of three plans given out of plan order: the index numbers them plan after plan.
    sections = [
        section(1, 2, "Nhiệm vụ", "Rà soát hộ nghèo, hộ cận nghèo cuối năm."),
        section(2, 1, "Mục tiêu", "Giảm tỷ lệ hộ nghèo 1,5% mỗi năm."),
        section(3, 3, "Tổ chức", "Định kỳ 6 tháng báo cáo kết quả rà soát hộ nghèo."),
        section(4, 2, "Kinh phí", "Ngân sách tỉnh hỗ trợ nhà ở cho hộ nghèo."),
        section(5, 1, "Thời gian", "Thời gian thực hiện: năm 2026."),
    ]
    snap = snapshot([plan(1, 1, 1), plan(2, 2, 1), plan(3, 1, 1)], sections)
    index = section_index(snap)
    terms = passages.terms(fold_expand("rà soát hộ nghèo khi nào"))
    everywhere = index.search(terms)
    some = index.search(terms, {2, 3})
    assert some == [(score, sid) for score, sid in everywhere if snap.sections[sid].plan_id in {2, 3}]
    assert {sid for _, sid in some} == {1, 3, 4}
    assert index.by_plan == {1: [2, 5], 2: [1, 4], 3: [3]}
    assert index.counts["ngheo"] == 4 and index.search(terms, {9}) == []


def test_a_units_plans_are_its_issuers_nearest_first_then_those_assigning_it_then_those_below() -> None:
    plans = [plan(1, 1, 1), plan(2, 3, 2), plan(3, 2, 1), plan(4, None, 0), plan(5, 4, 3), plan(6, 3, 2)]
    assigns = [SimpleNamespace(id=1, plan_id=3, unit_id=4, parent_id=None)]
    snap = snapshot(plans, [], assigns)
    assert [p.id for p in applying_plans(snap, 4)] == [5, 2, 6, 1, 3]  # commune, district, province, assigning
    assert [p.id for p in applying_plans(snap, 2)] == [3]
    assert [p.id for p in applying_plans(snap, None)] == [5, 2, 6, 1, 3, 4]  # the lowest level first
    fresh = snapshot([plan(7, 4, 3), plan(8, 3, 2)], [])
    assert [p.id for p in applying_plans(fresh, 1)] == [7, 8]  # no plan of its own: the plans of units below


def test_a_snapshot_is_frozen_out_of_full_collections_once() -> None:
    snap = snapshot([plan(1, 1, 1)], [])
    try:
        settle(snap)
        frozen = gc.get_freeze_count()
        assert snap.settled and frozen > 0
        settle(snap)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
