"""A target is said as its form says it: a level to come down to with its start, a floor, a ceiling, a rise."""

from __future__ import annotations

from types import SimpleNamespace

from handlers.render.format import fact_text


def target(indicator: str, value: float, measure: str, form: str, text: str, **extra: object) -> SimpleNamespace:
    """A stored target row as the answers read it."""
    fields = {"baseline": None, "direction": None, "kind": "target", **extra}
    return SimpleNamespace(indicator=indicator, value=value, measure=measure, form=form, text=text, **fields)


def test_a_level_to_come_down_to_is_said_with_its_start_in_any_unit() -> None:
    fertility = target(
        "tổng tỷ suất sinh",
        2.3,
        "con",
        "reduce_to",
        "Tổng tỷ suất sinh giảm từ 2,45 con xuống còn 2,3 con",
        baseline=2.45,
        direction="giảm",
    )
    assert fact_text(fertility) == "tổng tỷ suất sinh: giảm xuống còn 2,3 con (từ 2,45 con)"
    accidents = target(
        "số vụ tai nạn giao thông trên địa bàn", 12, "vụ", "reduce_to", "giảm xuống còn 12 vụ", direction="giảm"
    )
    assert fact_text(accidents) == "số vụ tai nạn giao thông trên địa bàn: giảm xuống còn 12 vụ"
    assert not fact_text(fertility).startswith("giảm 2,3")


def test_a_floor_is_said_with_the_plans_own_word() -> None:
    members = target("đảng viên mới", 25, "đảng viên", "at_least", "Mỗi năm kết nạp ít nhất 25 đảng viên mới")
    assert fact_text(members) == "ít nhất 25 đảng viên mới"
    turnout = target("tỷ lệ cử tri đi bầu cử", 98, "%", "at_least", "Phấn đấu tỷ lệ cử tri đi bầu cử đạt trên 98%")
    assert fact_text(turnout) == "tỷ lệ cử tri đi bầu cử: trên 98%"
    trainees = target("lao động được đào tạo nghề", 300, "người", "at_least", "đào tạo nghề tối thiểu 300 người")
    assert fact_text(trainees) == "lao động được đào tạo nghề: tối thiểu 300 người"
    unsaid = target("hội viên mới", 40, "hội viên", "at_least", "kết nạp từ 40 hội viên trở lên")
    assert fact_text(unsaid) == "ít nhất 40 hội viên mới"


def test_a_ceiling_is_said_with_the_plans_own_word() -> None:
    ratio = target(
        "tỷ số giới tính khi sinh",
        109,
        "bé trai/100 bé gái",
        "at_most",
        "Tỷ số giới tính khi sinh dưới 109 bé trai/100 bé gái",
    )
    assert fact_text(ratio) == "tỷ số giới tính khi sinh: dưới 109 bé trai/100 bé gái"
    dropout = target("tỷ lệ học sinh bỏ học", 0.5, "%", "at_most", "tỷ lệ học sinh bỏ học không quá 0.5%")
    assert fact_text(dropout) == "tỷ lệ học sinh bỏ học: không quá 0,5%"


def test_a_rise_by_says_it_adds() -> None:
    groups = target("nhóm trẻ độc lập", 20, "nhóm", "increase_by", "tăng thêm 20 nhóm trẻ độc lập", direction="tăng")
    assert fact_text(groups) == "tăng thêm 20 nhóm trẻ độc lập"
    cut = target("tỷ lệ hộ nghèo", 1.5, "%", "reduce_by", "tỷ lệ hộ nghèo giảm 1,5%")
    assert fact_text(cut) == "tỷ lệ hộ nghèo: giảm 1,5%"


def test_a_change_keeps_the_bound_the_plan_gives_it() -> None:
    ethnic = target(
        "tỷ lệ hộ nghèo dân tộc thiểu số", 2, "%", "reduce_by", "Tỷ lệ hộ nghèo dân tộc thiểu số giảm trên 2%"
    )
    assert fact_text(ethnic) == "tỷ lệ hộ nghèo dân tộc thiểu số: giảm trên 2%"
    near_poor = target(
        "hộ cận nghèo", 30, "hộ", "reduce_by", "giảm ít nhất 30 hộ cận nghèo so với đầu năm", direction="giảm"
    )
    assert fact_text(near_poor) == "giảm ít nhất 30 hộ cận nghèo"
    ethnic_from = target("tỷ lệ hộ nghèo dân tộc thiểu số", 4, "%", "reduce_by", "giảm từ 4 % trở lên")
    assert fact_text(ethnic_from) == "tỷ lệ hộ nghèo dân tộc thiểu số: giảm ít nhất 4%"
