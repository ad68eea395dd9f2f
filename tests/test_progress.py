"""Progress views: "tiến độ" for one unit and a manager's "tiến độ các xã" with chart and Excel."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.language.phrases import ratio_text
from tests.reporting_seed import add, say, seed


def test_ratio_text_uses_vietnamese_decimals() -> None:
    assert ratio_text(2, 4) == "2/4 (50%)"
    assert ratio_text(1, 3) == "1/3 (33,3%)"
    assert ratio_text(1200, 1500) == "1.200/1.500 (80%)"
    assert ratio_text(0, 0) == "0/0"


async def test_unit_view_lists_every_target_before_any_report(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1002", ids.tho_lam)
        reply = await say(session, "tg:1002", "tiến độ")
        assert reply is not None
        assert reply.text.startswith("Tiến độ của Xã Thọ Lâm năm 2024")  # one year: said once, in the heading
        assert "- giảm hộ nghèo: 0/10 (0%) hộ" in reply.text
        assert "+ hộ không có KNLĐ: 0/2 (0%) hộ" in reply.text and "+ hộ có KNLĐ: 0/8 (0%) hộ" in reply.text


async def test_manager_sees_units_below_sorted_with_files(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        await add(session, "tg:2", ids.tho_lam)
        await add(session, "tg:9", ids.district, role="manager")
        await say(session, "tg:1", "báo cáo: đã giảm được 1 hộ nghèo")
        await say(session, "tg:2", "báo cáo: đã giảm được 5 hộ nghèo")
        reply = await say(session, "tg:9", "tiến độ các xã")
        assert reply is not None
        text = reply.text
        assert text.index("Xã Thọ Lâm: 5/10 (50%)") < text.index("Xã Xuân Bái: 1/4 (25%)")
        assert "Chưa báo cáo (1): Sao Vàng" in text and "2/3 đơn vị" in text
        png, xlsx = reply.attachments
        assert png.content.startswith(b"\x89PNG") and png.mime_type == "image/png"
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
        assert values[0][:7] == ["Xã Thọ Lâm", "giảm hộ nghèo", 2024, "hộ", 10, 5, 50]
        assert values[0][7] == "5/10 (50%)"
        detail = await say(session, "tg:9", "tiến độ xã Xuân Bái")
        assert detail is not None and "1/4 (25%)" in detail.text
        for asked in ("xã nào chưa báo cáo", "xa nao dang cham nhat", "đơn vị nào chưa đạt chỉ tiêu"):
            behind = await say(session, "tg:9", asked)
            assert behind is not None and "Chưa báo cáo (1): Sao Vàng" in behind.text, asked


async def test_staff_cannot_see_other_units_or_all_units(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await seed(session)
        await add(session, "tg:1", ids.xuan_bai)
        reply = await say(session, "tg:1", "tiến độ xã Thọ Lâm")
        assert reply is not None and "không xem được" in reply.text
        reply = await say(session, "tg:1", "tiến độ các xã")
        assert reply is not None and "Chỉ cán bộ quản lý" in reply.text and not reply.attachments
