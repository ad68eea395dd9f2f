"""The language layer: unit kinds, the obligor rule, duty roles, projects, stop words and shared phrases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.language import stopwords
from storage.language.kinds import FOLDED_KINDS, KINDS, kind_of, kind_pattern, kind_word_at
from storage.language.normalize import fold_expand
from storage.language.obligors import obligor_levels
from storage.language.phrases import days_left_text, percent_of, ratio_text
from storage.language.projects import mentions, names_project, project_key, project_number, projects_in
from storage.language.roles import Role, is_coordinating, is_lead, role_of, stored_role
from storage.language.text import split_unit_name


def test_every_kind_is_listed_once_with_a_level() -> None:
    words = [kind.word for kind in KINDS]
    assert len(words) == len(set(words))
    assert all(1 <= kind.level <= 4 for kind in KINDS)
    abbreviations = [a for kind in KINDS for a in (*kind.abbreviations, *kind.dotted)]
    assert len(abbreviations) == len(set(abbreviations))


@pytest.mark.parametrize(
    ("written", "kind", "level"),
    [
        ("Xã", "xã", 3),
        ("thi tran", "thị trấn", 3),
        ("TT", "thị trấn", 3),
        ("tdp", "tổ dân phố", 4),
        ("Quận", "quận", 2),
    ],
)
def test_kind_of_reads_words_and_abbreviations(written: str, kind: str, level: int) -> None:
    found = kind_of(written)
    assert found is not None and (found.word, found.level) == (kind, level)


def test_patterns_come_from_the_table() -> None:
    communes = re.compile(rf"^(?:{kind_pattern([3])})$")
    assert all(communes.match(k.folded) for k in KINDS if k.level == 3 and not k.ambiguous)
    assert not communes.match("huyen") and not communes.match("thon")
    assert "ban" not in FOLDED_KINDS  # "Ban chỉ đạo" is no village
    assert split_unit_name("Đặc khu Phú Quốc") == ("đặc khu", "Phú Quốc")


def test_kind_words_in_compounds_are_not_kinds() -> None:
    assert kind_word_at(["hoi", "nong", "thon", "moi"], 2) == (0, None)
    assert kind_word_at(["co", "quan", "nao"], 1) == (0, None)
    size, kind = kind_word_at(["thi", "tran", "lam", "son"], 0)
    assert size == 2 and kind is not None and kind.level == 3


@pytest.mark.parametrize(
    ("obligor", "issuer", "levels"),
    [
        ("UBND các xã, thị trấn", 2, {3}),
        ("Trưởng các thôn, xóm", 3, {4}),
        ("Tổ trưởng tổ dân phố", 3, {4}),
        ("Phòng Tài chính - Kế hoạch", 2, {2}),
        ("Cơ quan thường trực", 2, {2}),  # "cơ quan" is no "quận"
        ("Công chức Văn hóa - Xã hội", 3, {3}),  # "xã hội" is no "xã"; a commune post
        ("Công chức Tư pháp - Hộ tịch", 2, {3}),
        ("UBND các huyện, thị xã, thành phố", 1, {2}),
        ("UBND các tỉnh, thành phố trực thuộc trung ương", None, {1}),
        ("UBND quận Ba Đình", 1, {2}),
        ("Bộ Chỉ huy Quân sự tỉnh", 1, {1}),  # "quân sự" is no "quận"
        ("Các sở, ban, ngành và UBND các phường", 1, {1, 3}),
        ("Hội Nông dân và các chi hội cơ sở", 3, {3}),  # "cơ sở" is no "Sở"
        ("Mặt trận Tổ quốc các cấp", 2, {2, 3, 4}),
        ("Bảo hiểm xã hội huyện", 2, {2}),
        ("Các doanh nghiệp bưu chính, viễn thông", 1, {1}),  # bodies acting in the issuer's area
        ("Đài Phát thanh - Truyền hình huyện", 2, {2}),
        ("các tổ chức chính trị - xã hội", 3, {3}),
    ],
)
def test_obligor_levels(obligor: str, issuer: int | None, levels: set[int]) -> None:
    assert obligor_levels(obligor, issuer) == levels


def test_obligors_naming_no_level() -> None:
    assert obligor_levels(None, 2) is None
    assert obligor_levels("", 2) is None
    assert obligor_levels("ông Nguyễn Văn A", 2) is None
    assert obligor_levels("các đơn vị liên quan", 1) is None
    assert obligor_levels("Phòng Tư pháp", None) is None  # an office of an unknown issuer


def test_roles_keep_the_stored_strings() -> None:
    assert Role.LEAD == "chủ trì" and Role.COORDINATE == "phối hợp"
    assert role_of("Phối hợp với Phòng Tư pháp kiểm tra") is Role.COORDINATE
    assert role_of("Chủ trì, hướng dẫn các xã rà soát") is Role.LEAD
    assert role_of("Tổ chức rà soát") is None
    assert stored_role("Phối hợp") is Role.COORDINATE and stored_role("chu tri") is Role.LEAD
    assert is_lead("chủ trì") and not is_lead("phối hợp") and not is_lead(None)
    assert is_coordinating("phối hợp") and not is_coordinating("thực hiện")


def test_projects_are_read_once() -> None:
    text = "Thực hiện Tiểu dự án 1 thuộc Dự án 3; Dự án 4 và tiểu dự án 2"
    assert projects_in(text) == ["Tiểu dự án 1 - Dự án 3", "Dự án 4", "Tiểu dự án 2"]
    assert [(r.sub, r.main) for r in mentions(fold_expand("tda1 da3"))] == [(1, 3)]
    assert projects_in("Tiểu dự án 1 và Dự án 3") == ["Tiểu dự án 1", "Dự án 3"]
    assert project_key("Tiểu dự án 2 - Dự án 6") == ("2", "6")
    assert project_key("Dự án 2") == (None, "2") and project_key(None) == (None, None)
    assert project_number("ai chu tri du an 4") == "4"
    assert project_number("du an 4 va du an 5") is None
    assert names_project("Tiểu dự án 1 - Dự án 3: hỗ trợ", "1", "3")
    assert names_project("Tiểu dự án 1 - Dự án 3", None, "3")
    assert not names_project("Tiểu dự án 2", None, "2")


def test_ratio_and_days_left() -> None:
    assert ratio_text(1200, 1500) == "1.200/1.500 (80%)"
    assert ratio_text(1, 3) == "1/3 (33,3%)"
    assert ratio_text(5, 0) == "5/0" and percent_of(5, 0) is None
    assert percent_of(1, 4) == 25
    assert days_left_text(36) == "còn 36 ngày"
    assert days_left_text(0) == "hôm nay là hạn cuối"
    assert days_left_text(-3) == "đã quá hạn 3 ngày"


def test_stop_word_lists_name_each_word_once() -> None:
    source = Path(stopwords.__file__).read_text(encoding="utf-8")
    for listed in re.findall(r'_words\(\s*((?:"[^"]*"\s*)+)\)', source):
        words = " ".join(re.findall(r'"([^"]*)"', listed)).split()
        assert len(words) == len(set(words)), [w for w in set(words) if words.count(w) > 1]
    assert "xa" in stopwords.DEADLINE_PLAIN and "thon" in stopwords.DEADLINE_PLAIN
    assert "ngay" in stopwords.NOT_NAME and "minh" in stopwords.OWN_WORDS


def test_no_separate_kind_lists_remain() -> None:
    """The unit-kind words are spelt out only in the table: no other module lists three kinds in a row."""
    root = Path(__file__).resolve().parents[1]
    listed = re.compile(r"xa\|thi tran\|phuong|\"thi tran\",\s*\"phuong\"|\"thon\": \(\"thôn\"")
    for folder in ("handlers", "storage"):
        for path in (root / folder).rglob("*.py"):
            assert not listed.search(path.read_text(encoding="utf-8")), path


def test_office_abbreviations_staff_type_are_spelt_out() -> None:
    # as in the real plans' "Nơi nhận" ("Các Sở: XD, TC, KH&CN, NN&MT") and as staff type them, with variations
    assert fold_expand("Sở KH&CN") == fold_expand("so khcn") == "so khoa hoc va cong nghe"
    assert fold_expand("Sở NN&MT tỉnh") == "so nong nghiep va moi truong tinh"
    assert fold_expand("sở VHTTDL") == fold_expand("Sở VH, TT&DL") == "so van hoa the thao va du lich"
    assert fold_expand("Bộ CHQS tỉnh") == "bo chi huy quan su tinh"
    assert fold_expand("LĐLĐ tỉnh") == "lien doan lao dong tinh"
    assert fold_expand("Sở TT&TT") == "so thong tin va truyen thong"
    assert fold_expand("kh 179") == "ke hoach 179" and fold_expand("nn") == "nong nghiep"  # the short ones stay
