"""A scanned plan (a PDF of page images, no text layer) is read by Tesseract and previewed with a warning;
without Tesseract the reply says what to install. The scan is made here from a team-written plan."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
import pytest
from PIL import Image, ImageDraw, ImageFont

from handlers.messages import IncomingFile
from storage.uploads import ocr
from tests.upload_support import MANAGER, Sessions, counts, seed, send

SKIP_REASON = "Tesseract with Vietnamese data is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
PLAN = """UỶ BAN NHÂN DÂN
HUYỆN THỌ XUÂN
Số: 27/KH-UBND
Thọ Xuân, ngày 12 tháng 4 năm 2024
KẾ HOẠCH
Hỗ trợ sinh kế cho hộ nghèo năm 2024
I. MỤC TIÊU
Năm 2024, toàn huyện hỗ trợ sinh kế cho 40 hộ nghèo.
II. TỔ CHỨC THỰC HIỆN
1. UBND các xã, thị trấn
- Lập danh sách hộ được hỗ trợ, báo cáo UBND huyện trước ngày 30/6/2024.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Văn Hùng
"""


def scanned_pdf(text: str, target: Path) -> Path:
    """The text drawn on A4 page images at 300 dpi and saved as a PDF with no text layer."""
    font = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), 36)
    lines = [part for line in text.splitlines() for part in textwrap.wrap(line, 60) or [""]]
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for n, line in enumerate(lines):
        draw.text((180, 200 + 80 * n), line, font=font, fill=0)
    page.convert("RGB").save(target, resolution=300)
    return target


def scan_file(tmp_path: Path) -> IncomingFile:
    content = scanned_pdf(PLAN, tmp_path / "scan.pdf").read_bytes()
    return IncomingFile("ke-hoach-scan.pdf", len(content), content)


async def test_a_scanned_plan_is_read_by_ocr_and_the_preview_says_to_check_the_figures(
    sessions: Sessions, tmp_path: Path
) -> None:
    if ocr.tesseract() is None:
        pytest.skip(SKIP_REASON)
    await seed(sessions)
    preview = await send(sessions, MANAGER, scan_file(tmp_path))
    assert "đọc bằng OCR — hãy kiểm tra số liệu" in preview.text
    assert "Kế hoạch số 27/KH-UBND ngày 12/4/2024 của UBND huyện Thọ Xuân" in preview.text
    done = await send(sessions, MANAGER, None, preview.choices[0].value)
    assert done.text.startswith("Đã nhập: Kế hoạch số 27/KH-UBND")
    assert await counts(sessions) == (1, 1)


async def test_without_tesseract_a_scan_is_refused_with_what_to_install(
    sessions: Sessions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "tesseract", lambda: None)
    await seed(sessions)
    reply = await send(sessions, MANAGER, scan_file(tmp_path))
    assert "PDF là bản quét (không có lớp chữ)" in reply.text
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in reply.text
    assert await counts(sessions) == (0, 0)
