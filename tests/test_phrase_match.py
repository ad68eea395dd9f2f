"""Choosing among described things by a whole phrase (storage.language.phrase_match), and cutting a report
message into its figures (handlers.flows.report_figures)."""

from __future__ import annotations

from handlers.flows.report_figures import mentions, pieces
from storage.language.normalize import normalize_text
from storage.language.phrase_match import content_words, describe, rank
from storage.language.stopwords import REPORT_STOP


def _best(phrase: str, named: list[tuple[str, str]]) -> list[int]:
    descriptions = [describe(normalize_text(n), normalize_text(c), REPORT_STOP) for n, c in named]
    return [i for _, i in rank(content_words(normalize_text(phrase), REPORT_STOP), descriptions)]


REAL = [
    ("hộ cận nghèo", "Phấn đấu giảm 45 hộ cận nghèo"),
    ("nhà ở", "Tối thiểu 27 hộ nghèo, hộ cận nghèo trên địa bàn xã được hỗ trợ nhà ở"),
    ("việc làm", "Tối thiểu 20 người lao động thuộc hộ nghèo, hộ cận nghèo được hỗ trợ kết nối việc làm thành công"),
]


def test_the_word_only_one_target_has_decides_not_the_first_shared_one() -> None:
    assert _best("hỗ trợ 2 hộ làm nhà", REAL)[0] == 1
    assert _best("đã giảm 3 hộ cận nghèo", REAL)[0] == 0
    assert _best("12 người đã có việc làm", REAL)[0] == 2


def test_my_own_targets_told_apart_by_what_is_counted() -> None:
    mine = [
        ("trẻ em được tiêm chủng đầy đủ", "95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ"),
        ("hộ dùng nước sạch", "80% hộ gia đình ở nông thôn dùng nước sạch"),
        ("hộ không có khả năng lao động", "giảm 3 hộ nghèo không có khả năng lao động"),
        ("hộ có khả năng lao động", "giảm 5 hộ nghèo có khả năng lao động"),
    ]
    assert _best("tiem chung cho 40 tre", mine)[0] == 0
    assert _best("thêm 12 hộ dùng nước sạch", mine)[0] == 1
    assert _best("giảm 2 hộ không có KNLĐ", mine)[0] == 2  # the negation tells the two apart
    assert _best("giảm 2 hộ có KNLĐ", mine)[0] == 3
    assert _best("đã trồng 500 cây keo", mine) == []


def test_a_message_is_cut_into_its_figures() -> None:
    assert pieces("đã giảm 3 hộ cận nghèo và hỗ trợ 2 hộ làm nhà") == ["đã giảm 3 hộ cận nghèo", "hỗ trợ 2 hộ làm nhà"]
    found = mentions("Báo cáo xã Trà Lâm: giảm 3 hộ nghèo, cận nghèo; tỷ lệ hộ nghèo còn 0,8%")
    assert [m.figure.value for m in found] == [3, 0.8]
    assert found[0].raw.startswith("Báo cáo xã Trà Lâm") and "cận nghèo" in found[0].raw  # no figure: kept with it
    mine = mentions("tiem chung 40 tre\nnuoc sach them 12 ho, trong do 5 ho ngheo")
    assert [m.figure.value for m in mine] == [40, 12, 5]
    assert [m.figure.value for m in mentions("tỷ lệ hộ nghèo giảm còn 0,79% trong năm 2024")] == [0.79]


def test_a_phrase_of_shared_words_names_no_target_alone() -> None:
    from handlers.flows.report_figures import Match, match
    from storage.models import Target

    measures = ("hộ", "hộ", "người")
    real = [Target(id=n, indicator=name, text=text, measure=measures[n]) for n, (name, text) in enumerate(REAL)]
    real.append(
        Target(id=9, indicator="hộ nghèo cải thiện sinh kế", text="Phấn đấu hỗ trợ 05 hộ nghèo cải thiện sinh kế")
    )
    vague = match(mentions("đã hỗ trợ 3 hộ")[0], real)
    assert vague.match is Match.TWO and 1 in {t.id for t in vague.candidates or []}
    assert match(mentions("hỗ trợ 3 hộ làm nhà")[0], real).target is real[1]
    mine = [
        Target(id=1, indicator="hộ được vay vốn ưu đãi", text="120 hộ nghèo được vay vốn ưu đãi", measure="hộ"),
        Target(id=2, indicator="hộ được tập huấn", text="80 hộ nghèo được tập huấn kỹ thuật", measure="hộ"),
    ]
    assert match(mentions("có thêm 7 hộ được")[0], mine).match is Match.TWO
    assert match(mentions("7 hộ đã được vay vốn")[0], mine).target is mine[0]
