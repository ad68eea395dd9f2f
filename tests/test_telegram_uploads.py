"""A manager sends the district plan to the bot in Telegram: preview, confirm, imported, the named communes told."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from handlers.render.show import describe
from storage.uploads.models import PlanUpload
from tests.fake_botapi import FakeTelegram, tg_button_update, tg_document_update, tg_text_update
from tests.reimport_data import QUOTAS, plan_text
from tests.upload_support import MANAGER, STAFF, Sessions, counts, drain, nth_to, seed, telegram, texts_to

CHANGED = [(name, 12, 2, 10) if name == "Thọ Lâm" else row for name, *rest in QUOTAS for row in [(name, *rest)]]


def buttons(reply: dict[str, Any]) -> list[str]:
    """The callback data of a reply's inline buttons."""
    return [row[0]["callback_data"] for row in json.loads(reply["reply_markup"])["inline_keyboard"]]


async def upload(api: FakeTelegram, update_id: int, user: int, text: str, name: str = "kh-giam-ngheo.txt") -> None:
    """The user sends text as a file."""
    content = text.encode()
    api.files[f"doc{update_id}"] = content
    api.push(tg_document_update(update_id, user, f"doc{update_id}", name, len(content)))


async def test_manager_uploads_the_district_plan_previews_confirms_and_the_named_communes_are_told(
    sessions: Sessions,
) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, channel):
        await upload(api, 1, MANAGER, plan_text())
        (preview,) = await api.wait_for(1, "sendMessage")
        text = preview["text"]
        assert "Kế hoạch số 12/KH-UBND ngày 5/3/2024 của UBND huyện Thọ Xuân" in text
        assert "Thời gian kế hoạch: năm 2024" in text
        assert "Đọc được: 4 đơn vị, 5 chỉ tiêu, 1 nhiệm vụ, 2 hạn, 0 kinh phí." in text
        assert "Xã Xuân Bái, Xã Thọ Lâm, Thị trấn Sao Vàng" in text and "Xuân Phú" not in text
        assert await counts(sessions) == (0, 1)  # the pending upload only: no plan written yet
        assert api.sent("download") == [{"file_id": "doc1"}]

        api.push(tg_button_update(2, MANAGER, buttons(preview)[0]))
        done = (await api.wait_for(2, "sendMessage"))[1]["text"]
        assert done.startswith("Đã nhập: Kế hoạch số 12/KH-UBND của UBND huyện Thọ Xuân")
        assert "thông báo cho 3 cán bộ của 3 đơn vị" in done
        assert await counts(sessions) == (1, 1)

        assert await drain(sessions, channel) == 3
        assert await drain(sessions, channel) == 0  # once each
    own = {"xuan bai": "4 hộ", "tho lam": "10 hộ", "sao vang": "4 hộ"}
    for key, quota in own.items():
        (notice,) = texts_to(api, STAFF[key])
        assert "Kế hoạch số 12/KH-UBND của UBND huyện Thọ Xuân" in notice
        assert f"giảm hộ nghèo năm 2024: {quota}" in notice
        assert "hạn gần nhất: báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng — 20/6/2024" in notice
        assert "Hỏi thêm:" in notice
    assert texts_to(api, STAFF["xuan phu"]) == []  # the plan does not name Xuân Phú
    assert len(texts_to(api, MANAGER)) == 2  # the preview and the confirmation: no notice to the sender


async def test_show_tells_who_sent_the_plan_and_when(sessions: Sessions) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, _channel):
        await upload(api, 1, MANAGER, plan_text())
        (preview,) = await api.wait_for(1, "sendMessage")
        api.push(tg_button_update(2, MANAGER, buttons(preview)[0]))
        await api.wait_for(2, "sendMessage")
    async with sessions() as session:
        shown = await describe(session, "12/KH-UBND")
        stored = (await session.execute(select(PlanUpload))).scalar_one()
    assert "bản 1: 15/5/2024 · kh-giam-ngheo.txt" in shown
    assert f"gửi qua chat: Cán bộ (tg:{MANAGER}) lúc 09:00 15/5/2024, tệp gốc kh-giam-ngheo.txt" in shown
    assert stored.content == plan_text().encode() and stored.checksum[:12] in shown


async def test_staff_who_sends_a_plan_is_told_to_give_it_to_the_district_manager(sessions: Sessions) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, _channel):
        await upload(api, 1, STAFF["tho lam"], plan_text())
        (reply,) = await api.wait_for(1, "sendMessage")
    assert "Chỉ cán bộ quản lý hoặc quản trị viên mới gửi được kế hoạch" in reply["text"]
    assert "Hãy gửi tệp cho cán bộ quản lý của Huyện Thọ Xuân" in reply["text"]
    assert await counts(sessions) == (0, 0)


async def test_a_new_version_with_one_changed_quota_tells_only_that_commune(sessions: Sessions) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, channel):
        await upload(api, 1, MANAGER, plan_text())
        (preview,) = await api.wait_for(1, "sendMessage")
        api.push(tg_button_update(2, MANAGER, buttons(preview)[0]))
        await api.wait_for(2, "sendMessage")
        assert await drain(sessions, channel) == 3

        await upload(api, 3, MANAGER, plan_text(CHANGED), "kh-giam-ngheo-sua.txt")
        second = await nth_to(api, MANAGER, 3)
        assert "So với bản đã nhập ngày 15/5/2024 (kh-giam-ngheo.txt): chỉ tiêu: sửa 5." in second
        assert "Xã Thọ Lâm — giảm hộ nghèo năm 2024: 10 hộ → 12 hộ" in second
        api.push(tg_text_update(4, MANAGER, "1"))  # the numbered choice works as the button does
        done = await nth_to(api, MANAGER, 4)
        assert done.startswith("Đã cập nhật (bản 2)") and "1 cán bộ của 1 đơn vị" in done
        assert await drain(sessions, channel) == 1
    first, update = texts_to(api, STAFF["tho lam"])
    assert "vừa được cập nhật (bản 2)" in update
    assert "Xã Thọ Lâm: giảm hộ nghèo năm 2024: 10 hộ → 12 hộ" in update
    assert "hộ có KNLD năm 2024: 8 hộ → 10 hộ" in update
    for key in ("xuan bai", "sao vang"):
        assert len(texts_to(api, STAFF[key])) == 1  # the first notice only
