"""Who leads: a task's every lead named ("tập huấn ... do cơ quan nào chủ trì?" -> the three Sở of its lead
field or cell), its partners when asked, and the plan's lead taken from the sentence that tasks a body with
advising the issuer to follow the plan up ("tham mưu UBND tỉnh theo dõi, đôn đốc"), however many tasks others lead."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.answers.plan_lead import lead_of
from handlers.dispatch import respond
from storage.importer import import_file
from tests.test_core_data import message
from tests.test_plan_choice import snapshot

HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 31/KH-UBND\n"
    "An Bình, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nTriển khai thi hành Luật Việc làm\n"
    "I. MỤC ĐÍCH\nNâng cao hiệu quả.\n\n"
)
# The corpus's 12 (task fields, three leads in one line) and a task table written for this test.
FIELDS = (
    "II. NỘI DUNG\n\n1. Phổ biến, giáo dục Luật Việc làm\n- Cơ quan chủ trì: Sở Tư pháp.\n\n"
    "2. Tổ chức tập huấn, bồi dưỡng, hướng dẫn chuyên môn, nghiệp vụ\n"
    "- Nội dung thực hiện: Tổ chức tập huấn cho cán bộ, công chức trực tiếp làm công tác việc làm.\n"
    "- Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính.\n"
    "- Cơ quan phối hợp: Bảo hiểm xã hội tỉnh, Các cơ quan, đơn vị có liên quan.\n"
    "- Thời gian thực hiện: Quý IV năm 2026.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh theo dõi, đôn đốc thực hiện Kế hoạch.\n"
)
TABLE = (  # a tab-separated appendix table
    "II. TỔ CHỨC THỰC HIỆN\nThực hiện theo Phụ lục kèm theo.\n\nPHỤ LỤC\n\n"
    "TT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
    "1\tKiểm tra an toàn thực phẩm bếp ăn tập thể\tSở Y tế, Sở Công Thương và Sở Nông nghiệp và Môi trường"
    "\tUBND các xã, phường\tQuý II/2026\n"
    "2\tLập dự toán kinh phí kiểm tra\tSở Tài chính\tSở Y tế\tQuý I/2026\n"
)


async def _ask(sessions: async_sessionmaker[AsyncSession], path: Path, body: str, *questions: str) -> list[str]:
    path.write_text(HEAD + body, encoding="utf-8")
    outcome = await import_file(sessions, path, now=datetime(2026, 3, 6, tzinfo=UTC))
    assert outcome.ok, outcome.lines
    async with sessions() as session:
        return [(await respond(session, message(q))).text for q in questions]


async def test_every_lead_of_a_task_is_named_and_partners_only_when_asked(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    leads, both = await _ask(
        sessions,
        tmp_path / "fields.txt",
        FIELDS,
        "KH 31 tập huấn, bồi dưỡng nghiệp vụ do cơ quan nào chủ trì?",
        "kế hoạch 31 ai chủ trì, ai phối hợp tập huấn nghiệp vụ",
    )
    assert "chủ trì — Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính." in leads
    assert "Bảo hiểm xã hội" not in leads and "Sở Tư pháp" not in leads
    assert "Phối hợp: Bảo hiểm xã hội tỉnh, Các cơ quan, đơn vị có liên quan." in both


async def test_a_lead_cell_naming_three_bodies_answers_with_all_three(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (found,) = await _ask(sessions, tmp_path / "table.txt", TABLE, "đơn vị nào chủ trì kiểm tra an toàn thực phẩm?")
    assert "chủ trì — Sở Y tế, Sở Công Thương, Sở Nông nghiệp và Môi trường." in found
    assert "Sở Tài chính" not in found


def _duty(i: int, who: str, role: str | None, text: str) -> SimpleNamespace:
    return SimpleNamespace(id=i, plan_id=6, unit_id=None, assignee=who, role=role, text=text, section_id=None)


def test_the_plan_lead_is_the_body_advising_the_issuer_to_follow_it_up() -> None:
    others = "các sở, ban, ngành, Ủy ban nhân dân các xã, phường"
    real = [  # the corpus's 07: one body advises, the others are told twice about the plan, another leads four rows
        _duty(1, others, None, f"{others} chịu trách nhiệm thực hiện Kế hoạch này."),
        _duty(
            2,
            "Bộ CHQS tỉnh",
            None,
            "Bộ CHQS tỉnh có trách nhiệm tham mưu Ủy ban nhân dân tỉnh theo dõi, hướng"
            " dẫn, kiểm tra, đôn đốc các sở, ban, ngành triển khai thực hiện; tổng hợp báo cáo kết quả thực hiện"
            " Kế hoạch.",
        ),
        _duty(
            3,
            others,
            None,
            "Căn cứ nội dung Kế hoạch, xây dựng kế hoạch triển khai; hằng năm báo cáo về Ban"
            " Chỉ huy để tổng hợp, báo cáo.",
        ),
        _duty(4, others, None, "Căn cứ Kế hoạch, kịp thời phản ánh về Ban Chỉ huy để tổng hợp, báo cáo."),
        *(_duty(5 + i, "Ban Chỉ huy Phòng thủ dân sự tỉnh", "chủ trì", f"Diễn tập {i}.") for i in range(4)),
    ]
    written = [
        _duty(1, "Phòng Tài chính - Kế hoạch", "chủ trì", "Chủ trì theo dõi giải ngân, tổng hợp kế hoạch vốn."),
        _duty(2, "Phòng Tài chính - Kế hoạch", "chủ trì", "Chủ trì lập dự toán."),
        _duty(3, "Phòng Văn hóa - Xã hội", None, "Là cơ quan thường trực, tham mưu UBND huyện tổ chức thực hiện."),
        _duty(4, "Văn phòng HĐND và UBND", None, "Giúp Chủ tịch UBND huyện kiểm tra, đôn đốc các xã."),
    ]
    query = SimpleNamespace(snap=snapshot(duties=real))
    assert lead_of(query, query.snap.plans[6]) == ("Bộ CHQS tỉnh", real[1])  # type: ignore[arg-type]
    query = SimpleNamespace(snap=snapshot(duties=written))
    assert lead_of(query, query.snap.plans[6])[0] == "Phòng Văn hóa - Xã hội"  # type: ignore[arg-type,index]
    query = SimpleNamespace(snap=snapshot(duties=[written[0], written[1], written[3]]))
    assert lead_of(query, query.snap.plans[6])[0] == "Văn phòng HĐND và UBND"  # type: ignore[arg-type,index]


ORGANISATION = (  # the corpus's 07 section IV, the advising body second, the others told twice about the plan
    "II. TỔ CHỨC THỰC HIỆN\n"
    "1. Các sở, ban, ngành, Ủy ban nhân dân các xã, phường chịu trách nhiệm thực hiện Kế hoạch này.\n"
    "2. Bộ CHQS tỉnh có trách nhiệm tham mưu Ủy ban nhân dân tỉnh theo dõi, hướng dẫn, kiểm tra, đôn đốc các sở,"
    " ban, ngành triển khai thực hiện; tổng hợp báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện Kế hoạch.\n"
    "3. Căn cứ nội dung Kế hoạch, các sở, ban, ngành, Ủy ban nhân dân các xã, phường xây dựng Kế hoạch triển"
    " khai; hằng năm báo cáo kết quả về Ban Chỉ huy Phòng thủ dân sự tỉnh để tổng hợp, báo cáo.\n"
)


async def test_who_advises_or_follows_up_the_plan_is_its_lead(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    answers = await _ask(
        sessions,
        tmp_path / "organisation.txt",
        ORGANISATION,
        "ai tham mưu UBND tỉnh theo dõi, đôn đốc kế hoạch 31?",
        "ai theo dõi, đôn đốc kế hoạch 31",
        "cơ quan nào giúp Ủy ban nhân dân tỉnh theo dõi KH 31?",
    )
    for found in answers:
        assert "cơ quan chủ trì, theo dõi thực hiện là Bộ CHQS tỉnh." in found, found


async def test_a_task_named_in_two_words_is_asked_of_its_leads_not_of_the_plan(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (found,) = await _ask(sessions, tmp_path / "fields.txt", FIELDS, "kế hoạch 31 cơ quan nào chủ trì tập huấn?")
    assert "chủ trì — Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính." in found
    assert "cơ quan chủ trì, theo dõi thực hiện" not in found
