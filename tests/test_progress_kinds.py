"""Progress by the kind of target: counts add up to their goal, levels and rates are where they are now between
baseline and goal (lower is better for a level to bring down), a zero quota is no "0/0"; the unit view groups
targets as the plan does and lists the ones behind first; Excel and the chart use the same figures."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.render.progress_text import short_name, standing_text
from storage.models import Section, Target, Unit
from storage.reporting.groups import group_in, labels
from storage.reporting.reports import Report
from storage.reporting.standing import BEHIND, COUNT, LEVEL, REACHED, UNREPORTED, standing, year_elapsed
from tests import factories
from tests.conftest import NOW
from tests.reporting_seed import add, say


def _target(value: float, measure: str, form: str | None, baseline: float | None = None, **extra: object) -> Target:
    row = Target(indicator="tỷ lệ hộ nghèo", value=value, measure=measure, form=form, baseline=baseline)
    for name, field_value in extra.items():
        setattr(row, name, field_value)
    return row


def test_a_rate_brought_down_shows_the_way_done() -> None:
    target = _target(2.0, "%", "reduce_to", baseline=2.5)
    state = standing(target, 2.2)
    assert (state.scale, state.lower_better, round(state.share or 0)) == (LEVEL, True, 60)
    assert standing_text(state, target) == "2,5% → 2,2% → 2%: đã đi được 60% lộ trình"
    assert standing_text(standing(target, 1.9), target) == "2,5% → 1,9% → 2%: đã đạt mục tiêu"
    assert standing_text(standing(target, 2.7), target).endswith("xa mục tiêu hơn mức ban đầu")
    assert standing_text(standing(target, None), target) == "2,5% → xuống còn 2%: chưa báo cáo mức hiện nay"


def test_my_own_level_to_raise_and_a_ceiling() -> None:
    raised = _target(90, "%", "at_least", baseline=70)
    assert standing_text(standing(raised, 85), raised) == "70% → 85% → 90%: đã đi được 75% lộ trình"
    no_start = _target(96, "%", "reach")
    assert standing_text(standing(no_start, 91.5), no_start) == "hiện 91,5%, mục tiêu đạt 96%: chưa đạt"
    ceiling = _target(2, "%", "at_most")
    assert standing(ceiling, 1.8).reached and not standing(ceiling, 2.4).reached


def test_counts_and_zero_quotas() -> None:
    reduce_by = _target(45, "hộ", "reduce_by")
    assert standing(reduce_by, 3).scale == COUNT
    assert standing_text(standing(reduce_by, 3), reduce_by) == "3/45 (6,7%) hộ"
    zero = _target(0, "hộ", "reduce_by")
    assert standing_text(standing(zero, None), zero) == "không được giao (0 hộ)"
    assert "0/0" not in standing_text(standing(zero, 2), zero)
    points = _target(2, "%", "reduce_by")  # "giảm trên 2%": a change in points, summed up
    assert standing(points, 1.5).scale == COUNT and standing_text(standing(points, 1.5), points) == "1,5/2 (75%) điểm %"


def test_rows_read_before_forms_fall_back_on_measure_and_direction() -> None:
    old_rate = _target(0.79, "%", None, baseline=0.82, direction="giảm")
    assert standing(old_rate, 0.8).scale == LEVEL and standing(old_rate, 0.8).lower_better
    assert standing(_target(4, "hộ", None, direction="giảm"), 2).scale == COUNT


def test_behind_means_below_the_share_of_the_year_gone() -> None:
    gone = year_elapsed(2024, NOW.date())  # 15/5: 37% of the year
    count = _target(10, "hộ", "reduce_by")
    assert standing(count, 2).status(gone) == BEHIND and standing(count, 5).status(gone) == "on_track"
    assert standing(count, None).status(gone) == UNREPORTED and standing(count, 10).status(gone) == REACHED


def test_short_names_keep_who_and_what() -> None:
    name = "người lao động thuộc hộ nghèo, … được hỗ trợ kết nối việc làm thành công"
    assert short_name(name) == "người lao động thuộc hộ nghèo … được hỗ trợ"  # never "hỗ trợ kết"
    listing = "hộ nghèo, hộ cận nghèo sử dụng nhà tiêu hợp vệ sinh đạt chuẩn của địa phương"
    assert short_name(listing).startswith("hộ nghèo … ") and short_name(listing).endswith("chuẩn của địa phương")
    assert short_name("nhà tiêu hợp vệ sinh (nước sạch)", "nước sạch") == "nhà tiêu hợp vệ sinh"


def test_groups_are_the_labelled_items_of_a_section() -> None:
    real = "- Về việc làm:\n+ Tối thiểu 20 người lao động được hỗ trợ\n- Về y tế: 100% người thuộc hộ nghèo"
    assert [label for _, _, label in labels(real)] == ["việc làm", "y tế"]
    assert group_in(real, "100% người thuộc hộ nghèo") == "y tế"
    mine = "a) Giáo dục:\n- 95% trẻ đi học\nb) Nước sạch:\n- 80% hộ dùng nước sạch\nc) Không có nhãn số 2024"
    assert group_in(mine, "80% hộ dùng nước sạch") == "Nước sạch"
    assert group_in("Phấn đấu giảm 45 hộ cận nghèo", "giảm 45 hộ cận nghèo") is None


async def _commune(session: AsyncSession) -> dict[str, int]:
    district = await factories.unit(session, "huyện Sơn Tây")
    unit = await factories.unit(session, "xã Sơn Liên", parent=district)
    plan = await factories.plan(session, unit, "KH giảm nghèo")
    body = "- Về y tế:\n+ 100% người nghèo có thẻ bảo hiểm y tế;\n+ giảm tỷ lệ trẻ suy dinh dưỡng xuống còn 20%."
    section = Section(plan_id=plan.id, ordinal=1, label="II.2", heading="Chỉ tiêu", body=body, key="ii.2")
    session.add(section)
    await session.flush()
    rate = await factories.target(
        session, plan, unit, "tỷ lệ hộ nghèo", 2.0, measure="%", form="reduce_to", baseline=2.5, direction="giảm"
    )
    count = await factories.target(session, plan, unit, "hộ cận nghèo", 40, form="reduce_by", direction="giảm")
    zero = await factories.target(session, plan, unit, "hộ nghèo dân tộc thiểu số", 0, form="reduce_by")
    fields = {"section_id": section.id}
    insured = await factories.target(
        session,
        plan,
        unit,
        "người nghèo có thẻ bảo hiểm y tế",
        100,
        measure="%",
        form="reach",
        **fields,
        text="100% người nghèo có thẻ bảo hiểm y tế",
    )
    stunted = await factories.target(
        session,
        plan,
        unit,
        "tỷ lệ trẻ suy dinh dưỡng",
        20,
        measure="%",
        form="reduce_to",
        direction="giảm",
        text="giảm tỷ lệ trẻ suy dinh dưỡng xuống còn 20%",
        **fields,
    )
    await add(session, "tg:5", unit.id)
    return {"rate": rate.id, "count": count.id, "zero": zero.id, "insured": insured.id, "stunted": stunted.id}


async def test_a_reported_rate_is_a_level_and_the_view_shows_each_kind(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _commune(session)
        first = await say(session, "tg:5", "tỷ lệ hộ nghèo còn 2,3%")
        assert first is not None and "mức tại ngày" in first.text and "2,5% → 2,3% → 2%" in first.text
        second = await say(session, "tg:5", "tỷ lệ hộ nghèo còn 2,2%")  # a level: replaces, never adds up
        assert second is not None and "đã đi được 60% lộ trình" in second.text, second.text
        await say(session, "tg:5", "đã giảm được 30 hộ cận nghèo")
        view = await say(session, "tg:5", "tiến độ")
        assert view is not None
        text = view.text
        assert "- tỷ lệ hộ nghèo: 2,5% → 2,2% → 2%: đã đi được 60% lộ trình" in text
        assert "- hộ cận nghèo: 30/40 (75%) hộ" in text and "hộ nghèo dân tộc thiểu số: không được giao (0 hộ)" in text
        assert "0/0" not in text and "Y tế:\n  - " in text
        assert text.index("tỷ lệ hộ nghèo:") < text.index("hộ cận nghèo:")  # 60% of the way by May: behind
        assert text.index("Y tế:") < text.index("hộ cận nghèo:")  # nothing reported there yet
        assert len(text) <= 2000


async def test_a_change_of_a_level_becomes_the_level_from_the_baseline(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        ids = await _commune(session)
        reply = await say(session, "tg:5", "tỷ lệ hộ nghèo giảm 0,3%")
        assert reply is not None and "giảm 0,3 điểm % từ mức ban đầu 2,5%: mức hiện nay 2,2%" in reply.text
        saved = (await session.execute(select(Report))).scalar_one()
        assert (saved.target_id, round(saved.value, 2)) == (ids["rate"], 2.2)
        refused = await say(session, "tg:5", "tỷ lệ trẻ suy dinh dưỡng giảm 2%")  # no baseline: ask for the level
        assert refused is not None and "Hãy gửi mức hiện nay" in refused.text and "Chưa lưu gì" in refused.text
        assert len((await session.execute(select(Report))).scalars().all()) == 1


async def test_the_managers_files_use_the_same_figures(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        await _commune(session)
        await say(session, "tg:5", "tỷ lệ hộ nghèo còn 2,2%")
        parent = (await session.execute(select(Unit).where(Unit.name == "Sơn Tây"))).scalar_one()
        await add(session, "tg:6", parent.id, role="manager")
        view = await say(session, "tg:6", "tiến độ các xã")
        assert view is not None and "Xã Sơn Liên: 2,5% → 2,2% → 2%: đã đi được 60% lộ trình" in view.text
        png, xlsx = view.attachments
        assert png.content.startswith(b"\x89PNG")
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        row = [c.value for c in next(sheet.iter_rows(min_row=3))]
        assert row[4:8] == [2, 2.2, 60, "2,5% → 2,2% → 2%: đã đi được 60% lộ trình"]
        assert row[10:12] == ["mức, tỷ lệ (số mới nhất)", 2.5]
