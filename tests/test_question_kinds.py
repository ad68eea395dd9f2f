"""Kinds of question a new user asks (issue 13): comparisons and totals of named units, a kind's units added up,
rankings over any figure, swapped letters in a name, follow-ups pointing back, a year no plan covers."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.answers.uncovered_year import without_year
from handlers.understand.follow_up import pointed
from handlers.understand.intent import classify, wants_lowest, wants_ranking
from storage.language.normalize import without_request
from tests.test_core_answers import ask, folded
from tests.test_core_data import build


@pytest.fixture
async def db(sessions: async_sessionmaker[AsyncSession]) -> async_sessionmaker[AsyncSession]:
    """The fixture plans (Thọ Xuân's quotas of twelve communes and towns), committed."""
    async with sessions() as session:
        await build(session)
        await session.commit()
    return sessions


async def test_two_units_named_are_compared_side_by_side(db) -> None:
    reply = folded(await ask(db, "so sánh xã Xuân Sinh và xã Xuân Hòa"))
    assert "xa xuan sinh: giam 10 ho ngheo" in reply and "xa xuan hoa: giam 2 ho ngheo" in reply
    assert "tong" not in reply.split("\n")[0]


async def test_units_named_with_a_total_asked_are_added_up(db) -> None:
    reply = folded(await ask(db, "tong chi tieu cua xa tho lam va xa tho dien"))
    assert "tong 2 don vi: giam 15 ho ngheo" in reply
    assert "xa tho lam: giam 10 ho" in reply and "xa tho dien: giam 5 ho" in reply


async def test_units_of_one_kind_below_are_added_up_when_they_are_a_few(db) -> None:
    towns = folded(await ask(db, "cộng các thị trấn lại", "huyện Thọ Xuân"))
    assert "tong chi tieu giam 24 ho ngheo cua 3 don vi" in towns
    every = folded(await ask(db, "tổng chỉ tiêu các xã", "huyện Thọ Xuân"))  # most units are communes: all count
    assert "86 ho" in every


@pytest.mark.parametrize(("typed", "expected"), [("chi tieu xa Xuan Hogn", "11 ho"), ("chỉ tiêu xã Thọ Lmâ", "10 ho")])
async def test_a_name_with_two_letters_swapped_is_found(db, typed: str, expected: str) -> None:
    assert expected in folded(await ask(db, typed))


async def test_that_place_and_the_other_one_are_the_units_named_before(db) -> None:
    await ask(db, "chỉ tiêu xã Thọ Diên", user="cli:back")
    assert "5 ho" in folded(await ask(db, "chỉ tiêu xã Xuân Tín", user="cli:back"))
    there = folded(await ask(db, "cơ quan nào giúp đỡ xã đó", user="cli:back"))
    assert "xa xuan tin" in there and "huyen doan" in there
    other = folded(await ask(db, "con xa kia thi co quan nao giup do", user="cli:back"))
    assert "xa tho dien" in other and "ban quan ly du an huyen" in other


async def test_pointing_back_without_an_earlier_unit_asks_which(db) -> None:
    reply = folded(await ask(db, "còn chỗ đó thì cơ quan nào giúp đỡ", user="cli:fresh"))
    assert "don vi nao" in reply


async def test_a_year_after_every_plan_is_said_before_the_nearest_plans_answer(db) -> None:
    reply = folded(await ask(db, "chỉ tiêu năm 2030 của xã Xuân Bái"))
    assert reply.startswith("chua co ke hoach nam 2030; ke hoach gan nhat la kh giam ngheo 2024")
    assert "giam 4 ho ngheo" in reply
    assert "chua co ke hoach" not in folded(await ask(db, "chỉ tiêu năm 2024 của xã Xuân Bái"))


def test_pointing_words_the_last_unit_or_the_one_before() -> None:
    assert pointed("còn chỗ đó thì sao") is not None and pointed("còn chỗ đó thì sao")[2] == 0
    assert pointed("xa ay giam may ho") is not None
    assert pointed("còn xã kia") is not None and pointed("còn xã kia")[2] == 1
    assert pointed("đơn vị còn lại thì ai giúp") is not None
    assert pointed("cơ quan nào giúp đỡ xã Xuân Bái") is None  # "giúp đỡ" is no "chỗ đó"


def test_the_year_is_taken_out_with_the_word_before_it() -> None:
    assert without_year("kinh phí năm 2028 của tỉnh", 2028) == "kinh phí   của tỉnh"
    assert without_year("ke hoach den 2031 xa X", 2031) == "ke hoach   xa X"


def test_ranking_words_may_stand_apart_and_which_unit_asks_the_units() -> None:
    assert wants_ranking("huyen nao giam nhieu ho ngheo nhat")
    assert wants_lowest("xa nao co it ho ngheo dau nam nhat")
    assert classify("huyen nao co ty le ho ngheo cuoi nam 2023 cao nhat", plans_year=2024)[0] == "quota"
    assert classify("so sanh xa a va xa b ty le ho ngheo")[0] == "quota"
    assert classify("ty le ho ngheo cua tinh la bao nhieu")[0] == "target"


def test_the_request_words_opening_a_message_ask_nothing() -> None:
    assert without_request("tinh giup so ho ngheo xa a") == "so ho ngheo xa a"
    assert without_request("xem gium toi han bao cao") == "han bao cao"
    assert without_request("tinh tong chi tieu") == "tinh tong chi tieu"  # "tính tổng" is the question itself


async def test_tinh_opening_a_message_is_no_province(db) -> None:
    reply = folded(await ask(db, "tinh trung binh chi tieu cac xa", "huyện Thọ Xuân"))
    assert "khong tim thay tinh" not in reply
    typed = folded(await ask(db, "tính bình quân chỉ tiêu các xã", "huyện Thọ Xuân"))
    assert "khong tim thay tinh" not in typed
    assert "khong tim thay tinh" in folded(await ask(db, "chỉ tiêu tỉnh Hòa Lạc Mới"))
