"""Reading back the targets: for each real plan and each sample plan, the numeric targets (and, in the samples,
the past results) a careful reader finds, written by reading the documents: value, measure, year, the words that
say what is counted, and the form of the goal. The importer must find at least 90 % of each list, and nothing else:
every fact it keeps is on the list, its number is in its sentence and its sentence is in the document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.importer import prepare
from storage.importer.model import TargetFact
from storage.language.goal_forms import AT_LEAST, AT_MOST, INCREASE_BY, REACH, REDUCE_BY, REDUCE_TO
from storage.language.text import find_numbers, fold
from tests.conftest import SHARED

REAL = SHARED / "plans-real"
SAMPLES = SHARED / "plans"
pytestmark = pytest.mark.skipif(not REAL.exists() or not SAMPLES.exists(), reason="plans corpus not available")

PAST = None  # a past result ("Toàn xã còn 58 hộ nghèo" in 2023): no goal form
# (value, measure, year or None when the document gives none, folded words the name must hold, form)
Expected = tuple[float, str | None, int | None, tuple[str, ...], str | None]
PCT = "%"

TARGETS: dict[str, list[Expected]] = {
    "01_": [  # II.1 a) (1)-(6), b) (1)-(9) (the heading says 10), II.2 (1)-(14); all by 2030
        (30, PCT, 2030, ("ty trong kinh te so", "grdp"), AT_LEAST),
        (20, PCT, 2030, ("ty trong kinh te so", "nganh"), AT_LEAST),
        (20, PCT, 2030, ("nhan luc lao dong kinh te so",), AT_LEAST),
        (30, "lần", 2030, ("thanh toan khong dung tien mat",), REACH),
        (1, "sàn", 2030, ("san giao dich du lieu",), AT_LEAST),
        (10, "doanh nghiệp", 2030, ("doanh nghiep cong nghe so",), AT_LEAST),
        (90, PCT, 2030, ("doanh nghiep su dung nen tang so", "quan tri"), AT_LEAST),
        (70, PCT, 2030, ("doanh nghiep ung dung thuong mai dien tu",), AT_LEAST),
        (100, PCT, 2030, ("giao dich", "hoa don dien tu"), REACH),
        (20, PCT, 2030, ("thuong mai dien tu", "ban le"), AT_LEAST),
        (50, PCT, 2030, ("trang trai",), AT_LEAST),
        (70, PCT, 2030, ("co so du lich",), AT_LEAST),
        (70, PCT, 2030, ("cang bien",), AT_LEAST),
        (70, PCT, 2030, ("cua khau",), AT_LEAST),
        (50, PCT, 2030, ("nha may",), AT_LEAST),
        (95, PCT, 2030, ("dien thoai thong minh",), AT_LEAST),
        (95, PCT, 2030, ("tai khoan giao dich thanh toan",), REACH),
        (70, PCT, 2030, ("chu ky so",), AT_LEAST),
        (80, PCT, 2030, ("ky nang so",), AT_LEAST),
        (100, PCT, 2030, ("ho gia dinh", "internet"), REACH),
        (80, PCT, 2030, ("ket noi mang", "bao ve"), AT_LEAST),
        (80, PCT, 2030, ("nguoi dan", "dich vu cong truc tuyen"), AT_LEAST),
        (80, PCT, 2030, ("doanh nghiep", "dich vu cong truc tuyen"), AT_LEAST),
        (100, PCT, 2030, ("hop chuan",), REACH),
        (100, PCT, 2030, ("benh an dien tu",), REACH),
        (100, PCT, 2030, ("ho so suc khoe dien tu",), REACH),
        (100, PCT, 2030, ("co so dao tao dai hoc",), REACH),
        (95, PCT, 2030, ("co so giao duc", "tieu hoc"), AT_LEAST),
        (100, PCT, 2030, ("ho so hoc tap dien tu",), REACH),
    ],
    "02_": [  # "6. Chỉ tiêu chủ yếu đến năm 2030", 6.1-6.9
        (50, PCT, 2030, ("xa, phuong", "khong ma tuy"), AT_LEAST),
        (100, PCT, 2030, ("diem to chuc",), REACH),
        (100, PCT, 2030, ("dien tich trong trai phep",), REACH),
        (80, PCT, 2030, ("don vi", "trang bi vu khi"), AT_LEAST),
        (3, PCT, 2030, ("so vu pham toi", "bien gioi"), INCREASE_BY),
        (3, PCT, 2030, ("so vu pham toi", "xuyen quoc gia"), INCREASE_BY),
        (5, PCT, 2030, ("so vu pham toi", "khong gian mang"), INCREASE_BY),
        (80, PCT, 2030, ("tram y te",), AT_LEAST),
        (100, PCT, 2030, ("co so cai nghien", "xac dinh tinh trang nghien"), REACH),
        (100, PCT, 2030, ("co so cai nghien", "bao dam dieu kien"), REACH),
        (70, PCT, 2030, ("xa, phuong", "tiep nhan"), AT_LEAST),
        (80, PCT, 2030, ("co quan truyen thong",), AT_LEAST),
        (100, PCT, 2030, ("nha truong",), REACH),
        (70, PCT, 2030, ("nguoi lao dong", "khu cong nghiep"), AT_LEAST),
        (100, PCT, 2030, ("nguoi vi pham phap luat",), REACH),
        (90, PCT, 2030, ("nguoi nghien ma tuy", "tu van"), AT_LEAST),
    ],
    "03_": [  # II.2.1 by 2030 under italic sector headings, II.2.2 by 2035, III.2.4 by 2035
        (50, PCT, 2030, ("dien tich san xuat nong nghiep",), AT_LEAST),
        (20, "mô hình", 2030, ("mo hinh san xuat nong nghiep",), AT_LEAST),
        (100, PCT, 2030, ("hop tac xa nong nghiep",), REACH),
        (70, PCT, 2030, ("dien tich nuoi ca tra",), AT_LEAST),
        (2, "vùng", 2030, ("vung nuoi thuy san",), AT_LEAST),
        (70, PCT, 2030, ("doanh nghiep che bien",), AT_LEAST),
        (1, "trung tâm", 2030, ("trung tam logistics",), AT_LEAST),
        (100, PCT, 2030, ("diem den du lich",), REACH),
        (10, "sản phẩm", 2030, ("san pham du lich thong minh",), AT_LEAST),
        (100, PCT, 2030, ("khu cong nghiep",), REACH),
        (100, "doanh nghiệp", 2030, ("doanh nghiep khoi nghiep sang tao",), AT_LEAST),
        (50, "doanh nghiệp", 2030, ("doanh nghiep khoa hoc cong nghe",), AT_LEAST),
        (50, "doanh nghiệp", 2030, ("hat nhan doi moi cong nghe",), AT_LEAST),
        (20, "doanh nghiệp", 2030, ("doanh nghiep cong nghe cao",), REACH),
        (3000, "lượt", 2030, ("nhan luc",), REACH),
        (3, "cơ sở", 2030, ("co so giao duc",), AT_LEAST),
        (30, PCT, 2030, ("doanh nghiep nho va vua",), REACH),  # III.1, a roadmap's line: "phấn đấu ... đạt 30%"
        (40, PCT, 2035, ("kinh te so", "grdp"), REACH),
        (80, PCT, 2035, ("doanh nghiep", "cong nghe tien tien"), AT_LEAST),
        (40, PCT, 2035, ("doanh nghiep vua va nho",), AT_LEAST),
        (150, "sản phẩm", 2035, ("san pham doi moi sang tao",), AT_LEAST),
        (80, PCT, 2035, ("doanh nghiep ung dung cong nghe tien tien",), AT_LEAST),
    ],
    "04_": [  # II.1 by the end of 2026, II.2 by 2030; "10 Gbps" is the speed a network allows, not a count
        (100, PCT, 2026, ("khu cong nghe cao", "tram phat song 5g"), REACH),
        (100, PCT, 2026, ("nha dau tu", "5g rieng"), REACH),
        (2, "dự án", 2026, ("quan ly nha may thong minh",), AT_LEAST),
        (100, PCT, 2030, ("khu cong nghe cao", "phan mem quan ly ha tang"), REACH),
        (100, PCT, 2030, ("nha dau tu", "phan mem quan ly"), REACH),
    ],
    "05_": [],  # no MỤC TIÊU: "11 cơ sở dữ liệu" is the scope of task II.1.2, kept with that task
    "06_": [  # II.2 a)-d), by 2035, each split "Tại địa bàn đô thị" / "Tại địa bàn có khu công nghiệp"
        (100, PCT, 2035, ("tre em", "nuoi duong"), REACH),
        (100, PCT, 2035, ("tre em", "con cong nhan"), REACH),
        (100, PCT, 2035, ("can bo quan ly", "nen tang so"), REACH),
        (100, PCT, 2035, ("can bo quan ly", "boi duong"), REACH),
        (55, PCT, 2035, ("phuong", "mo hinh giao duc mam non"), AT_LEAST),
        (20, PCT, 2035, ("nhom tre",), INCREASE_BY),
        (10, PCT, 2035, ("truong mam non cong lap",), INCREASE_BY),
        (100, PCT, 2035, ("co so giao duc mam non doc lap",), REACH),
        (100, PCT, 2035, ("cha me tre em",), REACH),
    ],
    "07_": [],
    "08_": [
        (100, PCT, 2030, ("ho so, du lieu chuyen nganh",), REACH),
        (100, PCT, 2030, ("thu tuc hanh chinh",), REACH),
    ],
    "09_": [],  # "Chlorine 70%" is a product
    "10_": [],
    "11_": [],
    "12_": [],
    "13_": [],
    "14_": [],
    "xa-tra-lam": [  # II.2 a)-h), by the end of 2024
        (0.79, PCT, 2024, ("ty le ho ngheo",), REDUCE_TO),
        (2, PCT, 2024, ("ho ngheo da chieu",), AT_MOST),
        (45, "hộ", 2024, ("ho can ngheo",), REDUCE_BY),
        (2, PCT, 2024, ("ty le ho ngheo dan toc thieu so",), REDUCE_BY),
        (5, "hộ", 2024, ("ho ngheo", "sinh ke"), REACH),
        (80, PCT, 2024, ("nguoi co kha nang lao dong", "nang luc san xuat"), REACH),
        (100, PCT, 2024, ("can bo", "boi duong"), REACH),
        (100, PCT, 2024, ("nguoi lao dong thuoc ho ngheo", "ho tro ket noi"), REACH),
        (20, "người", 2024, ("nguoi lao dong thuoc ho ngheo", "ket noi viec lam thanh cong"), AT_LEAST),
        (5, "người", 2024, ("nguoi lao dong", "dao tao"), AT_LEAST),
        (2, "lao động", 2024, ("lam viec o nuoc ngoai",), REACH),
        (2, "người", 2024, ("nguoi lao dong", "ngoai ngu"), REACH),
        (100, PCT, 2024, ("nguoi thuoc ho ngheo", "bao hiem y te"), REACH),
        (49.2, PCT, 2024, ("suy dinh duong thap coi", "16 tuoi"), REDUCE_TO),
        (96, PCT, 2024, ("tre em", "di hoc dung do tuoi"), REACH),
        (50, PCT, 2024, ("nguoi lao dong", "qua dao tao"), REACH),
        (11.7, PCT, 2024, ("bang cap chung chi",), REACH),
        (100, PCT, 2024, ("nguoi lao dong", "ky nang nghe"), REACH),
        (27, "hộ", 2024, ("ho ngheo", "nha o"), AT_LEAST),
        (75, PCT, 2024, ("nuoc sinh hoat hop ve sinh",), REACH),
        (36, PCT, 2024, ("nha tieu hop ve sinh",), AT_LEAST),
        (82.34, PCT, 2024, ("dich vu vien thong",), REACH),
        (90, PCT, 2024, ("thong tin ve giam ngheo",), REACH),
    ],
    "tinh-dong-thap": [
        (0.4, PCT, 2024, ("ty le ho ngheo",), REDUCE_BY),
        (100, PCT, 2024, ("nguoi thuoc ho ngheo", "bao hiem y te"), REACH),
        (100, PCT, 2024, ("ho ngheo", "cho vay"), REACH),
        (20000, "học sinh", 2024, ("hoc sinh", "chi phi hoc tap"), AT_LEAST),
        (1000, "người", 2024, ("nguoi ngheo", "dao tao nghe"), REACH),
        (1500, "hộ", 2024, ("nha o",), REACH),
        (100, PCT, 2024, ("mo hinh giam ngheo",), REACH),
    ],
    "xa-tan-moc": [  # 2023 results, then the 2024 target
        (58, "hộ", 2023, ("ho ngheo",), PAST),
        (3.6, PCT, 2023, ("ty le ho ngheo",), PAST),
        (85, "hộ", 2023, ("ho can ngheo",), PAST),
        (5.27, PCT, 2023, ("ty le ho can ngheo",), PAST),
        (1063, "triệu đồng", 2023, ("von giao",), PAST),
        (1063, "triệu đồng", 2023, ("giai ngan",), PAST),
        (100, PCT, 2023, ("giai ngan",), PAST),
        (1, "dự án", 2023, ("da dang hoa sinh ke",), PAST),
        (3, "dự án", 2023, ("nha o",), PAST),
        (1, "dự án", 2023, ("giam sat",), PAST),
        (5, "phiên", 2023, ("phien giao dich viec lam",), PAST),
        (1, "lớp", 2023, ("ho tro viec lam",), PAST),
        (1, "lớp", 2023, ("thong tin",), PAST),
        (2.98, PCT, 2024, ("ty le ho ngheo",), REDUCE_TO),
    ],
    "xa-vinh-yen": [  # the "thôn có tỷ lệ hộ nghèo cao" sentence is written twice: one target
        (32.47, PCT, 2024, ("ty le ho ngheo",), REDUCE_TO),
        (5, PCT, 2024, ("thon co ty le ho ngheo cao",), REDUCE_BY),
        (4, PCT, 2024, ("ty le ho ngheo dan toc thieu so",), REDUCE_BY),
    ],
}

# Thọ Xuân: "giảm 180 hộ nghèo trở lên" with its two parts, "giảm 0,31% số hộ tự nhiên", and Phụ lục 01, one row
# per xã / thị trấn (30 rows and the total): reduce poor households by N, of which without / with KNLĐ.
_THO_XUAN_ROWS = [
    (6, 2, 4), (10, 2, 8), (4, 1, 3), (11, 2, 9), (4, 0, 4), (10, 2, 8), (5, 1, 4), (4, 2, 2), (10, 4, 6),
    (4, 3, 1), (9, 3, 6), (4, 2, 2), (5, 0, 5), (6, 2, 4), (8, 2, 6), (4, 1, 3), (9, 2, 7), (5, 1, 4), (6, 2, 4),
    (5, 1, 4), (2, 1, 1), (4, 2, 2), (8, 1, 7), (3, 2, 1), (1, 0, 1), (3, 3, 0), (9, 1, 8), (3, 1, 2), (7, 2, 5),
    (11, 2, 9), (180, 50, 130),
]  # fmt: skip
TARGETS["huyen-tho-xuan"] = [
    (180, "hộ", 2024, ("ho ngheo",), REDUCE_BY),
    (50, "hộ", 2024, ("kha nang lao dong",), REDUCE_BY),
    (130, "hộ", 2024, ("kha nang lao dong",), REDUCE_BY),
    (0.31, PCT, 2024, ("so ho tu nhien",), REDUCE_BY),
    *[
        item
        for total, without, with_ in _THO_XUAN_ROWS
        for item in (
            (total, "hộ", 2024, ("giam ho ngheo",), REDUCE_BY),
            (without, "hộ", 2024, ("khong co knld",), REDUCE_BY),
            (with_, "hộ", 2024, ("co knld",), REDUCE_BY),
        )
    ],
]


def _path(prefix: str) -> Path:
    folder = REAL if prefix[:2].isdigit() else SAMPLES
    return next(path for path in folder.iterdir() if path.name.startswith(prefix))


def _flat(targets: list[TargetFact]) -> list[TargetFact]:
    """Every target and every part of a breakdown, in document order."""
    return [item for target in targets for item in (target, *_flat(target.parts))]


def _folded(text: str) -> str:
    """Folded text on one line, without Markdown marks."""
    return re.sub(r"\s+", " ", fold(re.sub(r"[*_|#\\]", " ", text))).strip()


def _matches(fact: TargetFact, expected: Expected) -> bool:
    value, measure, year, words, form = expected
    name = fold(fact.indicator)
    same_year = year is None or fact.year == year
    return (
        fact.value is not None
        and abs(fact.value - value) < 1e-9
        and fact.measure == measure
        and same_year
        and fact.form == form
        and all(word in name for word in words)
    )


def _pair(found: list[TargetFact], expected: list[Expected]) -> tuple[list[Expected], list[TargetFact]]:
    """The expected items no fact matches, and the facts that match no expected item (one to one)."""
    left = list(found)
    missing = []
    for item in expected:
        match = next((fact for fact in left if _matches(fact, item)), None)
        if match is None:
            missing.append(item)
        else:
            left.remove(match)
    return missing, left


@pytest.mark.parametrize("prefix", sorted(TARGETS))
def test_targets_read_back(prefix: str) -> None:
    path = _path(prefix)
    found = _flat(prepare(path).facts.targets)
    expected = TARGETS[prefix]
    missing, extra = _pair(found, expected)
    assert len(expected) - len(missing) >= 0.9 * len(expected), [m[:4] for m in missing]
    known = {(value, measure) for value, measure, *_ in expected}
    invented = [(f.value, f.measure, f.indicator) for f in extra if (f.value, f.measure) not in known]
    assert not invented
    keys = [(f.unit and f.unit.name, f.kind, f.indicator, f.value, f.form, f.year, f.text) for f in found]
    assert len(set(keys)) == len(keys), "a target is stored twice"


@pytest.mark.parametrize("prefix", sorted(TARGETS))
def test_every_target_stands_in_its_sentence(prefix: str) -> None:
    path = _path(prefix)
    document = _folded(path.read_text(encoding="utf-8"))
    for fact in _flat(prepare(path).facts.targets):
        pieces = [piece for piece in fact.text.split(" | ") if piece.strip()]  # a table row: cell by cell
        assert all(_folded(piece).strip(" .;,") in document for piece in pieces), fact.text
        numbers = [value for piece in pieces for value, _, _ in find_numbers(piece)]
        assert fact.value in numbers or (fact.value == 0 and len(pieces) > 1), (fact.value, fact.text)
