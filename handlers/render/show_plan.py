"""`kehoach show PLAN`: the header (number, date, issuer and its kind, period), then duties by office, targets,
deadlines, budgets and references in that order, then helpers and the imported versions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
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
from storage.language.text import format_date, format_number, short
from storage.models import (
    Budget,
    Deadline,
    FundingSource,
    HelperAssignment,
    Plan,
    PlanReference,
    PlanVersion,
    Responsibility,
    Section,
    Target,
    Unit,
)
from storage.plan_references import references_of, referencing_plans
from storage.reminders.schedule import to_local
from storage.uploads.models import PlanUpload, plan_uploads

LEVELS = {1: "tỉnh", 2: "huyện", 3: "xã", 4: "thôn"}


def plan_line(plan: Plan) -> str:
    """ "21/KH-UBND · 20/2/2024 · UBND huyện Thọ Xuân · Kế hoạch thực hiện …"."""
    number = plan.number or "(chưa ghi số)"
    when = format_date(plan.doc_date) if plan.doc_date else (str(plan.year) if plan.year else "(chưa rõ ngày)")
    return f"#{plan.id}  {number} · {when} · {plan.issuer_name} · {short(plan.title, 160)}"


def period_text(plan: Plan) -> str | None:
    """ "năm 2025", "giai đoạn 2026–2030"; None when unknown."""
    if plan.period_start is None or plan.period_end is None:
        return f"năm {plan.year}" if plan.year else None
    if plan.period_start == plan.period_end:
        return f"năm {plan.period_start}"
    return f"giai đoạn {plan.period_start}–{plan.period_end}"


def header_lines(plan: Plan, sections: int) -> list[str]:
    """Number and issuer, title, then date, place, issuer kind and level, period, signer, file."""
    lines = [f"Kế hoạch {'số ' + plan.number if plan.number else '(chưa ghi số)'} — {plan.issuer_name}"]
    lines.append(short(plan.title, 400))
    kind = plan.issuer_kind or (f"cấp {LEVELS[plan.level]}" if plan.level in LEVELS else None)
    period = period_text(plan)
    details = [f"ngày {format_date(plan.doc_date)}" if plan.doc_date else None, plan.place]
    details += [f"cơ quan ban hành: {kind}" if kind else None, f"thời gian: {period}" if period else None]
    if plan.signer:
        details.append(f"ký: {plan.signer}" + (f" ({plan.signer_title})" if plan.signer_title else ""))
    lines.append(" · ".join(d for d in details if d))
    lines.append(f"Tệp: {plan.source_file} · {format_number(sections)} mục")
    return lines


async def describe_plan(session: AsyncSession, plan: Plan) -> str:
    """A plan's header, its size and its facts grouped by kind, in the order staff read them."""
    sections = await session.scalar(select(func.count()).where(Section.plan_id == plan.id))
    lines = header_lines(plan, sections or 0)
    targets, duties, deadlines, budgets, helpers = [
        await _of_plan(session, model, plan.id)
        for model in (Target, Responsibility, Deadline, Budget, HelperAssignment)
    ]
    funding = await _of_plan(session, FundingSource, plan.id)
    src = await Sources.load(session, [*targets, *duties, *deadlines, *budgets, *funding, *helpers], with_plan=False)
    names = await _unit_names(session, [t.unit_id for t in targets] + [h.unit_id for h in helpers])
    lines += section("Nhiệm vụ", duty_lines(duties, src))
    lines += section("Chỉ tiêu", target_lines(targets, src, names))
    lines += section("Hạn", deadline_lines(deadlines, src))
    lines += section("Kinh phí", budget_lines(budgets, src))
    lines += section("Nguồn kinh phí nêu không kèm số tiền", funding_lines(funding, src))
    lines += await reference_sections(session, plan)
    lines += section(
        "Phân công giúp đỡ", [f"  - {names.get(h.unit_id, '?')}: {helper_text(h)}{src.cite(h)}" for h in helpers]
    )
    lines += section("Các lần nhập", await _version_lines(session, plan.id))
    return "\n".join(lines)


def reference_text(reference: PlanReference) -> str:
    """ "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị: đột phá phát triển ..."."""
    named = reference.number is None and reference.title  # "Luật Việc làm"
    text = f"{reference.kind} {reference.title}" if named else reference.kind
    text += f" số {reference.number}" if reference.number else ""
    text += f" ngày {format_date(reference.doc_date)}" if reference.doc_date else ""
    text += f" của {reference.issuer}" if reference.issuer else ""
    return text + (f": {short(reference.title, 200)}" if reference.title and not named else "")


async def reference_sections(session: AsyncSession, plan: Plan) -> list[str]:
    """The documents the plan is based on (with the stored plan each resolves to), the plan its appendix belongs
    to, and the stored plans based on this one."""
    cited = await references_of(session, plan)
    bases = [c for c in cited if c.reference.relation != "kèm theo"]
    owners = [c for c in cited if c.reference.relation == "kèm theo"]
    lines = section("Văn bản căn cứ", [f"  - {reference_text(c.reference)}{_stored(c.plan)}" for c in bases])
    lines += section("Là phụ lục của", [f"  - {reference_text(c.reference)}{_stored(c.plan)}" for c in owners])
    children = await referencing_plans(session, plan)
    lines += section("Kế hoạch căn cứ vào kế hoạch này", [f"  - {plan_line(p)}" for p in children])
    return lines


def _stored(plan: Plan | None) -> str:
    return f" [đã nhập: #{plan.id}]" if plan is not None else ""


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
