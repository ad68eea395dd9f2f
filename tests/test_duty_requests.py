"""Requests: bodies a plan cannot order (the Mặt trận, mass organisations, courts, banks) are asked ("Đề nghị ...",
"Khuyến khích ..."); their duties are marked so, stored, and shown "(đề nghị)" in `kehoach show` and in answers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.render.show import describe
from storage.importer import import_file
from storage.importer.facts import extract_facts
from storage.importer.model import DutyFact
from storage.importer.structure import parse_document
from storage.models import Responsibility
from tests.test_core_data import message

HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 31/KH-UBND\n"
    "An Bình, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nThực hiện chương trình phòng, chống ma túy\n"
    "I. MỤC ĐÍCH\nNâng cao hiệu quả.\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
)


def duties_of(body: str) -> list[DutyFact]:
    return extract_facts(parse_document(HEAD + body)).duties


def asked(duties: list[DutyFact]) -> dict[str, bool]:
    """Each assignee and whether its duties are asked of it."""
    return {duty.assignee: duty.requested for duty in duties}


def test_heading_that_asks_marks_the_duties_under_it() -> None:
    real = duties_of(  # the corpus's 02: "2.9. Đề nghị Liên đoàn Lao động tỉnh" then the task
        "1. Sở Tư pháp\nChủ trì, phối hợp với các đơn vị liên quan tổ chức triển khai thực hiện Dự án 8.\n\n"
        "2. Đề nghị Liên đoàn Lao động tỉnh\nChủ trì, phối hợp với các Sở, ban, ngành liên quan tổ chức thực hiện "
        "Tiểu dự án 4.\n"
    )
    written = duties_of(
        "1. Sở Nội vụ\n- Hướng dẫn công tác thi đua, khen thưởng.\n\n"
        "2. Đề nghị Hội Cựu chiến binh tỉnh\n- Vận động hội viên tham gia phát hiện, tố giác tội phạm.\n"
        "- Phối hợp với Công an tỉnh quản lý người sau cai nghiện.\n"
    )
    assert asked(real) == {"Sở Tư pháp": False, "Liên đoàn Lao động tỉnh": True}
    assert asked(written) == {"Sở Nội vụ": False, "Hội Cựu chiến binh tỉnh": True}
    assert sum(duty.requested for duty in written) == 2


def test_sentence_that_asks_or_encourages_marks_its_subjects_duty() -> None:
    real = duties_of(  # 01: "**17.** Khuyến khích Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh, ..."
        "1. Sở Xây dựng: Chủ trì, phối hợp với các sở, ngành triển khai tích hợp IoT vào hạ tầng.\n\n"
        "2. Khuyến khích Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh chủ động phát động các chiến dịch tuyên truyền.\n"
    )
    written = duties_of(
        "1. Sở Giáo dục và Đào tạo tổ chức tuyên truyền trong trường học.\n\n"
        "2. Đề nghị Ngân hàng Chính sách xã hội tỉnh hỗ trợ vay vốn cho người sau cai nghiện.\n"
    )
    assert asked(real) == {"Sở Xây dựng": False, "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh": True}
    assert asked(written) == {"Sở Giáo dục và Đào tạo": False, "Ngân hàng Chính sách xã hội tỉnh": True}


async def test_asked_duty_is_stored_and_shown_as_asked(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    path = tmp_path / "an_binh.txt"
    path.write_text(
        HEAD + "1. Sở Y tế\nChủ trì, phối hợp với các đơn vị liên quan triển khai Dự án 6.\n\n"
        "2. Đề nghị Hội Cựu chiến binh tỉnh\nVận động hội viên tham gia phát hiện, tố giác tội phạm về ma túy.\n",
        encoding="utf-8",
    )
    outcome = await import_file(sessions, path, now=datetime(2026, 3, 6, tzinfo=UTC))
    assert outcome.ok, outcome.lines
    async with sessions() as session:
        stored = {row.assignee: row.requested for row in await session.scalars(select(Responsibility))}
        shown = await describe(session, "31/KH-UBND") or ""
        answer = await respond(session, message("Hội Cựu chiến binh tỉnh có nhiệm vụ gì?"))
    assert stored == {"Sở Y tế": False, "Hội Cựu chiến binh tỉnh": True}
    assert "(đề nghị) Vận động hội viên" in shown and "(chủ trì, Dự án 6) Chủ trì" in shown
    assert "(đề nghị) Vận động hội viên" in answer.text
