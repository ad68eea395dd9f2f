"""Who a duty sentence names and in what role, by grammar: the name ends at its verb (a capitalised word after an
organisation's noun is still the name), a lead said of others is not the subject's, an open "Chủ trì, phối hợp"
takes its partners from the bullets, a long list of bodies asked to act gives each its duty. Each rule is checked
on a sentence from a real plan and on one written here."""

from __future__ import annotations

from storage.importer.assignees import coordinators, split_assignee
from storage.language.obligors import obligor_levels
from storage.language.roles import Role, role_of
from tests.test_duties_reading import duties_of, pairs

DUTY_PART = "V. TỔ CHỨC THỰC HIỆN\n\n"


def test_lead_said_of_the_bodies_worked_with_is_not_the_subjects() -> None:
    real = "Căn cứ chức năng, nhiệm vụ, phối hợp với các Sở, ban, ngành được giao chủ trì để tham mưu thực hiện."
    written = "Phối hợp với các phòng được giao nhiệm vụ chủ trì dự án rà soát đối tượng."
    assert role_of(real) is None
    assert role_of(written) is Role.COORDINATE
    assert role_of("được phân công chủ trì thực hiện nhiệm vụ được giao tại Kế hoạch này") is Role.LEAD


def test_capitalised_word_after_an_organisations_noun_belongs_to_its_name() -> None:
    real = "Ủy ban Kiểm tra Tỉnh ủy tăng cường công tác bảo vệ bí mật nhà nước."
    written = "Trung tâm Hỗ trợ doanh nghiệp tỉnh tổ chức tập huấn cho hợp tác xã."
    post = "Công chức Lao động- TB&XH Chủ trì phối hợp với công chức Tài chính rà soát hộ nghèo."
    assert split_assignee(real)[0] == "Ủy ban Kiểm tra Tỉnh ủy"
    assert split_assignee(written)[0] == "Trung tâm Hỗ trợ doanh nghiệp tỉnh"
    assert split_assignee(post)[0] == "Công chức Lao động- TB&XH"


def test_planning_and_priority_verbs_end_a_list_of_bodies() -> None:
    real = (
        "Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã xây dựng kế hoạch hành động và chỉ đạo "
        "hệ thống tổ chức thành viên."
    )
    written = "Các doanh nghiệp viễn thông, doanh nghiệp bưu chính ưu tiên bố trí nguồn lực đầu tư hạ tầng số."
    assert split_assignee(real)[0] == "Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã"
    assert split_assignee(written)[0] == "Các doanh nghiệp viễn thông, doanh nghiệp bưu chính"


def test_political_organisations_in_a_list_are_bodies_not_the_verb_to_organise() -> None:
    real = (
        "Các sở, ban, ngành, tổ chức chính trị - xã hội, Ủy ban nhân dân các xã, phường chịu trách nhiệm thực "
        "hiện Kế hoạch này."
    )
    written = "Các phòng, tổ chức chính trị - xã hội huyện tổ chức tuyên truyền Kế hoạch."
    assert split_assignee(real)[0] == "Các sở, ban, ngành, tổ chức chính trị - xã hội, Ủy ban nhân dân các xã, phường"
    assert split_assignee(written)[0] == "Các phòng, tổ chức chính trị - xã hội huyện"


def test_a_long_list_of_bodies_asked_gives_each_its_own_asked_duty() -> None:
    real = duties_of(  # the corpus's 11: "**6.** Đề nghị Văn phòng Tỉnh ủy ... tăng cường ..."
        DUTY_PART + "6. Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy, Văn phòng "
        "Đoàn đại biểu Quốc hội và HĐND tỉnh, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Viện kiểm sát nhân dân tỉnh, "
        "Tòa án nhân dân tỉnh, Thuế tỉnh, Kiểm toán nhà nước khu vực II, Kho bạc nhà nước khu vực XI, Ngân hàng nhà "
        "nước khu vực 8, Chi cục Hải quan khu vực XI tăng cường công tác bảo vệ bí mật nhà nước.\n"
    )
    written = duties_of(
        DUTY_PART + "3. Đề nghị Ban Tuyên giáo và Dân vận Huyện ủy, Văn phòng Huyện ủy, Ủy ban Mặt trận Tổ quốc "
        "Việt Nam huyện, Huyện đoàn, Hội Liên hiệp Phụ nữ huyện, Hội Cựu chiến binh huyện, Hội Nông dân huyện, "
        "Liên đoàn Lao động huyện, Bảo hiểm xã hội huyện, Chi cục Thuế khu vực, Kho bạc nhà nước khu vực phối hợp "
        "tuyên truyền thực hiện Kế hoạch.\n"
    )
    assert [d.assignee for d in real] == [
        "Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy",
        "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Viện kiểm sát nhân dân tỉnh",
        "Tòa án nhân dân tỉnh",
        "Thuế tỉnh",
        "Kiểm toán nhà nước khu vực II",
        "Kho bạc nhà nước khu vực XI",
        "Ngân hàng nhà nước khu vực 8",
        "Chi cục Hải quan khu vực XI",
    ]
    assert all(d.requested for d in real)
    assert len(written) == 11 and all(d.requested for d in written)
    assert written[0].assignee == "Ban Tuyên giáo và Dân vận Huyện ủy"


def test_open_lead_with_partners_takes_its_partners_from_the_bullets() -> None:
    real = duties_of(  # 02: "b) Chủ trì, phối hợp" then "- Sở Tài chính và ... tham mưu ..." under "2.3. Công an tỉnh"
        DUTY_PART + "3. Công an tỉnh\n\na) Chủ trì, phối hợp với các đơn vị liên quan xây dựng kế hoạch thực hiện.\n\n"
        "b) Chủ trì, phối hợp\n- Sở Tài chính và các đơn vị có liên quan tham mưu Ủy ban nhân dân tỉnh bố trí ngân "
        "sách.\n- Sở Xây dựng, Sở Tài chính tổ chức rà soát cơ sở vật chất của các cơ sở cai nghiện.\n"
    )
    written = duties_of(
        DUTY_PART + "2. Sở Y tế\n\nChủ trì, phối hợp với:\n- Sở Giáo dục và Đào tạo tổ chức khám sức khỏe học sinh."
        "\n- Ủy ban nhân dân các xã, phường rà soát trẻ em suy dinh dưỡng.\n"
    )
    assert {("Sở Tài chính", "phối hợp"), ("Sở Xây dựng", "phối hợp")} <= pairs(real)
    assert sum(1 for d in real if d.assignee == "Công an tỉnh" and d.role == "chủ trì") == 3
    assert pairs(written) == {
        ("Sở Y tế", "chủ trì"),
        ("Sở Giáo dục và Đào tạo", "phối hợp"),
        ("Ủy ban nhân dân các xã, phường", "phối hợp"),
    }


def test_list_of_bodies_after_an_opening_clause_is_the_subject() -> None:
    real = duties_of(  # 02, IV.1
        "IV. TỔ CHỨC THỰC HIỆN\n\nCăn cứ Kế hoạch này, các Sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc "
        "đóng trên địa bàn, Ủy ban nhân dân xã, phường xây dựng kế hoạch hoặc văn bản triển khai thực hiện.\n"
    )
    written = duties_of(
        "IV. TỔ CHỨC THỰC HIỆN\n\nCăn cứ nội dung Kế hoạch, các phòng, ban, ngành, Ủy ban nhân dân các xã "
        "xây dựng kế hoạch thực hiện trước ngày 15/3/2026.\n"
    )
    assert [d.assignee for d in real] == [
        "các Sở, ban, ngành, đoàn thể cấp tỉnh, cơ quan ngành dọc đóng trên địa bàn, Ủy ban nhân dân xã, phường"
    ]
    assert [d.assignee for d in written] == ["các phòng, ban, ngành, Ủy ban nhân dân các xã"]


def test_state_agencies_branches_owe_at_the_issuers_level() -> None:
    for name in ("Thuế tỉnh", "Kiểm toán nhà nước khu vực II", "Chi cục Hải quan khu vực XI", "Thuế Đồng Nai"):
        assert obligor_levels(name, 1) == frozenset({1}), name
    assert obligor_levels("Chi cục Thuế khu vực", 2) == frozenset({2})


def test_a_lettered_item_under_a_body_may_name_its_own_subject() -> None:
    real = duties_of(  # 01: "**19. Các doanh nghiệp công nghệ số**" then "a) Các doanh nghiệp viễn thông, ..."
        DUTY_PART + "19. Các doanh nghiệp công nghệ số\n\na) Các doanh nghiệp viễn thông, doanh nghiệp bưu chính ưu "
        "tiên bố trí nguồn lực đầu tư xây dựng hạ tầng số.\n\nb) Chủ động tích cực tham gia triển khai Kế hoạch.\n"
    )
    written = duties_of(
        DUTY_PART + "4. Các tổ chức chính trị - xã hội\n\na) Hội Liên hiệp Phụ nữ tỉnh vận động hội viên tham gia "
        "mô hình sinh kế.\n\nb) Tuyên truyền, phổ biến Kế hoạch đến đoàn viên, hội viên.\n"
    )
    assert [d.assignee for d in real] == [
        "Các doanh nghiệp viễn thông, doanh nghiệp bưu chính",
        "Các doanh nghiệp công nghệ số",
    ]
    assert [d.assignee for d in written] == ["Hội Liên hiệp Phụ nữ tỉnh", "Các tổ chức chính trị - xã hội"]


def test_leading_the_way_is_a_verb_that_ends_the_name() -> None:
    real = "Các doanh nghiệp nhà nước, Tổng Công ty tiên phong, dẫn dắt sự phát triển kinh tế số của ngành, lĩnh vực."
    written = "Hiệp hội Doanh nghiệp tỉnh dẫn dắt các hội viên liên kết sản xuất theo chuỗi giá trị."
    assert split_assignee(real)[0] == "Các doanh nghiệp nhà nước, Tổng Công ty"
    assert split_assignee(written)[0] == "Hiệp hội Doanh nghiệp tỉnh"


def test_duty_verbs_of_the_held_out_plans_end_the_name() -> None:
    """Held-out plans: "giới thiệu" (MTTQ and party plans), "bảo đảm" (the other spelling of "đảm bảo"), "lập danh
    sách"; each with a variation of ours."""
    cases = {
        "Các tổ chức chính trị - xã hội xã giới thiệu người ứng cử theo cơ cấu": "Các tổ chức chính trị - xã hội xã",
        "Hội Cựu chiến binh phường giới thiệu hội viên ưu tú": "Hội Cựu chiến binh phường",
        "Ủy ban nhân dân xã bảo đảm kinh phí, địa điểm và phối hợp tổ chức": "Ủy ban nhân dân xã",
        "Phòng Kinh tế bảo đảm mặt bằng thi công": "Phòng Kinh tế",
        "Trạm Y tế các xã, phường, đặc khu lập danh sách, quản lý người bệnh": "Trạm Y tế các xã, phường, đặc khu",
        "Ban Chỉ huy Quân sự xã lập kế hoạch diễn tập": "Ban Chỉ huy Quân sự xã",
    }
    assert {text: split_assignee(text)[0] for text in cases} == cases


def test_standing_bodies_and_party_cells_are_assignees() -> None:
    assert split_assignee("Thường trực Hội đồng nhân dân xã phối hợp chỉ đạo việc giới thiệu")[0] == (
        "Thường trực Hội đồng nhân dân xã"
    )
    assert split_assignee("Các chi bộ trực thuộc xây dựng kế hoạch tạo nguồn")[0] == "Các chi bộ trực thuộc"
    assert split_assignee("Chi bộ thôn Đông tổ chức sinh hoạt chuyên đề")[0] == "Chi bộ thôn Đông"


def test_a_partner_named_with_a_verb_word_keeps_its_name() -> None:
    real = "Ban Xây dựng Đảng chủ trì, phối hợp với Ủy ban Kiểm tra Đảng ủy xã hướng dẫn, theo dõi việc thực hiện"
    written = "Phòng Y tế phối hợp với Trung tâm Hỗ trợ khởi nghiệp tỉnh tổ chức tập huấn"
    assert coordinators(real) == ["Ủy ban Kiểm tra Đảng ủy xã"]
    assert coordinators(written) == ["Trung tâm Hỗ trợ khởi nghiệp tỉnh"]
