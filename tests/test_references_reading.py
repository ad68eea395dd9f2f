"""Reading the documents a plan is based on, by the citation form of the standard (Nghị định 30/2020/NĐ-CP):
kind, number, date, issuer, subject; nested citations stay in the subject; the plan an appendix belongs to. Each
rule on a sentence from a real plan and one written here."""

from __future__ import annotations

from datetime import date

import pytest

from storage.importer.facts import extract_facts
from storage.importer.model import ReferenceFact
from storage.importer.references import APPENDIX, BASIS
from storage.importer.structure import parse_document


def plan(preamble: str, number: str = "34/KH-UBND", title: str = "Thực hiện nhiệm vụ năm 2025", body: str = "") -> str:
    """A province plan with this opening and an issuing sentence, then a section."""
    header = f"ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: {number}\nAn Bình, ngày 19 tháng 11 năm 2025\nKẾ HOẠCH\n{title}"
    closing = "UBND tỉnh ban hành Kế hoạch thực hiện như sau:"
    return f"{header}\n{preamble}\n{closing}\nI. MỤC ĐÍCH\n1. Mục đích\nTriển khai kịp thời.\n{body}"


def references(text: str) -> list[ReferenceFact]:
    """The references read from a plan's text."""
    return extract_facts(parse_document(text)).references


def cited(text: str) -> list[tuple[str, str | None, date | None, str | None]]:
    """(kind, number, date, issuer) of each reference."""
    return [(r.kind, r.number, r.doc_date, r.issuer) for r in references(text)]


@pytest.mark.parametrize(
    ("line", "expected", "subject"),
    [
        (  # real (Đồng Tháp 597), with its short name in parentheses
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công "
            "nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia (sau đây gọi tắt là Nghị quyết số 57-NQ/TW);",
            ("Nghị quyết", "57-NQ/TW", date(2024, 12, 22), "Bộ Chính trị"),
            "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
        ),
        (  # written here: a circular, its date in words
            "Căn cứ Thông tư số 12/2023/TT-BTC ngày 03 tháng 5 năm 2023 của Bộ Tài chính hướng dẫn quản lý kinh phí;",
            ("Thông tư", "12/2023/TT-BTC", date(2023, 5, 3), "Bộ Tài chính"),
            "hướng dẫn quản lý kinh phí",
        ),
        (  # real (Đồng Nai 179): a law by its name
            "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            ("Luật", None, date(2025, 6, 16), None),
            "Tổ chức Chính quyền địa phương",
        ),
        (  # written here
            "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
            ("Luật", None, date(2015, 6, 25), None),
            "Ngân sách nhà nước",
        ),
        (  # real (Đồng Nai 179): the date after the issuer
            "Căn cứ Quyết định số 411/QĐ-TTg của Thủ tướng Chính phủ ngày 31/3/2022 phê duyệt Chiến lược quốc gia "
            "phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030;",
            ("Quyết định", "411/QĐ-TTg", date(2022, 3, 31), "Thủ tướng Chính phủ"),
            "phê duyệt Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030",
        ),
        (  # real (Vĩnh Yên): lower-case kind, a number with spaces
            "Thực hiện kế hoạch số 102/KH - UBND ngày 27/3/2024 của Ủy ban nhân dân huyện Bình Gia về việc triển khai "
            "thực hiện chương trình giảm nghèo năm 2024.",
            ("Kế hoạch", "102/KH - UBND", date(2024, 3, 27), "Ủy ban nhân dân huyện Bình Gia"),
            "triển khai thực hiện chương trình giảm nghèo năm 2024",
        ),
    ],
)
def test_one_basis_per_citation(line: str, expected: tuple, subject: str) -> None:  # type: ignore[type-arg]
    found = references(plan(line))
    assert [(r.kind, r.number, r.doc_date, r.issuer) for r in found] == [expected]
    assert found[0].title == subject and found[0].relation == BASIS


def test_a_citation_inside_anothers_subject_is_not_a_basis_of_its_own() -> None:
    # Real (Đồng Nai 179): the plan cites 92/KH-UBND, whose subject names 71/NQ-CP, 469-KH/TU and 57-NQ/TW.
    real = (
        "Căn cứ Căn cứ Kế hoạch số 92/KH-UBND ngày 15/9/2025 của UBND tỉnh Sửa đổi, bổ sung cập nhật Kế hoạch của Ủy "
        "ban nhân dân tỉnh triển khai thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ và Kế hoạch hành "
        "động số 469-KH/TU ngày 16/5/2025 của Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ "
        "Chính trị về đột phá phát triển khoa học."
    )
    assert cited(plan(real)) == [("Kế hoạch", "92/KH-UBND", date(2025, 9, 15), "UBND tỉnh")]
    written = (
        "Thực hiện Quyết định số 8/QĐ-UBND ngày 02/01/2025 của UBND tỉnh ban hành Kế hoạch hành động thực hiện Nghị "
        "quyết số 12/NQ-HĐND ngày 10/12/2024 của Hội đồng nhân dân tỉnh và Chỉ thị số 3/CT-TTg ngày 05/01/2024;"
    )
    assert cited(plan(written)) == [("Quyết định", "8/QĐ-UBND", date(2025, 1, 2), "UBND tỉnh")]


def test_documents_listed_with_commas_and_va_after_a_short_name() -> None:
    # Real (Đồng Nai 182): "(Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP ... (Nghị quyết số 50/NQ-CP) và
    # Quyết định số 7619/QĐ-BCA ...; Ủy ban nhân dân tỉnh ban hành ...".
    real = (
        "Thực hiện Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ trương đầu tư Chương trình "
        "(Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ về ban hành Kế hoạch "
        "triển khai Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội (Nghị quyết số 50/NQ-CP) và Quyết định "
        "số 7619/QĐ-BCA ngày 08/9/2025 của Bộ trưởng Bộ Công an phê duyệt Chương trình; Ủy ban nhân dân tỉnh ban "
        "hành Kế hoạch triển khai thực hiện Chương trình, như sau:"
    )
    assert [number for _kind, number, _day, _issuer in cited(plan(real))] == [
        "163/2024/QH15",
        "50/NQ-CP",
        "7619/QĐ-BCA",
    ]
    written = (
        "Thực hiện Quyết định số 5/QĐ-UBND ngày 03/01/2025 của UBND tỉnh, Kế hoạch số 77/KH-UBND ngày 17/9/2025 "
        "của UBND huyện Hòa Bình và Công văn số 120/SNV-CCVC ngày 20/9/2025 của Sở Nội vụ;"
    )
    assert cited(plan(written)) == [
        ("Quyết định", "5/QĐ-UBND", date(2025, 1, 3), "UBND tỉnh"),
        ("Kế hoạch", "77/KH-UBND", date(2025, 9, 17), "UBND huyện Hòa Bình"),
        ("Công văn", "120/SNV-CCVC", date(2025, 9, 20), "Sở Nội vụ"),
    ]


def test_the_issuing_sentence_and_what_follows_cite_nothing() -> None:
    # Real (Đắk Lắk 0124): the basis ends at the sentence; "Để tiếp tục ..." and "UBND tỉnh phát động ..." follow.
    real = (
        "Thực hiện Quyết định số 2437/QĐ-TTg ngày 04/11/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai Đợt "
        "thi đua. Để tiếp tục đẩy mạnh các phong trào thi đua theo Kế hoạch số 5/KH-UBND ngày 01/01/2025, UBND tỉnh "
        "phát động Đợt thi đua."
    )
    assert [number for _k, number, _d, _i in cited(plan(real))] == ["2437/QĐ-TTg"]
    assert cited(plan("Do mưa lớn kéo dài, hàng vạn hộ dân bị ngập nhà.")) == []


def test_a_date_left_out_is_taken_from_where_the_plan_cites_it_again() -> None:
    # Real (Hà Nội 308): "Quyết định số 142/QĐ-TTg của Thủ tướng ...; Quyết định 1229/QĐ-UBND ... triển khai thực hiện
    # Quyết định số 142/QĐ-TTg ngày 02/02/2024 ...".
    real = (
        "Thực hiện Quyết định số 142/QĐ-TTg của Thủ tướng Chính phủ phê duyệt Chiến lược dữ liệu quốc gia; Quyết định "
        "1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố về việc phê duyệt Chiến lược dữ liệu triển khai thực hiện "
        "Quyết định số 142/QĐ-TTg ngày 02/02/2024 của Thủ tướng Chính phủ;"
    )
    assert cited(plan(real)) == [
        ("Quyết định", "142/QĐ-TTg", date(2024, 2, 2), "Thủ tướng Chính phủ"),
        ("Quyết định", "1229/QĐ-UBND", date(2025, 2, 28), "UBND Thành phố"),
    ]
    written = (
        "Căn cứ Chỉ thị số 9/CT-UBND của UBND tỉnh; Kế hoạch số 4/KH-SYT thực hiện Chỉ thị số 9/CT-UBND ngày 1/3/2025;"
    )
    assert cited(plan(written))[0] == ("Chỉ thị", "9/CT-UBND", date(2025, 3, 1), "UBND tỉnh")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (  # real (Nghệ An 1026)
            "Triển khai thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ “về tăng cường công tác "
            "bảo vệ bí mật nhà nước trong tình hình mới” trên địa bàn tỉnh",
            ("Chỉ thị", "32/CT-TTg", date(2025, 10, 21), "Thủ tướng Chính phủ"),
        ),
        (  # written here
            "Thực hiện Kế hoạch số 77/KH-UBND ngày 17/9/2025 của UBND tỉnh An Bình về chuyển đổi số",
            ("Kế hoạch", "77/KH-UBND", date(2025, 9, 17), "UBND tỉnh An Bình"),
        ),
    ],
)
def test_the_title_names_the_document_the_plan_carries_out(title: str, expected: tuple) -> None:  # type: ignore[type-arg]
    text = plan("", title=title).replace("UBND tỉnh ban hành", "Ủy ban nhân dân tỉnh ban hành")
    assert cited(text) == [expected]


def test_an_appendix_names_the_plan_it_belongs_to_unless_it_is_this_one() -> None:
    own = "Phụ lục\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 34/KH-UBND ngày 19 tháng 11 năm 2025)"  # real form (179)
    blank = "Phụ lục\nDANH MỤC\n(Kèm theo Kế hoạch số: /KH-UBND ngày / /2025 của UBND thành phố Hà Nội)"  # real (310)
    assert references(plan("", body=own)) == [] and references(plan("", body=blank)) == []
    other = "Phụ lục\nBIỂU CHỈ TIÊU\n(Kèm theo Kế hoạch số 77/KH-UBND ngày 17/9/2025 của UBND tỉnh)"  # written here
    found = references(plan("", body=other))
    assert [(r.relation, r.kind, r.number, r.doc_date, r.issuer) for r in found] == [
        (APPENDIX, "Kế hoạch", "77/KH-UBND", date(2025, 9, 17), "UBND tỉnh")
    ]
    in_text = "Các nội dung hỗ trợ thực hiện theo Kế hoạch ban hành kèm theo Quyết định số 3219/QĐ-UBND ngày 18/8/2022."
    assert references(plan("", body=in_text)) == []  # real (Trà Lâm): a sentence, not an appendix's caption


def test_numbered_documents_listed_after_a_document_cited_by_name() -> None:
    real = (  # held-out (a party committee's plan)
        "Căn cứ Điều lệ Đảng và Quy định số 232-QĐ/TW ngày 20/01/2025 của Ban Chấp hành Trung ương về thi hành "
        "Điều lệ Đảng;"
    )
    assert cited(plan(real)) == [("Quy định", "232-QĐ/TW", date(2025, 1, 20), "Ban Chấp hành Trung ương")]
    written = "Căn cứ Luật Đầu tư công và Nghị định số 85/2025/NĐ-CP ngày 08/4/2025 của Chính phủ;"
    assert cited(plan(written)) == [
        ("Luật", None, None, None),
        ("Nghị định", "85/2025/NĐ-CP", date(2025, 4, 8), "Chính phủ"),
    ]
    subject = "Căn cứ Luật sửa đổi các luật về quy hoạch theo Nghị quyết số 61/2022/QH15 ngày 16/6/2022;"
    assert "61/2022/QH15" not in [number for _kind, number, _day, _issuer in cited(plan(subject))]  # in its name
