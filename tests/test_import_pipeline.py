"""Importing plan files written in Word and PDF into the database (the sample plans: tests/corpus)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer import import_paths
from storage.models import Plan, Section
from tests.conftest import NOW
from tests.test_reader import PLAN_TEXT, build_docx, build_pdf

Sessions = async_sessionmaker[AsyncSession]


async def test_docx_and_pdf_import(sessions: Sessions, tmp_path: Path) -> None:
    docx_path = build_docx(tmp_path / "my-loc.docx")
    pdf_path = build_pdf(tmp_path / "my-loc-2.pdf", PLAN_TEXT.replace("Mỹ Lộc", "Mỹ Thành").strip().split("\n"))
    outcomes = await import_paths(sessions, [docx_path, pdf_path], now=NOW)
    assert all(o.ok for o in outcomes), [o.lines for o in outcomes]
    async with sessions() as session:
        plans = {p.issuer_name: p for p in (await session.execute(select(Plan))).scalars()}
        assert set(plans) == {"UBND xã Mỹ Lộc", "UBND xã Mỹ Thành"}
        sections = list(
            (await session.execute(select(Section).where(Section.plan_id == plans["UBND xã Mỹ Lộc"].id))).scalars()
        )
        appendix = next(s for s in sections if s.label == "Phụ lục 01")
        assert "2\tThôn Khuổi Khe\t2\t-" in appendix.body
