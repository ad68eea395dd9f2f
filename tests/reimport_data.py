"""A small district plan written in the style of the sample plans, its edited versions, and chat helpers."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.messages import IncomingMessage
from storage.accounts.operations import add_user
from storage.models import Deadline, Plan, PlanVersion, Section, Target, Unit
from storage.reminders.models import ReminderPause
from storage.reporting.reports import DeadlineCompletion, Report
from tests.conftest import NOW

Sessions = async_sessionmaker[AsyncSession]

# (name as the appendix writes it, quota, households without / with labour capacity)
QUOTAS = [("Xuân Bái", 4, 1, 3), ("Thọ Lâm", 10, 2, 8), ("TT Sao Vàng", 4, 1, 3)]
SIX_MONTHS = "báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng (trước {due}) và "

HEADER = """UỶ BAN NHÂN DÂN
HUYỆN THỌ XUÂN

Số: 12/KH-UBND

Thọ Xuân, ngày 05 tháng 3 năm 2024

KẾ HOẠCH
Thực hiện công tác giảm nghèo bền vững năm 2024

UBND huyện Thọ Xuân ban hành Kế hoạch thực hiện công tác giảm nghèo năm 2024 như sau:

I. MỤC TIÊU

Năm 2024, toàn huyện giảm {total} hộ nghèo trở lên (cụ thể có Phụ lục 01 gửi kèm theo).

II. TỔ CHỨC THỰC HIỆN

1. UBND các xã, thị trấn

- Thường xuyên kiểm tra, giám sát kết quả thực hiện chính sách giảm nghèo; {six}báo cáo năm (trước 30/10/2024) \
về UBND huyện qua phòng Lao động - Thương binh và Xã hội.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Xuân Hải

Phụ lục 01
CHỈ TIÊU GIẢM NGHÈO CỦA CÁC XÃ, THỊ TRẤN NĂM 2024

TT\tTên đơn vị\tChỉ tiêu giao giảm hộ nghèo năm 2024 (hộ)\tTrong đó\t\tGhi chú
\t\t\tHộ không có KNLD\tHộ có KNLD\t
"""


def plan_text(quotas: list[tuple[str, int, int, int]] = QUOTAS, six_months: str | None = "20/6/2024") -> str:
    """The plan with these commune quotas; without the 6-month report when six_months is None."""
    six = SIX_MONTHS.format(due=six_months) if six_months else ""
    total = [sum(row[i] for row in quotas) for i in (1, 2, 3)]
    rows = [f"{n}\t{name}\t{q}\t{a}\t{b}\t" for n, (name, q, a, b) in enumerate(quotas, 1)]
    rows.append(f"\tTỔNG CỘNG\t{total[0]}\t{total[1]}\t{total[2]}\t")
    return HEADER.format(total=total[0], six=six) + "\n".join(rows) + "\n"


def write_plan(folder: Path, name: str, text: str) -> Path:
    """The plan text saved as folder/name."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


async def register(sessions: Sessions, identity: str, unit_key: str) -> None:
    """Register identity as staff of the unit whose folded name is unit_key."""
    async with sessions() as session:
        unit = (await session.execute(select(Unit).where(Unit.key == unit_key))).scalar_one()
        await add_user(session, identity, unit, NOW)
        await session.commit()


async def ask(sessions: Sessions, identity: str, text: str) -> str:
    """One message through the conversation core, committed; the reply's text."""
    channel, _, user_id = identity.partition(":")
    async with sessions() as session:
        reply = await respond(session, IncomingMessage(channel, user_id, text, NOW))
        await session.commit()
    return reply.text


async def snapshot(sessions: Sessions) -> dict[str, object]:
    """Row counts of everything an import touches, and the stored plans' files and checksums."""
    models = (Plan, PlanVersion, Section, Unit, Target, Deadline, Report, DeadlineCompletion, ReminderPause)
    async with sessions() as session:
        found: dict[str, object] = {
            model.__name__: await session.scalar(select(func.count()).select_from(model)) for model in models
        }
        found["plans"] = (await session.execute(select(Plan.source_file, Plan.checksum).order_by(Plan.id))).all()
        found["values"] = (await session.execute(select(Target.id, Target.value).order_by(Target.id))).all()
    return found


async def target_of(sessions: Sessions, unit_key: str) -> Target | None:
    """The top-level quota of the unit whose folded name is unit_key."""
    query = select(Target).join(Unit, Unit.id == Target.unit_id).where(Unit.key == unit_key, Target.parent_id.is_(None))
    async with sessions() as session:
        return (await session.execute(query)).scalar_one_or_none()
