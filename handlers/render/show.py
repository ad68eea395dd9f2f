"""Text views of the database for `kehoach plans` and `kehoach show`."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.render.show_facts import (
    Sources,
    budget_lines,
    deadline_lines,
    duty_lines,
    funding_lines,
    helper_text,
    section,
    target_lines,
)
from handlers.render.show_unit import describe_unit, path_label
from storage.language.text import fold, format_date, format_number, short, split_unit_name, unit_key
from storage.models import (
    Budget,
    Deadline,
    FundingSource,
    HelperAssignment,
    Plan,
    PlanVersion,
    Responsibility,
    Section,
    Target,
    Unit,
)
from storage.reminders.schedule import to_local
from storage.units.lookup import ancestors, find_units
from storage.uploads.models import PlanUpload, plan_uploads

LEVELS = {1: "tỉnh", 2: "huyện", 3: "xã", 4: "thôn"}
FACT_UNIT_COLUMNS = (
    Target.unit_id,
    Responsibility.unit_id,
    Deadline.scope_unit_id,
    Budget.unit_id,
    HelperAssignment.unit_id,
    Plan.issuer_unit_id,
)


def plan_line(plan: Plan) -> str:
    """ "21/KH-UBND · 20/2/2024 · UBND huyện Thọ Xuân · Kế hoạch thực hiện …"."""
    number = plan.number or "(chưa ghi số)"
    when = format_date(plan.doc_date) if plan.doc_date else (str(plan.year) if plan.year else "(chưa rõ ngày)")
    return f"#{plan.id}  {number} · {when} · {plan.issuer_name} · {short(plan.title, 160)}"


async def list_plans(session: AsyncSession) -> str:
    """One line per plan: number, date, issuer, title."""
    plans = list(await session.scalars(select(Plan).order_by(Plan.doc_date, Plan.id)))
    if not plans:
        return "Chưa có kế hoạch nào. Dùng: kehoach import TỆP…"
    return "\n".join([f"{format_number(len(plans))} kế hoạch:", *(plan_line(p) for p in plans)])


async def describe(session: AsyncSession, query: str) -> str | None:
    """Everything held for the plan or unit named by query; None when nothing matches."""
    query = " ".join(query.split())
    if not query:
        return None
    plans = list(await session.scalars(select(Plan).order_by(Plan.id)))
    chosen = _plans_by_id_number_issuer(plans, query)
    if chosen:
        return await _one_or_list(session, chosen)
    units = await _units(session, query)
    if units:
        return await _unit_answer(session, units, query)
    words = fold(query).split()
    chosen = [p for p in plans if all(w in fold(p.title) for w in words)]
    return await _one_or_list(session, chosen) if chosen else None


def _plans_by_id_number_issuer(plans: list[Plan], query: str) -> list[Plan]:
    """Plans named by "#3" / "3", by their number, or by their issuer's exact name."""
    folded = fold(query)
    match = re.fullmatch(r"#?(\d+)", folded)
    if match:
        return [p for p in plans if p.id == int(match.group(1))]
    by_number = [p for p in plans if p.number and fold(p.number) in folded]
    if by_number:
        return by_number
    return [p for p in plans if fold(p.issuer_name) == folded]


async def _one_or_list(session: AsyncSession, plans: list[Plan]) -> str:
    if len(plans) == 1:
        return await describe_plan(session, plans[0])
    lines = [
        f"{format_number(len(plans))} kế hoạch khớp; xem từng kế hoạch theo số thứ tự: kehoach show #{plans[0].id}"
    ]
    return "\n".join(lines + [plan_line(p) for p in plans])


async def describe_plan(session: AsyncSession, plan: Plan) -> str:
    """A plan's header, its size and its facts grouped by kind."""
    sections = await session.scalar(select(func.count()).where(Section.plan_id == plan.id))
    lines = [f"Kế hoạch {'số ' + plan.number if plan.number else '(chưa ghi số)'} — {plan.issuer_name}"]
    lines.append(short(plan.title, 400))
    details = [f"ngày {format_date(plan.doc_date)}" if plan.doc_date else None, plan.place]
    details += [
        f"cấp {LEVELS[plan.level]}" if plan.level in LEVELS else None,
        f"năm {plan.year}" if plan.year else None,
    ]
    if plan.signer:
        details.append(f"ký: {plan.signer}" + (f" ({plan.signer_title})" if plan.signer_title else ""))
    lines.append(" · ".join(d for d in details if d))
    lines.append(f"Tệp: {plan.source_file} · {format_number(sections or 0)} mục")
    facts = [await _of_plan(session, model, plan.id) for model in (Target, Responsibility, Deadline, Budget)]
    helpers = await _of_plan(session, HelperAssignment, plan.id)
    funding = await _of_plan(session, FundingSource, plan.id)
    src = await Sources.load(session, [f for group in facts for f in group] + helpers + funding, with_plan=False)
    names = await _unit_names(session, [t.unit_id for t in facts[0]] + [h.unit_id for h in helpers])
    lines += section("Chỉ tiêu", target_lines(facts[0], src, names))
    lines += section("Nhiệm vụ", duty_lines(facts[1], src))
    lines += section("Hạn", deadline_lines(facts[2], src))
    lines += section("Kinh phí", budget_lines(facts[3], src))
    lines += section("Nguồn kinh phí nêu không kèm số tiền", funding_lines(funding, src))
    helper_rows = [f"  - {names.get(h.unit_id, '?')}: {helper_text(h)}{src.cite(h)}" for h in helpers]
    lines += section("Phân công giúp đỡ", helper_rows)
    lines += section("Các lần nhập", await _version_lines(session, plan.id))
    return "\n".join(lines)


async def _version_lines(session: AsyncSession, plan_id: int) -> list[str]:
    """One line per imported version: when, which file, its size, what it changed and deleted."""
    query = select(PlanVersion).where(PlanVersion.plan_id == plan_id).order_by(PlanVersion.version)
    sent = {upload.version: upload for upload in await plan_uploads(session, plan_id)}
    lines = []
    for v in await session.scalars(query):
        file = v.source_file.replace("\\", "/").rsplit("/", 1)[-1]
        line = f"  - bản {v.version}: {format_date(to_local(v.imported_at).date())} · {file} · "
        line += f"{format_number(v.targets)} chỉ tiêu, {format_number(v.deadlines)} hạn"
        if v.version > 1:
            line += f" · chỉ tiêu, hạn: thêm {v.added}, sửa {v.changed}, bỏ {v.removed}"
        if v.lost_reports or v.lost_completions:
            line += f" · đã xóa {v.lost_reports} báo cáo tiến độ, {v.lost_completions} xác nhận hoàn thành"
        if v.version in sent:
            line += f" · {sender_line(sent[v.version])}"
        lines.append(line)
    return lines


def sender_line(upload: PlanUpload) -> str:
    """ "gửi qua chat: Trưởng phòng (tg:100) lúc 9:05 15/5/2024, tệp gốc 2.431 byte, SHA-256 3f2a…"."""
    who = f"{upload.sender_name} ({upload.identity})" if upload.sender_name else upload.identity
    when = to_local(upload.received_at)
    return (
        f"gửi qua chat: {who} lúc {when:%H:%M} {format_date(when.date())}, tệp gốc {upload.filename} "
        f"({format_number(upload.size)} byte, SHA-256 {upload.checksum[:12]}…) lưu trong cơ sở dữ liệu"
    )


async def _of_plan(session: AsyncSession, model: Any, plan_id: int) -> list[Any]:
    return list(await session.scalars(select(model).where(model.plan_id == plan_id).order_by(model.id)))


async def _unit_names(session: AsyncSession, ids: list[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u.full_name for u in await session.scalars(select(Unit).where(Unit.id.in_(wanted)))}


async def _units(session: AsyncSession, query: str) -> list[Unit]:
    """Units named by query; "xã Vĩnh Yên, huyện Bình Gia" keeps those under a matching ancestor."""
    head, *context = [p.strip() for p in re.split(r"[,;()]| - | › ", query) if p.strip()]
    units = await find_units(session, head)
    for part in context:
        kind, _bare = split_unit_name(part)
        key = unit_key(part)
        kept = []
        for unit in units:
            chain = await ancestors(session, unit)
            if any(a.key == key and (kind is None or a.kind == kind) for a in chain):
                kept.append(unit)
        units = kept
    return units


async def _holds_facts(session: AsyncSession, unit_id: int) -> bool:
    """Whether any plan fact belongs to the unit."""
    for column in FACT_UNIT_COLUMNS:
        if await session.scalar(select(exists().where(column == unit_id))):
            return True
    return False


async def _unit_answer(session: AsyncSession, units: list[Unit], query: str) -> str:
    """The unit's view; for namesakes the one with plan facts, else the list to choose from."""
    if len(units) == 1:
        return await describe_unit(session, units[0])
    with_facts = [u for u in units if await _holds_facts(session, u.id)]
    labels = [f"  - {await path_label(session, u)}" for u in units]
    if len(with_facts) == 1:
        others = [label for u, label in zip(units, labels, strict=True) if u.id != with_facts[0].id]
        text = await describe_unit(session, with_facts[0])
        return text + "\n\nCùng tên (chưa có dữ liệu kế hoạch):\n" + "\n".join(others)
    hint = (
        f'Ghi thêm đơn vị cấp trên để chọn, ví dụ: kehoach show "{query}, {await _example_parent(session, units[0])}"'
    )
    return "\n".join([f'Có {format_number(len(units))} đơn vị tên "{query}":', *labels, hint])


async def _example_parent(session: AsyncSession, unit: Unit) -> str:
    chain = await ancestors(session, unit)
    return chain[0].full_name if chain else unit.full_name
