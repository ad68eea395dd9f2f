"""Files the bot does not take, and answers it does not take twice: a clear reply, nothing written."""

from __future__ import annotations

import asyncio
import io
import zipfile
from datetime import timedelta

import pytest

from handlers.messages import IncomingFile
from tests import factories
from tests.conftest import NOW
from tests.fake_botapi import tg_document_update, tg_photo_update, tg_text_update
from tests.reimport_data import plan_text
from tests.upload_support import ADMIN, MANAGER, OTHER_MANAGER, STAFF, Sessions, counts, seed, send, telegram, texts_to

PLAN = plan_text().encode()


def zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ke-hoach.txt", PLAN)
    return buffer.getvalue()


def plan_file(content: bytes = PLAN, name: str = "ke-hoach.txt") -> IncomingFile:
    return IncomingFile(name, len(content), content)


README = "Hướng dẫn sử dụng phần mềm quản lý văn bản của xã, cập nhật tháng này cho cán bộ một cửa.\n" * 3


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (IncomingFile("ke-hoach.doc", 2048, b"\xd0\xcf\x11\xe0" + b"\0" * 2044), "Word cũ (.doc)"),
        (IncomingFile("ke-hoach.zip", len(zipped()), zipped()), "tệp nén"),
        (IncomingFile("anh.jpg", 5000, b"\xff\xd8\xff" + b"\0" * 4997, "image/jpeg"), "từ ảnh chụp"),
        (IncomingFile("trong.docx", 0, b""), "rỗng"),
        (IncomingFile("lon.pdf", 25 * 1024 * 1024, None), "nặng 25 MB: bot chỉ tải được tệp đến 20 MB"),
        (IncomingFile("huong-dan.txt", len(README.encode()), README.encode()), "không phải một kế hoạch"),
        (IncomingFile("bang.xlsx", 100, b"PK\x03\x04" + b"\0" * 96), "chỉ nhận .docx, .pdf, .txt, .md"),
    ],
)
async def test_a_file_that_is_no_plan_gets_a_clear_reply_and_nothing_is_written(
    sessions: Sessions, file: IncomingFile, expected: str
) -> None:
    await seed(sessions)
    reply = await send(sessions, MANAGER, file)
    assert expected in reply.text and "Không có gì được ghi" in reply.text
    assert await counts(sessions) == (0, 0)


async def test_a_second_file_while_one_waits_is_refused_and_the_first_still_waits(sessions: Sessions) -> None:
    await seed(sessions)
    first = await send(sessions, MANAGER, plan_file())
    second = await send(sessions, MANAGER, plan_file(name="ban-khac.txt"))
    assert "Bạn đang có tệp ke-hoach.txt (gửi lúc 09:00 ngày 15/5/2024) chờ xác nhận" in second.text
    assert [c.value for c in second.choices] == [c.value for c in first.choices]
    assert await counts(sessions) == (0, 1)


async def test_a_double_tap_on_confirm_imports_once(sessions: Sessions) -> None:
    await seed(sessions)
    preview = await send(sessions, MANAGER, plan_file())
    done = await send(sessions, MANAGER, None, preview.choices[0].value)
    again = await send(sessions, MANAGER, None, preview.choices[0].value)
    assert done.text.startswith("Đã nhập")
    assert "đã được nhập lúc 09:00 ngày 15/5/2024; không nhập lại" in again.text
    assert await counts(sessions) == (1, 1)


async def test_a_confirmation_after_24_hours_imports_nothing_and_a_new_file_is_taken(sessions: Sessions) -> None:
    await seed(sessions)
    preview = await send(sessions, MANAGER, plan_file())
    late = await send(sessions, MANAGER, None, preview.choices[0].value, NOW + timedelta(hours=25))
    assert "đã quá 24 giờ chưa xác nhận nên không được nhập" in late.text
    assert await counts(sessions) == (0, 1)
    fresh = await send(sessions, MANAGER, plan_file(), at=NOW + timedelta(hours=26))
    assert fresh.text.startswith("Xem trước tệp ke-hoach.txt")


async def test_cancel_writes_nothing_and_frees_the_sender_for_another_file(sessions: Sessions) -> None:
    await seed(sessions)
    preview = await send(sessions, MANAGER, plan_file())
    cancelled = await send(sessions, MANAGER, None, "2")
    assert cancelled.text == "Đã hủy tệp ke-hoach.txt. Không có gì được ghi vào cơ sở dữ liệu."
    assert await counts(sessions) == (0, 1)
    again = await send(sessions, MANAGER, None, preview.choices[0].value)
    assert "đã hủy" in again.text and await counts(sessions) == (0, 1)


async def test_a_stranger_is_shown_the_way_to_register(sessions: Sessions) -> None:
    await seed(sessions)
    reply = await send(sessions, 999, plan_file())
    assert "Chỉ cán bộ đã đăng ký mới gửi được kế hoạch" in reply.text and "đăng ký" in reply.choices[0].label.lower()
    assert await counts(sessions) == (0, 0)


async def test_a_manager_of_another_district_may_not_import_it_an_admin_may(sessions: Sessions) -> None:
    await seed(sessions)
    refused = await send(sessions, OTHER_MANAGER, plan_file())
    assert "Bạn không nhập được kế hoạch này: UBND huyện Thọ Xuân ban hành" in refused.text
    assert await counts(sessions) == (0, 0)
    preview = await send(sessions, ADMIN, plan_file())
    assert (await send(sessions, ADMIN, None, preview.choices[0].value)).text.startswith("Đã nhập")


async def test_a_commune_manager_may_import_a_district_plan_that_names_the_commune(sessions: Sessions) -> None:
    seeded = await seed(sessions)
    async with sessions() as session:
        await factories.user(session, "tg:301", seeded.units["tho lam"], role="manager")
        await session.commit()
    preview = await send(sessions, 301, plan_file())
    assert preview.text.startswith("Xem trước tệp") and preview.choices
    assert (await send(sessions, 301, None, "nhập tệp 1")).text.startswith("Đã nhập")


async def test_over_telegram_a_photo_and_a_25_mb_file_are_refused_without_a_download(sessions: Sessions) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, _channel):
        api.push(tg_photo_update(1, MANAGER))
        api.push(tg_document_update(2, MANAGER, "big", "kh.pdf", 25 << 20))
        api.push(tg_document_update(3, STAFF["xuan bai"], "big", "kh.pdf", 25 << 20))
        await api.wait_for(3, "sendMessage")
    photo, big = texts_to(api, MANAGER)
    assert "từ ảnh chụp" in photo
    assert "Tệp kh.pdf nặng 25 MB: bot chỉ tải được tệp đến 20 MB (giới hạn tải tệp của Telegram)" in big
    assert "Chỉ cán bộ quản lý" in texts_to(api, STAFF["xuan bai"])[0]
    assert api.sent("getFile", "download") == []
    assert await counts(sessions) == (0, 0)


async def test_a_file_shared_in_a_group_is_left_alone(sessions: Sessions) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, _channel):
        api.files["g1"] = PLAN
        api.push(tg_document_update(1, MANAGER, "g1", "ke-hoach.txt", len(PLAN), chat_id=-100777))
        api.push(tg_text_update(2, MANAGER, "chào bot"))
        await api.wait_for(1, "sendMessage")
        await asyncio.sleep(0.5)  # the group's update is handled by now
        assert [params["chat_id"] for params in api.sent("sendMessage")] == [str(MANAGER)]
    assert api.sent("getFile", "download") == []
    assert await counts(sessions) == (0, 0)


async def test_a_file_telegram_will_not_serve_is_refused_with_the_limit(sessions: Sessions) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, _channel):
        api.files["huge"] = b"x" * (21 << 20)  # its size left out of the update: getFile refuses it
        api.push(tg_document_update(1, MANAGER, "huge", "kh.pdf", 0))
        (reply,) = await api.wait_for(1, "sendMessage")
    assert "Bot chưa tải được tệp kh.pdf (bot chỉ tải được tệp đến 20 MB)" in reply["text"]
    assert len(api.sent("getFile")) == 1 and api.sent("download") == []
    assert await counts(sessions) == (0, 0)
