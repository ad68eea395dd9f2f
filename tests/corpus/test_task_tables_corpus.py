"""Reading back the appendix task tables of the real plans (nhiệm vụ | chủ trì | phối hợp | thời gian): how many task
rows a careful reader counts in each, a sample of rows as written (task start, leads, partners, time), and the
deadlines the rows set. The importer must read at least 90 % of each, and no deadline a row does not give."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import pytest

from storage.importer import prepare
from storage.importer.model import Document, Facts
from storage.importer.task_tables import TaskRow, task_rows
from storage.language.text import fold
from tests.conftest import SHARED

CORPUS = SHARED / "plans-real"
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="real plans corpus not available")


@dataclass(frozen=True)
class Row:
    """A task row as a reader writes it down: the task's first words, its leads, some partners, its time."""

    task: str
    leads: tuple[str, ...]
    partners: tuple[str, ...]
    time: str


# Task rows counted by reading each appendix (group-heading rows and repeated header rows are not tasks).
ROWS = {"01_": 94, "03_": 19, "04_": 6, "07_": 18}

SAMPLES: dict[str, list[Row]] = {
    "01_": [  # 6 columns; the header is printed again with 5 cells ("Nội dung" over STT and task)
        Row("Rà soát, xây dựng", ("Sở Tư pháp",), ("Các sở, ban, ngành", "UBND các phường, xã"), "2026 - 2030"),
        Row(
            "Triển khai Khu công nghệ số tập trung",
            ("Sở Khoa học và Công nghệ",),
            ("Ban Quản lý các Khu công nghiệp khu kinh tế", "Sở Tài chính"),
            "2026 - 2030",
        ),
        Row("Xây dựng Kế hoạch triển khai Chiến lược dữ liệu", ("Công an tỉnh",), ("Các sở, ban, ngành",), "2025"),
        Row(
            "Thiết lập thư viện điện tử",
            ("Sở Giáo dục và Đào tạo", "Sở Văn hóa Thể thao và Du lịch"),
            ("Các sở, ban, ngành",),
            "2026 - 2030",
        ),
        Row("Triển khai Nền tảng hóa đơn điện tử quốc gia", ("Thuế Đồng Nai",), ("Các sở, ban, ngành",), "2026 - 2030"),
        Row("Triển khai Kế hoạch phát triển thương mại điện tử", ("Sở Công Thương",), (), "2026 - 2030"),
        Row(
            "Tổ chức các Tổ công nghệ số cộng đồng",
            ("Sở Khoa học và Công nghệ", "UBND các phường xã"),
            ("Các sở, ban, ngành", "UBND các phường, xã"),
            "2026-2030",
        ),
        Row(
            "Hợp tác với các tổ chức, doanh nghiệp nước ngoài",
            ("Sở Khoa học và Công nghệ", "Sở Ngoại vụ"),
            ("Các sở, ban, ngành",),
            "2026-2030",
        ),
        Row("Hình thành các điểm thu gom", ("Sở Nông nghiệp và Môi trường",), (), "2026-2030"),
    ],
    "03_": [
        Row("Rà soát, kịp thời cụ thể hoá", ("Sở Tài chính",), ("Sở, ban, ngành có liên quan",), "Thường xuyên"),
        Row("Đề xuất giải pháp cải thiện", ("Sở Tài chính",), ("Sở Công Thương",), "2026"),
        Row("Nghiên cứu, tư vấn, phản biện", ("Liên hiệp các Hội Khoa học và Kỹ thuật",), (), "Thường xuyên"),
        Row("Phát triển hệ sinh thái đổi mới sáng tạo", ("Sở Khoa học và Công nghệ",), (), "2025 - 2035"),
        Row("Ứng dụng công nghệ số trong quản lý", ("Sở Văn hoá Thể thao du lịch",), (), "2025 - 2030"),
        Row("Vận động, khuyến khích hội viên", ("Hiệp hội Doanh nghiệp",), ("Doanh nghiệp",), "Thường xuyên"),
    ],
    "04_": [  # quarters as deadlines
        Row(
            "Tổ chức điều chỉnh, bổ sung quy hoạch",
            ("Ban Quản lý các khu công nghệ cao và khu công nghiệp",),
            ("UBND các phường, xã",),
            "Quý III Năm 2026",
        ),
        Row(
            "Khảo sát, đánh giá thực trạng",
            ("Ban Quản lý các khu công nghệ cao và khu công nghiệp",),
            ("Sở Khoa học và Công nghệ", "Sở Công Thương", "Các doanh nghiệp viễn thông"),
            "Quý IV/2025- Quý II/2026",
        ),
        Row(
            "Doanh nghiệp, nhà cung cấp dịch vụ IoT",
            ("Doanh nghiệp, nhà cung cấp dịch vụ IoT, nhà đầu tư",),
            ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", "Sở Công Thương"),
            "Thường xuyên",
        ),
        Row(
            "Thực hiện khảo sát, thu nhập số liệu",
            ("Ban Quản lý các khu công nghệ cao và khu công nghiệp",),
            ("Sở Khoa học và Công nghệ",),
            "Hàng năm",
        ),
    ],
    "07_": [  # empty "Sản phẩm dự kiến" cells give extra lone `|` lines; part of the table is left out of the page
        Row(
            "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự",
            ("Bộ CHQS tỉnh", "UBND cấp xã"),
            ("Văn phòng Ban Chỉ huy", "Các sở, ban, ngành"),
            "Trước ngày 30/11/2025",
        ),
        Row("Triển khai thực hiện một số nội dung chi", ("Sở Tài chính",), (), "Thường xuyên"),
        Row("Hướng dẫn thanh toán chi phí khám bệnh", ("Sở Y tế",), ("Sở Tài chính",), "2025"),
        Row(
            "Ban hành Quy chế Phối hợp tìm kiếm, cứu nạn hàng không",
            ("Sở Xây dựng",),
            ("Văn phòng Ban Chỉ huy",),
            "Sau khi có Quy chế của TW",
        ),
        Row("Tiếp nhận và duy trì Hệ thống Tổng đài 112", ("Bộ CHQS tỉnh",), ("Bộ Quốc phòng",), "2025"),
        Row(
            "Rà soát, tổng hợp danh mục các công trình",
            ("Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã",),
            ("Cơ quan có liên quan",),
            "Tháng 12 hằng năm",
        ),
        Row(
            "Diễn tập phòng thủ dân sự các cấp",
            ("Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã",),
            (),
            "Theo Kế hoạch riêng",
        ),
        Row(
            "Xây dựng Quy chế về công tác trực ban",
            ("Sở Nông nghiệp và Môi trường",),
            ("Các sở, ban, ngành", "Các tổ chức chính trị-xã hội"),
            "2025",
        ),
    ],
}

# (due day, recurrence) of every row that gives a day: a date, a quarter (a range: its end), a month each year.
# "Thường xuyên", "Hàng năm", "Theo Kế hoạch riêng", "Sau khi có Quy chế của TW" and bare years give none.
DEADLINES: dict[str, set[tuple[date, str | None]]] = {
    "01_": set(),
    "03_": set(),
    "04_": {(date(2026, 9, 30), None), (date(2026, 6, 30), None)},
    "07_": {(date(2025, 11, 30), None), (date(2025, 12, 31), "hằng năm")},
}


@cache
def _read(prefix: str) -> tuple[Document, Facts]:
    """The document and facts read from the corpus file with that prefix (read once for all tests)."""
    read = prepare(next(CORPUS.glob(f"{prefix}*.md")))
    return read.document, read.facts


def _matches(found: TaskRow, expected: Row) -> bool:
    """The row read is the row written: same task opening, same leads, the partners named among its own, same time."""
    partners = {fold(name) for name in found.partners}
    return (
        fold(found.task).startswith(fold(expected.task))
        and [fold(name) for name in found.leads] == [fold(name) for name in expected.leads]
        and all(fold(name) in partners for name in expected.partners)
        and found.time == expected.time
    )


@pytest.mark.parametrize("prefix", sorted(ROWS))
def test_every_task_row_is_read(prefix: str) -> None:
    rows = task_rows(_read(prefix)[0])
    assert ROWS[prefix] * 0.9 <= len(rows) <= ROWS[prefix]


@pytest.mark.parametrize("prefix", sorted(SAMPLES))
def test_sample_rows_read_as_written(prefix: str) -> None:
    rows = task_rows(_read(prefix)[0])
    missing = [row for row in SAMPLES[prefix] if not any(_matches(found, row) for found in rows)]
    assert len(missing) <= 0.1 * len(SAMPLES[prefix]), missing


@pytest.mark.parametrize("prefix", sorted(DEADLINES))
def test_table_rows_give_their_deadlines(prefix: str) -> None:
    document, facts = _read(prefix)
    tables = {row.section.index for row in task_rows(document)}
    found = {(deadline.due, deadline.recurrence) for deadline in facts.deadlines if deadline.section in tables}
    expected = DEADLINES[prefix]
    assert len(found & expected) >= 0.9 * len(expected), expected - found
    assert found <= expected, found - expected


def test_every_row_is_a_duty_of_its_leads_and_partners() -> None:
    document, facts = _read("07_")
    duties = {(duty.assignee, duty.role, duty.text) for duty in facts.duties}
    for row in task_rows(document):
        assert all((lead, "chủ trì", row.task) in duties for lead in row.leads)
        assert all((partner, "phối hợp", row.task) in duties for partner in row.partners)
