"""Reading back the real plans: the duties per office (lead / coordinate / other) and the dated or recurring
deadlines a careful reader finds in each, written by reading the documents. The importer must find at least 90 %
of each list and nothing that is not in the document."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from storage.importer import prepare
from storage.importer.deadlines import numeric_dates
from storage.importer.model import Facts
from storage.language.text import fold
from tests.conftest import SHARED

CORPUS = SHARED / "plans-real"
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="real plans corpus not available")

ANY = "*"  # the office has a duty, whatever its role
LEAD, PARTNER = "chủ trì", "phối hợp"
MONTHLY, YEARLY, HALF_YEAR, DAILY = "hằng tháng", "hằng năm", "6 tháng", "hằng ngày"

# (office, role) pairs. An office is matched by the start of the name the importer stored.
DUTIES: dict[str, list[tuple[str, str]]] = {
    "01_": [  # 21 numbered items of "VI. TỔ CHỨC THỰC HIỆN", then the appendix task table (~94 rows)
        ("Sở Khoa học và Công nghệ", LEAD),
        ("Sở Khoa học và Công nghệ", PARTNER),
        ("Sở Tài chính", LEAD),
        ("Sở Tài chính", PARTNER),
        ("Sở Nông nghiệp và Môi trường", LEAD),
        ("Sở Y tế", LEAD),
        ("Sở Giáo dục và Đào tạo", LEAD),
        ("Sở Văn hóa, Thể thao và Du lịch", LEAD),
        ("Sở Công Thương", LEAD),
        ("Sở Công Thương", PARTNER),
        ("Ngân hàng nhà nước Việt Nam - Chi nhánh Khu vực II", LEAD),
        ("Công an tỉnh", LEAD),
        ("Bộ Chỉ huy Quân sự tỉnh", LEAD),
        ("Sở Nội vụ", LEAD),
        ("Sở Nội vụ", PARTNER),
        ("Sở Ngoại vụ", ANY),
        ("Sở Xây dựng", LEAD),
        ("Các sở, ban ngành, cơ quan thuộc tỉnh", LEAD),
        ("Báo và Phát thanh, Truyền hình Đồng Nai", ANY),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai", ANY),
        ("Liên đoàn Lao động tỉnh", ANY),
        ("Hội Nông dân tỉnh", ANY),
        ("Liên minh Hợp tác xã", ANY),
        ("Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai", ANY),
        ("Hội, hiệp hội xã hội nghề nghiệp", ANY),
        ("Các doanh nghiệp công nghệ số", ANY),
        ("Các doanh nghiệp viễn thông", ANY),
        ("Các doanh nghiệp nhà nước", ANY),
        ("Các cơ sở đào tạo đại học", ANY),
        ("Các sở, ban, ngành, đoàn thể tỉnh", ANY),  # "Yêu cầu các sở, ban, ngành, đoàn thể tỉnh; UBND ..."
        ("Sở Tư pháp", LEAD),  # the appendix's rows
        ("Ban Quản lý các Khu công nghiệp", LEAD),
        ("Các cơ quan quản lý các lĩnh vực trọng điểm", LEAD),
        ("Thuế Đồng Nai", LEAD),
        ("Bảo hiểm xã hội tỉnh", LEAD),
        ("Các Trường Đại học, Cao đẳng", LEAD),
        ("UBND các phường xã", LEAD),
        ("Các sở, ban, ngành", PARTNER),
        ("UBND các phường, xã", PARTNER),
        ("Các doanh nghiệp cung cấp dịch vụ bưu chính", PARTNER),
        ("Báo và Phát thanh, Truyền hình tỉnh Đồng Nai", PARTNER),
    ],
    "02_": [  # "2. Phân công trách nhiệm" 2.1–2.13 and "IV. TỔ CHỨC THỰC HIỆN"
        ("Sở Tài chính", ANY),
        ("Sở Tài chính", PARTNER),
        ("Sở Nội vụ", PARTNER),
        ("Công an tỉnh", LEAD),
        ("Sở Xây dựng", PARTNER),  # 2.3 b) "Chủ trì, phối hợp" then one bullet per partner
        ("Sở Nông nghiệp và Môi trường", PARTNER),
        ("Bộ Chỉ huy Quân sự tỉnh", LEAD),
        ("Sở Y tế", LEAD),
        ("Sở Văn hóa, Thể thao và Du lịch", LEAD),
        ("Sở Giáo dục và Đào tạo", LEAD),
        ("Sở Tư pháp", LEAD),
        ("Liên đoàn Lao động tỉnh", LEAD),  # asked: "Đề nghị Liên đoàn Lao động tỉnh"
        ("Viện kiểm sát nhân dân tỉnh", ANY),
        ("Tòa án nhân dân tỉnh", ANY),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ANY),
        ("Các Sở, ban, ngành khác", ANY),  # "phối hợp với các Sở, ban, ngành được giao chủ trì": not a lead
        ("Ủy ban nhân dân xã, phường", ANY),
        ("Các Sở, ban, ngành, đoàn thể cấp tỉnh", ANY),
    ],
    "07_": [  # "IV. TỔ CHỨC THỰC HIỆN" and the appendix task table
        ("Các sở, ban, ngành", ANY),
        ("Bộ CHQS tỉnh", ANY),
        ("Sở Tài chính", ANY),
        ("Ủy ban nhân dân các xã, phường", ANY),
        ("Bộ CHQS tỉnh", LEAD),
        ("UBND cấp xã", LEAD),
        ("Văn phòng Ban Chỉ huy", PARTNER),
        ("Các sở, ban, ngành", PARTNER),
        ("Sở Tài chính", LEAD),
        ("Sở Tài chính", PARTNER),
        ("Cơ quan, địa phương liên quan", PARTNER),
        ("Sở, ban, ngành, tổ chức chính trị - xã hội", LEAD),
        ("Cơ quan liên quan", PARTNER),
        ("Sở Y tế", LEAD),
        ("Sở Khoa học và Công nghệ", LEAD),
        ("Sở Xây dựng", LEAD),
        ("Bộ Quốc phòng", PARTNER),
        ("Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã", LEAD),
        ("Ban Chỉ huy Phòng thủ dân sự tỉnh", LEAD),
        ("Cơ quan có liên quan", PARTNER),
        ("Sở Nông nghiệp và Môi trường", LEAD),
        ("Các tổ chức chính trị-xã hội", PARTNER),
    ],
    "03_": [
        ("Sở Khoa học và Công nghệ", LEAD),
        ("Sở Khoa học và Công nghệ", PARTNER),
        ("Sở Nông nghiệp và Môi trường", LEAD),
        ("Sở Công Thương", LEAD),
        ("Sở Công Thương", PARTNER),
        ("Sở Tài chính", PARTNER),
        ("Sở Giáo dục và Đào tạo", LEAD),
        ("Sở Giáo dục và Đào tạo", PARTNER),
        ("Ban Quản lý khu Kinh tế", PARTNER),
        ("Liên hiệp các Hội Khoa học và Kỹ thuật", ANY),
        ("Các sở, ban, ngành", ANY),
        ("Ủy ban nhân dân xã, phường", PARTNER),
        ("Hiệp hội Doanh nghiệp", ANY),
    ],
    "04_": [
        ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", LEAD),
        ("Ban Quản lý các khu công nghệ cao và khu công nghiệp", PARTNER),
        ("Sở Khoa học và Công nghệ", ANY),
        ("Sở Tài chính", LEAD),
        ("Các Sở, ban, ngành", PARTNER),
        ("Các doanh nghiệp viễn thông", ANY),
    ],
    "05_": [
        ("Sở Khoa học và Công nghệ", LEAD),
        ("Sở Khoa học và Công nghệ", PARTNER),
        ("Các Sở, ban, ngành", LEAD),
        ("Các Sở, ban, ngành", PARTNER),
        ("Công an Thành phố", LEAD),
        ("UBND xã, phường", PARTNER),
        ("Sở Tài chính", PARTNER),
    ],
    "06_": [
        ("Sở Giáo dục và Đào tạo", LEAD),
        ("Sở Nội vụ", PARTNER),
        ("Sở Y tế", PARTNER),
        ("Sở Tài chính", LEAD),
        ("Sở Văn hóa, Thể thao và Du lịch", PARTNER),
        ("Sở Xây dựng", LEAD),
        ("Sở Nông nghiệp và Môi trường", ANY),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", LEAD),
        ("Ủy ban nhân dân các xã, phường", ANY),
    ],
    "08_": [
        ("Sở Xây dựng", LEAD),
        ("Sở Xây dựng", PARTNER),
        ("Sở Khoa học và Công nghệ", LEAD),
        ("Sở Khoa học và Công nghệ", PARTNER),
        ("Sở Tài chính", ANY),
        ("Sở Nông nghiệp và Môi trường", PARTNER),
        ("Công an Tỉnh", LEAD),
        ("Ủy ban nhân dân cấp xã", PARTNER),
    ],
    "09_": [
        ("Sở Y tế", LEAD),
        ("Sở Nông nghiệp và Môi trường", ANY),
        ("Sở Tài chính", ANY),
        ("UBND các xã, phường", ANY),
        ("Các đoàn thể", ANY),
        ("Trung tâm Kiểm soát bệnh tật tỉnh", LEAD),
    ],
    "10_": [
        ("Sở Khoa học và Công nghệ", LEAD),
        ("Sở Tư pháp", ANY),
        ("Sở Văn hóa, Thể thao và Du lịch", ANY),
        ("Báo và Phát thanh Truyền hình Lai Châu", ANY),
        ("Các sở, ngành", PARTNER),
        ("Ủy ban nhân dân các xã, phường", PARTNER),
        ("Sở Tài chính", ANY),
    ],
    "12_": [
        ("Sở Nội vụ", LEAD),
        ("Sở Giáo dục và Đào tạo", LEAD),
        ("Sở Tài chính", LEAD),
        ("Sở Tư pháp", ANY),
        ("Đài Phát thanh và Truyền hình Thành phố", ANY),
        ("Bảo hiểm xã hội Thành phố", PARTNER),
        ("Chi nhánh Ngân hàng Chính sách xã hội Thành phố", PARTNER),
        ("Ủy ban nhân dân xã, phường, đặc khu", PARTNER),
    ],
    "11_": [
        ("Công an tỉnh", LEAD),
        ("Công an tỉnh", PARTNER),
        ("Bộ Chỉ huy Quân sự tỉnh", PARTNER),
        ("Sở Khoa học và Công nghệ", LEAD),
        ("Sở Nội vụ", LEAD),
        ("Các sở, ban, ngành, đoàn thể cấp tỉnh", ANY),
        ("Văn phòng Tỉnh ủy", ANY),  # first of the bodies asked ("Đề nghị") to act
        ("Văn phòng UBND tỉnh", PARTNER),
    ],
    "13_": [
        ("Các cơ quan, đơn vị, địa phương", ANY),
        ("Mặt trận Tổ quốc Việt Nam tỉnh", PARTNER),
        ("Sở Văn hóa, Thể thao và Du lịch", PARTNER),
        ("Sở Nội vụ", LEAD),
    ],
    "14_": [
        ("Các cơ quan, đơn vị", ANY),
        ("Ủy ban Mặt trận Tổ quốc tỉnh", ANY),
        ("Sở Văn hóa, Thể thao và Du lịch", PARTNER),
        ("Hội đồng Thi đua - Khen thưởng", ANY),
        ("Sở Nội vụ", ANY),
    ],
}

# (first due day, recurrence): every deadline a reader can put on a calendar, and every report the plan asks for on a
# cycle or at an event without a day (due None); nothing else may be found.
DEADLINES: dict[str, list[tuple[date | None, str | None]]] = {
    "01_": [(None, YEARLY), (None, HALF_YEAR)],  # Sở KH&CN "(định kỳ hằng năm)"; "Định kỳ 06 tháng" to Sở KH&CN
    "02_": [(date(2025, 11, 30), None)],  # "trong tháng 11/2025": Sở VHTTDL's report, each body's own plan
    "03_": [(date(2025, 11, 20), YEARLY), (date(2025, 11, 30), YEARLY)],  # units to Sở KH&CN, Sở KH&CN to UBND
    # 04: the body's "trước ngày 30 tháng 11 hàng năm"; the appendix's "Quý III Năm 2026", "Quý IV/2025- Quý II/2026"
    "04_": [
        (date(2025, 11, 30), YEARLY),
        (date(2026, 9, 30), None),
        (date(2026, 6, 30), None),
    ],
    "05_": [  # monthly reports (the 20th, the 15th) and four tasks "Hoàn thành trong năm 2025"
        (date(2025, 11, 20), MONTHLY),
        (date(2025, 12, 20), MONTHLY),
        (date(2025, 12, 15), MONTHLY),
        (date(2025, 12, 31), None),
    ],
    "06_": [],  # "Hằng năm, tổ chức kiểm tra ...; ... báo cáo": the year governs the inspection; no day
    # 07 body: "Hằng năm báo cáo ... về Ban Chỉ huy PTDS tỉnh"; appendix: "Trước ngày 30/11/2025", "Tháng 12 hằng năm"
    "07_": [
        (None, YEARLY),
        (date(2025, 11, 30), None),
        (date(2025, 12, 31), YEARLY),
    ],
    "08_": [(date(2025, 11, 30), YEARLY)],  # "Định kỳ hằng năm (trước ngày 30 tháng 11)"
    "09_": [(None, DAILY)],  # "báo cáo hằng ngày", "Báo cáo tổng hợp hàng ngày gửi UBND tỉnh"; hours after the flood
    "10_": [(date(2025, 12, 31), YEARLY), (None, YEARLY)],  # "Quý IV năm 2025 và các năm tiếp theo"; Sở KH&CN yearly
    "11_": [],  # "định kỳ báo cáo ... theo quy định": no cycle named
    "12_": [],  # "Năm 2025 và các năm tiếp theo": spans, no day
    "13_": [(None, None)],  # "khi tổng kết Đợt thi đua"
    "14_": [],
}

# The reports without a day: (cycle or timing as written, who reports, to whom), names matched by their start.
CYCLES: dict[str, list[tuple[str, str, str | None]]] = {
    "01_": [
        (YEARLY, "Sở Khoa học và Công nghệ", "UBND tỉnh, Bộ Khoa học và Công nghệ"),
        (HALF_YEAR, "các cơ quan có liên quan", "Sở Khoa học Công nghệ"),
    ],
    "07_": [(YEARLY, "các sở, ban, ngành", "Ban Chỉ huy Phòng thủ dân sự tỉnh qua Văn phòng Ban Chỉ huy")],
    "09_": [
        (DAILY, "Các Trung tâm y tế", None),
        (DAILY, "Sở Y tế", "UBND tỉnh, Ban Chỉ huy Phòng chống thiên tai và tìm kiếm cứu nạn"),
    ],
    "10_": [(YEARLY, "Sở Khoa học và Công nghệ", "Chủ tịch Ủy ban nhân dân tỉnh")],
    "13_": [("khi tổng kết Đợt thi đua", "Các cơ quan, đơn vị, địa phương", "Ủy ban nhân dân tỉnh qua Sở Nội vụ")],
}


def _plan(prefix: str) -> tuple[Facts, str]:
    """The facts read from the corpus file with that prefix, and its text folded with wraps and marks removed."""
    path = next(CORPUS.glob(f"{prefix}*.md"))
    return prepare(path).facts, _folded(numeric_dates(_folded_lines(path.read_text(encoding="utf-8"))))


def _folded_lines(text: str) -> str:
    """The text with wraps and Markdown marks removed, case and accents kept (dates in words read as numbers)."""
    return re.sub(r"\s+", " ", re.sub(r"[*_|#\\]", " ", text))


def _folded(text: str) -> str:
    """Folded text on one line, without Markdown marks, for "is this in the document"."""
    return re.sub(r"\s+", " ", fold(re.sub(r"[*_|#\\]", " ", text)))


def _found(facts: Facts, office: str, role: str) -> bool:
    """The office leads the assignee, or is a member of a group assignee ("các cấp ủy Đảng, Mặt trận ... và ...")."""
    key = re.escape(fold(office))
    member = re.compile(rf"(?:^|, |\bva ){key}")
    return any(member.search(fold(duty.assignee)) and (role == ANY or duty.role == role) for duty in facts.duties)


@pytest.mark.parametrize("prefix", sorted(DUTIES))
def test_duties_per_office(prefix: str) -> None:
    facts, text = _plan(prefix)
    expected = DUTIES[prefix]
    missing = [pair for pair in expected if not _found(facts, *pair)]
    assert len(expected) - len(missing) >= 0.9 * len(expected), missing
    invented = {duty.assignee for duty in facts.duties if _folded(duty.assignee) not in text}
    assert not invented
    fragments = {duty.assignee for duty in facts.duties if len(duty.assignee.split()) < 2}
    assert not fragments


@pytest.mark.parametrize("prefix", sorted(DEADLINES))
def test_deadlines(prefix: str) -> None:
    facts, text = _plan(prefix)
    expected = set(DEADLINES[prefix])
    found = {(deadline.due, deadline.recurrence) for deadline in facts.deadlines}
    assert len(expected & found) >= 0.9 * len(expected), expected - found
    assert found <= expected, found - expected
    assert all(_folded(deadline.due_text).strip(" .") in text for deadline in facts.deadlines)


def _cycle_found(facts: Facts, timing: str, obligor: str, recipient: str | None) -> bool:
    """An undated deadline with that cycle (or timing as written), owed by and sent to bodies named so."""
    return any(
        deadline.due is None
        and timing in (deadline.recurrence, deadline.due_text)
        and fold(deadline.obligor or "").startswith(fold(obligor))
        and (fold(deadline.recipient or "").startswith(fold(recipient)) if recipient else not deadline.recipient)
        for deadline in facts.deadlines
    )


@pytest.mark.parametrize("prefix", sorted(DEADLINES))
def test_reports_without_a_day_say_who_reports_to_whom(prefix: str) -> None:
    facts, _text = _plan(prefix)
    expected = CYCLES.get(prefix, [])
    missing = [cycle for cycle in expected if not _cycle_found(facts, *cycle)]
    assert len(expected) - len(missing) >= 0.9 * len(expected), missing
    assert len([d for d in facts.deadlines if d.due is None]) == len(expected)


def test_no_yearly_deadline_lands_in_the_plans_last_year() -> None:
    for path in sorted(Path(CORPUS).glob("*.md")):
        if path.name == "README.md":
            continue
        read = prepare(path)
        issued = read.document.header.doc_date
        for deadline in read.facts.deadlines:
            if deadline.recurrence == YEARLY and issued and deadline.due:
                assert deadline.due.year <= issued.year + 1, (path.name, deadline)
