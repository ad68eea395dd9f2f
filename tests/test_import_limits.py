"""Importer bounds: zip bombs, too many PDF pages, too much text, odd encodings, reading time, long lists."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli import main
from storage.importer import import_paths
from storage.importer.limits import MAX_PDF_PAGES, MAX_TEXT_CHARS, MAX_UNZIPPED_BYTES, Deadline
from storage.importer.reader import UnreadableDocument, read_document
from storage.models import Plan, Target
from tests.conftest import NOW
from tests.test_reader import PLAN_TEXT, _tones_apart, build_docx

Sessions = async_sessionmaker[AsyncSession]
BOMB_SIZE = MAX_UNZIPPED_BYTES + 10_000_017  # an odd number: its four bytes appear nowhere else in the zip


def _refused(path: Path, deadline: Deadline | None = None) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_document(path, deadline)
    return str(info.value)


def build_bomb(path: Path, size: int = BOMB_SIZE) -> Path:
    """A valid .docx whose word/document.xml is `size` bytes of one repeated paragraph: it packs to ~100 KB."""
    source = build_docx(path.with_name("small.docx"))
    head = b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
    head += b'wordprocessingml/2006/main"><w:body>'
    tail = b"</w:body></w:document>"
    paragraph = "<w:p><w:r><w:t>Kế hoạch giảm nghèo của xã.</w:t></w:r></w:p>".encode()
    with zipfile.ZipFile(source) as small, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in small.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, small.read(item))
                continue
            info = zipfile.ZipInfo(item.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            with bomb.open(info, "w") as stream:
                body = size - len(head) - len(tail)
                stream.write(head)
                block = paragraph * (1_000_000 // len(paragraph))
                for _ in range(body // len(block)):
                    stream.write(block)
                stream.write(b" " * (body % len(block)))
                stream.write(tail)
    return path


@pytest.mark.parametrize(
    ("size", "wanted"),
    [
        (BOMB_SIZE, "MB, vượt giới hạn 50 MB: có thể là tệp nén bất thường"),
        (31 * 1024 * 1024, "phần word/document.xml giải nén ra 31 MB, vượt giới hạn 30 MB"),
        (5 * 1024 * 1024, "phần word/document.xml nén bất thường"),  # small enough, but packed 1000 to 1
    ],
)
def test_zip_bomb_docx_is_refused_quickly_with_flat_memory(tmp_path: Path, size: int, wanted: str) -> None:
    bomb = build_bomb(tmp_path / "bom.docx", size)
    assert bomb.stat().st_size < 1_000_000  # megabytes of XML in a small file
    tracemalloc.start()
    started = time.perf_counter()
    try:
        reason = _refused(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert wanted in reason
    assert time.perf_counter() - started < 20  # generous: the sizes are read from the zip directory
    assert peak < 20 * 1024 * 1024


def test_docx_whose_sizes_lie_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = build_bomb(tmp_path / "bom.docx").read_bytes()
    liar = tmp_path / "noi-doi.docx"
    real, claimed = struct.pack("<I", BOMB_SIZE), struct.pack("<I", 40_000)
    assert bomb.count(real) == 2  # the local header and the central directory
    liar.write_bytes(bomb.replace(real, claimed))
    tracemalloc.start()
    try:
        reason = _refused(liar)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "hỏng" in reason  # what comes out is checked against the claimed size and checksum
    assert peak < 20 * 1024 * 1024


def test_password_protected_docx_is_refused_with_the_fix(tmp_path: Path) -> None:
    data = bytearray(build_docx(tmp_path / "plan.docx").read_bytes())
    at = data.find(b"PK\x01\x02")  # the first central directory record: mark its part encrypted
    data[at + 8] |= 0x1
    locked = tmp_path / "khoa.docx"
    locked.write_bytes(bytes(data))
    assert "có đặt mật khẩu" in _refused(locked)


def minimal_pdf(path: Path, pages: int) -> Path:
    """A PDF of `pages` empty pages, written byte by byte with a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + n} 0 R" for n in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def test_pdf_over_the_page_limit_is_refused(tmp_path: Path) -> None:
    reason = _refused(minimal_pdf(tmp_path / "dai.pdf", MAX_PDF_PAGES + 1))
    assert f"hơn {MAX_PDF_PAGES} trang" in reason
    # at the limit the pages are read (and, empty as they are, refused for having no text layer)
    assert "không có lớp chữ" in _refused(minimal_pdf(tmp_path / "du.pdf", MAX_PDF_PAGES))


def test_reading_stops_when_its_time_is_up(tmp_path: Path) -> None:
    docx_path = build_docx(tmp_path / "plan.docx")
    assert "đọc tệp quá" in _refused(docx_path, Deadline(-1))
    assert "đọc tệp quá" in _refused(minimal_pdf(tmp_path / "plan.pdf", 3), Deadline(-1))
    assert "Kế hoạch" in read_document(docx_path, Deadline(60))


def test_text_longer_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    path.write_text(PLAN_TEXT * (MAX_TEXT_CHARS // len(PLAN_TEXT) + 1), encoding="utf-8")
    assert "văn bản quá dài" in _refused(path) and "2.000.000 ký tự" in _refused(path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16le-khong-bom", PLAN_TEXT.encode("utf-16-le")),
        ("utf16be-khong-bom", PLAN_TEXT.encode("utf-16-be")),
        ("utf16be-bom", b"\xfe\xff" + PLAN_TEXT.encode("utf-16-be")),
        ("utf32", PLAN_TEXT.encode("utf-32")),
        ("windows-1258", _tones_apart(PLAN_TEXT).encode("cp1258")),
        ("utf8-cut-mat-byte-cuoi", PLAN_TEXT.encode("utf-8") + "ệ".encode()[:2]),
    ],
)
def test_encodings_are_read_as_the_same_text(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    text = read_document(path)
    assert "Giảm tỷ lệ hộ nghèo xuống còn 2,5%" in text and text.startswith("KẾ HOẠCH")


def test_legacy_eight_bit_encoding_is_refused_with_the_fix_not_read_as_garbage(tmp_path: Path) -> None:
    # TCVN3/VNI spell each accented letter as one byte of their own: none of them reads as UTF-8
    legacy = bytes(ord(c) if ord(c) < 128 else 0xA1 + ord(c) % 90 for c in PLAN_TEXT * 3)
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(legacy)
    reason = _refused(path)
    assert "bảng mã" in reason and "UTF-8" in reason


async def _plans(sessions: Sessions) -> int:
    async with sessions() as session:
        return int((await session.execute(select(func.count(Plan.id)))).scalar_one())


async def test_refusals_come_back_as_import_outcomes_and_change_nothing(sessions: Sessions, tmp_path: Path) -> None:
    huge = tmp_path / "lon.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of nothing on disk
    files = [build_bomb(tmp_path / "bom.docx"), minimal_pdf(tmp_path / "dai.pdf", MAX_PDF_PAGES + 1), huge]
    outcomes = await import_paths(sessions, files, now=NOW)
    assert [o.ok for o in outcomes] == [False, False, False]
    assert outcomes[0].lines[0].startswith("Lỗi: bom.docx: tệp giải nén ra")
    assert outcomes[1].lines[0].startswith(f"Lỗi: dai.pdf: PDF có hơn {MAX_PDF_PAGES} trang")
    assert outcomes[2].lines == ["Lỗi: lon.txt: tệp quá lớn (50 MB, giới hạn 20 MB)"]
    assert await _plans(sessions) == 0


def test_cli_prints_the_refusal_and_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", db, "import", str(minimal_pdf(tmp_path / "dai.pdf", MAX_PDF_PAGES + 1))]) == 1
    assert f"Lỗi: dai.pdf: PDF có hơn {MAX_PDF_PAGES} trang" in capsys.readouterr().err
    assert main(["--db", db, "plans"]) == 0
    assert "dai.pdf" not in capsys.readouterr().out


def long_plan(lines: int) -> str:
    """A plan whose objectives are `lines` similar lines, as short bare lines read like wrapped text."""
    head = "KẾ HOẠCH\nGiảm nghèo năm 2024 xã Tân Mộc\n\nUBND xã Tân Mộc ban hành Kế hoạch:\n\nI. MỤC TIÊU\n\n"
    return head + "\n".join(f"Giảm {12 + n % 7} hộ nghèo tại thôn {n + 1}" for n in range(lines)) + "\n"


async def test_two_thousand_similar_lines_import_without_hanging(sessions: Sessions, tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    path.write_text(long_plan(2000), encoding="utf-8")
    started = time.perf_counter()
    (outcome,) = await import_paths(sessions, [path], now=NOW)
    assert time.perf_counter() - started < 60  # "does not hang": it took minutes while rows were rescanned
    assert outcome.ok, outcome.lines
    async with sessions() as session:
        assert (await session.execute(select(func.count(Target.id)))).scalar_one() == 2000
