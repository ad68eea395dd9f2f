"""`kehoach demo`: a fresh local database with the bundled sample plan, then a terminal chat."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from bot.console import run_console
from storage.accounts.models import Membership, User
from storage.db import open_database
from storage.importer import import_paths
from storage.models import Unit

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEMO_DIR = Path("kehoach-demo")
DEMO_USER = "console:demo"


async def run_demo(now: datetime, fixed_clock: bool = False) -> int:
    """Build ./kehoach-demo/demo.db from examples/*.txt, register a demo manager, then chat."""
    plans = sorted(EXAMPLES.glob("*.txt"))
    if not plans:
        print(f"Không tìm thấy kế hoạch mẫu trong {EXAMPLES}.")
        return 1
    DEMO_DIR.mkdir(exist_ok=True)
    for leftover in DEMO_DIR.glob("demo.db*"):
        leftover.unlink()
    url = f"sqlite:///{DEMO_DIR / 'demo.db'}"
    async with open_database(url) as sessions:
        outcomes = await import_paths(sessions, plans, now=now)
        for outcome in outcomes:
            print("\n".join(outcome.lines))
        if not all(o.ok for o in outcomes):
            return 1
        async with sessions() as session:
            await _register_demo_user(session, now)
            await session.commit()
        print(f"Cơ sở dữ liệu mẫu: {DEMO_DIR / 'demo.db'}. Bạn là cán bộ quản lý của đơn vị ban hành kế hoạch mẫu.")
        await run_console(sessions, user=DEMO_USER, fixed_now=now if fixed_clock else None)
    return 0


async def _register_demo_user(session, now: datetime) -> None:  # type: ignore[no-untyped-def]
    """Make the demo user a manager of the unit that issued the first sample plan."""
    from storage.models import Plan

    plan = (await session.execute(select(Plan).order_by(Plan.id))).scalars().first()
    unit = await session.get(Unit, plan.issuer_unit_id) if plan and plan.issuer_unit_id else None
    user = User(identity=DEMO_USER, name="Người dùng thử", created_at=now)
    session.add(user)
    await session.flush()
    session.add(Membership(user_id=user.id, unit_id=unit.id if unit else None, role="manager"))
