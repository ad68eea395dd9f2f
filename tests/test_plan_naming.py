"""Naming a plan and a place the way staff write them: a city by its initials ("TP HCM", "tphcm", "HCM"), a plan
by its number or topic alone (an overview of the plan), and a province with several plans narrowed by the topic."""

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

# Written for this test; the header and body follow the standard layout of a plan.
PLAN = """ỦY BAN NHÂN DÂN
{ISSUER_UPPER}

Số: {NUMBER}/KH-UBND

{PLACE}, ngày {DAY} tháng 3 năm 2026

KẾ HOẠCH
{TITLE}

I. MỤC ĐÍCH, YÊU CẦU

Tổ chức thực hiện hiệu quả các nhiệm vụ của kế hoạch.

II. NHIỆM VỤ

1. Sở {OFFICE}: Chủ trì hướng dẫn, kiểm tra việc thực hiện; báo cáo kết quả trước ngày 15/11/2026.

2. Ủy ban nhân dân các xã, phường: Tổ chức triển khai trên địa bàn.

III. TỔ CHỨC THỰC HIỆN

Sở {OFFICE} theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch này.

CHỦ TỊCH

Nguyễn Văn An
"""

PLANS = [
    (
        "THÀNH PHỐ HỒ CHÍ MINH",
        "Hồ Chí Minh",
        "214",
        5,
        "Triển khai thi hành Luật Dân số trên địa bàn Thành phố",
        "Y tế",
    ),
    ("TỈNH BÀ RỊA VŨNG TÀU", "Vũng Tàu", "88", 9, "Phát triển du lịch biển giai đoạn 2026 - 2030", "Du lịch"),
    ("TỈNH QUẢNG BÌNH", "Đồng Hới", "31", 12, "Phát động phong trào thi đua yêu nước năm 2026", "Nội vụ"),
    ("TỈNH QUẢNG BÌNH", "Đồng Hới", "32", 14, "Thi hành Luật Phòng thủ dân sự năm 2026", "Xây dựng"),
]


@pytest.fixture
async def plans(sessions: Sessions, tmp_path: Path) -> Sessions:
    texts = {
        f"kh-{number}": PLAN.format(
            ISSUER_UPPER=issuer, PLACE=place, NUMBER=number, DAY=day, TITLE=title, OFFICE=office
        )
        for issuer, place, number, day, title, office in PLANS
    }
    await import_texts(sessions, tmp_path, texts, NOW)
    return sessions


async def ask(db: Sessions, text: str) -> str:
    async with db() as session:
        reply = await respond(session, message(text, user="cli:naming", now=NOW))
        await session.commit()
    return fold(reply.text + "\n" + "\n".join(c.label for c in reply.choices))


@pytest.mark.parametrize("city", ["TP HCM", "tphcm", "TP.HCM", "HCM", "Thành phố Hồ Chí Minh"])
async def test_a_city_named_by_its_initials_is_the_city(plans: Sessions, city: str) -> None:
    found = await ask(plans, f"kế hoạch của {city} số mấy")
    assert "214/kh-ubnd" in found and "88/kh-ubnd" not in found


async def test_a_provinces_initials_glued_or_apart_name_it_too(plans: Sessions) -> None:
    assert "88/kh-ubnd" in await ask(plans, "brvt co ke hoach gi ve du lich")
    assert "88/kh-ubnd" in await ask(plans, "tinh BRVT ke hoach du lich so may")


async def test_two_letters_are_not_taken_for_a_place(plans: Sessions) -> None:
    found = await ask(plans, "kế hoạch của HC số mấy")  # too short to stand for a name: no place is chosen
    assert "du lieu co 4 ke hoach" in found


async def test_the_topic_picks_among_the_plans_of_the_province_named(plans: Sessions) -> None:
    found = await ask(plans, "Quảng Bình có kế hoạch nào về thi đua")
    assert "31/kh-ubnd" in found and "32/kh-ubnd" not in found
    found = await ask(plans, "quang binh co van ban gi ve phong thu dan su")
    assert "32/kh-ubnd" in found and "31/kh-ubnd" not in found


@pytest.mark.parametrize("named", ["kế hoạch 31", "KH 31", "ke hoach thi dua quang binh"])
async def test_a_plan_named_alone_gets_an_overview_and_what_to_ask_next(plans: Sessions, named: str) -> None:
    found = await ask(plans, named)
    assert "ke hoach 31/kh-ubnd, ngay 12/3/2026, do ubnd tinh quang binh ban hanh" in found
    assert "cac phan: muc dich, yeu cau; nhiem vu; to chuc thuc hien." in found
    assert "ke hoach giao 3 nhiem vu cua 2 co quan, don vi, 1 han" in found and "han gan nhat" in found
    assert "hoi tiep, vi du: «so noi vu lam gi trong ke hoach 31»" in found
    assert "khong noi ve dieu ban hoi" not in found


async def test_a_plan_named_with_a_question_is_answered_not_described(plans: Sessions) -> None:
    found = await ask(plans, "kế hoạch 31 ai chủ trì")
    assert "so noi vu" in found and "cac phan" not in found


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("kế hoạch về dịch tả lợn châu Phi năm 2026 giao chỉ tiêu gì cho xã?", "dich ta lon chau phi"),
        ("ke hoach xoa nha tam nha dot nat cua xa giao gi", "xoa nha tam nha dot nat"),
    ],
)
async def test_a_plan_asked_by_a_topic_no_title_holds_is_said_to_be_missing(
    plans: Sessions, question: str, topic: str
) -> None:
    found = await ask(plans, question)
    assert f"khong tim thay ke hoach nao ve «{topic}»" in found
    assert "du lieu co ke hoach ve" in found and "quang binh" in found and "31/kh" not in found


@pytest.mark.parametrize(
    "question",
    ["kế hoạch du lịch biển giao gì", "ke hoach thi dua yeu nuoc so may", "kế hoạch của Quảng Bình về thi đua"],
)
async def test_a_plan_whose_title_holds_a_word_of_the_topic_is_not_said_missing(plans: Sessions, question: str) -> None:
    assert "khong tim thay ke hoach" not in await ask(plans, question)


async def test_a_word_folding_made_a_question_word_counts_where_the_title_pairs_it(
    plans: Sessions, tmp_path: Path
) -> None:
    party = PLAN.format(
        ISSUER_UPPER="TỈNH QUẢNG BÌNH",
        PLACE="Đồng Hới",
        NUMBER="33",
        DAY=20,
        TITLE="Phát triển đảng viên năm 2026",
        OFFICE="Nội vụ",
    )
    await import_texts(plans, tmp_path, {"kh-33": party}, NOW)
    found = await ask(plans, "ke hoach phat trien dang vien so may")  # "đảng", folded, is also "đang" (a stop word)
    assert "33/kh-ubnd" in found and "88/kh-ubnd" not in found


async def test_one_word_that_only_one_title_holds_names_the_plan_after_the_plan_word(
    plans: Sessions, tmp_path: Path
) -> None:
    network = PLAN.format(
        ISSUER_UPPER="TỈNH QUẢNG BÌNH",
        PLACE="Đồng Hới",
        NUMBER="34",
        DAY=21,
        TITLE="Phát triển hạ tầng 5G, IoT",
        OFFICE="Khoa học và Công nghệ",
    )
    await import_texts(plans, tmp_path, {"kh-34": network}, NOW)
    for question in ("ke hoach 5G so may", "kế hoạch IoT ban hành ngày nào"):
        found = await ask(plans, question)
        assert "34/kh-ubnd" in found and "31/kh-ubnd" not in found, question


async def chosen(db: Sessions, question: str) -> list[str]:
    """The numbers of the plans plan choice picks for a question typed as given."""
    from handlers import snapshot
    from handlers.understand.plan_choice import choose
    from storage.language.normalize import fold_expand

    async with db() as session:
        snap = await snapshot.load(session)
    picked = choose(snap, fold_expand(question), [], [], set(), question)
    return [snap.plans[pid].number for pid in picked.plans]


def test_a_word_typed_with_its_tone_marks_matches_no_title_word_of_another_tone() -> None:
    from types import SimpleNamespace

    from handlers.understand.plan_choice import _title_scores, build_index
    from storage.language.tones import asked_tones

    titles = ["Bảo đảm an toàn giao thông", "Phát triển du lịch biển", "Chuyển đổi số"]
    index = build_index(SimpleNamespace(id=n, number=None, title=t) for n, t in enumerate(titles))
    typed = "phương án giao thông"
    assert 0 not in _title_scores(index, ["an"], ["an"], asked_tones(typed))  # "án" is not the title's "an"
    assert 0 in _title_scores(index, ["an"], ["an"], asked_tones("an toàn"))  # the same tone
    assert 0 in _title_scores(index, ["an"], ["an"], asked_tones("phuong an"))  # typed bare: folded, as before


async def test_the_place_a_title_names_is_no_topic_word(plans: Sessions, tmp_path: Path) -> None:
    river = PLAN.format(
        ISSUER_UPPER="TỈNH QUẢNG BÌNH",
        PLACE="Đồng Hới",
        NUMBER="36",
        DAY=23,
        TITLE="Nạo vét kênh mương trên địa bàn thành phố Đồng Hới",
        OFFICE="Xây dựng",
    )
    await import_texts(plans, tmp_path, {"kh-36": river}, NOW)
    assert "36/KH-UBND" not in await chosen(plans, "đồng hới có kế hoạch thi đua nào")
    assert "36/KH-UBND" in await chosen(plans, "ke hoach nao vet kenh muong")
