"""Targets read from a MỤC TIÊU section: the form of each goal and a name taken from its own clause.

Each rule is shown on a sentence of a real plan and on a variation written for the test (other words, other
numbers)."""

from __future__ import annotations

import pytest

from storage.importer.facts import extract_facts
from storage.importer.model import TargetFact
from storage.importer.target_forms import table_form
from storage.language.goal_forms import AT_LEAST, AT_MOST, INCREASE_BY, REACH, REDUCE_BY, REDUCE_TO
from tests.test_facts_support import make_document


def _targets(*lines: str, heading: str = "2. Mục tiêu cụ thể") -> list[TargetFact]:
    document = make_document([("II", None, ["II. MỤC TIÊU"]), ("II.2", "II", [heading, *lines])], year=2026)
    return [t for target in extract_facts(document).targets for t in (target, *target.parts)]


def _one(line: str) -> TargetFact:
    (target,) = _targets(line)
    return target


@pytest.mark.parametrize(
    ("line", "value", "form"),
    [
        ("b) Phấn đấu giảm 45 hộ cận nghèo;", 45, REDUCE_BY),  # Trà Lâm
        ("- Phấn đấu giảm thêm 12 hộ nghèo ở thôn vùng cao.", 12, REDUCE_BY),
        ("- Tỷ lệ hộ nghèo dân tộc thiểu số giảm từ 4 % trở lên", 4, REDUCE_BY),  # Vĩnh Yên
        ("- Tỷ lệ trẻ bỏ học giảm trên 1,5%.", 1.5, REDUCE_BY),
        ("- Tỷ lệ hộ nghèo trên địa bàn xã giảm còn 32,47% vào cuối năm 2026.", 32.47, REDUCE_TO),  # Vĩnh Yên
        ("- Đưa tỷ lệ người nghiện xuống còn 3,2% năm 2026.", 3.2, REDUCE_TO),
        ("- giảm tỉ lệ hộ nghèo đa chiều xuống dưới 2% vào cuối năm 2026.", 2, AT_MOST),  # Trà Lâm
        ("- Tỷ lệ học sinh bỏ học không quá 1%.", 1, AT_MOST),
        ("- số vụ phạm tội về ma túy có tổ chức được phát hiện, bắt giữ tăng trên 03%.", 3, INCREASE_BY),  # 02
        ("- Phấn đấu tăng thêm ít nhất 15% số lớp mẫu giáo bán trú.", 15, INCREASE_BY),
        ("- Tỷ lệ trẻ em đi học đúng độ tuổi đạt 96%;", 96, REACH),  # Trà Lâm
        ("- Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP;", 30, REACH),  # 01
        ("- Tỷ trọng kinh tế số đạt tối thiểu 30% GRDP;", 30, AT_LEAST),  # 01
        ("- Trên 80% số trạm y tế cấp xã đủ điều kiện xác định tình trạng nghiện.", 80, AT_LEAST),  # 02
        ("- Hình thành ít nhất 20 mô hình sản xuất nông nghiệp tuần hoàn.", 20, AT_LEAST),  # 03
        ("- Có từ 40 hộ trở lên tham gia tổ hợp tác.", 40, AT_LEAST),
    ],
)
def test_the_form_of_a_goal_comes_from_the_words_around_its_number(line: str, value: float, form: str) -> None:
    target = _one(line)
    assert (target.value, target.form) == (value, form)


def test_a_level_reached_from_a_baseline_is_a_reduction_to_it() -> None:
    target = _one("a) Phấn đấu giảm tỷ lệ hộ nghèo toàn xã từ 0.82% xuống còn 0.79% theo chuẩn nghèo đa chiều;")
    assert (target.baseline, target.value, target.form) == (0.82, 0.79, REDUCE_TO)
    variation = _one("- Giảm tỷ lệ trẻ thấp còi từ 12,5% xuống 10% năm 2026.")
    assert (variation.baseline, variation.value, variation.form) == (12.5, 10, REDUCE_TO)


def test_a_bound_is_shared_along_a_list_of_numbers() -> None:
    real = _targets("Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo, 50 doanh nghiệp khoa học công nghệ.")
    assert [(t.value, t.form) for t in real] == [(100, AT_LEAST), (50, AT_LEAST)]
    variation = _targets("- Xây dựng tối đa 4 trung tâm dữ liệu, 2 trung tâm dự phòng.")
    assert [(t.value, t.form) for t in variation] == [(4, AT_MOST), (2, AT_MOST)]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (  # 01: the subject before the verb, parentheses and the share's whole kept apart
            "(3) Tỷ lệ dân số từ 15 tuổi trở lên có chữ ký số hoặc chữ ký điện tử cá nhân đạt trên 70%;",
            "tỷ lệ dân số từ 15 tuổi trở lên có chữ ký số hoặc chữ ký điện tử cá nhân",
        ),
        ("- Tỷ lệ xã (kể cả đặc khu) có trạm y tế đạt chuẩn đạt 90%.", "tỷ lệ xã có trạm y tế đạt chuẩn"),
        ("- Quy mô kinh tế số đạt 40% GRDP.", "quy mô kinh tế số (% GRDP)"),  # 03
        ("- Quy mô thương mại điện tử đạt 12% GRDP.", "quy mô thương mại điện tử (% GRDP)"),
        (  # Trà Lâm: the group, its listing and what is done to it
            "+ Tối thiểu 20 người lao động thuộc hộ nghèo, hộ cận nghèo được hỗ trợ kết nối việc làm thành công;",
            "người lao động thuộc hộ nghèo, hộ cận nghèo được hỗ trợ kết nối việc làm thành công",
        ),
        (
            "- Ít nhất 30 người khuyết tật, người cao tuổi được đào tạo nghề, giới thiệu việc làm.",
            "người khuyết tật, người cao tuổi được đào tạo nghề",
        ),
        (  # 02: "xã, phường" is one list; "trên toàn tỉnh" is where, not what
            "- phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường trên toàn tỉnh không ma túy.",
            "số xã, phường không ma túy",
        ),
        ("- Phấn đấu 60% thôn, bản trên địa bàn xã có nhà văn hóa.", "thôn, bản có nhà văn hóa"),
        (  # Đồng Tháp sample: the action done for the group
            "- Hỗ trợ mua thẻ bảo hiểm y tế cho 100% người thuộc hộ nghèo, người thuộc hộ cận nghèo.",
            "mua thẻ bảo hiểm y tế cho người thuộc hộ nghèo, người thuộc hộ cận nghèo",
        ),
        ("- Bảo đảm cho vay đối với 100% hộ nghèo có nhu cầu.", "cho vay đối với hộ nghèo có nhu cầu"),
    ],
)
def test_a_target_is_named_from_its_own_clause(line: str, name: str) -> None:
    assert _one(line).indicator == name


def test_a_heading_label_is_kept_beside_a_name_that_lacks_it() -> None:
    real = _one("- Tại địa bàn đô thị: 100% trẻ em trong cơ sở giáo dục mầm non được nuôi dưỡng, chăm sóc.")
    assert real.indicator == "trẻ em trong cơ sở giáo dục mầm non được nuôi dưỡng (tại địa bàn đô thị)"
    variation = _one("- Về nước sạch: 85% hộ gia đình sử dụng nước sạch.")
    assert variation.indicator == "hộ gia đình sử dụng nước sạch"  # the name already says it


def test_a_long_listing_keeps_its_first_member_and_what_is_done() -> None:
    line = (
        "- trên 90% người nghiện ma túy, người sử dụng trái phép chất ma túy, người cai nghiện ma túy, người tham "
        "gia điều trị nghiện ma túy, người sau cai nghiện ma túy được tư vấn, hỗ trợ và can thiệp về y tế."
    )
    assert _one(line).indicator == "người nghiện ma túy, … được tư vấn"
    variation = (
        "- 100% học sinh tiểu học, học sinh trung học cơ sở, học sinh trung học phổ thông, học viên giáo dục "
        "thường xuyên ở vùng đặc biệt khó khăn được cấp sách giáo khoa, vở viết."
    )
    assert _one(variation).indicator == "học sinh tiểu học, … được cấp sách giáo khoa"


def test_a_sentence_written_twice_is_one_target() -> None:
    line = "- Tỷ lệ hộ nghèo ở các thôn có tỷ lệ hộ nghèo cao phấn đấu giảm từ 5% trở lên;"  # Vĩnh Yên, twice
    assert len(_targets(line, line)) == 1
    assert len(_targets("- Giảm 3 hộ nghèo ở thôn 1.", "- Giảm 3 hộ nghèo ở thôn 2.")) == 2


def test_trong_độ_tuổi_is_not_a_breakdown() -> None:
    real = _one("- Phấn đấu hỗ trợ cho 1.000 người nghèo, cận nghèo trong độ tuổi lao động được đào tạo nghề.")
    assert real.indicator == "hỗ trợ cho người nghèo, cận nghèo trong độ tuổi lao động được đào tạo nghề"
    assert not real.parts


def test_where_and_when_are_not_part_of_the_name() -> None:
    real = _one("1. Giảm tỷ lệ hộ nghèo năm 2024 toàn xã còn 2,98% (các thôn thực hiện theo chỉ tiêu đã giao).")
    assert (real.indicator, real.year) == ("tỷ lệ hộ nghèo", 2024)
    variation = _one("- Tỷ lệ hộ dùng nước sạch trên địa bàn phường cuối năm 2026 đạt 97%.")
    assert variation.indicator == "tỷ lệ hộ dùng nước sạch"
    kept = _one("Đảm bảo trên 70% diện tích nuôi cá tra áp dụng công nghệ nuôi an toàn sinh học.")  # 03: "toàn" here
    assert kept.indicator == "diện tích nuôi cá tra áp dụng công nghệ nuôi an toàn sinh học"  # is not a place


def test_a_count_that_names_nothing_takes_its_label() -> None:
    real = _targets("- Hộ Cận nghèo: Toàn xã còn 85 hộ chiếm tỷ lệ 5,27%, giảm 2,73% so với năm 2023.")
    assert real[0].indicator == "hộ cận nghèo"
    variation = _targets("- Hộ có người khuyết tật: cả phường còn 12 hộ.")
    assert variation[0].indicator == "hộ có người khuyết tật"


def test_an_action_keeps_its_whole_lead_when_short() -> None:
    real = _one("- Về giáo dục, thực hiện miễn, giảm học phí, hỗ trợ chi phí học tập cho trên 20.000 học sinh.")
    name = "thực hiện miễn, giảm học phí, hỗ trợ chi phí học tập cho học sinh (giáo dục)"
    assert (real.indicator, real.form) == (name, AT_LEAST)
    variation = _one("- Cấp phát sách giáo khoa, đồ dùng học tập cho 300 học sinh.")
    assert variation.indicator == "cấp phát sách giáo khoa, đồ dùng học tập cho học sinh"


def test_numbered_targets_are_read_without_their_number() -> None:
    real = _targets("*6.3. *Trên 80% các đơn vị được trang bị phương tiện kỹ thuật nghiệp vụ hiện đại.")  # 02
    assert [(t.value, t.form, t.indicator) for t in real] == [
        (80, AT_LEAST, "các đơn vị được trang bị phương tiện kỹ thuật nghiệp vụ hiện đại")
    ]
    variation = _targets("Chỉ tiêu 1: Tỷ lệ hộ nghèo giảm còn 3%.", "Chỉ tiêu 2: Tối thiểu 50 hộ được hỗ trợ nhà ở.")
    assert [(t.value, t.form, t.indicator) for t in variation] == [
        (3, REDUCE_TO, "tỷ lệ hộ nghèo"),
        (50, AT_LEAST, "hộ được hỗ trợ nhà ở"),
    ]


@pytest.mark.parametrize(
    ("name", "base", "goal", "form"),
    [
        ("Giảm hộ nghèo", None, 180, REDUCE_BY),  # Thọ Xuân's Phụ lục 01 column
        ("Tăng số hộ có nước sạch", None, 40, INCREASE_BY),
        ("Tỷ lệ hộ nghèo", 1.71, 1.36, REDUCE_TO),  # an indicator table: last year's figure, this year's
        ("Tỷ lệ lao động qua đào tạo", 55.2, 57, REACH),
        ("Số xã đạt chuẩn nông thôn mới", None, 12, REACH),
    ],
)
def test_a_table_rows_form(name: str, base: float | None, goal: float, form: str) -> None:
    assert table_form(name, base, goal) == form


def test_a_breakdown_belongs_to_a_target_of_its_own_line() -> None:
    real = _targets(  # 03: the 40% is not a part of the 80% of the bullet before
        "- Tối thiểu 80% doanh nghiệp trên địa bàn tỉnh ứng dụng công nghệ tiên tiến.",
        "- Hình thành hệ sinh thái đổi mới sáng tạo hoàn chỉnh. Trong đó, ít nhất 40% doanh nghiệp vừa và nhỏ có hợp "
        "tác nghiên cứu với các viện/trường.",
    )
    assert [(t.value, t.indicator, len(t.parts)) for t in real] == [
        (80, "doanh nghiệp ứng dụng công nghệ tiên tiến", 0),
        (40, "doanh nghiệp vừa và nhỏ có hợp tác nghiên cứu với các viện/trường", 0),
    ]
    variation = _targets("- Năm 2026 giảm 20 hộ nghèo. Trong đó: hộ có người khuyết tật giảm 5 hộ.")
    assert [(t.value, len(t.parts)) for t in variation] == [(20, 1), (5, 0)]  # the part, listed after its target


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("Mỗi năm kết nạp ít nhất 25 đảng viên mới", 25, "đảng viên"),  # held-out (party committee)
        ("Tổng tỷ suất sinh giảm từ 2,45 con xuống còn 2,3 con", 2.3, "con"),  # held-out (population)
        ("Chi bộ thôn kết nạp 3 đảng viên trong năm", 3, "đảng viên"),  # variations
        ("Tiêm phòng cho 12.000 con gia súc, gia cầm", 12000, "con"),
    ],
)
def test_count_nouns_of_party_and_population_plans_are_measures(text: str, value: float, measure: str) -> None:
    from storage.importer.measures import find_measured

    assert (find_measured(text)[-1].value, find_measured(text)[-1].measure) == (value, measure)
