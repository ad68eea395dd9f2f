"""`kehoach plans` and `kehoach show`: plan and unit views on data inserted directly (imported plans: tests/corpus)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.render.show import describe, list_plans
from storage.language.text import unit_key
from storage.models import Deadline, HelperAssignment, Plan, Responsibility, Section, Target, Unit

Sessions = async_sessionmaker[AsyncSession]


def unit(name: str, kind: str, level: int, parent: Unit | None = None) -> Unit:
    """A plan-built unit."""
    return Unit(name=name, kind=kind, level=level, key=unit_key(name), parent=parent, source="plan")


async def seed(sessions: Sessions) -> None:
    """A district plan with two commune quotas (with breakdown), a duty, a deadline and helpers."""
    async with sessions() as session, session.begin():
        province = unit("Thanh Hoá", "tỉnh", 1)
        district = unit("Thọ Xuân", "huyện", 2, province)
        lam_son = unit("Lam Sơn", "thị trấn", 3, district)
        xuan_bai = unit("Xuân Bái", "xã", 3, district)
        other = unit("Vĩnh Yên", "xã", 3, unit("Bình Gia", "huyện", 2))
        plan = Plan(
            number="21/KH-UBND",
            doc_date=date(2024, 2, 20),
            issuer=district,
            issuer_name="UBND huyện Thọ Xuân",
            level=2,
            year=2024,
            title="Kế hoạch thực hiện công tác giảm nghèo bền vững năm 2024",
            source_file="huyen.txt",
            checksum="x",
            imported_at=datetime(2024, 3, 1, tzinfo=UTC),
        )
        annex = Section(plan=plan, ordinal=1, label="Phụ lục 01", heading="Phụ lục")
        duties = Section(plan=plan, ordinal=2, label="III.2.15", heading="UBND các xã")
        session.add_all([province, district, lam_son, xuan_bai, other, plan, annex, duties])
        await session.flush()
        for commune, total, parts in ((lam_son, 6, (2, 4)), (xuan_bai, 4, (1, 3))):
            quota = fact(Target, plan, annex, unit_id=commune.id, kind="quota", indicator="giảm hộ nghèo", value=total)
            session.add(quota)
            await session.flush()
            for label, value in zip(("hộ không có KNLĐ", "hộ có KNLĐ"), parts, strict=True):
                session.add(
                    fact(Target, plan, annex, unit_id=commune.id, parent_id=quota.id, indicator=label, value=value)
                )
        session.add(
            fact(HelperAssignment, plan, annex, unit_id=xuan_bai.id, office="Phòng Nội vụ", member="Vũ Mạnh Hà")
        )
        session.add(
            fact(
                Responsibility,
                plan,
                duties,
                unit_id=district.id,
                assignee="UBND các xã, thị trấn",
                text="Rà soát hộ nghèo",
            )
        )
        session.add(
            fact(Deadline, plan, duties, scope_unit_id=district.id, title="báo cáo 6 tháng", due_date=date(2024, 6, 20))
        )


def fact(model: type, plan: Plan, section: Section, **values: object) -> object:
    """A fact row of plan cited to section, with the folded keys the model needs."""
    extra = {"key": "k"} if model in (Target, Deadline) else {}
    if model is Target:
        extra |= {"measure": "hộ", "direction": "giảm", "year": 2024}
    if model is Responsibility:
        extra |= {"assignee_key": "k", "role": "chủ trì"}
    return model(plan_id=plan.id, section_id=section.id, **extra, **values)


async def test_list_plans(sessions: Sessions) -> None:
    async with sessions() as session:
        assert "Chưa có kế hoạch" in await list_plans(session)
    await seed(sessions)
    async with sessions() as session:
        text = await list_plans(session)
    assert "21/KH-UBND · 20/2/2024 · UBND huyện Thọ Xuân · Kế hoạch thực hiện công tác giảm nghèo" in text


async def test_show_plan_by_number_issuer_and_words(sessions: Sessions) -> None:
    await seed(sessions)
    async with sessions() as session:
        by_number = await describe(session, "21/kh-ubnd")
        assert by_number == await describe(session, "UBND huyện Thọ Xuân")
        assert by_number == await describe(session, "cong tac giam ngheo")
        assert await describe(session, "không có gì như thế") is None
    assert by_number is not None
    assert "Kế hoạch số 21/KH-UBND — UBND huyện Thọ Xuân" in by_number
    assert "ngày 20/2/2024" in by_number and "2 mục" in by_number
    assert "Thị trấn Lam Sơn: giảm hộ nghèo: 6 hộ, năm 2024 (gồm hộ không có KNLĐ 2 hộ; hộ có KNLĐ 4 hộ)" in by_number
    assert "[mục Phụ lục 01]" in by_number
    assert "(chủ trì) Rà soát hộ nghèo [mục III.2.15]" in by_number
    assert "20/6/2024: báo cáo 6 tháng" in by_number
    assert "Xã Xuân Bái: Phòng Nội vụ — Vũ Mạnh Hà" in by_number


async def test_show_unit_with_children(sessions: Sessions) -> None:
    await seed(sessions)
    async with sessions() as session:
        text = await describe(session, "huyen tho xuan")
    assert text is not None
    assert text.startswith("Huyện Thọ Xuân\nThuộc: Tỉnh Thanh Hoá")
    assert "1. Thị trấn Lam Sơn: giảm hộ nghèo: 6 hộ, năm 2024 (gồm hộ không có KNLĐ 2 hộ; hộ có KNLĐ 4 hộ)" in text
    assert "2. Xã Xuân Bái: giảm hộ nghèo: 4 hộ" in text
    assert "giúp đỡ: Phòng Nội vụ — Vũ Mạnh Hà [KH 21/KH-UBND, mục Phụ lục 01]" in text
    assert "Hạn (1):\n  - 20/6/2024: báo cáo 6 tháng" in text


async def test_show_commune_by_abbreviation(sessions: Sessions) -> None:
    await seed(sessions)
    async with sessions() as session:
        text = await describe(session, "TT Lam Sơn")
    assert text is not None
    assert "Thị trấn Lam Sơn\nThuộc: Huyện Thọ Xuân › Tỉnh Thanh Hoá" in text
    assert "giảm hộ nghèo: 6 hộ" in text


async def test_namesakes_listed_with_hierarchy(sessions: Sessions) -> None:
    await seed(sessions)
    async with sessions() as session, session.begin():
        lao_cai = unit("Lào Cai", "tỉnh", 1)
        session.add(unit("Vĩnh Yên", "xã", 3, unit("Bảo Yên", "huyện", 2, lao_cai)))
    async with sessions() as session:
        text = await describe(session, "xã Vĩnh Yên")
        narrowed = await describe(session, "xã Vĩnh Yên, huyện Bảo Yên")
    assert text is not None and narrowed is not None
    assert 'Có 2 đơn vị tên "xã Vĩnh Yên":' in text
    assert "Xã Vĩnh Yên (Huyện Bình Gia)" in text and "Xã Vĩnh Yên (Huyện Bảo Yên, Tỉnh Lào Cai)" in text
    assert narrowed.startswith("Xã Vĩnh Yên\nThuộc: Huyện Bảo Yên › Tỉnh Lào Cai")
