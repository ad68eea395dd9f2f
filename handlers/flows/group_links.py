"""An admin links a group chat to a unit from inside the group ("liên kết nhóm xã Thọ Lâm") or unlinks it."""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import IncomingMessage, Reply
from handlers.understand.asker_context import Asker
from storage.accounts.groups import link_group, unlink_group
from storage.language.text import fold, nfc
from storage.units.examples import example_name
from storage.units.lookup import resolve_unit, unit_label

_LINK = re.compile(r"^/?(?:lien ket nhom|lienketnhom|gan nhom)(?:\s+(?:voi|vao|cho))?\b")
_UNLINK = re.compile(r"^/?(?:huy lien ket nhom|huylienketnhom|bo lien ket nhom)\b")
ADMIN_ONLY = "Chỉ quản trị viên mới liên kết hoặc hủy liên kết nhóm với đơn vị."


async def handle(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply | None:
    """Answer "liên kết nhóm <đơn vị>" and "hủy liên kết nhóm"; None for any other message."""
    folded = fold(message.text).strip()
    if _UNLINK.match(folded):
        return await _unlink(session, message, asker)
    keyword = _LINK.match(folded)
    if keyword is None:
        return None
    if message.group is None:
        return Reply('Gửi "liên kết nhóm <tên đơn vị>" trong chính nhóm cần liên kết (bot phải là thành viên nhóm).')
    if not asker.is_admin:
        return Reply(ADMIN_ONLY)
    name = " ".join(nfc(message.text).split()[len(keyword.group(0).split()) :]).strip(" :,-")
    if not name:
        return Reply(f'Ghi tên đơn vị, ví dụ: "liên kết nhóm {await example_name(session)}".')
    match = await resolve_unit(session, name)
    if match.unit is None:
        many = "Có nhiều đơn vị" if match.candidates else "Không tìm thấy đơn vị"
        example = await example_name(session, with_parent=True)
        return Reply(f'{many} "{name}". Ghi rõ hơn, ví dụ: "liên kết nhóm {example}".')
    await link_group(session, message.group, match.unit, asker.identity, message.now)
    label = await unit_label(session, match.unit)
    return Reply(
        f"Đã liên kết nhóm này với {label}. Trong nhóm, thành viên đã đăng ký xem và báo cáo được số liệu của "
        f"{match.unit.full_name} và các đơn vị cấp dưới, theo vai trò của mình."
    )


async def _unlink(session: AsyncSession, message: IncomingMessage, asker: Asker) -> Reply:
    if message.group is None:
        return Reply('Gửi "hủy liên kết nhóm" trong chính nhóm cần hủy liên kết.')
    if not asker.is_admin:
        return Reply(ADMIN_ONLY)
    if not await unlink_group(session, message.group):
        return Reply("Nhóm này chưa liên kết với đơn vị nào.")
    return Reply("Đã hủy liên kết: từ nay tiến độ và báo cáo chỉ trả lời trong tin nhắn riêng.")
