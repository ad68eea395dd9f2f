"""A passage is an answer only when it speaks of what was asked: a word typed with its tone marks is matched in
that tone ("lương" is not "lượng"), the question's topic (not the year it asks of) is held, and so is one of its
compounds; a question typed without marks matches folded, and paraphrases the plans answer still answer."""

from __future__ import annotations

from types import SimpleNamespace

from handlers.answers import passages
from handlers.answers.relevance import held
from handlers.messages import Reply
from handlers.snapshot import Snapshot
from storage.language.normalize import fold_expand
from storage.language.tones import asked_tones, toned


def snapshot(title: str, *bodies: tuple[str, str]) -> Snapshot:
    """One plan of a province with the given title and (heading, body) sections."""
    plan = SimpleNamespace(
        id=1,
        number="41/KH-UBND",
        issuer_unit_id=1,
        issuer_name="UBND tỉnh Một",
        title=title,
        year=2025,
        period_start=None,
        period_end=None,
        level=1,
    )
    sections = {
        i: SimpleNamespace(id=i, plan_id=1, parent_id=None, label=str(i), heading=heading, body=body)
        for i, (heading, body) in enumerate(bodies, start=1)
    }
    return Snapshot(
        version=(),
        units={1: SimpleNamespace(id=1, parent_id=None, name="Tỉnh Một")},
        aliases=[],
        plans={1: plan},
        sections=sections,
        targets=[],
        duties=[],
        deadlines=[],
        budgets=[],
        helpers=[],
    )


def ask(snap: Snapshot, text: str) -> Reply | None:
    return passages.answer(snap, fold_expand(text), None, (), raw=text)


# After plans-real 04 (Hà Nội, 5G in industrial parks) and 01 (Đồng Nai, digital economy).
FIVE_G = snapshot(
    "Phát triển hạ tầng 5G, IoT tại các khu công nghiệp",
    (
        "Mục tiêu đến hết năm 2026",
        "100% các khu công nghệ cao, khu công nghiệp, cụm công nghiệp có tối thiểu 1 trạm phát sóng 5G. "
        "Nâng cao chất lượng, số lượng dịch vụ viễn thông.",
    ),
    ("Nhiệm vụ", "Lập, giao kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030; thông báo tổng mức vốn năm 2026."),
    ("Thi đua", "Thi đua hoàn thành vượt mức các công trình phát triển kết cấu hạ tầng giao thông."),
    ("Thu phí", "Hệ thống quản lý thu phí tự động tại các bãi đỗ xe, bến xe."),
)


def test_tone_marks_typed_tell_a_wage_from_an_amount() -> None:
    assert ask(FIVE_G, "mức lương tối thiểu vùng năm 2026 là bao nhiêu?") is None
    assert ask(FIVE_G, "mức phạt vượt đèn đỏ là bao nhiêu?") is None  # "phạt" is not "phát", "vượt mức" no "mức phạt"


def test_a_question_typed_without_marks_matches_folded_and_one_with_marks_in_its_tone() -> None:
    plain = ask(FIVE_G, "nang cao chat luong dich vu vien thong the nao")
    marked = ask(FIVE_G, "nâng cao chất lượng dịch vụ viễn thông thế nào")
    assert plain is not None and "chất lượng" in plain.text
    assert marked is not None and "chất lượng" in marked.text


def test_the_year_asked_is_not_the_topic() -> None:
    assert ask(FIVE_G, "học phí đại học năm 2026 là bao nhiêu?") is None
    assert ask(FIVE_G, "giá vé xe buýt nội thành năm 2026 bao nhiêu?") is None  # "xe" alone is not the topic
    found = ask(FIVE_G, "đến năm 2026 bao nhiêu khu công nghiệp có trạm phát sóng 5G?")
    assert found is not None and "tối thiểu 1 trạm" in found.text


def test_the_plan_title_holds_the_words_that_name_the_campaign() -> None:
    # After plans-real 13/14 (thi đua chào mừng Đại hội XIV): the title names it, the section says when.
    campaign = snapshot(
        "Phát động đợt thi đua chào mừng ngày thành lập tỉnh",
        ("THỜI GIAN THỰC HIỆN", "Đợt thi đua thực hiện từ tháng 4/2026 đến hết năm 2026."),
        ("TỔ CHỨC THỰC HIỆN", "Sở Nội vụ hướng dẫn, theo dõi, đôn đốc, tổng hợp kết quả."),
    )
    found = ask(campaign, "đợt thi đua chào mừng ngày thành lập tỉnh bắt đầu từ khi nào")
    assert found is not None and "tháng 4/2026" in found.text
    other = snapshot(
        "Phong trào thi đua chung sức xây dựng nông thôn mới",
        ("THỜI GIAN", "Phong trào thi đua triển khai từ quý II/2026 đến hết năm 2030."),
        ("KINH PHÍ", "Kinh phí từ ngân sách tỉnh và nguồn xã hội hóa."),
        ("TỔ CHỨC THỰC HIỆN", "Sở Nông nghiệp và Môi trường chủ trì, tổng hợp kết quả."),
    )
    found = ask(other, "phong trào thi đua xây dựng nông thôn mới kéo dài đến khi nào")
    assert found is not None and "quý II/2026" in found.text


def test_tone_placement_old_and_new_agree() -> None:
    assert toned("hoà") == toned("hòa") and toned("Uỷ") == toned("ủy")
    assert toned("lương") != toned("lượng")
    tones = asked_tones("mức lương ubnd")
    assert "ubnd" not in tones and tones["luong"] == {toned("lương")}
    assert held("chất lượng dịch vụ", ["luong", "dich"], tones) == {"dich"}
    assert held("chất lượng dịch vụ", ["luong", "dich"], {}) == {"luong", "dich"}


def test_a_time_asked_of_the_plan_itself_is_not_judged_by_its_one_verb() -> None:
    # "KH 982 bắt đầu khi nào" (plans-real 14): the plan is named, "bắt đầu" is all that is left of the topic.
    campaign = snapshot(
        "Phát động đợt thi đua lập thành tích chào mừng Đại hội",
        ("Thời gian thực hiện", "Đợt thi đua được triển khai thực hiện từ ngày ban hành Kế hoạch đến hết năm 2026."),
        ("TỔ CHỨC THỰC HIỆN", "Sở Nội vụ hướng dẫn, theo dõi, đôn đốc, tổng hợp kết quả."),
        ("KHEN THƯỞNG", "Bắt đầu xét khen thưởng sau khi tổng kết."),
    )
    for text in ("kế hoạch 41 bắt đầu khi nào", "ke hoach 41 ket thuc khi nao", "kế hoạch 41 kéo dài đến khi nào"):
        found = passages.answer(campaign, fold_expand(text), {1}, ("ke", "hoach", "41"), raw=text)
        assert found is not None and "từ ngày ban hành" in found.text, text
