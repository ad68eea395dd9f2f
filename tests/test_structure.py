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
