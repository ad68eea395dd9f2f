"""Staff see and report only their own unit (in any phrasing); text is stored verbatim."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.accounts.operations import add_user
from storage.reporting.reports import DeadlineCompletion, Report
from storage.units.lookup import resolve_unit
from tests.conftest import NOW
from tests.fuzz_support import STAFF, Bot, bot_on

OTHER = "tg:5002"  # staff of xã Thọ Lâm, who reports 7 of its 10 households
OTHER_FIGURE = "7/10"
READS = [
    "tiến độ xã Thọ Lâm", "tien do xa tho lam", "Tiến độ giảm nghèo của xã Thọ Lâm", "xem tiến độ xã Thọ Lâm",
    "tiến độ x. Thọ Lâm", "TIẾN ĐỘ XÃ THỌ LÂM", "tiến độ Thọ Lâm", "Thọ Lâm tiến độ thế nào", "tiến độ các xã",
    "tiến độ huyện Thọ Xuân", "tiến độ toàn huyện", "xã Thọ Lâm đã giảm được bao nhiêu hộ nghèo rồi",
    "kết quả giảm nghèo xã Thọ Lâm", "tiến độ xã Thọ Lâm'; --", "tiến độ xã Xuân Bái và xã Thọ Lâm", "tien do tho lam",
    "báo cáo của xã Thọ Lâm", "xuất tiến độ xã Thọ Lâm",
]  # fmt: skip
WRITES = [
    "báo cáo xã Thọ Lâm đã giảm 5 hộ", "bao cao xa tho lam giam 5 ho ngheo", "báo cáo cho xã Thọ Lâm: 5 hộ nghèo",
    "báo cáo: xã Thọ Lâm giảm được 5 hộ", "BÁO CÁO XÃ THỌ LÂM ĐÃ GIẢM 5 HỘ", "báo cáo x. Thọ Lâm giảm 5 hộ nghèo",
    "báo cáo 5 hộ nghèo (xã Thọ Lâm)", "xã Thọ Lâm báo cáo đã giảm 5 hộ nghèo", "báo cáo xã Thọ Lâm đã giảm 500 hộ",
    "xác nhận", "1", "sửa lại là 5 hộ", "xã Thọ Lâm đã nộp báo cáo 6 tháng", "đã nộp báo cáo 6 tháng xã Thọ Lâm",
    "hủy", "báo cáo huyện Thọ Xuân đã giảm 5 hộ", "báo cáo tiến độ xã Thọ Lâm 5 hộ",
]  # fmt: skip


async def _register(bot: Bot, identity: str, unit_name: str) -> int:
    async with bot.sessions() as session:
        unit = (await resolve_unit(session, unit_name)).unit
        assert unit is not None
        await add_user(session, identity, unit, NOW)
        await session.commit()
        return unit.id


async def _rows(bot: Bot, unit_id: int) -> tuple[list[tuple[str, float]], list[str]]:
    async with bot.sessions() as session:
        reports = (await session.execute(select(Report.reporter, Report.value).where(Report.unit_id == unit_id))).all()
        done = select(DeadlineCompletion.reporter).where(DeadlineCompletion.unit_id == unit_id)
        return [tuple(r) for r in reports], list((await session.execute(done)).scalars())  # type: ignore[misc]


@pytest.fixture
def two_units(db_url: str):  # type: ignore[no-untyped-def]
    """The sample plans, STAFF at xã Xuân Bái and OTHER at xã Thọ Lâm, who reported 7 households."""
    with bot_on(db_url) as bot:
        tho_lam = bot.runner.run(_register(bot, OTHER, "xã Thọ Lâm"))
        assert "Đã ghi nhận" in bot.ask("báo cáo: đã giảm được 7 hộ nghèo", OTHER).text
        assert OTHER_FIGURE in bot.ask("tiến độ", OTHER).text
        yield bot, tho_lam


def test_no_phrasing_shows_another_units_progress(two_units) -> None:  # type: ignore[no-untyped-def]
    bot, _ = two_units
    for text in READS:
        reply = bot.ask(text, STAFF).as_plain_text()
        assert OTHER_FIGURE not in reply and "70%" not in reply, f"{text!r} showed Thọ Lâm's progress: {reply}"


def test_no_phrasing_writes_another_units_progress(two_units) -> None:  # type: ignore[no-untyped-def]
    bot, tho_lam = two_units
    for text in WRITES:
        bot.ask(text, STAFF)
        reports, done = bot.runner.run(_rows(bot, tho_lam))
        assert reports == [(OTHER, 7.0)], f"{text!r} wrote Thọ Lâm's progress: {reports}"
        assert done == [], f"{text!r} marked a deadline of Thọ Lâm done"


def test_a_report_naming_another_unit_bare_is_not_saved_for_ones_own(two_units) -> None:  # type: ignore[no-untyped-def]
    bot, _ = two_units
    for text in ("Thọ Lâm: đã giảm được 5 hộ nghèo", "bao cao tho lam - da giam duoc 5 ho ngheo"):
        reply = bot.ask(text, STAFF).text
        assert "Đã ghi nhận" not in reply and "số liệu của Xã Thọ Lâm do cán bộ xã Thọ Lâm" in reply, reply
    assert "Đã ghi nhận" in bot.ask("Xuân Bái: đã giảm được 2 hộ nghèo", STAFF).text


def test_report_text_is_stored_verbatim(db_url: str) -> None:
    texts = [
        "Báo cáo: đã giảm được 2 hộ nghèo <b>gấp</b> & \"xong\" 'rồi' 🙂",
        "ba\u0301o ca\u0301o: đa\u0303 gia\u0309m đươ\u0323c 3 hô\u0323 nghe\u0300o",  # NFD, as some phones send
        "báo cáo:   đã giảm được 1 hộ nghèo\n(đợt 2)\t<script>alert(1)</script>",
    ]
    with bot_on(db_url) as bot:
        for text in texts:
            assert "Đã ghi nhận" in bot.ask(text, STAFF).text, text

        async def stored() -> list[str]:
            async with bot.sessions() as session:
                return list((await session.execute(select(Report.message).order_by(Report.id))).scalars())

        assert bot.runner.run(stored()) == texts
