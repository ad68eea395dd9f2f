"""Folding, unit names, Vietnamese numbers and dates."""

from datetime import date

import pytest

from storage.language.text import (
    find_dates,
    find_numbers,
    fold,
    format_date,
    format_number,
    format_percent,
    parse_date,
    parse_number,
    split_unit_name,
    unit_key,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("Đồng Tháp", "dong thap"), ("Xuân\u0300", "xuan")],
)
def test_fold_makes_spellings_meet(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_nfd_input_equals_nfc() -> None:
    import unicodedata

    text = "Chỉ tiêu giảm hộ nghèo xã Xuân Bái"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "chi tieu giam ho ngheo xa xuan bai"


@pytest.mark.parametrize(
    ("name", "kind", "bare"),
    [
        ("TT Lam Sơn", "thị trấn", "Lam Sơn"),
        ("Thị trấn Lam Sơn", "thị trấn", "Lam Sơn"),
        ("x. Xuân Bái", "xã", "Xuân Bái"),
        ("Xã Xuân Bái", "xã", "Xuân Bái"),
        ("Xuân Bái", None, "Xuân Bái"),
        ("huyện Thọ Xuân", "huyện", "Thọ Xuân"),
        ("Thành phố Hà Nội", "thành phố", "Hà Nội"),
        ("P.Phúc Xá", "phường", "Phúc Xá"),
        ("xa xuan bai", "xã", "xuan bai"),
        ("Lạng Sơn", None, "Lạng Sơn"),
        ("lang son", None, "lang son"),
        ("Tỉnh Lạng Sơn", "tỉnh", "Lạng Sơn"),
        ("Bản Lầu", None, "Bản Lầu"),
        ("bản Nà Ke", "bản", "Nà Ke"),
        ("Ấp Bắc", None, "Ấp Bắc"),
    ],
)
def test_unit_prefixes_are_split(name: str, kind: str | None, bare: str) -> None:
    assert split_unit_name(name) == (kind, bare)


def test_unit_key_ignores_prefix_and_marks() -> None:
    assert unit_key("TT Lam Sơn") == unit_key("thi tran lam son") == "lam son"


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.500", 1500), ("93.506", 93506), ("0,79", 0.79), ("0.82", 0.82), ("3,6", 3.6), ("-3", -3), ("abc", None)],
)
def test_numbers_are_read_the_vietnamese_way(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_find_numbers_reads_mixed_text() -> None:
    values = [v for v, _, _ in find_numbers("từ 0.82% xuống còn 0.79%, 1.500 hộ, 93.506 triệu")]
    assert values == [0.82, 0.79, 1500, 93506]


def test_numbers_are_written_the_vietnamese_way() -> None:
    assert format_number(93506) == "93.506"
    assert format_number(0.79) == "0,79"
    assert format_number(1500.5) == "1.500,5"
    assert format_percent(32.47) == "32,47%"


def test_dates_without_year_take_the_default_year() -> None:
    assert parse_date("trước ngày 15/6", 2024) == date(2024, 6, 15)
    assert parse_date("trước ngày 15/6") is None
    assert [d for d, _, _ in find_dates("trước 20/6/2024 và 30/10/2024")] == [date(2024, 6, 20), date(2024, 10, 30)]
    assert parse_date("31/2/2024") is None
    assert format_date(date(2024, 6, 20)) == "20/6/2024"
