"""The document by the standard: number, date, issuer kind, the plan's period; non-plans refused."""

from __future__ import annotations

import pytest

from storage.importer.issuer_kinds import issuer_kind
from storage.importer.limits import UnreadableDocument
from storage.importer.plan_time import period_in, plan_period
from storage.importer.structure import check_administrative, parse_document


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("PHÁT TRIỂN KINH TẾ SỐ GIAI ĐOẠN 2026 - 2030", (2026, 2030)),  # real (01)
        ("PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030 TRÊN ĐỊA BÀN TỈNH", (2025, 2030)),  # real (02): from the issue year
        ("giáo dục mầm non giai đoạn 2025 - 2035, tầm nhìn đến năm 2045", (2025, 2035)),  # a vision is no period
        ("Giảm nghèo bền vững năm 2024", (2024, 2024)),
        ("chuyển đổi số từ nay đến hết năm 2025", (2025, 2025)),
        ("nước sạch nông thôn thời kỳ 2021–2025", (2021, 2025)),  # ours: another word and dash
        ("THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025", None),  # a cited date is not the period
        ("phát triển đảng viên nhiệm kỳ 2025 - 2030", (2025, 2030)),  # held-out (party committee)
        ("giới thiệu người ứng cử đại biểu HĐND xã nhiệm kỳ 2026 - 2031", (2026, 2031)),  # held-out (MTTQ)
        ("Chương trình hành động của Đảng ủy phường NHIỆM KỲ 2030–2035", (2030, 2035)),  # variation
    ],
)
def test_period_in_title(title: str, period: tuple[int, int] | None) -> None:
    assert period_in(title, 2025) == period


def test_period_falls_back_to_the_issuing_sentence_then_the_issue_date() -> None:
    from datetime import date

    preamble = ["Căn cứ Kế hoạch số 5/KH-UBND ngày 2/1/2020 giai đoạn 2021-2025;",
                "UBND xã ban hành Kế hoạch phòng chống dịch năm 2026 như sau:"]  # fmt: skip
    found = plan_period("Phòng chống dịch", preamble, date(2025, 12, 20), 2025)
    assert found is not None and (found.start, found.end, found.source) == (2026, 2026, "câu ban hành")
    found = plan_period("Phòng chống dịch", [], date(2025, 12, 20), 2025)
    assert found is not None and (found.start, found.end, found.label()) == (2025, 2025, "năm 2025")


@pytest.mark.parametrize(
    ("top", "number", "kind", "expected"),
    [
        (["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"], "980/KH-UBND", "tỉnh", "UBND cấp tỉnh"),  # real
        (["UBND TỈNH ĐẮK LẮK", "SỞ Y TẾ"], "12/KH-SYT", "tỉnh", "Sở"),  # ours: body under its superior
        (["ỦY BAN MTTQ VIỆT NAM", "XÃ HÒA BÌNH"], "3/KH-MTTQ-BTT", "xã", "Ủy ban MTTQ"),
        ([], "7/KH-BCĐ", None, "Ban Chỉ đạo"),
        ([], "05-KH/ĐU", None, "cấp ủy Đảng"),
        ([], None, "xã", "UBND cấp xã"),
    ],
)
def test_issuer_kind(top: list[str], number: str | None, kind: str | None, expected: str) -> None:
    assert issuer_kind(top, number, kind) == expected


def test_number_on_two_lines_and_blank_number() -> None:
    page = "|\n**ỦY BAN NHÂN DÂN**\nXÃ AN PHÚ\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố:\n{n}\n|\n"
    page += (
        "*An Phú, ngày 18\ntháng 11 năm 2025*\n|\n\n**KẾ HOẠCH**\n\nDiễn tập phòng thủ\n\n**I. MỤC ĐÍCH**\n\n1. Một.\n"
    )
    header = parse_document(page.format(n="0124/KH-UBND")).header
    assert (header.number, str(header.doc_date), header.issuer_name) == ("0124/KH-UBND", "2025-11-18", "UBND xã An Phú")
    assert parse_document(page.format(n="/KH-UBND")).header.number is None


def test_readme_and_news_refused() -> None:
    readme = (
        "# Real plans\n\nFourteen plans (kế hoạch) published by UBND tỉnh.\n\n| File | Số |\n|---|---|\n| 01 | 179 |\n"
    )
    news = "Tỉnh Hòa Bình ban hành Kế hoạch số 12/KH-UBND về phát triển du lịch.\n\nTheo kế hoạch, năm 2026 ...\n"
    for text in (readme, news):
        with pytest.raises(UnreadableDocument, match="không phải một kế hoạch hành chính"):
            check_administrative(parse_document(text))
    check_administrative(parse_document("KẾ HOẠCH\nGiảm nghèo năm 2024\n\nI. MỤC TIÊU\n1. Giảm 5 hộ nghèo.\n"))


@pytest.mark.parametrize(
    ("top", "name", "kind"),
    [
        (["ỦY BAN MTTQ VIỆT NAM", "XÃ HÒA BÌNH"], "Ủy ban MTTQ Việt Nam xã Hòa Bình", "Ủy ban MTTQ"),
        (["UBND TỈNH ĐẮK LẮK", "SỞ Y TẾ"], "Sở Y tế tỉnh Đắk Lắk", "Sở"),
        (["ĐẢNG BỘ TỈNH QUẢNG NGÃI", "ĐẢNG ỦY XÃ TRÀ LÂM"], "Đảng ủy xã Trà Lâm", "cấp ủy Đảng"),
        (  # held-out: the standing board signs for the committee above it
            ["ỦY BAN MTTQ VIỆT NAM TỈNH NINH BÌNH", "ỦY BAN MTTQ VIỆT NAM", "XÃ GIA TƯỜNG", "BAN THƯỜNG TRỰC"],
            "Ủy ban MTTQ Việt Nam xã Gia Tường",
            "Ủy ban MTTQ",
        ),
        (["ĐẢNG BỘ TỈNH", "ĐẢNG ỦY PHƯỜNG AN LẠC", "BAN THƯỜNG VỤ"], "Đảng ủy phường An Lạc", "cấp ủy Đảng"),  # ours
        (["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"], "UBND xã Hòa Bình", "UBND cấp xã"),
    ],
)
def test_issuers_of_every_kind(top: list[str], name: str, kind: str) -> None:
    """Our own headers of other issuers: the body's name with its locality, and its kind."""
    body = "Sở Y tế chủ trì. Ủy ban MTTQ Việt Nam xã phối hợp. Đảng ủy xã lãnh đạo. Tỉnh Đắk Lắk, xã Hòa Bình."
    text = "\n".join(
        [*top, "", "Số: 3/KH-XX", "", "KẾ HOẠCH", "Tuyên truyền năm 2026", "", body, "", "I. MỤC ĐÍCH", ""]
    )
    header = parse_document(text).header
    assert (header.issuer_name, header.issuer_kind) == (name, kind)


@pytest.mark.parametrize(
    ("lines", "number"),
    [
        ("Số:\n7360/KH-UBND", "7360/KH-UBND"),  # real (10), here as plain text
        ("Số: 102/KH - UBND", "102/KH-UBND"),
        ("Số 05-KH/ĐU", "05-KH/ĐU"),  # ours: a party committee's form, no colon
        ("Số: 3/KH-MTTQ-BTT Hòa Bình, ngày 2 tháng 3 năm 2026", "3/KH-MTTQ-BTT"),
        ("Số:     /KH-UBND", None),
    ],
)
def test_number_forms(lines: str, number: str | None) -> None:
    text = f"UỶ BAN NHÂN DÂN\nXÃ AN PHÚ\n\n{lines}\n\nKẾ HOẠCH\nPhòng chống thiên tai năm 2026\n\nI. MỤC ĐÍCH\n"
    assert parse_document(text).header.number == number


@pytest.mark.parametrize(
    ("closing", "signer", "post"),
    [
        (["TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Nông Thị Bích"], "Nông Thị Bích", "Phó Chủ tịch"),
        (["KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN", "Hồ Minh Khải"], "Hồ Minh Khải", "Phó trưởng ban"),  # held-out
        (["KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", "Lê Văn An"], "Lê Văn An", "Phó Giám đốc"),  # variation
        (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Trường Sơn"], "Lê Trường Sơn", "Phó Chủ tịch"),  # real (02), two lines
        # a bold run of two lines joined: the signer's own post in capitals, then the name (held-out, variation)
        (["KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN", "GIÁM ĐỐC SỞ Y TẾ Hồ Minh Khải"], "Hồ Minh Khải", "Phó trưởng ban"),
        (["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "CHỦ TỊCH UBND XÃ Đinh Thị Lan"], "Đinh Thị Lan", "Trưởng ban"),
    ],
)
def test_signature_post_when_authority_and_post_run_together(closing: list[str], signer: str, post: str) -> None:
    from storage.importer.header import find_signer

    assert find_signer(closing) == (signer, post)
