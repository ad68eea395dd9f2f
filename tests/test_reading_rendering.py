"""Rendering clean-up of crawler Markdown: tables from lone pipes, wraps, emphasis, page chrome."""

from __future__ import annotations

from storage.importer.lines import paragraphs
from storage.importer.markdown import emphasis_open, plain
from storage.importer.rendering import document_span, table_rows

# The header and closing layout as the crawler renders them (a real page's shape), with our own names.
PAGE = """source: https://example.vn/van-ban/ke-hoach-12

|
**ỦY BAN NHÂN
DÂN **
XÃ HÒA BÌNH
-------
|
**CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
|
Số:
0042/KH-UBND
|
*Hòa Bình, ngày 05
tháng 3 năm 2026*
|

**KẾ HOẠCH**

TỔ CHỨC NGÀY HỘI ĐỌC SÁCH
NĂM 2026

**II. TỔ CHỨC
THỰC HIỆN**

1. Công chức Văn hóa
- Xã hội

*Thời gian thực hiện: *Thường xuyên.

|
Nơi nhận:
- Như trên;
- Lưu: VT.
|
**TM. ỦY BAN NHÂN
DÂN **
CHỦ TỊCH
Trần Văn An
|
"""


def _texts(text: str) -> list[str]:
    return [line.text for line in paragraphs(text)]


def test_layout_tables_unfold_and_wrapped_headings_join() -> None:
    texts = _texts(PAGE)
    assert texts[:6] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ HÒA BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 0042/KH-UBND",
        "Hòa Bình, ngày 05 tháng 3 năm 2026",
    ]
    assert "II. TỔ CHỨC THỰC HIỆN" in texts
    assert "1. Công chức Văn hóa - Xã hội" in texts  # a wrap before "- Xã hội" is no bullet: no clause ended
    assert "Thời gian thực hiện: Thường xuyên." in texts
    assert texts[-3:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn An"]


def test_real_split_bold_issuer_line() -> None:
    """ "**UỶ BAN NHÂN" / "DÂN**" as one line (10_tinh-laichau)."""
    page = PAGE.replace("**ỦY BAN NHÂN\nDÂN **", "**UỶ BAN NHÂN\nDÂN**")
    assert _texts(page)[0] == "UỶ BAN NHÂN DÂN"


def test_emphasis_marks() -> None:
    assert plain("**3.** Sở Y tế") == "3. Sở Y tế"
    assert plain("trước **ngày 30 tháng 11 hàng năm **") == "trước ngày 30 tháng 11 hàng năm"
    assert plain("* *") == ""
    assert plain("Kế hoạch số 12[1] ngày") == "Kế hoạch số 12 ngày"
    assert emphasis_open("**TM. ỦY BAN NHÂN") and not emphasis_open("**A**** **")


def _segments(*cells: str) -> list[list[str]]:
    return [[cell] if cell else [] for cell in cells]


def test_table_rows_counted_against_the_header() -> None:
    """A group row has fewer cells, an empty last cell gives a third `|`, an empty middle cell one more."""
    rows = table_rows(
        _segments(
            "TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", "",
            "I", "NHÓM MỘT", "",
            "1", "Việc a", "Sở Tài chính", "Các sở", "Thường xuyên", "", "",
            "2", "Việc b", "", "Các xã", "2026", "Báo cáo", "",
            "3", "Việc c", "Sở Y tế", "Các xã", "Quý IV/2026", "Kế hoạch",
        )
    )  # fmt: skip
    assert rows == [
        ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"],
        ["I", "NHÓM MỘT"],
        ["1", "Việc a", "Sở Tài chính", "Các sở", "Thường xuyên", ""],
        ["2", "Việc b", "", "Các xã", "2026", "Báo cáo"],
        ["3", "Việc c", "Sở Y tế", "Các xã", "Quý IV/2026", "Kế hoạch"],
    ]


def test_dotted_gap_ends_a_row() -> None:
    rows = table_rows(_segments("TT", "Việc", "", "1", "a", "….......", "2", "b"))
    assert rows == [["TT", "Việc"], ["1", "a"], ["2", "b"]]


def test_page_chrome_cut_at_motto_and_catalogue_title() -> None:
    chrome = ["|", "Bản quyền của trang", "|", "**Số hiệu:**", "|", "12/KH-UBND", "|", "|"]
    tail = ["Kế hoạch 42/KH-UBND năm 2026 tổ chức ngày hội đọc sách", "## Văn bản liên quan", "Đăng nhập"]
    raw = chrome + PAGE.split("\n")[2:] + tail
    span = document_span(raw)
    assert span[1].startswith("**ỦY BAN") and "Bản quyền của trang" not in span
    assert not any(line.startswith(("Kế hoạch 42/", "## ")) for line in span)
