"""Text -> Document on the five sample plans."""

from __future__ import annotations

from functools import cache

from storage.importer.model import Document
from storage.importer.reader import read_document
from storage.importer.structure import PREAMBLE_LABEL, parse_document
from tests.conftest import PLANS


@cache
def plan(name: str) -> Document:
    return parse_document(read_document(PLANS / name))


def by_label(document: Document, label: str):  # type: ignore[no-untyped-def]
    return [s for s in document.sections if s.label == label]


def chain(document: Document) -> list[tuple[str | None, str]]:
    issuer = document.header.issuer
    assert issuer is not None
    return [(ref.kind, ref.name) for ref in issuer.chain()]


def test_district_header() -> None:
    header = plan("huyen-tho-xuan-2024.txt").header
    assert header.number is None  # "Số: /KH-UBND" left blank
    assert header.place == "Thọ Xuân" and header.doc_date is None and header.year == 2024
    assert header.title == "Kế hoạch thực hiện công tác giảm nghèo bền vững năm 2024"
    assert header.issuer_name == "UBND huyện Thọ Xuân"
    assert chain(plan("huyen-tho-xuan-2024.txt")) == [("tỉnh", "Thanh Hoá"), ("huyện", "Thọ Xuân")]
    assert (header.signer, header.signer_title) == ("Nguyễn Xuân Hải", "Phó Chủ tịch")


def test_district_sections_and_labels() -> None:
    document = plan("huyen-tho-xuan-2024.txt")
    assert document.sections[0].label == PREAMBLE_LABEL
    (communes,) = by_label(document, "III.2.15")
    assert communes.heading == "UBND các xã, thị trấn"
    assert document.sections[communes.parent].label == "III.2"  # type: ignore[index]
    assert any("trước 20/6/2024" in line for line in communes.lines)
    assert [s.heading for s in by_label(document, "III.2.12")] == [
        "Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch",
        "Ngân hàng Chính sách xã hội huyện",
    ]  # numbering repeats; both kept, in order
    (office,) = by_label(document, "III.2.3")
    assert office.heading == "Phòng Lao động - Thương binh và Xã hội"
    assert office.lines[0].startswith("Là cơ quan Thường trực") and office.lines[1].startswith("- Trên cơ sở")
    (wrapped,) = by_label(document, "III.1.8")  # a page break mid-sentence is joined
    assert "chính trị - xã hội nâng cao vai trò" in wrapped.heading + " ".join(wrapped.lines)


def test_district_appendices() -> None:
    document = plan("huyen-tho-xuan-2024.txt")
    (quotas,) = by_label(document, "Phụ lục 01")
    (helpers,) = by_label(document, "Phụ lục 01 (2)")
    assert quotas.heading == "Phụ lục 01: CHỈ TIÊU GIẢM NGHÈO CỦA CÁC XÃ, THỊ TRẤN NĂM 2024"
    assert helpers.heading.startswith("Phụ lục 01: ĐỀ NGHỊ CÁC PHÒNG, BAN, NGÀNH")
    assert quotas.parent is None and helpers.parent is None
    (table,) = quotas.tables
    assert len(table.header) == 2 and table.header[0][:3] == ["TT", "Tên đơn vị", table.header[0][2]]
    assert len(table.rows) == 31
    assert table.rows[0][:5] == ["1", "TT Lam Sơn", "6", "2", "4"]
    assert table.rows[-1][:5] == ["", "TỔNG CỘNG", "180", "50", "130"]
    assert sum(int(row[2]) for row in table.rows[:-1]) == 180
    (table2,) = helpers.tables  # the page break inside the table does not split it
    assert len(table2.rows) == 30
    assert table2.rows[28][:3] == ["29", "Xã Xuân Phong", "Ủy ban MTTQ huyện"]


def test_province_header_and_items() -> None:
    document = plan("tinh-dong-thap-2024.txt")
    header = document.header
    assert chain(document) == [("tỉnh", "Đồng Tháp")]
    assert header.issuer_name == "UBND tỉnh Đồng Tháp" and header.year == 2024
    assert (header.signer, header.signer_title) == ("Huỳnh Minh Tuấn", "Phó Chủ tịch")
    (item,) = by_label(document, "IV.2")
    assert item.heading == "Sở Kế hoạch và Đầu tư" and item.lines[0].startswith("Chủ trì, phối hợp với Sở Tài chính")
    assert by_label(document, "IV.10")[0].heading == "Ủy ban nhân dân huyện, thành phố"
    text = document.text
    assert "<sup>" not in text and "**" not in text and "#" not in text
    assert "Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ quy định" not in text  # footnote dropped


def test_commune_with_parts() -> None:
    document = plan("xa-tan-moc-luc-ngan-2024.txt")
    assert chain(document) == [("tỉnh", "Bắc Giang"), ("huyện", "Lục Ngạn"), ("xã", "Tân Mộc")]
    assert document.header.signer == "Diệp Văn Tám"
    (part2,) = by_label(document, "Phần 2")
    assert part2.heading == "Phần thứ hai: KẾ HOẠCH THỰC HIỆN NĂM 2024"
    (budget,) = by_label(document, "III.1.b (Phần 2)")
    assert budget.heading == "Kinh phí"
    assert budget.lines == ["68 triệu. Trong đó nhà ở 44 triệu, nước phân tán 24 triệu."]
    projects = by_label(document, "III.3 (Phần 2)")  # "3." written twice: both kept
    assert [p.heading.split(":")[0] for p in projects] == ["Dự án 6", "Dự án 7"]
    assert by_label(document, "III.3.2 (Phần 2)")[0].heading == "Tiểu dự án 2: Giám sát, đánh giá"


def test_hard_wrapped_commune_plan() -> None:
    document = plan("xa-tra-lam-tra-bong-2024.txt")
    header = document.header
    assert header.title == (
        "Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững trên địa bàn xã Trà Lâm năm 2024"
    )
    assert chain(document) == [("huyện", "Trà Bồng"), ("xã", "Trà Lâm")]
    assert (header.signer, header.signer_title) == ("Võ Thị Mai Vỹ", "Chủ tịch")
    (target,) = by_label(document, "II.2.a")
    assert target.heading.startswith("Phấn đấu giảm tỷ lệ hộ nghèo toàn xã từ 0.82% xuống còn 0.79% theo chuẩn nghèo")
    (post,) = by_label(document, "V.1")
    assert post.heading == "Công chức Văn Hóa – Xã hội phụ trách lĩnh vực Lao động thương bình & xã hội"
    assert post.lines[0] == (
        "- Tham mưu UBND xã phối hợp với ban, ngành đoàn thể xây dựng kế hoạch thực hiện Chương trình "
        "mục tiêu quốc gia giảm nghèo theo qui định."
    )
    (item,) = by_label(document, "III.1")
    assert item.heading == "Đẩy mạnh công tác tuyên truyền"
    preamble = by_label(document, PREAMBLE_LABEL)[0].lines
    assert preamble[0].startswith("Thực hiện Kế hoạch số 21/KH-UBND ngày 29/02/2024 của UBND huyện Trà Bồng về")


def test_short_commune_plan() -> None:
    document = plan("xa-vinh-yen-binh-gia-2024.txt")
    header = document.header
    assert chain(document) == [("huyện", "Bình Gia"), ("xã", "Vĩnh Yên")]
    assert header.place == "Vĩnh Yên" and header.doc_date is None and header.number is None
    assert header.title == "Kế hoạch triển khai thực hiện chương trình mục tiêu quốc gia Giảm nghèo bền vững năm 2024"
    assert (header.signer, header.signer_title) == ("Bàn Văn Khải", "Chủ tịch")
    assert [s.label for s in document.sections[-2:]] == ["III", "IV"]
