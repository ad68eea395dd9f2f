"""A plan of one year that sets targets for a later year ("đến năm 2030"): asked about that year, it answers
with those targets; a year it neither covers nor aims at is still said to be uncovered."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import VIETNAM
from handlers.dispatch import respond
from storage.language.text import fold
from tests.plan_files import import_texts
from tests.test_core_data import message

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2025, 12, 5, 9, 0, tzinfo=VIETNAM)

# Written for this test, in the shape of a province's digital-transformation plan of 2025 with 2030 goals.
PLAN = """ỦY BAN NHÂN DÂN
TỈNH LAM SƠN

Số: 77/KH-UBND

Lam Sơn, ngày 20 tháng 11 năm 2025

KẾ HOẠCH
Chuyển đổi số trong quản lý thủy lợi trên địa bàn tỉnh

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao hiệu quả quản lý công trình thủy lợi.

II. MỤC TIÊU

Mục tiêu cụ thể đến năm 2030:
- 100% công trình thủy lợi lớn được số hóa hồ sơ.
- 90% hồ chứa được giám sát mực nước trực tuyến.

III. TỔ CHỨC THỰC HIỆN

Sở Nông nghiệp và Môi trường chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch.

CHỦ TỊCH

Trần Văn Bình
"""


@pytest.fixture
async def plan(sessions: Sessions, tmp_path: Path) -> Sessions:
    await import_texts(sessions, tmp_path, {"kh-77": PLAN}, NOW)
    return sessions


async def ask(db: Sessions, text: str) -> str:
    async with db() as session:
        return fold((await respond(session, message(text, now=NOW))).as_plain_text())


@pytest.mark.parametrize("question", ["kế hoạch 77 mục tiêu đến 2030 là gì", "ke hoach 77 chi tieu nam 2030"])
async def test_the_year_a_plan_aims_at_is_answered_with_its_targets(plan: Sessions, question: str) -> None:
    found = await ask(plan, question)
    assert "chua co ke hoach nam 2030" not in found
    assert "so hoa ho so" in found and "100%" in found and "90%" in found


async def test_a_year_the_plan_neither_covers_nor_aims_at_is_said_to_be_uncovered(plan: Sessions) -> None:
    assert "chua co ke hoach nam 2035" in await ask(plan, "kế hoạch 77 mục tiêu đến 2035 là gì")
