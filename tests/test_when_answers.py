"""Questions asking when a task happens are answered with the plan's own time for that task, as the plan words it:
the time line of the task's item (tied to its heading, or to the statement that opens an item without one), the
plan's own time section when the question names only the plan, the day asked headlined as 1/1/2026, and a
deadline set as a period keeping the plan's words before the period's last day."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.answers import passages
from handlers.answers.deadlines import line
from handlers.dispatch import respond
from handlers.render.format import period_wording
from handlers.snapshot import Snapshot
from storage.importer import import_paths
from storage.language.normalize import fold_expand
from storage.language.text import day_given, fold
from tests.conftest import NOW
from tests.test_core_data import message

# The parts every plan has besides its tasks: they give the words their usual weight.
COMMON = [
    ("I", "MỤC ĐÍCH, YÊU CẦU", "Bảo đảm sự chỉ đạo thống nhất, phối hợp chặt chẽ giữa các cơ quan, đơn vị."),
    ("I.2", "Yêu cầu", "Nội dung công việc gắn với trách nhiệm của cơ quan được phân công chủ trì."),
    ("III", "KINH PHÍ", "Kinh phí thực hiện từ dự toán ngân sách hằng năm của các cơ quan, đơn vị."),
    ("V.1", "Văn phòng", "Theo dõi, đôn đốc, tổng hợp kết quả, báo cáo định kỳ."),
    ("V.2", "Các xã, phường", "Xây dựng kế hoạch thực hiện tại địa phương, báo cáo kết quả."),
    ("V.3", "Sở Tài chính", "Tham mưu bố trí kinh phí theo quy định."),
]


def snapshot(title: str, sections: list[tuple[str, str, str]], parents: dict[str, str] | None = None) -> Snapshot:
    """One plan (id 1) of the title with sections (label, heading, body) beside the common ones; parents: label ->
    parent label."""
    sections = [*COMMON, *sections]
    plan = SimpleNamespace(
        id=1, number="12/KH-UBND", issuer_unit_id=None, issuer_name="UBND tỉnh", title=title, year=2025, level=1
    )
    ids = {label: i for i, (label, _, _) in enumerate(sections, start=1)}
    rows = {
        ids[label]: SimpleNamespace(
            id=ids[label],
            plan_id=1,
            parent_id=ids.get((parents or {}).get(label, "")),
            label=label,
            heading=heading,
            body=body,
        )
        for label, heading, body in sections
    }
    return Snapshot(
        version=(),
        units={},
        aliases=[],
        plans={1: plan},
        sections=rows,
        targets=[],
        duties=[],
        deadlines=[],
        budgets=[],
        helpers=[],
    )


def ask(snap: Snapshot, text: str) -> str:
    """The passage answer to text about plan 1, its words of the plan's title weighing as the chosen plan's."""
    folded = fold_expand(text)
    title = set(fold_expand(snap.plans[1].title).split())
    found = passages.answer(snap, folded, {1}, (), {w for w in folded.split() if w in title})
    assert found is not None
    return found.text


# Lai Châu 7360: an item without a heading opens with its task; another item's heading holds the law's name.
LAW = "Triển khai thi hành Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật"
LAW_ITEMS = [
    ("II", "NỘI DUNG KẾ HOẠCH", ""),
    (
        "II.1",
        "",
        "Trên cơ sở tài liệu do Trung ương biên soạn, các cơ quan, đơn vị tổ chức tuyên truyền, phổ biến, giáo dục "
        "pháp luật, tập huấn, bồi dưỡng nghiệp vụ về nội dung Luật và các văn bản quy định chi tiết thi hành Luật.\n"
        "- Cơ quan thực hiện: Sở Khoa học và Công nghệ; Sở Tư pháp.\n"
        "- Thời gian thực hiện: Quý IV năm 2025 và các năm tiếp theo.",
    ),
    (
        "II.2",
        "Nghị định quy định chi tiết thi hành một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật",
        "- Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n"
        "- Thời gian thực hiện: Sau khi Nghị định quy định chi tiết thi hành một số điều của Luật Tiêu chuẩn và "
        "quy chuẩn kỹ thuật ban hành.",
    ),
]


def test_the_time_line_of_an_item_without_heading_belongs_to_the_task_its_opening_statement_names() -> None:
    snap = snapshot(LAW, LAW_ITEMS, {"II.1": "II", "II.2": "II"})
    text = ask(snap, "thời gian tuyên truyền, phổ biến luật tiêu chuẩn quy chuẩn kỹ thuật?")
    assert "Quý IV năm 2025" in text and "Sau khi Nghị định" not in text
    assert "tuyên truyền" in text  # the task the time is of is named with it


def test_the_time_line_of_a_task_of_another_plan_and_office_is_found_the_same_way() -> None:
    title = "Triển khai thi hành Luật Đường bộ trên địa bàn tỉnh"
    items = [
        (
            "II.1",
            "",
            "Công an tỉnh tổ chức tập huấn, hướng dẫn nghiệp vụ tuần tra, kiểm soát cho lực lượng cấp xã.\n"
            "- Cơ quan phối hợp: Sở Xây dựng.\n"
            "- Thời gian thực hiện: Tháng 3/2026.",
        ),
        (
            "II.2",
            "Góp ý dự thảo Nghị định hướng dẫn thi hành Luật Đường bộ",
            "- Cơ quan chủ trì: Sở Xây dựng.\n- Thời gian thực hiện: Theo tiến độ soạn thảo của Bộ Xây dựng.",
        ),
    ]
    text = ask(snapshot(title, items), "tập huấn nghiệp vụ tuần tra luật đường bộ khi nào?")
    assert "Tháng 3/2026" in text and "Theo tiến độ" not in text


def test_a_task_with_heading_answers_with_its_time_line_not_its_whole_content() -> None:
    items = [
        (
            "II.2",
            "Tổ chức tập huấn, bồi dưỡng, hướng dẫn chuyên môn, nghiệp vụ",
            "- Nội dung thực hiện: Tổ chức tập huấn, bồi dưỡng, hướng dẫn chuyên môn, nghiệp vụ cho cán bộ, công "
            "chức trực tiếp làm công tác việc làm thuộc ngành Nội vụ.\n"
            "- Cơ quan chủ trì: Sở Nội vụ.\n- Thời gian thực hiện: Năm 2025 và các năm tiếp theo.",
        ),
        ("II.3", "Rà soát văn bản", "- Thời gian thực hiện: Quý I năm 2026."),
    ]
    text = ask(snapshot("Triển khai thi hành Luật Việc làm", items), "tập huấn nghiệp vụ khi nào?")
    assert text.startswith(
        "Tổ chức tập huấn, bồi dưỡng, hướng dẫn chuyên môn, nghiệp vụ: Thời gian thực hiện: Năm 2025"
    )


def test_a_time_subsection_answers_for_the_item_it_belongs_to() -> None:
    # Hà Nội 308: "2. Về các nền tảng số / a) Nhiệm vụ / b) Cơ quan thực hiện / c) Thời gian thực hiện".
    items = [
        ("II", "NỘI DUNG", ""),
        ("II.3", "Về công tác đào tạo", ""),
        ("II.3.a", "Nhiệm vụ", "Xây dựng chương trình đào tạo, bồi dưỡng năng lực số cho cán bộ, công chức."),
        ("II.3.b", "Cơ quan thực hiện", "- Đơn vị chủ trì: Sở Khoa học và Công nghệ."),
        ("II.3.c", "Thời gian thực hiện", "Thực hiện thường xuyên."),
        ("II.4", "Về bảo đảm an toàn thông tin", ""),
        ("II.4.a", "Nhiệm vụ", "Triển khai phương án bảo đảm an toàn thông tin cho các cơ sở dữ liệu."),
        ("II.4.c", "Thời gian thực hiện", "Hoàn thành trong năm 2025."),
    ]
    parents = {
        "II.3": "II",
        "II.4": "II",
        "II.3.a": "II.3",
        "II.3.b": "II.3",
        "II.3.c": "II.3",
        "II.4.a": "II.4",
        "II.4.c": "II.4",
    }
    snap = snapshot("Thúc đẩy tạo lập dữ liệu phục vụ chuyển đổi số", items, parents)
    text = ask(snap, "đào tạo, bồi dưỡng cán bộ thực hiện khi nào?")
    assert text.startswith("Về công tác đào tạo — Thời gian thực hiện: Thực hiện thường xuyên")
    other = ask(snap, "bảo đảm an toàn thông tin phải xong khi nào?")
    assert other.startswith("Về bảo đảm an toàn thông tin — Thời gian thực hiện: Hoàn thành trong năm 2025")


def test_a_when_question_naming_only_the_plan_gets_the_plans_time_section() -> None:
    title = "Phát động đợt thi đua lập thành tích chào mừng Đại hội lần thứ XIV của Đảng"
    items = [
        ("II.1", "Chủ đề thi đua", "“Lập thành tích chào mừng Đại hội lần thứ XIV của Đảng”"),
        (
            "II.2",
            "Thời gian thực hiện",
            "Từ tháng 10/2025 đến khi tổ chức thành công Đại hội Đại biểu toàn quốc lần thứ XIV của Đảng.",
        ),
        (
            "IV.3",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Tổ chức tuyên truyền sâu rộng ý nghĩa về Đợt thi đua lập thành tích chào mừng Đại hội đại biểu toàn "
            "quốc lần thứ XIV của Đảng.",
        ),
    ]
    text = ask(snapshot(title, items), "đợt thi đua chào mừng Đại hội XIV bắt đầu từ khi nào?")
    assert "Từ tháng 10/2025" in text


def test_a_campaign_of_another_kind_gets_its_time_section_too() -> None:
    title = "Chiến dịch ra quân làm sạch môi trường nông thôn năm 2026"
    items = [
        ("I.1", "Mục đích", "Huy động người dân ra quân làm sạch môi trường nông thôn, thu gom rác thải."),
        ("II", "Thời gian", "Từ ngày 15/3/2026 đến hết ngày 30/4/2026."),
        ("III.2", "Đoàn Thanh niên xã", "Chủ trì ra quân làm sạch môi trường tại các thôn vào ngày Chủ nhật."),
    ]
    text = ask(snapshot(title, items), "chiến dịch ra quân làm sạch môi trường bắt đầu khi nào?")
    assert "15/3/2026" in text


def test_the_day_asked_is_headlined_in_numeric_form_from_the_sentence_that_gives_it() -> None:
    items = [
        (
            "I.2.b",
            "",
            "Xác định lộ trình cụ thể để bảo đảm từ ngày 01 tháng 01 năm 2026, Luật Việc làm và các văn bản quy "
            "định chi tiết, hướng dẫn thi hành Luật Việc làm được thực hiện thống nhất, đồng bộ trên địa bàn.",
        ),
        (
            "II.4",
            "Tổ chức kiểm tra việc thi hành Luật Việc làm",
            "- Cơ quan thực hiện: Sở Nội vụ.\n- Thời gian thực hiện: Năm 2026 và các năm tiếp theo.",
        ),
    ]
    text = ask(snapshot("Triển khai thi hành Luật Việc làm", items), "Luật Việc làm được thi hành từ ngày nào?")
    assert text.startswith("Từ ngày 1/1/2026 — ")


def test_a_rule_applied_from_a_day_written_in_words_is_headlined_the_same_way() -> None:
    items = [
        ("II.1", "Phạm vi", "Quy chế quản lý chợ đêm được áp dụng kể từ ngày 15 tháng 7 năm 2026 trên toàn phường."),
        ("II.2", "Kiểm tra quy chế", "- Thời gian thực hiện: Hằng quý."),
    ]
    text = ask(snapshot("Ban hành Quy chế quản lý chợ đêm", items), "quy chế quản lý chợ đêm áp dụng từ ngày nào?")
    assert text.startswith("Kể từ ngày 15/7/2026 — ")


def test_a_day_given_with_its_preposition_reads_in_numeric_form_and_a_cited_documents_date_does_not() -> None:
    assert day_given("bảo đảm từ ngày 01 tháng 01 năm 2026, Luật Việc làm") == "từ ngày 1/1/2026"
    assert day_given("lập danh sách chính thức, chậm nhất ngày 05/03/2027.") == "chậm nhất ngày 5/3/2027"
    assert day_given("phê duyệt tại Quyết định số 1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố") is None


def test_a_deadline_set_as_a_period_keeps_the_plans_words_before_the_periods_last_day() -> None:
    asked = SimpleNamespace(today=date(2025, 12, 5), folded="")

    def deadline(title: str, due: date, due_text: str) -> SimpleNamespace:
        return SimpleNamespace(
            title=title, due_date=due, due_text=due_text, recurrence=None, recipient=None, obligor=None
        )

    strategy = deadline("Rà soát Chiến lược dữ liệu thành phố.", date(2025, 12, 31), "Hoàn thành trong năm 2025.")
    assert (
        line(asked, strategy)
        == "Rà soát Chiến lược dữ liệu thành phố: Hoàn thành trong năm 2025 (hạn 31/12/2025, còn 26 ngày)"
    )  # type: ignore[arg-type]
    survey = deadline("Khảo sát hạ tầng viễn thông", date(2026, 9, 30), "Quý III Năm 2026")
    assert "Quý III Năm 2026 (hạn 30/9/2026, còn 299 ngày)" in line(asked, survey)  # type: ignore[arg-type]
    report = deadline("Báo cáo kết quả", date(2025, 11, 20), "trước ngày 20/11")
    assert line(asked, report) == "Báo cáo kết quả: hạn 20/11/2025 (đã quá hạn 15 ngày)"  # type: ignore[arg-type]
    assert period_wording("trong tháng 11/2025") == "Trong tháng 11/2025"
    assert period_wording("trước ngày 15 hằng tháng") is None and period_wording("khi tổng kết Đợt thi đua") is None


# Gia Tường's timetable (held-out plans): each conference is an item with its own days; the deadlines stored are
# of other items, so the conference asked about is timed by its own statement.
TIMETABLE = """ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM
XÃ HÒA AN
Số: 21/KH-MTTQ

KẾ HOẠCH
Tổ chức các hội nghị hiệp thương giới thiệu người ứng cử năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm dân chủ, đúng luật trong giới thiệu người ứng cử.

II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN
1. Hội nghị hiệp thương lần thứ nhất: thỏa thuận cơ cấu, thành phần người được giới
thiệu ứng cử; hoàn thành trước ngày 22/12/2025.
2. Hội nghị cử tri nơi cư trú lấy ý kiến nhận xét đối với người ứng cử: tổ chức từ
ngày 15/01/2026 đến ngày 25/01/2026 tại các thôn.
3. Hội nghị hiệp thương lần thứ ba: lập danh sách chính thức những người đủ tiêu
chuẩn ứng cử, chậm nhất ngày 28/02/2026.

III. TỔ CHỨC THỰC HIỆN
Ban Thường trực báo cáo kết quả về Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh trước ngày 25/3/2026.
"""


async def test_a_task_no_deadline_title_names_is_timed_by_its_own_statement(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    path = tmp_path / "xa-hoa-an-hiep-thuong-2026.txt"
    path.write_text(TIMETABLE, encoding="utf-8")
    outcomes = await import_paths(sessions, [path], now=NOW)
    assert outcomes[0].ok, outcomes[0].lines
    for text in ("hội nghị cử tri ở các thôn tổ chức khi nào?", "lấy ý kiến cử tri nơi cư trú từ ngày nào?"):
        async with sessions() as session:
            reply = await respond(session, message(text))
        assert fold(reply.text).startswith("tu ngay 15/1/2026"), reply.text


# Đắk Lắk 0124 and Nghệ An 982: a campaign plan's own time is a section of its content; its report is a deadline.
CAMPAIGN = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH AN
Số: 45/KH-UBND

KẾ HOẠCH
Phát động phong trào thi đua chung sức xây dựng đô thị văn minh năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Khơi dậy tinh thần thi đua trong cán bộ, công chức và Nhân dân.

II. NỘI DUNG THI ĐUA
1. Chủ đề thi đua: Chung sức xây dựng đô thị văn minh.
2. Thời gian thực hiện: Từ tháng 01/2026 đến hết tháng 12/2026.

III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi, đôn đốc; báo cáo Ủy ban nhân dân tỉnh kết quả phong trào trước ngày 15/12/2026.
2. Sở Văn hóa tuyên truyền về phong trào thi đua chung sức xây dựng đô thị văn minh.
"""


async def test_a_campaign_named_by_its_title_starts_when_its_time_section_says_and_its_report_keeps_its_deadline(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    path = tmp_path / "tinh-hoa-binh-an-thi-dua-2026.txt"
    path.write_text(CAMPAIGN, encoding="utf-8")
    outcomes = await import_paths(sessions, [path], now=NOW)
    assert outcomes[0].ok, outcomes[0].lines
    async with sessions() as session:
        started = await respond(session, message("phong trào thi đua xây dựng đô thị văn minh bắt đầu từ khi nào?"))
        report = await respond(session, message("kế hoạch 45 báo cáo kết quả phong trào khi nào?"))
    assert "tu thang 01/2026" in fold(started.text), started.text
    assert "15/12/2026" in report.text, report.text
