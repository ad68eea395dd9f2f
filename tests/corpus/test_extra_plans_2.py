"""The ward and province plans of tests/data/plans_extra with the corpus: the ward linked to its catalog ward
under its city, and questions over them imported next to the sample plans."""

from __future__ import annotations

import re

import pytest

from bot.cli import main
from handlers.render.show import describe
from storage.language.text import fold
from storage.units.catalog_files import import_catalog
from tests.conftest import PLANS, UNITS
from tests.test_extra_plans_2 import CLOCK, PROVINCE, WARD, Sessions, stored


async def test_ward_links_to_the_catalog_ward_under_its_city(sessions: Sessions) -> None:
    await stored(sessions, WARD)
    await import_catalog(sessions, UNITS / "units-2024-three-tier.json")
    async with sessions() as session:
        text = await describe(session, "phường Yên Ninh")
        city = await describe(session, "thành phố Yên Bái")
    assert text is not None and text.startswith("Phường Yên Ninh\nThuộc: Thành phố Yên Bái › Tỉnh Yên Bái\n")
    assert city is not None and city.startswith(
        "Thành phố Yên Bái\nThuộc: Tỉnh Yên Bái\nNguồn: mã 132,"
    )  # not the province


QUESTIONS = [
    ("chỉ tiêu giảm nghèo tổ dân phố số 3 phường Yên Ninh", None, r"giam 3 ho ngheo"),
    ("hạn lập danh sách hộ nghèo có khả năng thoát nghèo", "phường Yên Ninh", r"thoat ngheo nam 2024: han 30/4/2024"),
    ("kinh phí phường Yên Ninh", None, r"1\.860 trieu.*ngan sach thanh pho: 1\.200"),
    ("công chức văn hóa xã hội có nhiệm vụ gì", "phường Yên Ninh", r"chu tri tham muu ubnd phuong"),
    ("tỷ lệ hộ nghèo tỉnh Kon Tum phấn đấu còn bao nhiêu", None, r"9,87% → 7,37%"),
    ("tổng vốn chương trình năm 2024", "tỉnh Kon Tum", r"412\.650 trieu"),
    (
        "tỉnh Kon Tum hỗ trợ nhà ở cho bao nhiêu hộ",
        None,
        r"nha o cho ho ngheo, ho can ngheo kho khan ve nha o: 1\.150 ho",
    ),
    ("tỷ lệ lao động qua đào tạo tỉnh Kon Tum", None, r"55,2% → 57%"),
    ("chỉ tiêu giảm hộ nghèo huyện Tu Mơ Rông", None, r"giam 515 ho ngheo"),
    ("tỷ lệ trẻ em suy dinh dưỡng thấp còi tỉnh Kon Tum năm 2024", None, r"24,5% → 23%"),
    ("kinh phí dự án 5 tỉnh Kon Tum", None, r"30\.000 trieu dong \(nstw: 22\.000"),
    ("hạn báo cáo 6 tháng", "tỉnh Kon Tum", r"15/6/2024.*25/6/2024"),
    ("ai ký kế hoạch giảm nghèo tỉnh Kon Tum", None, r"y ngoc hoang \(pho chu tich\)"),
]


def test_questions_on_the_new_plans(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    plans = [*sorted(str(p) for p in PLANS.glob("*.txt")), str(WARD), str(PROVINCE)]
    assert main(["--db", db_url, "import", *plans]) == 0
    for text, unit, pattern in QUESTIONS:
        capsys.readouterr()
        assert main(["--db", db_url, "--now", CLOCK, "ask", *(["--unit", unit] if unit else []), text]) == 0
        reply = fold(capsys.readouterr().out)
        assert re.search(pattern, reply), (text, reply)
        assert "nguon:" in reply
