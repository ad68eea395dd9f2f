"""On the sample plans, the channels' menu commands (/chitieu, /nhiemvu, /han, /baocao...) answer for the
asker's own unit."""

from __future__ import annotations

from storage.language.text import fold
from tests.fuzz_support import bot_on


def test_bare_commands_answer_for_the_askers_unit(db_url: str) -> None:
    with bot_on(db_url) as bot:
        quota = fold(bot.ask("/chitieu").text)
        assert "xa xuan bai" in quota and "giam 4 ho ngheo" in quota
        assert "20/6/2024" in bot.ask("/han").text
        assert "Nhiệm vụ của Xã Xuân Bái" in bot.ask("/nhiemvu").text
        other = fold(bot.ask("/chitieu@KeHoachBot tho lam").text)
        assert "xa tho lam" in other and "giam 10 ho ngheo" in other


def test_bare_report_command_explains_and_saves_nothing(db_url: str) -> None:
    with bot_on(db_url) as bot:
        before = bot.counts()["reports"]
        reply = bot.ask("/baocao").text
        assert "Các chỉ tiêu của đơn vị" in reply and "báo cáo: đã giảm được 2 hộ nghèo" in reply
        assert "Không thấy" not in reply
        assert bot.counts()["reports"] == before


def test_a_number_after_the_topic_menu_picks_that_topic_and_no_older_menu(db_url: str) -> None:
    with bot_on(db_url) as bot:
        saved = bot.ask("báo cáo: đã giảm được 1 hộ nghèo")
        assert [c.label for c in saved.choices][0] == "Hủy báo cáo này"
        helped = bot.ask("trợ giúp")
        assert [c.label for c in helped.choices][0] == "Chỉ tiêu giảm nghèo của xã"
        reply = bot.ask("1").text  # the topic menu's first choice, never the report's "Hủy"
        assert "giảm 4 hộ nghèo" in reply and "hủy" not in reply.lower(), reply
        assert bot.counts()["reports"] == 1
        assert "20/6/2024" in bot.ask("2").text  # no menu kept: the topic menu still applies
        before = bot.counts()["conversation_state"]
        bot.ask("trợ giúp")
        assert bot.counts()["conversation_state"] == before  # the topic menu needs no stored state
