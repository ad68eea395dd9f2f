"""What a careful reader finds in each held-out plan (tests/data/plans_heldout), and how to score a reading.

Written from the documents alone, before the importer read them. Each kind is a list of small tuples:
- header: number, issue date, issuer, issuer kind, (first, last year covered);
- targets: (unit or None for the issuer, value, measure, form, year);
- duties: (assignee, role, requested);
- deadlines: (due date or None for a cycle without a day, recurrence or None, obligor or None for the issuer);
- budgets: (amount in triệu đồng, is a total, source or None); the parts of a total are listed too;
- references: the cited document's number, or its kind for one cited by name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.importer.model import Document, Facts
from storage.language.text import fold

HELDOUT = Path(__file__).resolve().parent / "data" / "plans_heldout"

Expected = dict[str, list[tuple[object, ...]]]

PHUC_LAM: Expected = {
    "header": [("45/KH-UBND", date(2025, 8, 14), "UBND xã Phúc Lâm", "UBND cấp xã", (2025, 2027))],
    "targets": [
        (None, 58, "triệu đồng", "reach", 2025),
        (None, 3.1, "%", "reduce_to", 2025),
        (None, 4, "thôn", "at_least", 2027),
        (None, 95, "%", "at_least", 2027),
        (None, 85, "%", "reach", 2027),
        *[(v, n, "triệu đồng", "reach", 2025) for v, n in (("Nà Khương", 61), ("Bản Phố", 55), ("Cốc Lầy", 52))],
        ("Phúc Thượng", 63, "triệu đồng", "reach", 2025),
        *[(v, n, "%", "reach", 2025) for v, n in (("Nà Khương", 2.4), ("Bản Phố", 3.8), ("Cốc Lầy", 4.5))],
        ("Phúc Thượng", 1.9, "%", "reach", 2025),
        (None, 58, "triệu đồng", "reach", 2025),  # the "Toàn xã" row of the village table
        (None, 3.1, "%", "reach", 2025),
    ],
    "duties": [
        ("Phòng Kinh tế", "chủ trì", False),
        ("Phòng Văn hóa - Xã hội", "phối hợp", False),  # "Chủ trì, phối hợp với ..." under the heading
        ("Phòng Văn hóa - Xã hội", "chủ trì", False),
        ("Văn phòng HĐND và UBND xã", None, False),
        ("Trưởng các thôn", None, False),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "chủ trì", True),
    ],
    "deadlines": [
        (date(2025, 9, 30), None, "Phòng Kinh tế"),
        (date(2025, 12, 15), "hằng năm", "Phòng Kinh tế"),
        (None, "hằng quý", "Trưởng các thôn"),
    ],
    "budgets": [
        (12600, True, None),
        (5400, False, "Ngân sách Trung ương"),
        (3800, False, "Ngân sách tỉnh"),
        (1900, False, "Ngân sách xã"),
        (1500, False, "Huy động nhân dân đóng góp"),
        *[(total, False, None) for total in (2100, 5200, 5300)],  # Phụ lục 02: each year, by source
        *[(n, False, "ngân sách trung ương") for n in (900, 2300, 2200)],
        *[(n, False, "ngân sách tỉnh") for n in (600, 1600, 1600)],
        *[(n, False, "ngân sách xã") for n in (300, 700, 900)],
        *[(n, False, "Nhân dân đóng góp") for n in (300, 600, 600)],
    ],
    "references": [("318/QĐ-TTg",), ("96/KH-UBND",), ("08-NQ/ĐU",)],
}

GIA_TUONG: Expected = {
    "header": [("09/KH-MTTQ-BTT", date(2025, 12, 5), "Ủy ban MTTQ Việt Nam xã Gia Tường", "Ủy ban MTTQ", (2026, 2031))],
    "targets": [(None, 98, "%", "at_least", None), (None, 35, "%", "at_least", None)],
    "duties": [
        ("Ban Công tác Mặt trận các thôn", "chủ trì", False),
        ("Trưởng thôn", "phối hợp", False),
        ("Các tổ chức chính trị - xã hội xã", None, False),
        ("Ủy ban nhân dân xã", None, True),
        ("Thường trực Hội đồng nhân dân xã", "phối hợp", True),
    ],
    "deadlines": [
        (date(2025, 12, 22), None, None),
        (date(2026, 1, 25), None, None),
        (date(2026, 2, 6), None, None),
        (date(2026, 2, 28), None, None),
        (date(2026, 3, 25), None, None),
    ],
    "budgets": [(68, True, "ngân sách xã")],
    "references": [("Luật",), ("31/KH-MTTQ-BTT",)],
}

QUANG_TRI: Expected = {
    "header": [
        ("03/KH-BCĐ", date(2025, 10, 28), "Ban Chỉ đạo công tác dân số tỉnh Quảng Trị", "Ban Chỉ đạo", (2026, 2030))
    ],
    "targets": [
        (None, 2.3, "con", "reduce_to", 2030),
        (None, 109, "bé trai/100 bé gái", "at_most", 2030),
        (None, 70, "%", "reach", 2030),
        (None, 90, "%", "reach", 2030),
        (None, 74.5, "tuổi", "reach", 2030),
    ],
    "duties": [
        ("Sở Y tế", "chủ trì", False),
        ("UBND các xã, phường, đặc khu", "phối hợp", False),
        ("Sở Giáo dục và Đào tạo", "chủ trì", False),
        ("Sở Văn hóa, Thể thao và Du lịch", "phối hợp", False),
        ("Sở Tài chính", None, False),
        ("UBND các xã, phường, đặc khu", None, False),
        ("Ủy ban MTTQ Việt Nam tỉnh", None, True),
    ],
    "deadlines": [
        (date(2026, 6, 15), "6 tháng", "Sở Y tế"),
        (date(2025, 12, 15), "hằng năm", "Sở Y tế"),
        (None, "hằng quý", "UBND các xã, phường, đặc khu"),
    ],
    "budgets": [(4350, True, None), (3100, False, "ngân sách tỉnh"), (1250, False, "ngân sách xã")],
    "references": [("21-NQ/TW",), ("1679/QĐ-TTg",), ("2150/QĐ-UBND",)],
}

AN_GIANG: Expected = {
    "header": [("1284/KH-SYT", date(2025, 9, 10), "Sở Y tế tỉnh An Giang", "Sở", (2025, 2026))],
    "targets": [(None, 100, "%", "reach", 2025), (None, 60, "%", "at_least", 2026), (None, 50, "%", "reach", 2026)],
    "duties": [
        ("Phòng Nghiệp vụ Y", "chủ trì", False),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "phối hợp", False),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "chủ trì", False),
        ("Trạm Y tế các xã, phường, đặc khu", None, False),
        ("UBND các xã, phường, đặc khu", None, True),
        ("Phòng Nghiệp vụ Y", "chủ trì", False),  # the appendix's task table, row by row
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "phối hợp", False),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "chủ trì", False),
        ("Bệnh viện Đa khoa tỉnh", "phối hợp", False),
        ("Trạm Y tế các xã, phường, đặc khu", "chủ trì", False),
        ("UBND các xã, phường, đặc khu", "phối hợp", False),
        ("Phòng Nghiệp vụ Y", "chủ trì", False),
        ("Thanh tra Sở", "phối hợp", False),
        ("Văn phòng Sở", "chủ trì", False),
        ("Các đơn vị trực thuộc", "phối hợp", False),
    ],
    "deadlines": [
        (date(2025, 9, 20), "hằng quý", "Trạm Y tế các xã, phường, đặc khu"),
        (date(2025, 12, 20), "hằng quý", "Trạm Y tế các xã, phường, đặc khu"),
        (date(2025, 10, 31), None, "Phòng Nghiệp vụ Y"),
        (date(2025, 12, 31), None, "Trung tâm Kiểm soát bệnh tật tỉnh"),
        (None, "hằng năm", "Trạm Y tế các xã, phường, đặc khu"),
        (None, "hằng quý", "Phòng Nghiệp vụ Y"),
        (date(2026, 12, 31), None, "Văn phòng Sở"),
    ],
    "budgets": [(780, True, "ngân sách tỉnh")],
    "references": [("155/QĐ-TTg",), ("204/KH-UBND",)],
}

BINH_HIEP: Expected = {
    "header": [("15-KH/ĐU", date(2025, 10, 2), "Đảng ủy xã Bình Hiệp", "cấp ủy Đảng", (2025, 2030))],
    "targets": [
        (None, 25, "đảng viên", "at_least", None),
        (None, 130, "đảng viên", "at_least", 2030),
        (None, 85, "%", "at_least", None),
        (None, 100, "%", "reach", 2030),
    ],
    "duties": [
        ("Ban Xây dựng Đảng Đảng ủy xã", "chủ trì", False),
        ("Ủy ban Kiểm tra Đảng ủy xã", "phối hợp", False),
        ("Các chi bộ trực thuộc", None, False),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", None, True),
        ("Văn phòng Đảng ủy", None, False),
    ],
    "deadlines": [
        (date(2025, 12, 10), "hằng năm", "Các chi bộ trực thuộc"),
        (date(2027, 12, 31), None, "Văn phòng Đảng ủy"),
    ],
    "budgets": [],
    "references": [("232-QĐ/TW",), ("Nghị quyết",), ("48-KH/TU",)],
}

CAO_BANG: Expected = {
    "header": [("2318/KH-UBND", date(2025, 11, 3), "UBND tỉnh Cao Bằng", "UBND cấp tỉnh", (2026, 2028))],
    "targets": [(None, 100, "%", "reach", 2028), (None, 95, "%", "reach", 2028)],
    "duties": [
        ("Sở Y tế", "chủ trì", False),
        ("Sở Xây dựng", "phối hợp", False),
        ("Sở Tài chính", "chủ trì", False),
        ("UBND các xã, phường", None, False),
    ],
    "deadlines": [(date(2025, 12, 15), None, "Sở Y tế"), (None, "hằng quý", "Sở Y tế")],
    "budgets": [
        (186500, True, None),
        (120000, False, "ngân sách trung ương"),
        (54500, False, "ngân sách tỉnh"),
        (12000, False, "vốn lồng ghép từ các chương trình mục tiêu quốc gia"),
        *[(total, False, None) for total in (52000, 71500, 63000)],  # the appendix: each year, by source
        *[(n, False, "Ngân sách trung ương") for n in (34000, 46000, 40000)],
        *[(n, False, "Ngân sách tỉnh") for n in (14000, 21500, 19000)],
        *[(n, False, "Vốn lồng ghép") for n in (4000, 4000, 4000)],
    ],
    "references": [("Luật",), ("18/NQ-HĐND",)],
}

PLANS: dict[str, Expected] = {
    "xa-phuc-lam-nong-thon-moi-2025.txt": PHUC_LAM,
    "xa-gia-tuong-mttq-bau-cu-2025.txt": GIA_TUONG,
    "tinh-quang-tri-bcd-dan-so-2025.md": QUANG_TRI,
    "so-y-te-an-giang-khong-lay-nhiem-2025.docx": AN_GIANG,  # built at test time from the .txt of that name
    "xa-binh-hiep-dang-uy-dang-vien-2025.txt": BINH_HIEP,
    "tinh-cao-bang-dau-tu-tram-y-te-2025.md": CAO_BANG,
}


def read_back(document: Document, facts: Facts) -> Expected:
    """What the importer read, in the shape of the expectations."""
    h = document.header
    budgets = [(b.amount, b.is_total, b.source) for b in facts.budgets]
    budgets += [(p.amount, False, p.source) for b in facts.budgets for p in b.parts]
    return {
        "header": [(h.number, h.doc_date, h.issuer_name, h.issuer_kind, (h.period_start, h.period_end))],
        "targets": [(t.unit.name if t.unit else None, t.value, t.measure, t.form, t.year) for t in facts.targets],
        "duties": [(d.assignee, d.role, d.requested) for d in facts.duties],
        "deadlines": [(d.due, d.recurrence, d.obligor) for d in facts.deadlines],
        "budgets": budgets,
        "references": [(r.number or r.kind,) for r in facts.references],
    }


def _same(expected: tuple[object, ...], read: tuple[object, ...]) -> bool:
    """Equal item by item; names compare folded, a read name may carry a note in brackets after the expected one."""
    for want, got in zip(expected, read, strict=True):
        if isinstance(want, str) and isinstance(got, str):
            if fold(got.split(" (")[0]).strip() != fold(want).strip():
                return False
        elif want != got:
            return False
    return True


def score(expected: list[tuple[object, ...]], read: list[tuple[object, ...]]) -> tuple[int, list[object]]:
    """(how many expected items were read, the read items nobody expected); each read item matches once."""
    left = list(read)
    found = 0
    for want in expected:
        hit = next((i for i, got in enumerate(left) if _same(want, got)), None)
        if hit is not None:
            found += 1
            left.pop(hit)
    return found, left


def read_plan(name: str, workdir: Path) -> tuple[Document, Facts]:
    """The document and facts of one held-out plan; a .docx is built in workdir from the .txt of its name."""
    from storage.importer.facts import extract_facts
    from storage.importer.reader import read_document
    from storage.importer.structure import parse_document
    from tests.plan_docx import build_plan_docx

    path = HELDOUT / name
    if path.suffix == ".docx":
        path = build_plan_docx(path.with_suffix(".txt"), workdir / name)
    document = parse_document(read_document(path))
    return document, extract_facts(document)


def table(workdir: Path) -> str:
    """found/expected (+ unexpected) per kind for every plan, as text."""
    lines = []
    for name, expected in PLANS.items():
        read = read_back(*read_plan(name, workdir))
        cells = []
        for kind, items in expected.items():
            found, extra = score(items, read[kind])
            cells.append(f"{kind} {found}/{len(items)}" + (f" +{len(extra)}" if extra else ""))
        lines.append(f"{name}: " + ", ".join(cells))
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(table(Path(tmp)))
