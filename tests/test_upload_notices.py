"""What a named unit's staff read after a plan is imported, and when it goes out (quiet hours, never dropped)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from bot.sender import OutboxSender
from handlers.flows.plan_notices import PlanNotices
from handlers.messages import IncomingFile
from handlers.render.plan_notices import notice_text
from storage.importer import import_paths
from storage.outbox.queue import OutboxMessage
from storage.reminders.schedule import to_local
from storage.uploads.notices import NOTICE_KIND, Change, PlanNotice, UnitFigures, changes
from storage.uploads.queueing import Queued, queue_keyed
from tests.conftest import NOW
from tests.reimport_data import plan_text
from tests.reminder_data import at
from tests.test_sender import FakeChannel, FakeTime, rows
from tests.upload_support import MANAGER, STAFF, Sessions, seed, send


def figures(values: dict[int, tuple[str, str]], name: str = "Xã Hòa Lộc") -> UnitFigures:
    return UnitFigures(7, name, dict(values), top=list(values))


def test_first_notice_gives_the_units_own_figures_duties_and_nearest_deadline_in_a_few_lines() -> None:
    unit = figures({1: ("trồng rừng năm 2025", "12 ha"), 2: ("giảm hộ nghèo năm 2025", "3 hộ")})
    unit.duties = ["UBND xã: rà soát diện tích đất trống"]
    unit.deadline = ("báo cáo quý I", date(2025, 3, 25))
    notice = PlanNotice("tg:9", 4, "05/KH-UBND", "UBND huyện Hà Trung", "Phát triển rừng năm 2025", 1, [unit])
    assert notice_text(notice).splitlines() == [
        "Kế hoạch mới có giao việc cho đơn vị bạn: Kế hoạch số 05/KH-UBND của UBND huyện Hà Trung — "
        "Phát triển rừng năm 2025.",
        "Xã Hòa Lộc: trồng rừng năm 2025: 12 ha; giảm hộ nghèo năm 2025: 3 hộ; "
        "nhiệm vụ: UBND xã: rà soát diện tích đất trống; hạn gần nhất: báo cáo quý I — 25/3/2025.",
        'Hỏi thêm: "chỉ tiêu của đơn vị", "nhiệm vụ", "hạn báo cáo sắp tới".',
    ]
    assert notice.key == "plan-notice:4:1:tg:9"


def test_a_new_version_lists_what_changed_for_the_unit() -> None:
    before = figures({1: ("trồng rừng năm 2025", "12 ha"), 2: ("giảm hộ nghèo năm 2025", "3 hộ")})
    after = figures({1: ("trồng rừng năm 2025", "15 ha"), 3: ("nhà văn hóa năm 2025", "1 nhà")})
    found = changes(before, after)
    assert found == [
        Change("trồng rừng năm 2025", "12 ha", "15 ha"),
        Change("nhà văn hóa năm 2025", None, "1 nhà"),
        Change("giảm hộ nghèo năm 2025", "3 hộ", None),
    ]
    notice = PlanNotice("tg:9", 4, None, "UBND huyện Hà Trung", "", 2, [after], {"Xã Hòa Lộc": found})
    assert notice_text(notice).splitlines()[:2] == [
        "Kế hoạch của UBND huyện Hà Trung vừa được cập nhật (bản 2).",
        "Xã Hòa Lộc: trồng rừng năm 2025: 12 ha → 15 ha; thêm nhà văn hóa năm 2025: 1 nhà; "
        "bỏ giảm hộ nghèo năm 2025 (trước là 3 hộ).",
    ]
    assert changes(after, after) == []


async def test_notices_wait_out_the_quiet_hours_and_are_not_dropped_as_stale(sessions: Sessions) -> None:
    night = at(17, hour=22)
    async with sessions() as session:
        queued = await queue_keyed(
            session, [Queued("tg:5", "kế hoạch mới", "plan-notice:1:1:tg:5")], NOTICE_KIND, night
        )
        again = await queue_keyed(session, [Queued("tg:5", "kế hoạch mới", "plan-notice:1:1:tg:5")], NOTICE_KIND, night)
        await session.commit()
    assert (queued, again) == (1, 0)  # one row per key
    time = FakeTime(night)
    channel = FakeChannel(time)
    sender = OutboxSender(sessions, {"tg": channel}, clock=time.wall, monotonic=time.monotonic, sleep=time.sleep)
    assert (await sender.drain_once()).postponed == 1 and channel.sent == []
    (row,) = await rows(sessions)
    assert to_local(row.next_attempt_at) == at(18, hour=7)
    time.start = at(19, hour=8)  # 34 hours after it was queued: still sent (a stale reminder would be dropped)
    assert (await sender.drain_once()).sent == 1
    assert [r.status for r in await rows(sessions)] == ["sent"]


async def imported(sessions: Sessions, text: str) -> str:
    """The manager sends text as a plan file and confirms it; the confirmation's text."""
    content = text.encode()
    preview = await send(sessions, MANAGER, IncomingFile("kh.txt", len(content), content))
    return (await send(sessions, MANAGER, None, preview.choices[0].value)).text


async def notices(sessions: Sessions) -> list[tuple[str, str]]:
    async with sessions() as session:
        query = select(OutboxMessage.recipient, OutboxMessage.text).where(OutboxMessage.kind == NOTICE_KIND)
        return [(who, text) for who, text in (await session.execute(query.order_by(OutboxMessage.id))).all()]


async def test_a_moved_deadline_tells_every_named_unit_that_owes_it(sessions: Sessions) -> None:
    await seed(sessions)
    await imported(sessions, plan_text())
    first = await notices(sessions)
    done = await imported(sessions, plan_text(six_months="25/6/2024"))
    assert "3 cán bộ của 3 đơn vị" in done
    moved = (await notices(sessions))[len(first) :]
    assert sorted(who for who, _ in moved) == sorted(f"tg:{STAFF[k]}" for k in ("xuan bai", "tho lam", "sao vang"))
    assert all(
        "hạn báo cáo kết quả thực hiện công tác giảm nghèo 6 tháng: 20/6/2024 → 25/6/2024" in t for _, t in moved
    )


async def test_an_import_from_the_command_line_tells_the_named_units_only_when_asked(
    sessions: Sessions, tmp_path: Path
) -> None:
    await seed(sessions)
    path = tmp_path / "kh.txt"
    path.write_text(plan_text(), encoding="utf-8")
    (dry,) = await import_paths(sessions, [path], now=NOW, dry_run=True, notifier=PlanNotices())
    assert await notices(sessions) == [] and not any("Thông báo" in line for line in dry.lines)
    (quiet,) = await import_paths(sessions, [path], now=NOW)  # an operator loading plans: no one is told
    assert quiet.ok and await notices(sessions) == []
    path.write_text(plan_text(six_months="25/6/2024"), encoding="utf-8")
    (told,) = await import_paths(sessions, [path], now=NOW, notifier=PlanNotices())
    assert "  Thông báo: đã xếp 3 tin cho cán bộ của 3 đơn vị (gửi khi bot chạy)." in told.lines
    moved = await notices(sessions)
    assert sorted(who for who, _ in moved) == sorted(f"tg:{STAFF[k]}" for k in ("xuan bai", "tho lam", "sao vang"))
    assert all("20/6/2024 → 25/6/2024" in text for _, text in moved)
