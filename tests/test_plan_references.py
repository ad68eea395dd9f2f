"""A plan's references resolved to the stored plans they name (same number, then date or issuer), the plans based on
a plan, `kehoach show` listing them after the other facts, and the answer to "căn cứ vào đâu"."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.render.show import describe
from storage.importer import import_paths
from storage.language.text import fold
from storage.models import Plan
from storage.plan_references import references_of, referencing_plans
from tests.conftest import NOW
from tests.test_core_data import message

PROVINCE = """ỦY BAN NHÂN DÂN
TỈNH AN BÌNH
Số: 77/KH-UBND
An Bình, ngày 17 tháng 9 năm 2025
KẾ HOẠCH
Chuyển đổi số tỉnh An Bình năm 2025
Căn cứ Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023;
UBND tỉnh An Bình ban hành Kế hoạch như sau:
I. MỤC TIÊU
Phấn đấu 100% xã có điểm truy cập Internet công cộng.
II. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
Định kỳ 06 tháng, Sở Khoa học và Công nghệ báo cáo kết quả thực hiện gửi về UBND tỉnh.
"""

COMMUNE = """ỦY BAN NHÂN DÂN
XÃ HÒA AN
Số: 12/KH-UBND
Hòa An, ngày 02 tháng 10 năm 2025
KẾ HOẠCH
Chuyển đổi số xã Hòa An năm 2025
Căn cứ Kế hoạch số 77/KH-UBND ngày 17/9/2025 của UBND tỉnh An Bình về chuyển đổi số tỉnh An Bình năm 2025;
Căn cứ Kế hoạch số 77/KH-UBND ngày 01/3/2025 của UBND huyện Hòa Bình về cải cách hành chính;
UBND xã Hòa An ban hành Kế hoạch như sau:
I. TỔ CHỨC THỰC HIỆN
1. Công chức Văn hóa - Xã hội
Tuyên truyền chuyển đổi số đến các thôn.
"""


async def imported(sessions: async_sessionmaker[AsyncSession], tmp_path: Path) -> dict[str, Plan]:
    """Both plans imported; the stored plans by number."""
    paths = []
    for name, text in (("tinh.txt", PROVINCE), ("xa.txt", COMMUNE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    outcomes = await import_paths(sessions, paths, now=NOW)
    assert all(outcome.ok for outcome in outcomes), [o.lines for o in outcomes]
    async with sessions() as session:
        return {p.number or "": p for p in await session.scalars(select(Plan))}


async def test_a_reference_resolves_to_the_stored_plan_of_the_same_number_and_date(sessions, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plans = await imported(sessions, tmp_path)
    async with sessions() as session:
        cited = await references_of(session, plans["12/KH-UBND"])
        children = await referencing_plans(session, plans["77/KH-UBND"])
        province_cites = await references_of(session, plans["77/KH-UBND"])
    assert [(c.reference.number, c.plan.id if c.plan else None) for c in cited] == [
        ("77/KH-UBND", plans["77/KH-UBND"].id),
        ("77/KH-UBND", None),  # the same number from another issuer on another day: not the stored plan
    ]
    assert [p.id for p in children] == [plans["12/KH-UBND"].id]
    assert [(c.reference.kind, c.reference.title, c.plan) for c in province_cites] == [
        ("Luật", "Giao dịch điện tử", None)
    ]


async def test_show_lists_the_facts_in_order_then_references_and_children(sessions, tmp_path) -> None:  # type: ignore[no-untyped-def]
    await imported(sessions, tmp_path)
    async with sessions() as session:
        province = await describe(session, "77/KH-UBND")
        commune = await describe(session, "12/KH-UBND")
    assert province is not None and commune is not None
    assert "ngày 17/9/2025 · An Bình · cơ quan ban hành: UBND cấp tỉnh · thời gian: năm 2025" in province
    heads = [line.split(" (")[0] for line in province.splitlines() if line.endswith(":") and "(" in line]
    assert heads == [
        "Nhiệm vụ",
        "Chỉ tiêu",
        "Hạn",
        "Văn bản căn cứ",
        "Kế hoạch căn cứ vào kế hoạch này",
        "Các lần nhập",
    ]
    assert "  - định kỳ 6 tháng: báo cáo kết quả thực hiện — Sở Khoa học và Công nghệ → UBND tỉnh" in province
    assert "  - Luật Giao dịch điện tử ngày 22/6/2023" in province
    assert "12/KH-UBND · 2/10/2025 · UBND xã Hòa An" in province
    assert (
        "Kế hoạch số 77/KH-UBND ngày 17/9/2025 của UBND tỉnh An Bình: chuyển đổi số tỉnh An Bình năm 2025 [đã"
        in commune
    )


async def test_what_a_plan_is_based_on_and_what_is_based_on_it(sessions, tmp_path) -> None:  # type: ignore[no-untyped-def]
    await imported(sessions, tmp_path)
    async with sessions() as session:
        bases = fold((await respond(session, message("kế hoạch này căn cứ vào đâu", "xã Hòa An"))).as_plain_text())
        children = (await respond(session, message("kế hoạch nào căn cứ vào kế hoạch 77/KH-UBND", None))).text
    assert "can cu vao 2 van ban" in bases
    assert "ke hoach so 77/kh-ubnd ngay 17/9/2025 cua ubnd tinh an binh" in bases
    assert "da co trong du lieu" in bases and "ke hoach so 77/kh-ubnd ngay 1/3/2025" in bases
    assert "12/KH-UBND" in children and "xã Hòa An" in children
