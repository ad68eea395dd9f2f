"""Duties read from plan text: wrapped headings joined, subjects from headings and sentences, labelled task fields,
lead and partners, lists of bodies. Each rule is checked on a sentence written here and on one from a real plan."""

from __future__ import annotations

from datetime import date

from storage.importer.assignees import given_to
from storage.importer.facts import extract_facts
from storage.importer.model import DutyFact
from storage.importer.names import body_names
from storage.importer.statements import repaired, statements
from storage.importer.structure import parse_document

HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH AN BÌNH\nSố: 12/KH-UBND\n"
    "An Bình, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nThực hiện chương trình\n"
)


def duties_of(body: str) -> list[DutyFact]:
    """The duties the importer reads from a plan made of a standard header and this body."""
    return extract_facts(parse_document(HEAD + body)).duties


def pairs(duties: list[DutyFact]) -> set[tuple[str, str | None]]:
    """(body, role) of every duty."""
    return {(duty.assignee, duty.role) for duty in duties}


def test_upper_case_heading_wrapped_over_two_lines_opens_the_duty_part() -> None:
    body = (
        "I. MỤC ĐÍCH\nNâng cao chất lượng.\n\nII. TỔ CHỨC\nTHỰC HIỆN\n\n1. Sở Y tế\n\n"
        "a) Chủ trì, phối hợp với các sở, ngành hướng dẫn thực hiện.\n\nb) Kiểm tra việc thực hiện.\n"
    )
    found = duties_of(body)
    assert pairs(found) == {("Sở Y tế", "chủ trì"), ("Sở Y tế", None)}
    assert len(found) == 2


def test_body_name_wrapped_after_its_first_word() -> None:
    # Real rendering (the corpus's 03): "**1. Sở**" / "**Khoa học và Công nghệ**" then bullets.
    real = "V. TỔ CHỨC THỰC HIỆN\n\n1. Sở\nKhoa học và Công nghệ\n- Là cơ quan thường trực, theo dõi việc thực hiện.\n"
    written = (
        "IV. TRÁCH NHIỆM THỰC HIỆN\n\n2. Ban\nQuản lý dự án tỉnh\n- Phối hợp với Sở Xây dựng giám sát công trình.\n"
    )
    assert pairs(duties_of(real)) == {("Sở Khoa học và Công nghệ", None)}
    assert pairs(duties_of(written)) == {("Ban Quản lý dự án tỉnh", "phối hợp")}


def test_item_cut_after_a_connecting_word_stays_one_duty_of_its_heading_body() -> None:
    body = (
        "V. TỔ CHỨC THỰC HIỆN\n\n2. Sở Nội vụ\n\na) Phối hợp với Sở Giáo dục và\n"
        "Đào tạo kiểm tra việc thực hiện chế độ chính sách.\n\n"
        "b) Phối hợp với các\nđơn vị liên quan rà soát biên chế.\n"
    )
    found = duties_of(body)
    assert [(d.assignee, d.role) for d in found] == [("Sở Nội vụ", "phối hợp")] * 2
    assert found[0].text.startswith("Phối hợp với Sở Giáo dục và Đào tạo kiểm tra")


def test_item_whose_first_line_is_only_a_body_name() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n\n3.\nCông an tỉnh\n\na) Chủ trì tổng hợp tình hình thực hiện.\n\n"
        "4.\nHội Liên hiệp Phụ nữ tỉnh:\nVận động hội viên tham gia.\n"
    )
    assert pairs(duties_of(body)) == {("Công an tỉnh", "chủ trì"), ("Hội Liên hiệp Phụ nữ tỉnh", None)}


def test_sentence_names_its_own_subject_in_a_responsibility_part() -> None:
    # Real (the corpus's 14): "- Sở Nội vụ hướng dẫn khen thưởng Đợt thi đua; ..."
    body = (
        "V. TRÁCH NHIỆM THỰC HIỆN\n- Sở Nội vụ hướng dẫn khen thưởng Đợt thi đua; phối hợp với các cơ quan liên quan.\n"
        "- Sở Văn hóa, Thể thao và Du lịch phối hợp với Ban Tuyên giáo tỉnh chỉ đạo công tác truyền thông.\n"
        "- Đề nghị Hội Nông dân tỉnh tuyên truyền đến hội viên.\n"
    )
    found = duties_of(body)
    assert pairs(found) == {
        ("Sở Nội vụ", None),
        ("Sở Văn hóa, Thể thao và Du lịch", "phối hợp"),
        ("Hội Nông dân tỉnh", None),
    }


def test_given_task_lead_and_partners() -> None:
    # Real (the corpus's 11): "Giao Công an tỉnh chủ trì, phối hợp với Văn phòng ..."
    real = (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "Giao Công an tỉnh chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh theo dõi việc thực hiện.\n"
    )
    written = (
        "III. KINH PHÍ\n"
        "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ và Kho bạc Nhà nước tỉnh "
        "bố trí kinh phí.\n"
    )
    assert pairs(duties_of(real)) == {("Công an tỉnh", "chủ trì"), ("Văn phòng Ủy ban nhân dân tỉnh", "phối hợp")}
    assert pairs(duties_of(written)) == {
        ("Sở Tài chính", "chủ trì"),
        ("Sở Nội vụ", "phối hợp"),
        ("Kho bạc Nhà nước tỉnh", "phối hợp"),
    }
    assert given_to("Giao Sở Y tế chủ trì thực hiện.") == "Sở Y tế chủ trì thực hiện."
    assert given_to("Sở Giáo dục và Đào tạo chủ trì thực hiện.") == "Sở Giáo dục và Đào tạo chủ trì thực hiện."


def test_labelled_fields_of_a_task() -> None:
    # Real shape (the corpus's 12): "- Cơ quan chủ trì: Sở Nội vụ, Sở" / "Giáo dục và Đào tạo, Sở Tài chính."
    body = (
        "II. NỘI DUNG\n\n2. Tổ chức tập huấn nghiệp vụ\n- Cơ quan chủ trì: Sở Nội vụ, Sở\nGiáo dục và Đào tạo.\n"
        "- Cơ quan phối hợp: Bảo hiểm xã hội tỉnh, Chi nhánh Ngân hàng Chính sách xã hội tỉnh, "
        "Ủy ban nhân dân xã, phường.\n"
        "- Thời gian thực hiện: Quý IV năm 2026.\n"
    )
    facts = extract_facts(parse_document(HEAD + body))
    assert pairs(facts.duties) == {
        ("Sở Nội vụ", "chủ trì"),
        ("Sở Giáo dục và Đào tạo", "chủ trì"),
        ("Bảo hiểm xã hội tỉnh", "phối hợp"),
        ("Chi nhánh Ngân hàng Chính sách xã hội tỉnh", "phối hợp"),
        ("Ủy ban nhân dân xã, phường", "phối hợp"),
    }
    assert {duty.text for duty in facts.duties} == {"Tổ chức tập huấn nghiệp vụ"}
    assert [(d.due, d.obligor) for d in facts.deadlines] == [(date(2026, 12, 31), "Sở Nội vụ, Sở Giáo dục và Đào tạo")]


def test_label_headed_sub_items_of_a_task() -> None:
    # Real shape (the corpus's 05): "a) Nhiệm vụ" / "b) Cơ quan thực hiện" with "- Đơn vị chủ trì: ..." / "c) Thời
    # gian".
    body = (
        "II. NHIỆM VỤ\n\n1. Xây dựng kho dữ liệu dùng chung\na) Nhiệm vụ\nRà soát, chuẩn hóa dữ liệu các ngành.\n"
        "b) Cơ quan thực hiện\n"
        "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n- Đơn vị phối hợp: Các sở, ban, ngành, UBND xã, phường.\n"
        "c) Thời gian thực hiện\nThực hiện thường xuyên.\n"
    )
    facts = extract_facts(parse_document(HEAD + body))
    assert pairs(facts.duties) == {
        ("Sở Khoa học và Công nghệ", "chủ trì"),
        ("Các sở, ban, ngành", "phối hợp"),
        ("UBND xã, phường", "phối hợp"),
    }
    assert facts.duties[0].text == "Xây dựng kho dữ liệu dùng chung: Rà soát, chuẩn hóa dữ liệu các ngành."
    assert facts.deadlines == []  # "thường xuyên" is a timing, not a deadline


def test_body_lists_keep_names_and_groups_whole() -> None:
    assert body_names("Sở Tư pháp; Sở Văn hóa, Thể thao và Du lịch và các sở, ngành có liên quan.") == [
        "Sở Tư pháp",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Các sở, ngành có liên quan",
    ]
    assert body_names("các sở, ban, ngành, UBND các xã, phường") == ["Các sở, ban, ngành", "UBND các xã, phường"]
    assert body_names("Phòng Kinh tế, Phòng Văn hóa - Xã hội và Công an xã") == [
        "Phòng Kinh tế",
        "Phòng Văn hóa - Xã hội",
        "Công an xã",
    ]


def test_statements_carry_their_heading_path_and_subject() -> None:
    body = (
        "II. TỔ CHỨC\nTHỰC HIỆN\n\n1. Sở\nTài chính\n"
        "- Thẩm định dự toán kinh phí.\n- Phối hợp với Sở Nội vụ\nbố trí biên chế.\n"
    )
    document = repaired(parse_document(HEAD + body))
    found = [(s.path, s.subject, s.text) for s in statements(document) if s.subject]
    assert found == [
        (["TỔ CHỨC THỰC HIỆN", "Sở Tài chính"], "Sở Tài chính", "Thẩm định dự toán kinh phí."),
        (["TỔ CHỨC THỰC HIỆN", "Sở Tài chính"], "Sở Tài chính", "Phối hợp với Sở Nội vụ bố trí biên chế."),
    ]


def test_a_request_to_party_committees_names_its_bodies() -> None:
    """ "Đề nghị các cấp ủy Đảng, Mặt trận ...": party committees open a list of bodies like any office."""
    from storage.importer.assignees import is_assignee

    assert is_assignee("Đề nghị các cấp ủy Đảng, Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh")
    assert is_assignee("Cấp ủy, chính quyền các xã")
    assert not is_assignee("Cấp cho các hộ nghèo thẻ bảo hiểm y tế")


def test_lead_under_a_heading_with_partners_named_in_its_text() -> None:
    # held-out plans (a commune's and a province's): "1. Phòng Kinh tế / Chủ trì, phối hợp với Phòng ... ..."
    real = "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\nChủ trì, phối hợp với Sở Xây dựng lập danh mục công trình.\n"
    written = (
        "III. TỔ CHỨC THỰC HIỆN\n\n2. Phòng Văn hóa - Xã hội\n\nChủ trì, phối hợp với Công an xã và các thôn "
        "tổ chức tuyên truyền.\n"
    )
    assert pairs(duties_of(real)) == {("Sở Y tế", "chủ trì"), ("Sở Xây dựng", "phối hợp")}
    assert pairs(duties_of(written)) == {("Phòng Văn hóa - Xã hội", "chủ trì"), ("Công an xã", "phối hợp")}


def test_a_group_after_a_coordinating_lead_continues_its_list() -> None:
    from storage.importer.assignees import coordinators

    real = "Chủ trì, phối hợp với các sở, ngành và UBND các xã, phường, đặc khu hướng dẫn, theo dõi"  # held-out
    written = "phối hợp với các phòng, ban và Công an xã kiểm tra"
    assert coordinators(real) == ["các sở, ngành", "UBND các xã, phường, đặc khu"]
    assert coordinators(written) == ["các phòng, ban", "Công an xã"]


def test_a_lead_list_in_a_sentence_gives_each_body_a_lead_duty() -> None:
    # The field form is real (the corpus's 12, "Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Tài chính",
    # test_labelled_fields_of_a_task); the same list said in a sentence, written here, leads as several bodies too.
    listed = (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "Giao Sở Y tế, Sở Công Thương chủ trì, phối hợp với Ủy ban nhân dân các xã kiểm tra an toàn thực phẩm.\n"
    )
    joined = "III. NHIỆM VỤ\nPhòng Kinh tế và Phòng Văn hóa - Xã hội chủ trì tuyên truyền về chuyển đổi số.\n"
    group = "III. NHIỆM VỤ\nCác sở, ban, ngành chủ trì rà soát thủ tục hành chính thuộc lĩnh vực quản lý.\n"
    assert pairs(duties_of(listed)) == {
        ("Sở Y tế", "chủ trì"),
        ("Sở Công Thương", "chủ trì"),
        ("Ủy ban nhân dân các xã", "phối hợp"),
    }
    assert pairs(duties_of(joined)) == {("Phòng Kinh tế", "chủ trì"), ("Phòng Văn hóa - Xã hội", "chủ trì")}
    assert pairs(duties_of(group)) == {("Các sở, ban, ngành", "chủ trì")}


def test_executing_bodies_beside_partners_lead_the_task() -> None:
    # Real (the corpus's 10): "- Cơ quan thực hiện: Sở Khoa học và Công nghệ; Sở Tư pháp; ..." then "- Cơ quan phối
    # hợp: Các sở, ngành; Ủy ban nhân dân các xã, phường."; a task table's executing column reads the same way.
    real = (
        "II. NỘI DUNG KẾ HOẠCH\n\n1. Tuyên truyền, phổ biến, tập huấn, bồi dưỡng nghiệp vụ về nội dung Luật.\n"
        "- Cơ quan thực hiện: Sở Khoa học và Công nghệ; Sở Tư pháp.\n"
        "- Cơ quan phối hợp: Các sở, ngành; Ủy ban nhân dân các xã, phường.\n"
    )
    written = "III. NHIỆM VỤ\n\n2. Rà soát hộ nghèo\n- Đơn vị thực hiện: Phòng Văn hóa - Xã hội.\n"
    assert pairs(duties_of(real)) == {
        ("Sở Khoa học và Công nghệ", "chủ trì"),
        ("Sở Tư pháp", "chủ trì"),
        ("Các sở, ngành", "phối hợp"),
        ("Ủy ban nhân dân các xã, phường", "phối hợp"),
    }
    assert pairs(duties_of(written)) == {("Phòng Văn hóa - Xã hội", None)}  # no partner: who does it, not who leads
