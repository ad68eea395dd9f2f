"""A district manager announces to the communes over Telegram: preview with the count, confirm, delivered, recorded."""

from __future__ import annotations

import json

from sqlalchemy import select

from storage.uploads.announcements import Announcement
from tests.fake_botapi import tg_button_update, tg_text_update
from tests.upload_support import (
    ADMIN,
    MANAGER,
    OTHER_MANAGER,
    STAFF,
    Sessions,
    drain,
    nth_to,
    seed,
    send,
    telegram,
    texts_to,
)

NEWS = "Họp giao ban giảm nghèo lúc 14 giờ thứ Sáu tại hội trường huyện."


async def test_manager_announces_to_the_communes_and_every_commune_staff_member_gets_it_once(
    sessions: Sessions,
) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, channel):
        api.push(tg_text_update(1, MANAGER, f"thông báo cho các xã: {NEWS}"))
        preview = await nth_to(api, MANAGER, 1)
        assert (
            preview == f"Thông báo sẽ gửi tới 4 cán bộ đã đăng ký thuộc Huyện Thọ Xuân:\n«{NEWS}»\nGửi thông báo này?"
        )
        assert all(texts_to(api, user) == [] for user in STAFF.values())  # nothing sent before the confirmation
        markup = json.loads(api.sent("sendMessage")[0]["reply_markup"])
        api.push(tg_button_update(2, MANAGER, markup["inline_keyboard"][0][0]["callback_data"]))
        assert (await nth_to(api, MANAGER, 2)).startswith("Đã gửi thông báo tới 4 cán bộ")
        assert await drain(sessions, channel) == 4
        api.push(tg_button_update(3, MANAGER, markup["inline_keyboard"][0][0]["callback_data"]))  # a double tap
        assert "đã được gửi lúc 09:00 ngày 15/5/2024 tới 4 cán bộ" in await nth_to(api, MANAGER, 3)
        assert await drain(sessions, channel) == 0
        api.push(tg_text_update(4, MANAGER, "thông báo đã gửi"))
        record = await nth_to(api, MANAGER, 4)
    for user in STAFF.values():
        assert texts_to(api, user) == [f"Thông báo của Cán bộ (Huyện Thọ Xuân):\n{NEWS}"]
    assert texts_to(api, ADMIN) == [] and texts_to(api, OTHER_MANAGER) == []  # above and beside: not told
    assert "09:00 ngày 15/5/2024: 4 người nhận, đã chuyển 4" in record
    async with sessions() as session:
        row = (await session.execute(select(Announcement))).scalar_one()
    assert (row.identity, row.recipients, row.status, row.level) == (f"tg:{MANAGER}", 4, "sent", 3)


async def test_staff_may_not_announce_and_nothing_is_kept(sessions: Sessions) -> None:
    await seed(sessions)
    reply = await send(sessions, STAFF["tho lam"], None, f"thông báo cho các xã: {NEWS}")
    assert reply.text == "Chỉ cán bộ quản lý mới gửi được thông báo cho các đơn vị cấp dưới."
    async with sessions() as session:
        assert (await session.execute(select(Announcement))).first() is None


async def test_a_cancelled_announcement_goes_to_no_one(sessions: Sessions) -> None:
    await seed(sessions)
    await send(sessions, MANAGER, None, f"thông báo cho tất cả cán bộ: {NEWS}")
    assert (await send(sessions, MANAGER, None, "2")).text == "Đã hủy thông báo, không gửi cho ai."
    assert (await send(sessions, MANAGER, None, "thông báo đã gửi")).text == "Bạn chưa gửi thông báo nào."
