"""Time a plan sent in chat that names many communes: the preview, then the confirmation that imports it and
queues a notice for every registered staff member of every named commune.

Usage: python benchmarks/upload_notices.py [COMMUNES] [STAFF_PER_COMMUNE]   (default: 1000 10)
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from handlers.dispatch import respond
from handlers.flows.upload_reading import read_ahead
from handlers.messages import IncomingFile, IncomingMessage
from storage.db import open_database
from storage.outbox.queue import OutboxMessage
from tests import factories
from tests.conftest import NOW
from tests.reimport_data import plan_text

FIRST = ["An", "Bình", "Cẩm", "Đông", "Hòa", "Hưng", "Kim", "Lam", "Minh", "Ngọc", "Phú", "Quang", "Tân", "Thanh"]
SECOND = ["Sơn", "Lộc", "Thịnh", "Phong", "Hải", "Long", "Tiến", "Thành", "Xuyên", "Giang", "Khê", "Lâm", "Trung"]
THIRD = ["Thượng", "Hạ", "Đoài", "Nam", "Bắc", "Tây"]


def names(count: int) -> list[str]:
    """count different commune names of two or three syllables."""
    pairs = [f"{a} {b}" for a, b in itertools.product(FIRST, SECOND)]
    triples = [f"{p} {c}" for p, c in itertools.product(pairs, THIRD)]
    return (pairs + triples)[:count]


async def run(communes: int, staff: int) -> None:
    """Seed, send the plan, confirm it; print the times and how many notices were queued."""
    communes_named = names(communes)
    quotas = [(name, 4, 1, 3) for name in communes_named]
    content = plan_text(quotas).encode()
    with tempfile.TemporaryDirectory() as tmp:
        async with open_database(f"sqlite:///{Path(tmp) / 'bench.db'}") as sessions:
            async with sessions() as session:
                district = await factories.unit(session, "huyện Thọ Xuân")
                await factories.user(session, "tg:1", district, role="manager")
                for n, name in enumerate(communes_named):
                    unit = await factories.unit(session, f"xã {name}", parent=district)
                    for k in range(staff):
                        await factories.user(session, f"tg:{100000 + n * staff + k}", unit)
                await session.commit()
            file = IncomingFile("ke-hoach.txt", len(content), content)
            started = time.perf_counter()
            message = await read_ahead(IncomingMessage("tg", "1", "", NOW, file=file))
            read = time.perf_counter() - started
            async with sessions() as session:
                preview = await respond(session, message)
                await session.commit()
            previewed = time.perf_counter() - started
            started = time.perf_counter()
            async with sessions() as session:
                done = await respond(session, IncomingMessage("tg", "1", preview.choices[0].value, NOW))
                await session.commit()
            confirmed = time.perf_counter() - started
            async with sessions() as session:
                queued = await session.scalar(select(func.count()).where(OutboxMessage.kind == "plan-notice"))
    print(
        f"{communes} communes × {staff} staff: read {read:.2f} s, preview {previewed:.2f} s (with the read), "
        f"confirm {confirmed:.2f} s, {queued} notices queued"
    )
    print(done.text)


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    asyncio.run(run(*(arguments + [1000, 10][len(arguments) :])))
