"""Every real plan and sample reads with the right number, date, issuer and period; the README is refused."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from storage.importer.limits import UnreadableDocument
from storage.importer.reader import read_document
from storage.importer.structure import check_administrative, parse_document

SHARED = Path(os.environ.get("KEHOACH_SHARED", Path(__file__).resolve().parents[3] / "shared"))
PLANS_REAL = SHARED / "plans-real"
SAMPLES = SHARED / "plans"
pytestmark = pytest.mark.skipif(not PLANS_REAL.is_dir(), reason="development corpus ../shared/plans-real absent")

NOV = 11
# file prefix: number, issue date, issuer, issuer kind, (first, last year covered)
EXPECTED = {
    "01_": ("179/KH-UBND", date(2025, NOV, 18), "UBND tỉnh Đồng Nai", "UBND cấp tỉnh", (2026, 2030)),
    "02_": ("182/KH-UBND", date(2025, NOV, 20), "UBND tỉnh Đồng Nai", "UBND cấp tỉnh", (2025, 2030)),
    "03_": ("552/KH-UBND", date(2025, NOV, 19), "UBND tỉnh Đồng Tháp", "UBND cấp tỉnh", (2025, 2035)),
    "04_": ("310/KH-UBND", date(2025, NOV, 24), "UBND thành phố Hà Nội", "UBND cấp tỉnh", (2025, 2030)),
    "05_": ("308/KH-UBND", date(2025, NOV, 17), "UBND thành phố Hà Nội", "UBND cấp tỉnh", (2025, 2025)),
    "06_": ("624/KH-UBND", date(2025, NOV, 19), "UBND tỉnh Hà Tĩnh", "UBND cấp tỉnh", (2025, 2035)),
    "07_": ("980/KH-UBND", date(2025, NOV, 18), "UBND tỉnh Nghệ An", "UBND cấp tỉnh", (2025, 2025)),
    "08_": ("597/KH-UBND", date(2025, NOV, 27), "UBND tỉnh Đồng Tháp", "UBND cấp tỉnh", (2025, 2025)),
    "09_": ("0130/KH-UBND", date(2025, NOV, 21), "UBND tỉnh Đắk Lắk", "UBND cấp tỉnh", (2025, 2025)),
    "10_": ("7360/KH-UBND", date(2025, NOV, 19), "UBND tỉnh Lai Châu", "UBND cấp tỉnh", (2025, 2025)),
    "11_": ("1026/KH-UBND", date(2025, NOV, 26), "UBND tỉnh Nghệ An", "UBND cấp tỉnh", (2025, 2025)),
    "12_": ("172/KH-UBND", date(2025, NOV, 18), "UBND thành phố Hồ Chí Minh", "UBND cấp tỉnh", (2025, 2025)),
    "13_": ("0124/KH-UBND", date(2025, NOV, 18), "UBND tỉnh Đắk Lắk", "UBND cấp tỉnh", (2025, 2025)),
    "14_": ("982/KH-UBND", date(2025, NOV, 19), "UBND tỉnh Nghệ An", "UBND cấp tỉnh", (2025, 2025)),
    "huyen-tho-xuan": (None, None, "UBND huyện Thọ Xuân", "UBND cấp huyện", (2024, 2024)),
    "tinh-dong-thap": (None, None, "UBND tỉnh Đồng Tháp", "UBND cấp tỉnh", (2024, 2024)),
    "xa-tan-moc": (None, None, "UBND xã Tân Mộc", "UBND cấp xã", (2024, 2024)),
    "xa-tra-lam": (None, None, "UBND xã Trà Lâm", "UBND cấp xã", (2024, 2024)),
    "xa-vinh-yen": (None, None, "UBND xã Vĩnh Yên", "UBND cấp xã", (2024, 2024)),
}
FILES = sorted([*PLANS_REAL.glob("[01]*.md"), *SAMPLES.glob("*.txt")]) if PLANS_REAL.is_dir() else []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:14])
def test_header_of_each_plan(path: Path) -> None:
    number, issued, issuer, kind, period = next(v for k, v in EXPECTED.items() if path.name.startswith(k))
    document = parse_document(read_document(path))
    check_administrative(document)
    header = document.header
    assert (header.number, header.doc_date, header.issuer_name) == (number, issued, issuer)
    assert (header.issuer_kind, (header.period_start, header.period_end)) == (kind, period)
    assert header.year == period[0]
    assert header.title.startswith("Kế hoạch ") and header.title[9:10].islower()


def test_every_file_is_expected() -> None:
    assert len(FILES) == 19


def test_readme_is_refused() -> None:
    with pytest.raises(UnreadableDocument, match="không phải một kế hoạch hành chính"):
        check_administrative(parse_document(read_document(PLANS_REAL / "README.md")))


def test_page_chrome_is_not_read() -> None:
    document = parse_document(read_document(next(PLANS_REAL.glob("07_*.md"))))
    assert "THƯ VIỆN PHÁP LUẬT" not in document.text and "Văn bản liên quan" not in document.text
    assert document.header.signer == "Nguyễn Văn Đệ"
