"""Money as plans write it: numbers, units from đồng to tỷ đồng, funding sources. Each rule is tested with a
sentence from a plan of the corpus and with a variation written here (other amounts, units and sources)."""

from __future__ import annotations

import pytest

from storage.importer.measures import find_amounts
from storage.language.money import funding_sources, source_name, unclear_amounts
from storage.language.text import find_numbers, parse_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("93.506", 93506),  # tỉnh Đồng Tháp: "93.506 triệu đồng"
        ("1.234,5", 1234.5),
        ("0,500", 0.5),  # a leading zero is never a thousands group
        ("1,000,000", 1_000_000),  # two groups: only thousands separators read so
        ("12,25", 12.25),
        ("1,000", None),  # one group of three after a comma: 1 or 1.000, not read
        ("250,000", None),
    ],
)
def test_numbers_with_a_comma_are_read_only_when_they_read_one_way(written: str, value: float | None) -> None:
    assert parse_number(written) == value


def test_an_unclear_number_is_not_found_as_one() -> None:
    assert [v for v, _, _ in find_numbers("kinh phí 1,000 triệu đồng và 2,5 tỷ đồng")] == [2.5]


def amounts(text: str) -> list[float]:
    """The amounts of a text, in triệu đồng."""
    return [round(value, 6) for value, _, _ in find_amounts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trên địa bàn xã năm 2024 là: 3.230 triệu đồng", [3230]),  # xã Trà Lâm
        ("Kinh phí: 68 triệu. Trong đó nhà ở 44 triệu, nước phân tán 24 triệu.", [68, 44, 24]),  # xã Tân Mộc
        ("Tổng vốn giai đoạn 2026-2030: 2,5 tỷ đồng", [2500]),
        ("hỗ trợ 1,2 tỷ; còn lại do xã tự cân đối", [1200]),
        ("dự toán 350.000 nghìn đồng", [350]),
        ("mỗi thôn 45 tr.đ, thôn Nà Lầu 60 trđ", [45, 60]),
        ("kinh phí 1.500.000.000 đồng", [1500]),
        ("kinh phí 1.500.000.000đ", [1500]),
    ],
)
def test_amounts_are_read_in_trieu_dong_whatever_the_unit(text: str, expected: list[float]) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hỗ trợ 500.000 đồng/người/tháng",  # a rate, not a budget
        "mức hỗ trợ 250 nghìn đồng",
        "thu hút 3 triệu lượt khách du lịch",  # "triệu" counting visitors
        "đạt 2 triệu người dùng nền tảng số",
        "giảm 2 tỷ lệ phần trăm",
        "Chlorine 70%",  # tỉnh Đắk Lắk: a product, not money
        "Quyết định số 1600/QĐ-TTg ngày 10/12/2023",
        "đến năm 2030",
        "1,000 triệu đồng",  # unclear: not stored
    ],
)
def test_what_is_not_money(text: str) -> None:
    assert amounts(text) == []


def test_bare_trieu_before_a_joining_word_is_money_only_in_a_money_clause() -> None:
    assert amounts("Tổng kinh phí 120 triệu trong đó vốn tỉnh 100 triệu") == [120, 100]
    assert amounts("dân số 3 triệu trong đó nữ giới 1,5 triệu") == [1.5]  # the last one: punctuation follows


def test_unclear_amounts_are_named_as_written() -> None:
    assert unclear_amounts("Ngân sách tỉnh: 1,000 triệu đồng; ngân sách xã: 1,5 tỷ đồng") == ["1,000 triệu đồng"]
    assert unclear_amounts("tăng 1,000 lần") == []


def names(text: str) -> list[str]:
    """The funding sources a text names."""
    return [mention.name for mention in funding_sources(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # huyện Thọ Xuân
            "Kinh phí thực hiện công tác giảm nghèo từ nguồn ngân sách Trung ương, ngân sách địa phương và nguồn "
            "huy động hợp pháp khác.",
            ["ngân sách trung ương", "ngân sách địa phương", "các nguồn hợp pháp khác"],
        ),
        (  # variation
            "Kinh phí do NSTW hỗ trợ, NSĐP đối ứng; phần còn lại từ ngân sách cấp xã.",
            ["ngân sách trung ương", "ngân sách địa phương", "ngân sách xã"],
        ),
        (  # tỉnh Đắk Lắk
            "Hỗ trợ từ trung ương, tổ chức quốc tế và các nguồn hợp pháp khác.",
            ["ngân sách trung ương", "tài trợ của tổ chức, cá nhân", "các nguồn hợp pháp khác"],
        ),
        (  # tỉnh Nghệ An: "ngoài ngân sách nhà nước" is not the state budget
            "theo phân cấp ngân sách nhà nước và các nguồn vốn hợp pháp khác ngoài ngân sách nhà nước.",
            ["ngân sách nhà nước", "các nguồn hợp pháp khác", "nguồn ngoài ngân sách nhà nước"],
        ),
        (  # variation
            "Vận động nguồn lực ngoài ngân sách, xã hội hóa và đóng góp của nhân dân.",
            ["nguồn ngoài ngân sách nhà nước", "xã hội hóa", "đóng góp của người dân, doanh nghiệp"],
        ),
        (  # tỉnh Hà Tĩnh
            "Ngân sách địa phương: Nguồn chi thường xuyên sự nghiệp giáo dục đào tạo; vốn đầu tư công; vốn chi "
            "thường xuyên lồng ghép từ nguồn vốn trong các chương trình",
            [
                "ngân sách địa phương",
                "kinh phí chi thường xuyên",
                "vốn đầu tư công (chi đầu tư phát triển)",
                "vốn lồng ghép từ các chương trình, dự án khác",
            ],
        ),
        (  # TP. Hà Nội
            "Ưu tiên sử dụng Ngân sách Thành phố hoặc theo hình thức Hợp tác công tư (PPP).",
            ["ngân sách thành phố", "hợp tác công tư (PPP)"],
        ),
        (  # variation: firms pay their own part
            "Các nhà đầu tư hạ tầng chủ động bố trí kinh phí; vốn tín dụng ưu đãi và vốn đối ứng của hộ tham gia.",
            ["vốn của doanh nghiệp, nhà đầu tư", "vốn tín dụng chính sách", "vốn đối ứng"],
        ),
        (  # TP. Hồ Chí Minh
            "nguồn chi tổ chức và hoạt động bảo hiểm thất nghiệp theo quy định của Luật Việc làm",
            ["quỹ bảo hiểm thất nghiệp"],
        ),
        ("Nguồn dự phòng phòng chống thiên tai và dịch bệnh.", ["nguồn dự phòng"]),  # tỉnh Đắk Lắk
        ("sử dụng dự phòng ngân sách tỉnh", ["ngân sách tỉnh"]),  # variation: the state budget is read first
    ],
)
def test_funding_sources_are_named_one_way(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # tỉnh Lai Châu: laws, not sources
        "theo quy định của Luật Ngân sách nhà nước, Luật Đầu tư công và các văn bản hướng dẫn thi hành.",
        "theo quy định của pháp luật về ngân sách và quy định của pháp luật về bảo hiểm thất nghiệp.",
        # tỉnh Hà Tĩnh: a plan of the state, not a source
        "các quy định hiện hành về kế hoạch đầu tư công trung hạn",
        # a cited decision (footnote of tỉnh Đồng Tháp)
        "3. Quyết định số 1600/QĐ-TTg ngày 10/12/2023 của Thủ tướng Chính phủ về việc giao dự toán ngân sách Nhà nước",
        "cơ sở giáo dục mầm non không sử dụng ngân sách nhà nước",
        "theo quy định hiện hành",
    ],
)
def test_laws_plans_and_citations_name_no_source(text: str) -> None:
    assert names(text) == []


def test_a_budget_label_names_its_source() -> None:
    assert source_name("Ngân sách Trung ương") == "ngân sách trung ương"
    assert source_name("Vốn huy động hợp pháp khác") == "các nguồn hợp pháp khác"
    assert source_name("nhà ở") is None
