"""`kehoach export --unit U --xlsx FILE | --csv FILE`, files opened and read back."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

from openpyxl import load_workbook

from bot.cli import main
from storage.db import open_database
from tests.reporting_seed import add, say, seed

BASE = ["--now", "2024-05-15T09:00:00+07:00"]


def _prepare(db_url: str) -> None:
    async def run() -> None:
        async with open_database(db_url) as factory, factory() as session:
            ids = await seed(session)
            await add(session, "tg:1", ids.xuan_bai)
            await session.commit()
            await say(session, "tg:1", "Báo cáo: xã đã giảm được 2 hộ nghèo")

    asyncio.run(run())


def test_export_xlsx(db_url: str, tmp_path: Path) -> None:
    _prepare(db_url)
    out = tmp_path / "tien-do.xlsx"
    assert main(["--db", db_url, *BASE, "export", "--unit", "huyện Thọ Xuân", "--xlsx", str(out)]) == 0
    sheet = load_workbook(out).active
    assert "Huyện Thọ Xuân" in sheet["A1"].value
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][:3] == ["Đơn vị", "Chỉ tiêu", "Năm"]
    xuan_bai = [r for r in rows if r[0] == "Xã Xuân Bái"]
    assert len(xuan_bai) == 3  # the quota and its two breakdown parts
    assert xuan_bai[0][4:8] == [4, 2, 50, "2/4 (50%)"] and xuan_bai[0][9] == "tg:1"
    assert any(r[0] == "Thị trấn Sao Vàng" and r[7] == "0/10 (0%)" and r[9] == "chưa báo cáo" for r in rows)


def test_export_csv(db_url: str, tmp_path: Path) -> None:
    _prepare(db_url)
    out = tmp_path / "tien-do.csv"
    assert main(["--db", db_url, *BASE, "export", "--unit", "Xuân Bái", "--csv", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "Đơn vị" and len(rows) == 4
    assert rows[1][:2] == ["Xã Xuân Bái", "giảm hộ nghèo"] and rows[1][7] == "2/4 (50%)"


def test_export_unknown_unit_fails(db_url: str, tmp_path: Path) -> None:
    _prepare(db_url)
    assert main(["--db", db_url, *BASE, "export", "--unit", "Hoàng Sa", "--csv", str(tmp_path / "x.csv")]) == 1
