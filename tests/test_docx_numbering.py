"""Word's automatic list numbering comes back into the text, so auto-numbered headings keep their sections."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.importer import import_paths
from storage.importer.docx_numbering import format_number
from storage.importer.reader import read_document
from storage.models import Responsibility, Section, Target
from tests.conftest import NOW

Sessions = async_sessionmaker[AsyncSession]
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# Level 0 "I.", level 1 "1.", level 2 "a)", level 3 a dash bullet: how plans number their parts.
ABSTRACT = f"""<w:abstractNum {NS} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
# (level or None for a plain paragraph, text)
PLAN = [
    (None, "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"),
    (None, "KẾ HOẠCH"),
    (None, "Thực hiện giảm nghèo bền vững năm 2024 trên địa bàn xã Hòa Bình"),
    (0, "MỤC ĐÍCH, YÊU CẦU"),
    (None, "Triển khai đồng bộ các giải pháp giảm nghèo."),
    (0, "MỤC TIÊU"),
    (1, "Mục tiêu chung"),
    (None, "Giảm nghèo bền vững, hạn chế tái nghèo."),
    (1, "Chỉ tiêu cụ thể"),
    (2, "Năm 2024 giảm 12 hộ nghèo."),
    (2, "Tỷ lệ hộ nghèo giảm từ 3,2% xuống còn 2,6%."),
    (0, "TỔ CHỨC THỰC HIỆN"),
    (1, "Công chức Văn hóa - Xã hội"),
    (3, "Chủ trì tham mưu UBND xã theo dõi, đôn đốc thực hiện kế hoạch."),
    (1, "Các thôn"),
    (3, "Rà soát hộ nghèo, báo cáo UBND xã."),
]


def build_numbered_docx(path: Path) -> Path:
    """A plan whose headings are numbered by Word, not typed."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(ABSTRACT))  # abstract definitions come before the w:num elements
    root.append(parse_xml(NUM))
    for level, text in PLAN:
        paragraph = document.add_paragraph(text)
        if level is not None:
            num_pr = parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            paragraph._p.get_or_add_pPr().append(num_pr)
    document.save(str(path))
    return path


def test_numbers_come_back_into_the_text(tmp_path: Path) -> None:
    lines = [line for line in read_document(build_numbered_docx(tmp_path / "hoa-binh.docx")).splitlines() if line]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines and "II. MỤC TIÊU" in lines and "III. TỔ CHỨC THỰC HIỆN" in lines
    assert "1. Mục tiêu chung" in lines and "2. Chỉ tiêu cụ thể" in lines
    assert "a) Năm 2024 giảm 12 hộ nghèo." in lines and "b) Tỷ lệ hộ nghèo giảm từ 3,2% xuống còn 2,6%." in lines
    assert "1. Công chức Văn hóa - Xã hội" in lines  # a new heading restarts the level below it
    assert "- Rà soát hộ nghèo, báo cáo UBND xã." in lines
    assert "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH" in lines  # plain paragraphs are untouched


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [(4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"), (3, "lowerLetter", "c"), (28, "upperLetter", "BB")],
)
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


async def test_auto_numbered_plan_keeps_its_sections(sessions: Sessions, tmp_path: Path) -> None:
    (outcome,) = await import_paths(sessions, [build_numbered_docx(tmp_path / "hoa-binh.docx")], now=NOW)
    assert outcome.ok, outcome.lines
    async with sessions() as session:
        numbers = set((await session.execute(select(Section.label))).scalars())
        targets = list((await session.execute(select(Target.value, Target.baseline))).all())
        duties = list((await session.execute(select(Responsibility.assignee))).scalars())
    assert {"I", "II", "II.1", "II.2", "III", "III.1"} <= numbers, numbers
    assert any(value == 12 for value, _ in targets), targets
    assert any("Văn hóa - Xã hội" in (assignee or "") for assignee in duties), duties
