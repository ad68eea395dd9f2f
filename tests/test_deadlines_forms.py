"""Deadlines in every form a plan writes them: days, months, quarters, ranges, recurring days, days counted from the
plan; timings that are no date stay out. Each form is checked on a sentence written here and one from a real plan."""

from __future__ import annotations

from datetime import date

import pytest

from storage.importer.facts import extract_facts
from storage.importer.model import DeadlineFact
from storage.importer.periods import time_due
from storage.importer.structure import parse_document

ISSUED = date(2025, 11, 19)


def plan(body: str, issued: str = "ngày 19 tháng 11 năm 2025", title: str = "Thực hiện chương trình") -> str:
    """A plan with a standard header, issued on that day, and this body."""
    return f"ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 34/KH-UBND\nAn Bình, {issued}\nKẾ HOẠCH\n{title}\n{body}"


def deadlines(text: str) -> list[DeadlineFact]:
    """The deadlines the importer reads from a plan's text."""
    return extract_facts(parse_document(text)).deadlines


@pytest.mark.parametrize(
    ("written", "due", "recurrence"),
    [
        ("Quý IV năm 2025 và các năm tiếp theo", date(2025, 12, 31), "hằng năm"),  # real (Lai Châu)
        ("Quý III Năm 2026", date(2026, 9, 30), None),  # real (Hà Nội), capital "Năm"
        ("Quý IV/2025- Quý II/2026", date(2026, 6, 30), None),  # real: a range ends with its last quarter
        ("Quý 2/2027", date(2027, 6, 30), None),
        ("Tháng 12 hằng năm", date(2025, 12, 31), "hằng năm"),  # real (Nghệ An)
        ("Tháng 3 hằng năm", date(2026, 3, 31), "hằng năm"),  # first March after the plan is issued
        ("Trước ngày 30/11/2025", date(2025, 11, 30), None),
        ("Hoàn thành trong năm 2025.", date(2025, 12, 31), None),  # real (Hà Nội)
        ("Chậm nhất trong tháng 02/2026", date(2026, 2, 28), None),
    ],
)
def test_task_times_that_set_a_day(written: str, due: date, recurrence: str | None) -> None:
    found = time_due(written, 2030, ISSUED)
    assert found is not None
    assert (found.day, found.recurrence) == (due, recurrence)


@pytest.mark.parametrize(
    "written",
    [
        "Thường xuyên",
        "Thực hiện thường xuyên.",
        "Triển khai đảm bảo theo lộ trình, hướng dẫn của Bộ, ngành.",
        "Sau khi có Quy chế của TW",
        "Sau khi Nghị định được ban hành",
        "Năm 2026 và các năm tiếp theo.",  # a span to work in, not a day to finish by
        "Theo Kế hoạch riêng",
    ],
)
def test_timings_that_are_no_date(written: str) -> None:
    assert time_due(written, 2025, ISSUED) is None


def test_yearly_day_falls_after_the_issue_date_not_in_the_plans_last_year() -> None:
    # Real (Đồng Tháp, a plan to 2035): "... báo cáo ... trước ngày 30/11 hằng năm."
    body = (
        "I. TỔ CHỨC THỰC HIỆN\n- Sở Khoa học và Công nghệ tổng hợp, báo cáo Ủy ban nhân dân tỉnh "
        "trước ngày 30/11 hằng năm.\n- Các sở, ngành gửi báo cáo năm về Sở Tài chính trước ngày 15 tháng 01 hằng năm.\n"
    )
    found = deadlines(plan(body, title="Lộ trình đổi mới công nghệ đến năm 2035"))
    assert [(d.due, d.recurrence, d.obligor) for d in found] == [
        (date(2025, 11, 30), "hằng năm", "Sở Khoa học và Công nghệ"),
        (date(2026, 1, 15), "hằng năm", "Các sở, ngành"),
    ]


def test_days_listed_after_one_marker_are_each_a_deadline() -> None:
    body = "I. TỔ CHỨC THỰC HIỆN\nUBND các xã báo cáo kết quả định kỳ trước ngày 01/6 và 15/11 hằng năm.\n"
    found = deadlines(plan(body, issued="ngày 05 tháng 3 năm 2026"))
    assert sorted((d.due, d.recurrence) for d in found) == [
        (date(2026, 6, 1), "hằng năm"),
        (date(2026, 11, 15), "hằng năm"),
    ]


def test_days_counted_from_the_plan_are_dated_from_its_issue_and_say_so() -> None:
    body = (
        "I. TỔ CHỨC THỰC HIỆN\n- Các sở xây dựng kế hoạch chi tiết trong thời hạn 10 ngày kể từ ngày nhận kế hoạch.\n"
        "- UBND các xã gửi danh sách chậm nhất 05 ngày làm việc kể từ ngày ban hành Kế hoạch này.\n"
    )
    found = deadlines(plan(body))  # issued Wednesday 19/11/2025
    assert [d.due for d in found] == [date(2025, 11, 29), date(2025, 11, 26)]
    assert all("tính từ ngày ban hành 19/11/2025" in d.due_text for d in found)


def test_monthly_day_is_recurring_from_the_issue_month() -> None:
    # Real (Hà Nội): "... báo cáo ... thông qua Sở Khoa học và Công nghệ trước ngày 15 hằng tháng".
    body = "I. CHẾ ĐỘ BÁO CÁO\nCác sở, ngành báo cáo UBND Thành phố thông qua Sở Nội vụ trước ngày 15 hằng tháng.\n"
    found = deadlines(plan(body, issued="ngày 17 tháng 11 năm 2025", title="Kế hoạch năm 2025"))
    assert [(d.due, d.recurrence) for d in found] == [(date(2025, 12, 15), "hằng tháng")]


def test_quarter_in_a_sentence() -> None:
    body = "I. NHIỆM VỤ\nSở Xây dựng hoàn thành bản đồ số hạ tầng trong quý IV năm 2026.\n"
    assert [d.due for d in deadlines(plan(body))] == [date(2026, 12, 31)]


def test_task_table_lead_partners_and_times() -> None:
    table = "\n".join(
        [
            "TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện",
            "1\tRà soát hạ tầng trạm phát sóng\tSở Khoa học và Công nghệ\tSở Xây dựng, UBND các xã, phường"
            "\tQuý IV/2025- Quý II/2026",
            "2\tTuyên truyền phòng thủ dân sự\tBộ Chỉ huy Quân sự tỉnh\tSở Văn hóa, Thể thao và Du lịch\tThường xuyên",
            "3\tBáo cáo kết quả thực hiện\tBộ Chỉ huy Quân sự tỉnh\t\tTháng 12 hằng năm",
        ]
    )
    facts = extract_facts(parse_document(plan(f"I. NHIỆM VỤ CỤ THỂ\n\n{table}\n")))
    assert {(d.assignee, d.role) for d in facts.duties} == {
        ("Sở Khoa học và Công nghệ", "chủ trì"),
        ("Sở Xây dựng", "phối hợp"),
        ("UBND các xã, phường", "phối hợp"),
        ("Bộ Chỉ huy Quân sự tỉnh", "chủ trì"),
        ("Sở Văn hóa, Thể thao và Du lịch", "phối hợp"),
    }
    assert [(d.due, d.recurrence) for d in facts.deadlines] == [
        (date(2026, 6, 30), None),
        (date(2025, 12, 31), "hằng năm"),
    ]


def test_who_reports_to_whom_and_through_whom() -> None:
    # Real (Hà Nội): "Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành Thành phố, UBND phường, xã ... nghiêm túc
    # triển khai thực hiện; định kỳ trước ngày 30 tháng 11 hàng năm báo cáo kết quả thực hiện về UBND Thành phố (qua
    # Ban Quản lý ...)."
    body = (
        "I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Công Thương\nChủ trì theo dõi việc thực hiện.\n"
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành, UBND các xã nghiêm túc triển khai thực hiện; định kỳ trước "
        "ngày 10 tháng 12 hằng năm báo cáo kết quả thực hiện về UBND tỉnh (qua Sở Công Thương).\n"
    )
    found = deadlines(plan(body))
    assert [(d.due, d.obligor, d.recipient) for d in found] == [
        (date(2025, 12, 10), "các sở, ngành, UBND các xã", "UBND tỉnh qua Sở Công Thương")
    ]


def test_expected_date_is_kept_apart_from_a_binding_one() -> None:
    body = (
        "I. TỔ CHỨC THỰC HIỆN\n- Sở Nội vụ gửi báo cáo tổng kết về UBND tỉnh chậm nhất ngày 10/12/2025.\n"
        "- Hội nghị tổng kết dự kiến tổ chức vào ngày 20/12/2025.\n"
    )
    found = deadlines(plan(body))
    assert [(d.due, d.due_text) for d in found] == [
        (date(2025, 12, 10), "chậm nhất ngày 10/12/2025"),
        (date(2025, 12, 20), "dự kiến tổ chức vào ngày 20/12/2025"),
    ]


@pytest.mark.parametrize(
    ("line", "once", "cycle", "obligor"),
    [
        (  # held-out (commune plan): the yearly report is a clause of its own after a one-off date
            "1. Phòng Kinh tế\nChủ trì tham mưu; hoàn thành rà soát hiện trạng các tiêu chí trước ngày 30/9/2025; "
            "tổng hợp, báo cáo kết quả thực hiện gửi UBND xã trước ngày 15 tháng 12 hằng năm.",
            date(2025, 9, 30),
            (date(2025, 12, 15), "hằng năm"),
            "Phòng Kinh tế",
        ),
        (  # held-out (province plan): a dated step, then a quarterly report without a day
            "1. Sở Y tế\nChủ trì, phối hợp với Sở Xây dựng lập danh mục công trình, trình UBND tỉnh trước ngày "
            "15/12/2025; báo cáo tiến độ giải ngân hằng quý gửi Sở Tài chính.",
            date(2025, 12, 15),
            (None, "hằng quý"),
            "Sở Y tế",
        ),
        (  # variation
            "2. Phòng Văn hóa - Xã hội\nNộp danh sách trước ngày 10/10/2025; báo cáo kết quả hằng tháng về UBND xã.",
            date(2025, 10, 10),
            (None, "hằng tháng"),
            "Phòng Văn hóa - Xã hội",
        ),
    ],
)
def test_a_cycle_belongs_to_its_own_clause(line: str, once: date, cycle: tuple[date | None, str], obligor: str) -> None:
    found = deadlines(plan(f"I. TỔ CHỨC THỰC HIỆN\n{line}\n", issued="ngày 14 tháng 8 năm 2025"))
    assert [(d.due, d.recurrence, d.obligor) for d in found] == [(once, None, obligor), (*cycle, obligor)]


@pytest.mark.parametrize(
    ("line", "recipients"),
    [
        (  # held-out (province plan): the list goes up for approval; only the quarterly report goes to Sở Tài chính
            "1. Sở Y tế\nChủ trì, phối hợp với Sở Xây dựng lập danh mục công trình, trình UBND tỉnh trước ngày "
            "15/12/2025; báo cáo tiến độ giải ngân hằng quý gửi Sở Tài chính.",
            [None, "Sở Tài chính"],
        ),
        (  # variation: another office, another date, the dated step's own recipient kept
            "2. Phòng Nội vụ\nHoàn thành hồ sơ thi đua gửi UBND xã trước ngày 05/11/2025; báo cáo kết quả hằng "
            "tháng về Phòng Văn hóa - Xã hội.",
            ["UBND xã", "Phòng Văn hóa - Xã hội"],
        ),
    ],
)
def test_a_recipient_belongs_to_its_own_clause(line: str, recipients: list[str | None]) -> None:
    found = deadlines(plan(f"I. TỔ CHỨC THỰC HIỆN\n{line}\n", issued="ngày 14 tháng 8 năm 2025"))
    assert [d.recipient for d in found] == recipients
