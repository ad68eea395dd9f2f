"""Who may do what, tried as someone who should not: staff of one commune at another's reports and people,
strangers after exports and lists, registrations asking for a role, guessed, spent or stale invite codes,
and people approving their own requests. (Phrasings of another unit's progress: test_security.py; group
chats: test_access_groups.py.)"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.dispatch import respond
from handlers.messages import IncomingMessage, Reply
from storage.accounts import operations as accounts
from storage.accounts.models import Invite, Membership, RegistrationRequest, user_units
from storage.models import Unit
from storage.reporting.reports import Report
from tests.conftest import NOW
from tests.reporting_seed import Seed, add, seed

STAFF_TL, STAFF_XB, MANAGER, ADMIN, STRANGER = "tg:11", "tg:12", "tg:10", "tg:13", "zalo:l4hs4ng"
PEOPLE = (STAFF_TL, STAFF_XB, MANAGER, ADMIN)


async def ask(session: AsyncSession, identity: str, text: str, now=NOW) -> Reply:  # type: ignore[no-untyped-def]
    """One private message through the whole core, committed like a channel does."""
    channel, _, user_id = identity.partition(":")
    reply = await respond(session, IncomingMessage(channel, user_id, text, now))
    await session.commit()
    return reply


async def _people(session: AsyncSession) -> Seed:
    """The seeded district with a manager, an admin, and staff of Thọ Lâm and of Xuân Bái (who reported 3)."""
    ids = await seed(session)
    await add(session, MANAGER, ids.district, role="manager")
    await add(session, ADMIN, ids.district, role="admin")
    await add(session, STAFF_TL, ids.tho_lam)
    await add(session, STAFF_XB, ids.xuan_bai)
    await session.commit()
    assert "Đã ghi nhận" in (await ask(session, STAFF_XB, "báo cáo: đã giảm được 3 hộ nghèo")).text
    assert "3/4" in (await ask(session, MANAGER, "tiến độ xã Xuân Bái")).text  # what the others must not see
    return ids


async def _state(session: AsyncSession) -> tuple[list[tuple[int, str]], list[tuple[int, float]], int]:
    """Every membership (unit, role), every report (unit, value) and the number of requests."""
    members = (await session.execute(select(Membership.unit_id, Membership.role).order_by(Membership.id))).all()
    reports = (await session.execute(select(Report.unit_id, Report.value).order_by(Report.id))).all()
    requests = await session.scalar(select(func.count()).select_from(RegistrationRequest))
    return [tuple(m) for m in members], [tuple(r) for r in reports], int(requests or 0)  # type: ignore[misc]


def _reveals_people_or_figures(reply: Reply, own: str) -> list[str]:
    """What a reply shows that its asker should not see: files, other people's identities, Xuân Bái's 3 of 4."""
    shown = [f"file {a.filename}" for a in reply.attachments]
    shown += [who for who in PEOPLE if who != own and who in reply.text]
    shown += [figure for figure in ("3/4", "75%", "75,0%") if figure in reply.text]
    return shown


OTHERS_REPORTS_AND_PEOPLE = [
    "báo cáo của xã Xuân Bái",
    "xem các báo cáo xã Xuân Bái đã gửi",
    "lịch sử báo cáo xã Xuân Bái",
    "xã Xuân Bái đã báo cáo bao nhiêu hộ",
    "ai đã báo cáo cho xã Xuân Bái",
    "danh sách người dùng",
    "danh sách cán bộ xã Xuân Bái",
    "ai là cán bộ xã Xuân Bái",
    "danh sách đăng ký",
    "/yeucau",
    "xuất tiến độ xã Xuân Bái ra excel",
    "xuất excel tiến độ các xã",
    "xã nào chưa báo cáo",
]
CHANGES_TO_OTHERS = [
    "xóa người dùng tg:12",
    "xóa tg:12 khỏi xã Xuân Bái",
    "thêm tg:99 vào xã Xuân Bái",
    "tạo mã mời xã Xuân Bái",
    "cho tg:11 làm quản lý",
    "đổi vai trò tg:11 thành admin",
    "hủy báo cáo xã Xuân Bái",
    "xóa báo cáo của xã Xuân Bái",
    "sửa báo cáo xã Xuân Bái thành 0 hộ",
    "hủy",
    "xác nhận",
]


async def test_staff_of_one_commune_neither_see_nor_change_anothers_reports_or_people(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _people(session)
        before = await _state(session)
        for text in OTHERS_REPORTS_AND_PEOPLE:
            reply = await ask(session, STAFF_TL, text)
            assert not _reveals_people_or_figures(reply, STAFF_TL), (text, reply.text)
        for text in CHANGES_TO_OTHERS:
            await ask(session, STAFF_TL, text)
            assert await _state(session) == before, text


async def test_a_stranger_gets_no_export_no_list_and_changes_nothing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        await _people(session)
        before = await _state(session)
        for text in [*OTHERS_REPORTS_AND_PEOPLE, "tiến độ các xã", "/tiendo", "xuất tiến độ huyện Thọ Xuân"]:
            reply = await ask(session, STRANGER, text)
            assert not _reveals_people_or_figures(reply, STRANGER), (text, reply.text)
        for text in CHANGES_TO_OTHERS:
            await ask(session, STRANGER, text)
            assert await _state(session) == before, text


async def test_a_registration_asking_for_a_role_still_makes_staff(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await _people(session)
        for n, text in enumerate(
            [
                "đăng ký huyện Thọ Xuân, quản trị viên",
                "đăng ký huyện Thọ Xuân, admin",
                "đăng ký huyện Thọ Xuân, cán bộ quản lý (manager)",
            ]
        ):
            who = f"zalo:role{n}"
            await ask(session, who, text)
            assert "Đã gửi yêu cầu" in (await ask(session, who, "đồng ý")).text, text
            request = (
                await session.execute(select(RegistrationRequest).where(RegistrationRequest.identity == who))
            ).scalar_one()
            assert "Đã duyệt" in (await ask(session, ADMIN, f"duyệt {request.id}")).text
            assert [(u.id, role) for u, role in await user_units(session, who)] == [(ids.district, "staff")], text
            views = await ask(session, who, "tiến độ huyện Thọ Xuân các xã")
            assert "Chỉ cán bộ quản lý" in views.text and not views.attachments, text
        await ask(session, "zalo:role9", "đăng ký huyện Thọ Xuân với vai trò admin")
        await ask(session, "zalo:role9", "đồng ý")
        assert all(role == "staff" for _, role in await user_units(session, "zalo:role9"))


async def _invite(session: AsyncSession, unit_id: int, now=NOW) -> str:  # type: ignore[no-untyped-def]
    unit = await session.get(Unit, unit_id)
    assert unit is not None
    code = (await accounts.create_invite(session, unit, now, role="manager")).code
    await session.commit()
    return code


async def test_guessed_spent_and_stale_invite_codes_let_no_one_in(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await _people(session)
        code = await _invite(session, ids.tho_lam)
        stale = await _invite(session, ids.tho_lam, now=NOW - accounts.INVITE_TTL - timedelta(minutes=1))
        before = await _state(session)
        for _ in range(50):  # well-formed guesses, from the same alphabet
            guess = "".join(secrets.choice(accounts.INVITE_ALPHABET) for _ in range(8))
            reply = await ask(session, STRANGER, f"đăng ký {guess}")
            assert "không đúng" in reply.text and guess != code
        for near in (code[:-1] + ("A" if code[-1] != "A" else "B"), code[1:] + code[0], code[:7]):
            assert "thành công" not in (await ask(session, STRANGER, f"đăng ký {near}")).text, near
        assert "hết hạn" in (await ask(session, STRANGER, f"đăng ký {stale}")).text
        assert await _state(session) == before
        assert "thành công" in (await ask(session, "zalo:newcomer", f"đăng ký {code}")).text
        for reuse in ("zalo:newcomer", STRANGER, STAFF_XB):
            assert "thành công" not in (await ask(session, reuse, f"đăng ký {code}")).text, reuse
        newcomers = (await session.execute(select(Invite.used_by).where(Invite.code == code))).scalar_one()
        assert newcomers == "zalo:newcomer" and await user_units(session, STRANGER) == []
        assert [role for _, role in await user_units(session, STAFF_XB)] == ["staff"]


async def test_no_one_approves_their_own_request(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        ids = await _people(session)
        for who, unit in ((MANAGER, "xã Thọ Lâm"), (ADMIN, "thị trấn Sao Vàng")):
            assert "Đúng không?" in (await ask(session, who, f"đăng ký {unit}")).text
            assert "Đã gửi yêu cầu" in (await ask(session, who, "đồng ý")).text
        requests = {r.identity: r.id for r in (await session.execute(select(RegistrationRequest))).scalars().all()}
        for who in (MANAGER, ADMIN):
            reply = await ask(session, who, f"duyệt {requests[who]}")
            assert "Đã duyệt" not in reply.text and "của chính mình" in reply.text, reply.text
        assert await session.scalar(select(func.count()).select_from(Membership)) == 4
        listed = await ask(session, MANAGER, "danh sách đăng ký")
        assert MANAGER not in listed.text and ADMIN in listed.text  # the other's request, not one's own
        assert "Đã duyệt" in (await ask(session, ADMIN, f"duyệt {requests[MANAGER]}")).text
        assert (ids.tho_lam, "staff") in [(u.id, role) for u, role in await user_units(session, MANAGER)]
