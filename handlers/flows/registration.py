"""Registration in chat: "/dangky", "đăng ký xã Thọ Lâm, công chức LĐ-TB&XH", invite codes, approvals."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import Choice, IncomingMessage, Reply
from handlers.understand.asker_context import Asker
from storage.accounts import operations as accounts
from storage.accounts.models import RegistrationRequest
from storage.conversation.state import save_state
from storage.language.text import nfc
from storage.models import Unit
from storage.outbox.queue import enqueue
from storage.units.examples import example_name
from storage.units.lookup import ancestors, resolve_unit, unit_label

NOT_REGISTERED = "Bạn chưa đăng ký sử dụng bot. "
POST_EXAMPLE = "công chức LĐ-TB&XH"  # a post every commune has (Nghị định 33/2023/NĐ-CP), not one plan's word
_REGISTER = re.compile(r"^/?(?:toi\s+|em\s+)?(?:muon\s+|xin\s+)?(?:dang ky|dangky|dk)\b[\s:,.-]*")
_CODE = re.compile(r"^(?:ma(?: moi)?\s*:?\s*)?([a-z2-9]{8})$")
_DECIDE = re.compile(r"^/?(duyet|phe duyet|chap nhan|tu choi|khong duyet)\s*(?:yeu cau\s*)?(?:so\s*)?#?(\d+)\b")
_LIST = re.compile(r"^/?(yeucau|danh sach (yeu cau )?dang ky|yeu cau dang ky|cho duyet)\b")
_WITHDRAW = re.compile(r"^/?(huy|rut|rut lai|xoa) (yeu cau )?(dang ky|dangky)\b")
MAX_TEXT = 200  # characters of a registration message: approvers read it
MAX_REQUESTS = 3  # registration requests one person may send in REQUEST_WINDOW
REQUEST_WINDOW = timedelta(days=1)
OWN_REQUEST = (
    "Bạn không thể tự duyệt yêu cầu đăng ký của chính mình: một quản trị viên hoặc cán bộ quản lý cấp trên khác "
    'sẽ duyệt. Nếu đăng ký nhầm, gửi "hủy yêu cầu đăng ký".'
)


def is_registration(f: str) -> bool:
    """ "/dangky", "đăng ký ...", "tôi muốn đăng ký"."""
    return bool(_REGISTER.match(f))


def is_withdrawal(f: str) -> bool:
    """ "hủy yêu cầu đăng ký", "rút đăng ký"."""
    return bool(_WITHDRAW.match(f))


def is_decision(f: str) -> bool:
    """ "duyệt 12", "từ chối 12"."""
    return bool(_DECIDE.match(f))


def is_request_list(f: str) -> bool:
    """ "danh sách đăng ký": pending requests for an approver."""
    return bool(_LIST.match(f))


async def how_to_register(session: AsyncSession) -> str:
    """How to register, with a unit of the loaded plans as the example."""
    return (
        "Để đăng ký, gửi: đăng ký <tên xã/phường>, <chức vụ>\n"
        f'Ví dụ: "đăng ký {await example_name(session)}, {POST_EXAMPLE}". Nếu có mã mời, gửi: đăng ký <mã mời>.'
    )


async def stranger_reply(session: AsyncSession) -> Reply:
    """What a stranger gets for anything reserved to registered staff."""
    text = NOT_REGISTERED + await how_to_register(session)
    return Reply(text, choices=[Choice("Hướng dẫn đăng ký", "/dangky")])


async def register(session: AsyncSession, message: IncomingMessage, asker: Asker, f: str) -> Reply:
    """Start a registration: by invite code at once, or a unit to confirm before the request goes out."""
    rest_raw = _after_keyword(message.text)
    rest = _REGISTER.sub("", f, count=1).strip()
    if not rest:
        return Reply(await how_to_register(session))
    code = _CODE.match(rest)
    if code:
        return await _use_code(session, message, code.group(1))
    refusal = await _too_long(session, message.text) or await _request_refusal(session, message.identity, message.now)
    if refusal is not None:
        return refusal
    unit_part, post = _unit_and_post(rest_raw)
    unit_part = re.sub(r"^(vào|vao|cho|tại|tai|ở|o)\s+", "", unit_part.strip(), flags=re.IGNORECASE)
    unit = await _unit_by_hash(session, unit_part)
    if unit is None:
        match = await resolve_unit(session, unit_part)
        if match.unit is None:
            return await _unit_not_found(session, unit_part, match.candidates, post.strip())
        unit = match.unit
    return await _confirm_unit(session, message, unit, post.strip() or None)


_REGISTER_RAW = re.compile(
    r"^\s*/?(?:tôi\s+|toi\s+|em\s+)?(?:muốn\s+|muon\s+|xin\s+)?(?:đăng\s*ký|đăng\s*kí|dang\s*ky|dangky|đk|dk)\b[\s:,.-]*",
    re.IGNORECASE,
)


_PLACE_PART = re.compile(r"^(tỉnh|tinh|huyện|huyen|thành phố|thanh pho|tp\.?|quận|thị xã|thi xa)\s", re.I)


def _unit_and_post(text: str) -> tuple[str, str]:
    """ "xã Lam Sơn, tỉnh Thanh Hóa, công chức LĐ-TB&XH" -> ("xã Lam Sơn, tỉnh Thanh Hóa", "công chức LĐ-TB&XH")."""
    parts = [part.strip() for part in text.split(",")]
    places = 1
    while places < len(parts) and _PLACE_PART.match(parts[places]):
        places += 1
    return ", ".join(parts[:places]), ", ".join(parts[places:])


def _after_keyword(text: str) -> str:
    return _REGISTER_RAW.sub("", nfc(text), count=1).strip()


async def _unit_by_hash(session: AsyncSession, text: str) -> Unit | None:
    match = re.fullmatch(r"#(\d+)", text.strip())
    return await session.get(Unit, int(match.group(1))) if match else None


async def _unit_not_found(session: AsyncSession, name: str, candidates: list[Unit], post: str) -> Reply:
    if not candidates:
        example = await example_name(session)
        return Reply(
            f'Không tìm thấy đơn vị "{name}". Gửi lại: đăng ký <xã/phường>, <chức vụ>, ví dụ "đăng ký {example}".'
        )
    suffix = f", {post}" if post else ""
    choices = [Choice(await unit_label(session, u), f"đăng ký #{u.id}{suffix}") for u in candidates[:8]]
    return Reply(f'Có nhiều đơn vị tên "{name}". Bạn ở đơn vị nào?', choices=choices)


async def _confirm_unit(session: AsyncSession, message: IncomingMessage, unit: Unit, post: str | None) -> Reply:
    payload = {"action": "register", "unit_id": unit.id, "post": post, "text": message.text}
    await save_state(session, message.identity, "confirm", payload, message.now)
    label = await unit_label(session, unit)
    role = f", chức vụ: {post}" if post else ""
    choices = [Choice("Đúng, gửi yêu cầu", "đồng ý"), Choice("Không đúng", "không")]
    return Reply(f"Bạn đăng ký vào {label}{role}. Đúng không?", choices=choices)


async def submit(session: AsyncSession, message: IncomingMessage, payload: dict) -> Reply:
    """The confirmed registration: a pending request, and a notice to each approver."""
    unit = await session.get(Unit, int(payload["unit_id"]))
    if unit is None:
        return Reply("Đơn vị không còn trong cơ sở dữ liệu. Gửi lại: đăng ký <xã/phường>.")
    refusal = await _request_refusal(session, message.identity, message.now)
    if refusal is not None:
        return refusal
    text, post = str(payload.get("text", ""))[:MAX_TEXT], payload.get("post")
    request = await accounts.create_request(
        session, message.identity, unit, message.now, post=post, name=None, text=text
    )
    if request is None:  # another request of the same person went in at this very moment
        return Reply("Bạn đã có một yêu cầu đăng ký đang chờ duyệt; bạn sẽ nhận tin khi được duyệt.")
    label = await unit_label(session, unit)
    notice = (
        f"Yêu cầu đăng ký số {request.id}: {message.identity} xin vào {label}"
        + (f", chức vụ: {request.post}" if request.post else "")
        + f'. Trả lời "duyệt {request.id}" hoặc "từ chối {request.id}".'
    )
    for approver in await accounts.approvers(session, unit):
        if approver != message.identity:  # no one decides on their own request
            await enqueue(session, approver, notice, message.now, kind="notice")
    return Reply(f"Đã gửi yêu cầu đăng ký vào {label} (số {request.id}). Bạn sẽ nhận tin khi được duyệt.")


async def _use_code(session: AsyncSession, message: IncomingMessage, code: str) -> Reply:
    invite = await accounts.find_invite(session, code)
    if invite is None or not accounts.invite_usable(invite, message.now):
        return Reply(
            "Mã mời không đúng, đã dùng hoặc đã hết hạn. Xin mã mới, hoặc gửi: đăng ký <xã/phường>, <chức vụ>."
        )
    if await accounts.use_invite(session, invite, message.identity, message.now, name=None) is None:
        return Reply("Mã mời này vừa được người khác dùng. Xin mã mới, hoặc gửi: đăng ký <xã/phường>, <chức vụ>.")
    unit = await session.get(Unit, invite.unit_id)
    label = await unit_label(session, unit) if unit else "đơn vị"
    return Reply(
        f'Đăng ký thành công: bạn thuộc {label}. Gửi "tiến độ" để xem tiến độ, hoặc hỏi chỉ tiêu, hạn báo cáo.'
    )


async def _too_long(session: AsyncSession, text: str) -> Reply | None:
    """A refusal of a registration message longer than approvers should have to read."""
    size = len(nfc(text).strip())
    if size <= MAX_TEXT:
        return None
    return Reply(
        f"Tin đăng ký quá dài ({size} ký tự, tối đa {MAX_TEXT}). Gửi ngắn gọn: đăng ký <xã/phường>, <chức vụ>, "
        f'ví dụ "đăng ký {await example_name(session)}, {POST_EXAMPLE}".'
    )


async def _request_refusal(session: AsyncSession, identity: str, now: datetime) -> Reply | None:
    """Why a new request may not go out now: one still pending, or too many in a day; None if it may."""
    pending = await accounts.pending_requests(session, identity=identity)
    if pending:
        unit = await session.get(Unit, pending[-1].unit_id)
        label = await unit_label(session, unit) if unit else "đơn vị"
        return Reply(
            f"Bạn đã có yêu cầu đăng ký số {pending[-1].id} vào {label} đang chờ duyệt; bạn sẽ nhận tin khi được "
            'duyệt. Nếu đăng ký nhầm, gửi "hủy yêu cầu đăng ký" rồi đăng ký lại.'
        )
    if await accounts.requests_since(session, identity, now - REQUEST_WINDOW) >= MAX_REQUESTS:
        return Reply(
            f"Bạn đã gửi {MAX_REQUESTS} yêu cầu đăng ký trong 24 giờ qua. Vui lòng chờ sang ngày mai, "
            "hoặc xin cán bộ quản lý một mã mời."
        )
    return None


async def withdraw(session: AsyncSession, message: IncomingMessage) -> Reply:
    """ "hủy yêu cầu đăng ký": the pending request is withdrawn (approvers can no longer approve it)."""
    request = await accounts.withdraw_request(session, message.identity, message.now)
    if request is None:
        return Reply("Bạn không có yêu cầu đăng ký nào đang chờ duyệt.")
    return Reply(f"Đã hủy yêu cầu đăng ký số {request.id}. Bạn có thể đăng ký lại: đăng ký <xã/phường>, <chức vụ>.")


async def can_decide(session: AsyncSession, asker: Asker, unit: Unit) -> bool:
    """Admins decide on every request; managers on requests for units below theirs."""
    if asker.is_admin:
        return True
    above = {u.id for u in await ancestors(session, unit)}
    return any(role == "manager" and own.id in above for own, role in asker.units)


async def decide(session: AsyncSession, message: IncomingMessage, asker: Asker, f: str) -> Reply:
    """ "duyệt 12" / "từ chối 12" by an admin or a manager above the unit."""
    match = _DECIDE.match(f)
    assert match is not None
    approve = match.group(1) in {"duyet", "phe duyet", "chap nhan"}
    request = await session.get(RegistrationRequest, int(match.group(2)))
    unit = await session.get(Unit, request.unit_id) if request else None
    if request is None or unit is None or request.status != "pending":
        return Reply(f"Không có yêu cầu đăng ký số {match.group(2)} nào đang chờ duyệt.")
    if request.identity == message.identity:
        return Reply(OWN_REQUEST)
    if not await can_decide(session, asker, unit):
        return Reply("Bạn không có quyền duyệt yêu cầu này (chỉ quản trị viên hoặc cán bộ quản lý cấp trên).")
    await accounts.decide_request(session, request, approve, message.identity, message.now)
    label = await unit_label(session, unit)
    answer = f"Yêu cầu đăng ký vào {label} đã được duyệt." if approve else f"Yêu cầu đăng ký vào {label} bị từ chối."
    await enqueue(session, request.identity, answer, message.now, kind="notice")
    verb = "Đã duyệt" if approve else "Đã từ chối"
    return Reply(f"{verb} yêu cầu số {request.id}: {request.identity} → {label}.")


async def request_list(session: AsyncSession, asker: Asker) -> Reply:
    """The pending requests this approver may decide on."""
    lines = []
    for request in await accounts.pending_requests(session):
        unit = await session.get(Unit, request.unit_id)
        if unit is not None and request.identity != asker.identity and await can_decide(session, asker, unit):
            post = f", {request.post}" if request.post else ""
            lines.append(f"{request.id}. {request.identity} → {await unit_label(session, unit)}{post}")
    if not lines:
        return Reply("Không có yêu cầu đăng ký nào đang chờ bạn duyệt.")
    return Reply('Yêu cầu đăng ký chờ duyệt (trả lời "duyệt N" hoặc "từ chối N"):\n' + "\n".join(lines))
