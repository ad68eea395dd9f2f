"""Fuzz the conversation core: any text, from a stranger or a staff member, gets a short Vietnamese reply."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.dispatch import APOLOGY
from handlers.messages import Reply
from tests.fuzz_support import STAFF, VIETNAMESE, Bot, bot_on

LIMIT = 2000
WORDS = [
    "báo cáo", "bao cao", "đã giảm được", "hộ nghèo", "tiến độ", "chỉ tiêu", "chi tieu", "xã Xuân Bái", "xã Thọ Lâm",
    "huyện Thọ Xuân", "hủy", "sửa lại là", "xác nhận", "không", "đăng ký", "tạm dừng nhắc", "dừng nhắc", "hạn",
    "kinh phí", "dự án 2", "%", "triệu", "đã nộp báo cáo 6 tháng", "1", "2", "tiến độ các xã", "giúp đỡ", "nhiệm vụ",
]  # fmt: skip
NASTY = [
    "'; DROP TABLE reports; --", "' OR '1'='1", '" OR ""="', "1; DELETE FROM units", "UNION SELECT * FROM users",
    "<script>alert(1)</script>", "<b>đậm</b>", "&amp;&lt;", "</a><img src=x onerror=alert(1)>", "{{7*7}}", "%s%s%n",
    "\x00", "\u202e", "\ufeff", "̀́", "🙂", "\n\n", "\t", "\\", "`", "${x}", "NaN", "Infinity", "-0", "1e309",
]  # fmt: skip
numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: str(d).replace(".", ",")),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}".replace(",", ".")),
)
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(NASTY), numbers, st.text(max_size=30))
messages = st.one_of(st.text(max_size=200), st.lists(pieces, min_size=1, max_size=12).map(" ".join))


def _check(reply: Reply) -> None:
    assert isinstance(reply, Reply)
    text = reply.as_plain_text()
    assert text.strip(), "empty reply"
    assert len(text) <= LIMIT, f"reply of {len(text)} characters"
    assert VIETNAMESE.search(text.lower()), f"not Vietnamese: {text[:200]!r}"
    assert text != APOLOGY, "the core hit an exception (see the log)"


def _fuzz(bot: Bot, user: str, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(text=messages)
    def run(text: str) -> None:
        _check(bot.ask(text, user))

    run()


def test_core_answers_anything_from_staff_and_strangers(db_url: str) -> None:
    with bot_on(db_url) as bot:
        _fuzz(bot, STAFF, 150)
        _fuzz(bot, "zalo:stranger", 60)


def test_core_answers_overlong_and_edge_inputs(db_url: str) -> None:
    with bot_on(db_url) as bot:
        for text in ["", " ", "a" * 5000, "9" * 2500, "báo cáo " + "9" * 400 + " hộ", "\u0000" * 10, *NASTY]:
            _check(bot.ask(text))
