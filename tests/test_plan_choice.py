"""Plan selection as its own step: the plan number named, the title words (rare ones weigh more), the issuer
named, the asker's province, two plans that fit equally, and the words that name an office, not a topic."""

from __future__ import annotations

from types import SimpleNamespace

from handlers.answers import passages
from handlers.answers.plan_lead import lead_of
from handlers.snapshot import Snapshot
from handlers.understand.plan_choice import choose, fitting_intents, number_key
from storage.language.normalize import fold_expand

# Titles of real plans (Đồng Nai 179, Đồng Nai 182, Đắk Lắk 0124, Nghệ An 982) and two written for this test.
TITLES = {
    1: ("179/KH-UBND", 1, "Phát triển kinh tế số và xã hội số trên địa bàn tỉnh Đồng Nai giai đoạn 2026 - 2030"),
    2: ("182/KH-UBND", 1, "Triển khai thực hiện Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030"),
    3: ("0124/KH-UBND", 2, "Phát động đợt thi đua lập thành tích chào mừng Đại hội lần thứ XIV của Đảng"),
    4: ("982/KH-UBND", 3, "Triển khai đợt thi đua lập thành tích chào mừng Đại hội lần thứ XIV của Đảng"),
    5: ("57/KH-UBND", 3, "Xây dựng nông thôn mới kiểu mẫu năm 2026"),
    6: ("8/KH-UBND", 2, "Bảo tồn và phát huy giá trị di sản văn hóa phi vật thể giai đoạn 2026 - 2030"),
}


def snapshot(duties: list[SimpleNamespace] | None = None, sections: list[SimpleNamespace] | None = None) -> Snapshot:
    """Six plans of three provinces (units 1, 2, 3), with the duties and sections given."""
    plans = {
        pid: SimpleNamespace(
            id=pid,
            number=n,
            issuer_unit_id=u,
            issuer_name=f"UBND tỉnh {u}",
            title=t,
            year=2025,
            period_start=None,
            period_end=None,
            level=1,
        )
        for pid, (n, u, t) in TITLES.items()
    }
    units = {u: SimpleNamespace(id=u, parent_id=None, name=f"Tỉnh {u}") for u in (1, 2, 3)}
    units[10] = SimpleNamespace(id=10, parent_id=3, name="Xã Mười")
    return Snapshot(
        version=(),
        units=units,
        aliases=[],
        plans=plans,
        sections={s.id: s for s in sections or []},
        targets=[],
        duties=duties or [],
        deadlines=[],
        budgets=[],
        helpers=[],
    )


def asked(snap: Snapshot, text: str, named: list[int] | None = None, chain: list[int] | None = None) -> list[int]:
    return choose(snap, fold_expand(text), named or [], chain or [], set()).plans


def test_the_number_named_picks_the_plan_with_or_without_its_leading_zeros() -> None:
    snap = snapshot()
    assert asked(snap, "kế hoạch 179 có những mục tiêu gì") == [1]
    assert asked(snap, "KH 0124 có những hình thức khen thưởng nào") == [3]
    assert asked(snap, "kh so 124 ai ky") == [3]
    assert asked(snap, "theo 982/KH-UBND thì sao") == [4]
    assert asked(snap, "kế hoạch 5000 có gì") == []  # no plan has that number: no choice
    assert number_key("0124/KH-UBND") == "124" and number_key(None) is None


def test_the_topic_words_pick_the_plan_whose_title_holds_them() -> None:
    snap = snapshot()
    assert asked(snap, "kế hoạch kinh tế số xã hội số của tỉnh số mấy") == [1]
    assert asked(snap, "ke hoach phong chong ma tuy den 2030") == [2]
    assert asked(snap, "kế hoạch bảo tồn di sản văn hóa phi vật thể") == [6]
    assert asked(snap, "hạn nộp báo cáo là ngày nào") == []  # no title word: no choice


def test_two_plans_of_one_campaign_are_both_chosen_and_the_issuer_named_or_the_askers_province_picks_one() -> None:
    snap = snapshot()
    both = choose(snap, fold_expand("kế hoạch thi đua chào mừng Đại hội XIV"), [], [], set())
    assert sorted(both.plans) == [3, 4] and both.close
    assert asked(snap, "kế hoạch thi đua chào mừng Đại hội XIV của tỉnh", named=[2])[0] == 3
    assert asked(snap, "kế hoạch thi đua chào mừng đại hội 14", named=[10])[0] == 4  # a commune of province 3
    assert asked(snap, "kế hoạch thi đua chào mừng đại hội XIV", chain=[10, 3])[0] == 4  # the asker's own first


def test_the_name_of_a_body_given_duties_is_no_topic() -> None:
    duty = SimpleNamespace(
        id=1, plan_id=2, unit_id=None, assignee="Sở Xây dựng", role="chủ trì", text="x", section_id=None
    )
    snap = snapshot(duties=[duty])
    assert asked(snap, "sở xây dựng làm gì") == []  # "xây dựng" of plan 5's title is the office here
    assert asked(snap, "kế hoạch xây dựng nông thôn mới kiểu mẫu") == [5]


def test_a_quota_asked_of_plans_that_give_no_unit_one_reads_as_their_targets() -> None:
    snap = snapshot()
    choice = choose(snap, fold_expand("kế hoạch 179 có những chỉ tiêu gì"), [], [], set())
    assert fitting_intents(snap, ["quota", "target"], choice) == ["target"]
    assert fitting_intents(snap, ["quota", "helper"], choice) == ["target"]
    assert fitting_intents(snap, ["quota"], choose(snap, "", [], [], set())) == ["quota"]  # no plan chosen


def test_the_lead_of_a_plan_is_the_body_tasked_with_steering_it_else_the_one_leading_most() -> None:
    def duty(i: int, who: str, role: str | None, text: str) -> SimpleNamespace:
        return SimpleNamespace(id=i, plan_id=6, unit_id=None, assignee=who, role=role, text=text, section_id=None)

    rows = [
        duty(1, "Sở Tài chính", "chủ trì", "Chủ trì bố trí kinh phí."),
        duty(2, "Sở Văn hóa", None, "Giúp UBND tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch này."),
        duty(3, "Sở Tài chính", "chủ trì", "Chủ trì thẩm định dự toán."),
    ]
    query = SimpleNamespace(snap=snapshot(duties=rows))
    assert lead_of(query, query.snap.plans[6]) == ("Sở Văn hóa", rows[1])  # type: ignore[arg-type]
    query = SimpleNamespace(snap=snapshot(duties=[rows[0], rows[2]]))
    assert lead_of(query, query.snap.plans[6])[0] == "Sở Tài chính"  # type: ignore[arg-type,index]


def test_passages_skip_the_preamble_unless_the_basis_is_asked_and_name_the_plans_that_do_not_say_it() -> None:
    def section(i: int, label: str, heading: str, body: str) -> SimpleNamespace:
        return SimpleNamespace(id=i, plan_id=6, parent_id=None, label=label, heading=heading, body=body)

    sections = [
        section(1, "Mở đầu", "", "Căn cứ Luật Di sản văn hóa ngày 23 tháng 11 năm 2024 về bảo tồn di sản văn hóa."),
        section(2, "I", "MỤC TIÊU", "Kiểm kê toàn bộ di sản văn hóa phi vật thể của tỉnh trong năm 2026."),
        section(3, "II", "KINH PHÍ", "Kinh phí từ ngân sách tỉnh và nguồn xã hội hóa."),
    ]
    snap = snapshot(sections=sections)
    found = passages.answer(snap, fold_expand("luật di sản văn hóa bảo tồn di sản"), {6})
    assert found is None or "Căn cứ" not in found.text
    basis = passages.answer(snap, fold_expand("căn cứ luật di sản văn hóa nào"), {6})
    assert basis is not None and "23 tháng 11 năm 2024" in basis.text
    none = passages.unsaid(snap, [6])
    assert none is not None and "không nói" in none.text and "mục tiêu" in none.text
