"""A small plan database in the shapes the importer writes, for the conversation-core tests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import VIETNAM
from handlers.messages import IncomingMessage
from storage.language.text import fold, unit_key
from storage.models import (
    Budget,
    Deadline,
    HelperAssignment,
    Plan,
    Responsibility,
    Section,
    Target,
    Unit,
    UnitAlias,
)

NOW = datetime(2024, 5, 15, 9, 0, tzinfo=VIETNAM)

# (name, kind, quota, without KNLĐ, with KNLĐ, helping office, member)
COMMUNES = [
    ("Lam Sơn", "thị trấn", 6, 2, 4, "Ngân hàng NN&PTNT Lam Sơn", "Phạm Văn Luận"),
    ("Sao Vàng", "thị trấn", 10, 2, 8, "Hội Phụ nữ huyện", "Nguyễn Thị Nga"),
    ("Xuân Bái", "xã", 4, 1, 3, "Phòng Kinh tế - Hạ tầng", "Lê Đình Hảo"),
    ("Thọ Xương", "xã", 11, 2, 9, "Phòng Tài chính - Kế hoạch", "Hà Đình Cường"),
    ("Xuân Phú", "xã", 4, 0, 4, "Công an huyện", "Lê Duy Niệm"),
    ("Thọ Lâm", "xã", 10, 2, 8, "Phòng Thanh tra", "Phạm Văn Luận"),
    ("Thọ Diên", "xã", 5, 1, 4, "Ban Quản lý dự án huyện", "Lê Thị Hạnh"),
    ("Xuân Sinh", "xã", 10, 4, 6, "Trung tâm VH - TT - TT & DL", "Phạm Văn Luận"),
    ("Xuân Tín", "xã", 5, 0, 5, "Huyện đoàn", "Nguyễn Thị Bích Phương"),
    ("Thọ Xuân", "thị trấn", 8, 1, 7, "Ngân hàng NN&PTNT Thọ Xuân", "Lê Thị Thanh Tâm"),
    ("Xuân Hồng", "xã", 11, 2, 9, "Phòng Nông nghiệp và PTNT", "Nguyễn Văn Vinh"),
    ("Xuân Hòa", "xã", 2, 1, 1, "Ban chỉ huy Quân sự huyện", "Đỗ Thế Mạnh"),
]


def unit(session: AsyncSession, name: str, kind: str, level: int, parent: Unit | None = None) -> Unit:
    """Add a unit with its folded key."""
    row = Unit(name=name, kind=kind, level=level, key=unit_key(name), parent=parent, source="plan")
    session.add(row)
    return row


def section(session: AsyncSession, plan: Plan, ordinal: int, label: str, heading: str, body: str) -> Section:
    """Add a section with its retrieval key."""
    row = Section(plan=plan, ordinal=ordinal, label=label, heading=heading, body=body, key=fold(f"{heading} {body}"))
    session.add(row)
    return row


def plan(session: AsyncSession, issuer: Unit, issuer_name: str, level: int, title: str, **extra: object) -> Plan:
    """Add a 2024 plan."""
    row = Plan(
        issuer=issuer,
        issuer_name=issuer_name,
        level=level,
        year=2024,
        title=title,
        source_file=f"{issuer.name}.txt",
        checksum=issuer.name,
        imported_at=NOW,
        **extra,
    )
    session.add(row)
    return row


async def build(session: AsyncSession) -> dict[str, object]:
    """Fill session's database with four small plans; returns the main rows by name."""
    thanh_hoa = unit(session, "Thanh Hóa", "tỉnh", 1)
    district = unit(session, "Thọ Xuân", "huyện", 2, thanh_hoa)
    communes = {name: unit(session, name, kind, 3, district) for name, kind, *_ in COMMUNES}
    session.add(UnitAlias(unit=communes["Lam Sơn"], alias="TT Lam Sơn", key=unit_key("TT Lam Sơn")))
    dong_thap = unit(session, "Đồng Tháp", "tỉnh", 1)
    bac_giang = unit(session, "Bắc Giang", "tỉnh", 1)
    tan_moc = unit(session, "Tân Mộc", "xã", 3, unit(session, "Lục Ngạn", "huyện", 2, bac_giang))
    quang_ngai = unit(session, "Quảng Ngãi", "tỉnh", 1)
    tra_lam = unit(session, "Trà Lâm", "xã", 3, unit(session, "Trà Bồng", "huyện", 2, quang_ngai))
    await session.flush()

    tx = plan(
        session,
        district,
        "UBND huyện Thọ Xuân",
        2,
        "Thực hiện công tác giảm nghèo bền vững năm 2024",
        signer="Nguyễn Xuân Hải",
        signer_title="Phó Chủ tịch",
    )
    s_target = section(session, tx, 1, "II.2", "Mục tiêu cụ thể", "Năm 2024, toàn huyện giảm 180 hộ nghèo trở lên.")
    s_fin = section(
        session,
        tx,
        2,
        "III.2.6",
        "Phòng Tài chính - Kế hoạch",
        "Tham mưu bố trí nguồn kinh phí.\nChủ trì thực hiện chính sách hỗ trợ tiền điện cho hộ nghèo, hỗ trợ mua BHYT.",
    )
    s_communes = section(
        session,
        tx,
        3,
        "III.2.15",
        "UBND các xã, thị trấn.",
        "Rà soát hộ nghèo; báo cáo trước ngày 20/3/2024.\n"
        "Báo cáo 6 tháng (trước 20/6/2024) và báo cáo năm (trước 30/10/2024).",
    )
    s_quota = section(session, tx, 4, "Phụ lục 01", "CHỈ TIÊU GIẢM NGHÈO CỦA CÁC XÃ, THỊ TRẤN NĂM 2024", "")
    s_help = section(session, tx, 5, "Phụ lục 01", "ĐỀ NGHỊ CÁC PHÒNG, BAN GIÚP ĐỠ CÁC XÃ", "")
    await session.flush()
    session.add(
        Target(
            plan_id=tx.id,
            section_id=s_target.id,
            unit_id=district.id,
            kind="target",
            indicator="giảm hộ nghèo",
            key="giam ho ngheo",
            value=180,
            measure="hộ",
            direction="giảm",
            year=2024,
            text="Năm 2024, toàn huyện giảm 180 hộ nghèo trở lên",
        )
    )
    for name, _, total, without, with_, office, member in COMMUNES:
        uid = communes[name].id
        quota = Target(
            plan_id=tx.id,
            section_id=s_quota.id,
            unit_id=uid,
            kind="quota",
            indicator="giảm hộ nghèo",
            key="giam ho ngheo",
            value=total,
            measure="hộ",
            direction="giảm",
            year=2024,
        )
        session.add(quota)
        await session.flush()
        for label, value in (("hộ không có KNLĐ", without), ("hộ có KNLĐ", with_)):
            session.add(
                Target(
                    plan_id=tx.id,
                    section_id=s_quota.id,
                    unit_id=uid,
                    parent_id=quota.id,
                    kind="quota",
                    indicator=label,
                    key=fold(label),
                    value=value,
                    measure="hộ",
                    year=2024,
                )
            )
        session.add(
            HelperAssignment(
                plan_id=tx.id,
                section_id=s_help.id,
                unit_id=uid,
                office=office,
                office_key=fold(office),
                member=member,
                member_key=fold(member),
            )
        )
    for title, due in (
        ("danh sách hộ có khả năng thoát nghèo", date(2024, 3, 20)),
        ("báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng", date(2024, 6, 20)),
        ("báo cáo năm", date(2024, 10, 30)),
    ):
        session.add(
            Deadline(
                plan_id=tx.id,
                section_id=s_communes.id,
                scope_unit_id=district.id,
                title=title,
                key=fold(title),
                due_date=due,
                due_text=f"trước {due.day}/{due.month}/{due.year}",
                obligor="UBND các xã, thị trấn",
                recipient="UBND huyện qua phòng LĐ-TB&XH",
            )
        )
    for text in (
        "Tham mưu cho UBND huyện bố trí nguồn kinh phí.",
        "Chủ trì thực hiện chính sách hỗ trợ tiền điện cho hộ nghèo, hỗ trợ mua BHYT cho hộ nghèo.",
    ):
        session.add(
            Responsibility(
                plan_id=tx.id,
                section_id=s_fin.id,
                assignee="Phòng Tài chính - Kế hoạch",
                assignee_key=fold("Phòng Tài chính - Kế hoạch"),
                text=text,
            )
        )
    session.add(
        Responsibility(
            plan_id=tx.id,
            section_id=s_communes.id,
            assignee="UBND các xã, thị trấn",
            assignee_key=fold("UBND các xã, thị trấn"),
            text="Rà soát, tổng hợp hộ nghèo theo từng nguyên nhân nghèo.",
        )
    )

    dt = plan(
        session,
        dong_thap,
        "UBND tỉnh Đồng Tháp",
        1,
        "Thực hiện Chương trình MTQG giảm nghèo bền vững năm 2024",
        signer="Huỳnh Minh Tuấn",
    )
    s_health = section(session, dt, 1, "IV.5", "Sở Y tế", "Quản lý Tiểu Dự án 2 về cải thiện dinh dưỡng thuộc Dự án 3.")
    s_money = section(
        session, dt, 2, "V", "KINH PHÍ THỰC HIỆN", "Tổng nguồn vốn thực hiện Chương trình năm 2024: 93.506 triệu đồng."
    )
    s_report = section(
        session,
        dt,
        3,
        "VI",
        "CHẾ ĐỘ THÔNG TIN, BÁO CÁO",
        "Các sở, ngành Tỉnh báo cáo kết quả thực hiện 06 tháng (trước ngày 15/6) và báo cáo năm (trước ngày 15/11).",
    )
    await session.flush()
    session.add(
        Responsibility(
            plan_id=dt.id,
            section_id=s_health.id,
            assignee="Sở Y tế",
            assignee_key="so y te",
            role="chủ trì",
            project="Tiểu dự án 2 - Dự án 3",
            text="Trực tiếp quản lý Tiểu Dự án 2 về cải thiện dinh dưỡng thuộc Dự án 3.",
        )
    )
    total = Budget(
        plan_id=dt.id, section_id=s_money.id, label="Tổng nguồn vốn", key="tong nguon von", amount=93506, is_total=True
    )
    session.add(total)
    await session.flush()
    for label, amount in (
        ("Ngân sách Trung ương", 70871),
        ("Ngân sách địa phương", 7010),
        ("Vốn huy động hợp pháp khác", 15625),
    ):
        session.add(
            Budget(
                plan_id=dt.id,
                section_id=s_money.id,
                parent_id=total.id,
                label=label,
                key=fold(label),
                amount=amount,
                source=label,
            )
        )
    for title, due in (("báo cáo kết quả thực hiện 06 tháng", date(2024, 6, 15)), ("báo cáo năm", date(2024, 11, 15))):
        session.add(
            Deadline(
                plan_id=dt.id,
                section_id=s_report.id,
                scope_unit_id=dong_thap.id,
                title=title,
                key=fold(title),
                due_date=due,
                due_text=f"trước ngày {due.day}/{due.month}",
                obligor="Các sở, ngành Tỉnh và UBND huyện, thành phố",
            )
        )

    tm = plan(
        session, tan_moc, "UBND xã Tân Mộc", 3, "Thực hiện Chương trình MTQG giảm nghèo bền vững xã Tân Mộc năm 2024"
    )
    s_p1 = section(
        session,
        tm,
        1,
        "III.1",
        "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở",
        "Kinh phí: 68 triệu. Trong đó nhà ở 44 triệu, nước phân tán 24 triệu.",
    )
    s_p2 = section(session, tm, 2, "III.2", "Dự án 2: Đa dạng hóa sinh kế", "Kinh phí: 340 triệu đồng.")
    s_acc = section(
        session,
        tm,
        3,
        "V.3",
        "Công chức Tài chính-Kế toán",
        "Thẩm định quyết toán kinh phí thuộc Chương trình mục tiêu giảm nghèo bền vững.",
    )
    s_res = section(
        session,
        tm,
        4,
        "Phần thứ nhất.II",
        "KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU",
        "Toàn xã còn 58 hộ nghèo, chiếm tỷ lệ 3,6%.",
    )
    await session.flush()
    p1 = Budget(plan_id=tm.id, section_id=s_p1.id, project="Dự án 1", label="Kinh phí", key="kinh phi", amount=68)
    session.add(p1)
    await session.flush()
    for label, amount in (("nhà ở", 44), ("nước phân tán", 24)):
        session.add(
            Budget(
                plan_id=tm.id,
                section_id=s_p1.id,
                parent_id=p1.id,
                project="Dự án 1",
                label=label,
                key=fold(label),
                amount=amount,
            )
        )
    session.add(
        Budget(plan_id=tm.id, section_id=s_p2.id, project="Dự án 2", label="Kinh phí", key="kinh phi", amount=340)
    )
    session.add(
        Responsibility(
            plan_id=tm.id,
            section_id=s_acc.id,
            unit_id=tan_moc.id,
            assignee="Công chức Tài chính-Kế toán",
            assignee_key=fold("Công chức Tài chính-Kế toán"),
            text="Thẩm định quyết toán kinh phí thuộc Chương trình mục tiêu giảm nghèo bền vững.",
        )
    )
    session.add(
        Responsibility(
            plan_id=tm.id,
            section_id=s_p2.id,
            unit_id=tan_moc.id,
            role="chủ trì",
            project="Dự án 2",
            assignee="Công chức Lao động- TB&XH",
            assignee_key=fold("Công chức Lao động- TB&XH"),
            text="Chủ trì hướng dẫn các thôn tổ chức thực hiện nội dung dự án.",
        )
    )
    session.add(
        Target(
            plan_id=tm.id,
            section_id=s_res.id,
            unit_id=tan_moc.id,
            kind="result",
            indicator="hộ nghèo",
            key="ho ngheo",
            value=58,
            measure="hộ",
            year=2023,
            text="Toàn xã còn 58 hộ nghèo",
        )
    )

    tl = plan(session, tra_lam, "UBND xã Trà Lâm", 3, "Thực hiện Chương trình MTQG giảm nghèo bền vững năm 2024")
    s_tl = section(
        session,
        tl,
        1,
        "I.2",
        "Các chỉ tiêu cần đạt đến cuối năm 2024",
        "Phấn đấu giảm tỷ lệ hộ nghèo toàn xã từ 0.82% xuống còn 0.79%.\n"
        "Về nhà ở: Tối thiểu 27 hộ nghèo, hộ cận nghèo được hỗ trợ nhà ở.",
    )
    await session.flush()
    session.add(
        Target(
            plan_id=tl.id,
            section_id=s_tl.id,
            unit_id=tra_lam.id,
            kind="target",
            indicator="tỷ lệ hộ nghèo",
            key="ty le ho ngheo",
            value=0.79,
            baseline=0.82,
            measure="%",
            direction="giảm",
            year=2024,
            text="Phấn đấu giảm tỷ lệ hộ nghèo toàn xã từ 0.82% xuống còn 0.79%",
        )
    )
    session.add(
        Target(
            plan_id=tl.id,
            section_id=s_tl.id,
            unit_id=tra_lam.id,
            kind="target",
            indicator="hộ nghèo, hộ cận nghèo được hỗ trợ nhà ở",
            key="ho ngheo ho can ngheo duoc ho tro nha o",
            value=27,
            measure="hộ",
            year=2024,
            text="Về nhà ở: Tối thiểu 27 hộ nghèo, hộ cận nghèo trên địa bàn xã được hỗ trợ nhà ở",
        )
    )
    await session.flush()
    return {"district": district, "communes": communes, "dong_thap": dong_thap, "tan_moc": tan_moc, "tra_lam": tra_lam}


def message(text: str, unit: str | None = None, user: str = "cli:test", now: datetime = NOW) -> IncomingMessage:
    """A CLI-style message, optionally "asked by a staff member of unit"."""
    channel, _, user_id = user.partition(":")
    return IncomingMessage(channel=channel, user_id=user_id, text=text, now=now, unit_hint=unit)
