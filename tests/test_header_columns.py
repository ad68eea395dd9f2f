"""The standard header printed in two columns side by side in plain text (Word saved as .txt, a PDF's text):
unfolded into the left column, then the right, so the issuer, the number and the place and date are read."""

from __future__ import annotations

from storage.importer.header_columns import unfold_header_columns
from storage.importer.issuer_kinds import issuer_kind
from storage.importer.structure import check_administrative, parse_document
from tests.conftest import DATA

BODY = """
I. MỤC ĐÍCH, YÊU CẦU

1. Bảo đảm an toàn cho người dân.

II. TỔ CHỨC THỰC HIỆN

1. Văn phòng: tổng hợp, báo cáo kết quả trước ngày 15/11/2026.

CHỦ TỊCH

Lê Văn Quảng
"""

# The shape of tests/data/plans_blind (UBND xã, spaces between the columns).
COMMUNE = (
    """ỦY BAN NHÂN DÂN                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
   XÃ LAM HẠ                                Độc lập - Tự do - Hạnh phúc

Số: 112/KH-UBND                            Lam Hạ, ngày 20 tháng 3 năm 2026

                                  KẾ HOẠCH
       Phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn xã Lam Hạ
                                 năm 2026
"""
    + BODY
)

# A variation: a Sở under its province, the columns apart by a tab, a party-style number.
DEPARTMENT = (
    "UBND TỈNH HÀ NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\tĐộc lập - Tự do - Hạnh phúc\n"
    "\n"
    "Số: 56/KH-SNNMT\tPhủ Lý, ngày 04 tháng 5 năm 2026\n"
    "\n"
    "KẾ HOẠCH\n"
    "Phòng, chống dịch bệnh động vật năm 2026\n" + BODY
)


def test_a_commune_header_in_two_columns_is_read() -> None:
    document = parse_document(COMMUNE)
    header = document.header
    assert (header.number, header.doc_date.isoformat() if header.doc_date else None) == ("112/KH-UBND", "2026-03-20")
    assert header.title == "Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn xã Lam Hạ năm 2026"
    assert header.issuer is not None and header.issuer.name == "Lam Hạ"
    check_administrative(document)


def test_a_department_header_apart_by_tabs_is_read() -> None:
    header = parse_document(DEPARTMENT).header
    assert header.number == "56/KH-SNNMT" and header.doc_date is not None and header.doc_date.day == 4
    assert header.title == "Kế hoạch phòng, chống dịch bệnh động vật năm 2026"


def test_the_left_column_comes_before_the_right() -> None:
    lines = [line for line in unfold_header_columns(COMMUNE).splitlines()[:7] if line]
    assert lines == [
        "ỦY BAN NHÂN DÂN",
        "XÃ LAM HẠ",
        "Số: 112/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lam Hạ, ngày 20 tháng 3 năm 2026",
    ]


def test_a_header_in_one_column_and_a_table_in_the_body_are_left_as_they_are() -> None:
    one_column = "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 3/KH-UBND\n\nKẾ HOẠCH\nTrồng cây năm 2026\n" + BODY
    assert unfold_header_columns(one_column) == one_column
    table = one_column + "\nTT\tNội dung\tThời gian\n1\tTrồng cây\tQuý I năm 2026\n"
    assert unfold_header_columns(table) == table


def test_a_womens_union_and_other_mass_organisations_are_issuers_of_their_own() -> None:
    assert issuer_kind(["HỘI LHPN THÀNH PHỐ ĐÀ NẴNG", "HỘI LHPN PHƯỜNG AN KHÊ ĐÔNG"], "07-KH/HPN", None) == (
        "Hội Liên hiệp Phụ nữ"
    )
    assert issuer_kind(["HỘI NÔNG DÂN TỈNH NGHỆ AN", "BAN THƯỜNG VỤ"], "12-KH/HND", None) == "Hội Nông dân"
    assert issuer_kind(["ĐOÀN TNCS HỒ CHÍ MINH", "BCH ĐOÀN XÃ TÂN PHÚ"], "5-KH/ĐTN", None) == "Đoàn Thanh niên"


def test_a_ground_opening_thuc_hien_after_a_blank_line_is_not_joined_to_the_title() -> None:
    # a hard-wrapped plan (the wrap width is known, so a line near it may run on past a blank line)
    text = (DATA / "plans_blind" / "phuong-an-khe-dong-hoi-phu-nu-thi-dua-2026.txt").read_text(encoding="utf-8")
    title = parse_document(text).header.title
    assert title.startswith("Kế hoạch tổ chức phong trào thi đua") and title.endswith('an toàn" năm 2026')
    varied = text.replace("Thực hiện Chương trình công tác", "Triển khai Chương trình công tác")
    assert parse_document(varied).header.title == title


def test_money_besides_a_total_is_no_part_of_it_and_an_aside_names_no_part() -> None:
    from storage.importer.facts import extract_facts

    for extra, besides in (("Ngoài ra, huy động Quỹ phòng, chống thiên tai dự kiến thu", 120.0),
                           ("Bên cạnh đó, vận động xã hội hóa khoảng", 45.0)):  # fmt: skip
        text = COMMUNE.replace(
            "\nII. TỔ CHỨC THỰC HIỆN",
            "\nIII. KINH PHÍ\n\nTổng kinh phí thực hiện Kế hoạch là 385 triệu đồng từ ngân sách xã, trong đó:\n"
            "- Mua sắm vật tư, phương tiện cứu hộ (áo phao, xuồng nhôm): 210 triệu đồng;\n"
            "- Tổ chức diễn tập cấp xã: 175 triệu đồng.\n"
            f"{extra} {besides:g} triệu đồng.\n\nII. TỔ CHỨC THỰC HIỆN",
        )
        budgets = extract_facts(parse_document(text)).budgets
        total = next(b for b in budgets if b.is_total)
        assert (total.amount, [p.amount for p in total.parts]) == (385.0, [210.0, 175.0])
        assert [p.label for p in total.parts] == ["phương tiện cứu hộ", "Tổ chức diễn tập cấp xã"]
        assert [(b.amount, b.is_total) for b in budgets if b is not total] == [(besides, False)]
