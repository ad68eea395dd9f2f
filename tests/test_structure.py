"""Text -> Document on small made-up texts (the five sample plans: tests/corpus/test_structure.py)."""

from __future__ import annotations

from datetime import date

import pytest

from storage.importer.lines import match_marker, paragraphs
from storage.importer.structure import parse_document, split_item


def test_full_header_block() -> None:
    text = (
        "UBND HUYỆN MỸ HÀO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 21/KH-UBND\n"
        "Mỹ Hào, ngày 10 tháng 4 năm 2024\nKẾ HOẠCH\nGiảm nghèo năm 2024\n\n"
        "Căn cứ Kế hoạch số 5/KH-UBND của UBND tỉnh Hưng Yên;\n\nI. MỤC TIÊU\n1. Giảm 20 hộ nghèo.\n"
    )
    header = parse_document(text).header
    assert header.number == "21/KH-UBND" and header.doc_date == date(2024, 4, 10)
    assert header.issuer_name == "UBND huyện Mỹ Hào"
    assert header.issuer is not None and header.issuer.parent is not None
    assert (header.issuer.parent.kind, header.issuer.parent.name) == ("tỉnh", "Hưng Yên")


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [
        ("Phần thứ hai KẾ HOẠCH", "part", "2"),
        ("Phụ lục 01", "appendix", "01"),
        ("IV. KINH PHÍ", "roman", "IV"),
        ("2.12. Ngân hàng", "d2", "2.12"),
        ("1.Đẩy mạnh", "d1.", "1"),
        ("đ) Phấn đấu 80%", "letter", "đ"),
        ("g) 100% cán bộ", "letter", "g"),
        ("+ Tối thiểu 20 người", "bullet", "+"),
    ],
)
def test_markers(text: str, style: str, number: str) -> None:
    marker = match_marker(text)
    assert marker is not None and (marker.style, marker.number) == (style, number)


@pytest.mark.parametrize(
    "text", ["3.230 triệu đồng", "2024 là năm", "Phụ lục chi tiết kèm theo", "49,2%.", "x. Xuân Bái"]
)
def test_not_markers(text: str) -> None:
    assert match_marker(text) is None


def test_split_item() -> None:
    assert split_item("Sở Y tế: Trực tiếp quản lý.") == ("Sở Y tế", "Trực tiếp quản lý.")
    assert split_item("Dự án 1: Giải quyết nhà ở") == ("Dự án 1: Giải quyết nhà ở", "")
    assert split_item("Phòng Giáo dục và Đào tạo.") == ("Phòng Giáo dục và Đào tạo", "")


def test_markdown_table_and_short_heading_not_joined() -> None:
    text = (
        "2.3. Phòng Lao động - Thương binh và Xã hội\nLà cơ quan thường trực.\n"
        "| TT | Thôn |\n|---|---|\n| 1 | Nà Lầu |\n"
    )
    lines = [line.text for line in paragraphs(text)]
    assert lines == ["2.3. Phòng Lao động - Thương binh và Xã hội", "Là cơ quan thường trực.", "TT\tThôn", "1\tNà Lầu"]


@pytest.mark.parametrize(
    ("title", "ground"),
    [
        (  # held-out (MTTQ plan): a hard-wrapped title whose last line is long, then a blank line
            "Tổ chức các hội nghị hiệp thương và hội nghị cử tri giới thiệu người ứng cử\n"
            "đại biểu Hội đồng nhân dân xã Gia Tường nhiệm kỳ 2026 - 2031",
            "Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015,\n"
            "được sửa đổi, bổ sung năm 2025;",
        ),
        (  # variation
            "Triển khai công tác phòng cháy, chữa cháy trong khu dân cư trên địa bàn\n"
            "phường Tân Lập trong mùa khô năm 2026 và các năm tiếp theo theo quy định hiện hành",
            "Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024;",
        ),
    ],
)
def test_a_ground_of_issue_starts_its_own_paragraph(title: str, ground: str) -> None:
    filler = "\n\n".join(f"{n}. Nội dung công việc thứ {n} được giao cho các cơ quan, đơn vị." for n in range(20))
    text = f"KẾ HOẠCH\n{title}\n\n{ground}\n\nI. NỘI DUNG\n\n{filler}\n"
    lines = [line.text for line in paragraphs(text)]
    assert lines[1] == title.replace("\n", " ") and lines[2] == ground.replace("\n", " ")
