"""Task tables (nhiệm vụ | chủ trì | phối hợp | thời gian): each row a duty of its leads and partners, with the
deadline its time sets. Each rule is checked on rows from a real plan and on rows written here."""

from __future__ import annotations

from datetime import date

from storage.importer.facts import extract_facts
from storage.importer.model import Facts
from storage.importer.structure import parse_document

HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 12/KH-UBND\n"
    "An Bình, ngày 05 tháng 11 năm 2025\nKẾ HOẠCH\nThực hiện chương trình\n"
    "I. MỤC ĐÍCH\nNâng cao chất lượng.\n\nII. TỔ CHỨC THỰC HIỆN\nThực hiện theo Phụ lục kèm theo.\n\nPHỤ LỤC\n\n"
)


def table(*rows: str) -> str:
    """A plan whose appendix is this tab-separated table (cells separated by " | " here for reading ease)."""
    return HEAD + "\n".join(row.replace(" | ", "\t") for row in rows) + "\n"


def facts_of(*rows: str) -> Facts:
    return extract_facts(parse_document(table(*rows)))


def pairs(facts: Facts) -> set[tuple[str, str | None]]:
    return {(duty.assignee, duty.role) for duty in facts.duties}


def test_executing_column_beside_a_partner_column_is_the_lead() -> None:
    real = facts_of(  # the corpus's 01: "Đơn vị thực hiện" / "Đơn vị phối hợp"
        "STT | Nhiệm vụ, giải pháp | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện | Sản phẩm đầu ra",
        "1.1 | Rà soát, xây dựng, sửa đổi các quy định | Sở Tư pháp | Các sở, ban, ngành; UBND các phường, xã"
        " | 2026 - 2030 | Các cơ chế, chính sách",
    )
    written = facts_of(
        "TT | Nội dung công việc | Cơ quan thực hiện | Cơ quan phối hợp | Thời hạn",
        "1 | Tập huấn cán bộ thống kê | Cục Thống kê tỉnh | Sở Nội vụ | Thường xuyên",
    )
    assert pairs(real) == {
        ("Sở Tư pháp", "chủ trì"),
        ("Các sở, ban, ngành", "phối hợp"),
        ("UBND các phường, xã", "phối hợp"),
    }
    assert pairs(written) == {("Cục Thống kê tỉnh", "chủ trì"), ("Sở Nội vụ", "phối hợp")}


def test_executing_column_without_partners_names_no_lead_table() -> None:
    facts = facts_of("TT | Nội dung | Đơn vị thực hiện | Thời gian", "1 | Tập huấn cán bộ | Sở Nội vụ | Quý I/2026")
    assert facts.duties == []


def test_header_printed_again_with_fewer_cells_is_no_task() -> None:
    real = facts_of(  # 01: the header comes back on each page, "Nội dung" over the number and the task
        "STT | Nhiệm vụ, giải pháp | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện | Sản phẩm đầu ra",
        "1.1 | Xây dựng kế hoạch chuyển đổi số nông nghiệp | Sở Nông nghiệp và Môi trường | Các sở, ban, ngành"
        " | 2026 - 2030 | Kế hoạch",
        "Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian thực hiện | Sản phẩm đầu ra",
        "2.1 | Triển khai hồ sơ bệnh án điện tử | Sở Y tế | Các sở, ban, ngành | 2026 - 2030 | Hệ thống",
    )
    written = facts_of(
        "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian",
        "1 | Khảo sát hạ tầng | Sở Xây dựng | Sở Tài chính | Quý II/2026",
        "TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian",
        "2 | Lập dự toán | Sở Tài chính | Sở Xây dựng | Quý III/2026",
    )
    assert {duty.assignee for duty in real.duties} == {"Sở Nông nghiệp và Môi trường", "Các sở, ban, ngành", "Sở Y tế"}
    assert pairs(written) == {
        ("Sở Xây dựng", "chủ trì"),
        ("Sở Tài chính", "phối hợp"),
        ("Sở Tài chính", "chủ trì"),
        ("Sở Xây dựng", "phối hợp"),
    }


def test_lead_cell_naming_two_bodies_gives_each_a_lead_duty() -> None:
    real = facts_of(  # 07
        "TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm dự kiến",
        "1 | Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã | Bộ CHQS tỉnh; UBND cấp xã"
        " | Văn phòng Ban Chỉ huy; các sở, ban, ngành | Trước ngày 30/11/2025 | Quyết định",
    )
    written = facts_of(
        "TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian",
        "1 | Thiết lập thư viện điện tử | Sở Giáo dục và Đào tạo, Sở Văn hóa, Thể thao và Du lịch | Sở Tài chính"
        " | Tháng 6/2026",
    )
    assert pairs(real) == {
        ("Bộ CHQS tỉnh", "chủ trì"),
        ("UBND cấp xã", "chủ trì"),
        ("Văn phòng Ban Chỉ huy", "phối hợp"),
        ("Các sở, ban, ngành", "phối hợp"),
    }
    assert [d.obligor for d in real.deadlines] == ["Bộ CHQS tỉnh, UBND cấp xã"]
    assert pairs(written) == {
        ("Sở Giáo dục và Đào tạo", "chủ trì"),
        ("Sở Văn hóa, Thể thao và Du lịch", "chủ trì"),
        ("Sở Tài chính", "phối hợp"),
    }
    assert [d.due for d in written.deadlines] == [date(2026, 6, 30)]


def test_a_row_with_a_quarter_or_date_gives_a_deadline_and_standing_times_none() -> None:
    header = "TT | Nội dung/nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện"
    real = facts_of(  # 04
        header,
        "1 | Tổ chức điều chỉnh quy hoạch | Ban Quản lý các khu công nghiệp | Sở Công Thương | Quý III Năm 2026",
        "2 | Khảo sát, đánh giá thực trạng | Ban Quản lý các khu công nghiệp | Sở Công Thương"
        " | Quý IV/2025- Quý II/2026",
        "3 | Xây dựng kế hoạch đầu tư công | Ban Quản lý các khu công nghiệp | Sở Tài chính | Thường xuyên",
        "4 | Thực hiện khảo sát, công bố kết quả | Ban Quản lý các khu công nghiệp | Sở Tài chính | Hàng năm",
    )
    written = facts_of(
        header,
        "1 | Lắp đặt trạm quan trắc | Sở Nông nghiệp và Môi trường | Sở Tài chính | Quý I/2026 - Quý III/2026",
        "2 | Diễn tập ứng phó sự cố | Sở Y tế | Sở Nội vụ | Theo Kế hoạch riêng",
        "3 | Báo cáo kết quả | Sở Y tế | Sở Nội vụ | Tháng 12 hằng năm",
    )
    assert sorted((d.due, d.recurrence) for d in real.deadlines) == [
        (date(2026, 6, 30), None),
        (date(2026, 9, 30), None),
    ]
    assert sorted((d.due, d.recurrence) for d in written.deadlines) == [
        (date(2025, 12, 31), "hằng năm"),
        (date(2026, 9, 30), None),
    ]
    assert len(real.duties) == 8 and len(written.duties) == 6
