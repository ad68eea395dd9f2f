"""A manager sends the district plan to the bot in Telegram: preview, confirm, imported, the named communes told."""

from __future__ import annotations

import json

from tests.fake_botapi import tg_button_update, tg_document_update
from tests.reimport_data import plan_text
from tests.upload_support import MANAGER, STAFF, Sessions, counts, drain, seed, telegram, texts_to


def buttons(reply: dict) -> list[str]:  # type: ignore[type-arg]
    return [row[0]["callback_data"] for row in json.loads(reply["reply_markup"])["inline_keyboard"]]


async def test_manager_uploads_the_district_plan_previews_confirms_and_the_named_communes_are_told(
    sessions: Sessions,
) -> None:
    await seed(sessions)
    async with telegram(sessions) as (api, channel):
        content = plan_text().encode()
        api.files["doc1"] = content
        api.push(tg_document_update(1, MANAGER, "doc1", "ke-hoach-giam-ngheo.txt", len(content)))
        (preview,) = await api.wait_for(1, "sendMessage")
        print(preview["text"])
        assert await counts(sessions) == (0, 1)
        yes, _no = buttons(preview)
        api.push(tg_button_update(2, MANAGER, yes))
        done = (await api.wait_for(2, "sendMessage"))[1]
        print(done["text"])
        assert (await counts(sessions))[0] == 1
        await drain(sessions, channel)
        for key, user in STAFF.items():
            print(key, texts_to(api, user))
