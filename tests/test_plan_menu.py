"""Two plans of one campaign in two provinces: named by topic alone the bot asks which, with a numbered menu kept
between messages; named with the province or the number it answers from that plan, and says which."""

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
NOW = datetime(2026, 4, 2, 9, 0, tzinfo=VIETNAM)

# Written for this test after the shape of the real campaign plans (plans-real 13 and 14).
CAMPAIGN = """ỦY BAN NHÂN DÂN
TỈNH {PROVINCE}

Số: {NUMBER}/KH-UBND

{PROVINCE_NAME}, ngày {DAY} tháng 3 năm 2026

KẾ HOẠCH
Phát động đợt thi đua chào mừng ngày thành lập tỉnh

I. MỤC ĐÍCH, YÊU CẦU

Động viên cán bộ, công chức thi đua hoàn thành nhiệm vụ.

II. THỜI GIAN THỰC HIỆN

Đợt thi đua thực hiện từ tháng {MONTH}/2026 đến hết năm 2026.

III. TỔ CHỨC THỰC HIỆN

1. Sở Nội vụ: Hướng dẫn, theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch này.

CHỦ TỊCH

Nguyễn Văn {SIGNER}
"""


@pytest.fixture
async def campaigns(sessions: Sessions, tmp_path: Path) -> Sessions:
    """Two provinces' plans of one campaign, a week apart, and a third province's plan on another topic."""
    texts = {
        f"kh-{number}": CAMPAIGN.format(
            PROVINCE=province.upper(), PROVINCE_NAME=province, NUMBER=number, DAY=day, MONTH=month, SIGNER=signer
        )
        for number, province, day, month, signer in (("41", "Hòa Bình", 10, 3, "Một"), ("57", "Bắc Kạn", 17, 4, "Hai"))
    }
    other = CAMPAIGN.replace("Phát động đợt thi đua chào mừng ngày thành lập tỉnh", "Phòng, chống cháy rừng mùa khô")
    texts["kh-9"] = other.format(PROVINCE="YÊN BÁI", PROVINCE_NAME="Yên Bái", NUMBER="9", DAY=3, MONTH=3, SIGNER="Ba")
    await import_texts(sessions, tmp_path, texts, NOW)
    return sessions


async def ask(db: Sessions, text: str, user: str = "cli:menu") -> str:
    async with db() as session:
        reply = await respond(session, message(text, user=user, now=NOW))
        await session.commit()
    return fold(reply.text + "\n" + "\n".join(c.label for c in reply.choices))


async def test_two_alike_plans_are_offered_and_the_pick_is_kept(campaigns: Sessions) -> None:
    menu = await ask(campaigns, "kế hoạch thi đua chào mừng ngày thành lập tỉnh")
    assert "41/kh-ubnd" in menu and "57/kh-ubnd" in menu and "ban hoi ve ke hoach nao" in menu
    picked = await ask(campaigns, "2")
    assert "57/kh-ubnd" in picked and "41/kh-ubnd" not in picked


async def test_the_province_or_the_number_picks_one_plan_and_the_answer_names_it(campaigns: Sessions) -> None:
    when = await ask(campaigns, "đợt thi đua chào mừng ngày thành lập tỉnh của Bắc Kạn bắt đầu từ khi nào")
    assert "thang 4/2026" in when and "57/kh-ubnd" in when and "41/kh-ubnd" not in when
    lead = await ask(campaigns, "KH 41 ai chủ trì")
    assert "so noi vu" in lead and "41/kh-ubnd" in lead
