"""Reading back the documents each plan is based on, written by reading the opening (căn cứ, thực hiện) and the
title of the 14 real plans and the 5 samples. The importer must find at least 90 % of each list, each with its
date where the plan gives one, and nothing that is not a basis of the plan (documents cited inside another's
subject are not)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from storage.importer import prepare
from storage.importer.deadlines import numeric_dates
from storage.language.text import fold
from tests.conftest import SHARED

REAL, SAMPLES = SHARED / "plans-real", SHARED / "plans"
pytestmark = pytest.mark.skipif(not REAL.exists(), reason="real plans corpus not available")

NQ, QD, KH, CT, LUAT = "Nghị quyết", "Quyết định", "Kế hoạch", "Chỉ thị", "Luật"

# (kind, number as written or, for a document cited by name, its name, date or None)
REFERENCES: dict[str, list[tuple[str, str, date | None]]] = {
    "01_": [
        (LUAT, "Tổ chức Chính quyền địa phương", date(2025, 6, 16)),
        (NQ, "57-NQ/TW", date(2024, 12, 22)),
        (NQ, "71/NQ-CP", date(2025, 4, 1)),
        (QD, "411/QĐ-TTg", date(2022, 3, 31)),
        (KH, "92/KH-UBND", date(2025, 9, 15)),  # its subject cites 71/NQ-CP, 469-KH/TU, 57-NQ/TW: not bases
    ],
    "02_": [
        (NQ, "163/2024/QH15", date(2024, 11, 27)),
        (NQ, "50/NQ-CP", date(2025, 3, 13)),
        (QD, "7619/QĐ-BCA", date(2025, 9, 8)),
    ],
    "03_": [
        (NQ, "57-NQ/TW", date(2024, 12, 22)),
        (NQ, "71/NQ-CP", date(2025, 4, 1)),
        ("Chương trình", "10- CTr/TU", date(2025, 8, 13)),  # "Chương trình hành động số 10- CTr/TU"
        ("Thông báo", "30-TB/TGV", date(2025, 6, 13)),
        (KH, "283/KH-UBND", date(2025, 9, 24)),
    ],
    "04_": [
        (NQ, "57-NQ/TW", date(2024, 12, 22)),
        (NQ, "03/NQ-CP", date(2025, 1, 9)),
        (QD, "1132/QĐ-TTg", date(2024, 10, 9)),
        (QD, "1569/QĐ-TTg", date(2024, 12, 12)),
        (QD, "912/QĐ-BKHCN", date(2025, 5, 18)),
        (KH, "139/KH-UBND", date(2025, 5, 16)),
    ],
    "05_": [
        (NQ, "214/NQ-CP", date(2025, 7, 23)),
        ("Nghị định", "278/2025/NĐ-CP", date(2025, 10, 22)),
        (QD, "142/QĐ-TTg", date(2024, 2, 2)),  # its date is given where 1229/QĐ-UBND cites it
        (QD, "1229/QĐ-UBND", date(2025, 2, 28)),
    ],
    "06_": [(QD, "2270/QĐ-TTg", date(2025, 10, 14))],
    "07_": [(QD, "1899/QĐ-TTg", date(2025, 9, 4))],  # which carries out Nghị định 200/2025/NĐ-CP (its subject)
    "08_": [
        (NQ, "57-NQ/TW", date(2024, 12, 22)),
        (NQ, "71/NQ-CP", date(2025, 4, 1)),
        (QD, "1644/QĐ-BXD", date(2025, 9, 30)),
        (QD, "03-QĐ/BCĐ", date(2025, 8, 13)),
    ],
    "09_": [],  # opens with the floods, cites nothing
    "10_": [
        (QD, "2138/QĐ-TTg", date(2025, 9, 27)),
        (LUAT, "sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật", None),  # title
    ],
    "11_": [(CT, "32/CT-TTg", date(2025, 10, 21))],
    "12_": [(QD, "1850/QĐ-TTg", date(2025, 8, 27)), (LUAT, "Việc làm", None)],  # the law its title carries out
    "13_": [(QD, "2437/QĐ-TTg", date(2025, 11, 4))],
    "14_": [
        (NQ, "Đại hội đại biểu toàn quốc lần thứ XIII", None),
        (CT, "45-CT/TW", date(2025, 4, 14)),
        (QD, "2437/QĐ-TTg", date(2025, 11, 4)),
    ],
    "huyen-tho-xuan": [
        (QD, "5050/QĐ-UBND", date(2023, 12, 28)),
        (NQ, "09-NQ/TU", date(2023, 12, 10)),
        (NQ, "239/NQ-HĐND", date(2023, 12, 20)),
        (QD, "19/QĐ-UBND", date(2024, 1, 5)),
        (QD, "07-QĐ/BCĐ", date(2024, 2, 20)),
    ],
    "tinh-dong-thap": [
        (QD, "90/QĐ-TTg", date(2022, 1, 18)),
        (NQ, "91/NQ-HĐND", date(2021, 12, 9)),
        (NQ, "13/NQ-HĐND", date(2023, 5, 28)),
    ],
    "xa-tan-moc": [(KH, "46/KH-UBND", date(2024, 2, 7)), (KH, "135/KH-UBND", date(2022, 8, 10))],
    "xa-tra-lam": [(KH, "21/KH-UBND", date(2024, 2, 29))],
    "xa-vinh-yen": [(KH, "102/KH - UBND", date(2024, 3, 27))],  # as written
}


def _path(prefix: str) -> Path:
    return next((REAL if prefix[0].isdigit() else SAMPLES).glob(f"{prefix}*"))


def _compact(text: str) -> str:
    """Folded text without Markdown marks or spaces (numbers are wrapped and spaced in the renderings)."""
    return re.sub(r"[\s*_|#\\]+", "", fold(numeric_dates(re.sub(r"\s+", " ", re.sub(r"[*_|#\\]", " ", text)))))


@pytest.mark.parametrize("prefix", sorted(REFERENCES))
def test_references_per_plan(prefix: str) -> None:
    path = _path(prefix)
    found = prepare(path).facts.references
    read = {(r.kind, r.number or r.title, r.doc_date) for r in found}
    expected = set(REFERENCES[prefix])
    assert len(expected & read) >= 0.9 * len(expected), expected - read
    assert read <= expected, read - expected
    text = _compact(path.read_text(encoding="utf-8"))
    assert all(_compact(r.number or r.title) in text for r in found)
    assert all(_compact(r.issuer) in text for r in found if r.issuer)
