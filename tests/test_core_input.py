"""Bad input, normalisation helpers and the never-raise guarantee of the conversation core."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import dispatch
from handlers.dispatch import respond
from handlers.understand.intent import classify
from storage.language.normalize import expand, period_of, prepare, repair_telex
from storage.language.text import fold, parse_date, parse_number
from tests.test_core_data import build, message


@pytest.fixture
async def db(sessions: async_sessionmaker[AsyncSession]) -> async_sessionmaker[AsyncSession]:
    """The fixture plans, committed."""
    async with sessions() as session:
        await build(session)
        await session.commit()
    return sessions


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("", "chua nhap"),
        ("   \n\t ", "chua nhap"),
        ("x" * 10_000, "qua dai (10.000"),
        ("😀🎉👍", "bang chu"),
        ("What is the poverty quota of my commune?", "tieng viet"),
        ("这个乡的贫困指标是多少", "tieng viet"),
        ("'; DROP TABLE units; --", "khong hieu"),
        ("1' OR '1'='1", "khong hieu"),
        ("<script>alert(1)</script>", "khong tim thay"),
        ("chi tieu\x00\x07 xa xuan bai\x1b", "4 ho"),
        ("<b>chỉ tiêu</b> xã Xuân Bái", "4 ho"),
    ],
)
async def test_bad_input_gets_a_helpful_vietnamese_reply(db, text: str, wanted: str) -> None:
    async with db() as session:
        reply = await respond(session, message(text))
    assert wanted in fold(reply.text)
    assert len(reply.as_plain_text()) <= 2000


async def test_respond_never_raises(db, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(query: object) -> None:
        raise RuntimeError("broken")

    monkeypatch.setattr(dispatch.ROUTES.intent("quota"), "reply", boom)
    async with db() as session:
        reply = await respond(session, message("chỉ tiêu xã Xuân Bái"))
    assert "xin loi" in fold(reply.text)


async def test_empty_database_answers_politely(sessions) -> None:
    async with sessions() as session:
        reply = await respond(session, message("chỉ tiêu xã Xuân Bái"))
    assert "khong tim thay" in fold(reply.text)


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("P.LĐTBXH", "phong lao dong thuong binh va xa hoi"),
        ("Phòng LĐ-TB&XH", "phong lao dong thuong binh va xa hoi"),
        ("Ngân hàng NN&PTNT", "ngan hang nong nghiep va phat trien nong thon"),
        ("UBND xã", "uy ban nhan dan xa"),
        ("mua BHYT", "mua bao hiem y te"),
        ("hộ có KNLĐ", "ho co kha nang lao dong"),
        ("thành viên BCĐ", "thanh vien ban chi dao"),
        ("UB MTTQ", "mat tran to quoc"),
        ("TDA1 DA3", "tieu du an 1 du an 3"),
        ("xã đã giảm", "xa da giam"),
        ("P.VH-XH", "phong van hoa xa hoi"),
        ("VP Sở phải làm gì", "van phong so phai lam gi"),
        ("VP HĐND và UBND xã", "van phong hoi dong nhan dan va uy ban nhan dan xa"),
        ("Phòng VH - XH xã", "phong van hoa xa hoi xa"),
        ("P.KT-HT-ĐT phường", "phong kinh te ha tang va do thi phuong"),
        ("phòng KT-HT huyện", "phong kinh te ha tang huyen"),
    ],
)
def test_abbreviations(text: str, expanded: str) -> None:
    assert expand(fold(text)) == expanded


def test_telex_leftovers_are_repaired_only_into_known_words() -> None:
    vocabulary = {"xuan", "hong", "bai", "chi", "tieu"}
    assert repair_telex("xuaan", vocabulary) == "xuan"
    assert repair_telex("hoongf", vocabulary) == "hong"
    assert repair_telex("chis", vocabulary) == "chi"
    assert repair_telex("zzz", vocabulary) == "zzz"
    assert prepare("chir tieeu xuaan hoongf", vocabulary).folded == "chi tieu xuan hong"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("báo cáo 6 tháng", "6m"),
        ("bao cao sau thang dau nam", "6m"),
        ("6 tháng đầu năm", "6m"),
        ("báo cáo năm", "year"),
        ("báo cáo quý", "quarter"),
        ("hạn nộp danh sách", "list"),
        ("kinh phí", None),
    ],
)
def test_periods(text: str, period: str | None) -> None:
    assert period_of(fold(text)) == period


def test_vietnamese_numbers_and_dates() -> None:
    assert parse_number("1.500") == 1500
    assert parse_number("0,79") == pytest.approx(0.79)
    assert parse_number("93.506") == 93506
    assert parse_date("20/6", 2024).isoformat() == "2024-06-20"
    assert prepare("giảm 0,79 % hộ nghèo").words[1] == "0,79"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("chi tieu giam ngheo xa xuan bai", "quota"),
        ("han nop bao cao 6 thang", "deadline"),
        ("kinh phi du an 2", "budget"),
        ("co quan nao giup do xa xuan phu", "helper"),
        ("phong tai chinh co nhiem vu gi", "duty"),
        ("ty le ho ngheo phan dau con bao nhieu", "target"),
        ("ke hoach so may ai ky", "planinfo"),
        ("kh 1284/kh-syt can cu nhung van ban nao", "basis"),
        ("ke hoach nay can cu cac quyet dinh nao", "basis"),
        ("tinh co ke hoach gi ve chuyen doi so", "planinfo"),
        ("co van ban nao noi ve phong chong ma tuy", "planinfo"),
        ("ke hoach bau cu giao gi cho xa", "duty"),
        ("kế hoạch giao những việc gì", "duty"),
        ("xin chao", "greeting"),
        ("tro giup", "help"),
    ],
)
def test_intents(text: str, intent: str) -> None:
    assert classify(fold(text))[0] == intent


@pytest.mark.parametrize(
    "text",
    ["muc phat vuot den do xe may la bao nhieu", "giá lúa hôm nay bao nhiêu một ký", "xe may la phuong tien gi"],
)
def test_a_function_word_or_a_machine_after_bao_nhieu_or_may_counts_nothing(text: str) -> None:
    assert "target" not in classify(fold(text))[:1]


@pytest.mark.parametrize("text", ["mỗi năm kết nạp bao nhiêu đảng viên mới", "có mấy trạm y tế đạt chuẩn"])
def test_a_counted_noun_after_bao_nhieu_or_may_asks_for_a_target(text: str) -> None:
    assert classify(fold(text))[0] == "target"
