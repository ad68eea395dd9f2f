"""A plan sent as Word reads as the same plan sent as text: same preview, imported on confirmation."""

from __future__ import annotations

from pathlib import Path

from handlers.flows.upload_reading import read_ahead
from handlers.messages import IncomingFile, IncomingMessage
from tests.conftest import NOW
from tests.plan_docx import build_plan_docx
from tests.reimport_data import plan_text
from tests.upload_support import MANAGER, Sessions, counts, seed, send


async def test_the_word_file_previews_like_the_text_and_is_imported(sessions: Sessions, tmp_path: Path) -> None:
    await seed(sessions)
    source = tmp_path / "kh.txt"
    source.write_text(plan_text(), encoding="utf-8")
    content = build_plan_docx(source, tmp_path / "kh.docx").read_bytes()
    file = IncomingFile("Kế hoạch 12.docx", len(content), content)
    read = await read_ahead(IncomingMessage("tg", str(MANAGER), "", NOW, file=file))
    assert read.file is not None and read.file.reading is not None and read.file.reading.error is None
    preview = await send(sessions, MANAGER, read.file)
    assert preview.text.startswith("Xem trước tệp Kế hoạch 12.docx:")
    assert "Đọc được: 4 đơn vị, 5 chỉ tiêu, 1 nhiệm vụ, 2 hạn, 0 kinh phí." in preview.text
    done = await send(sessions, MANAGER, None, preview.choices[0].value)
    assert done.text.startswith("Đã nhập: Kế hoạch số 12/KH-UBND")
    assert await counts(sessions) == (1, 1)
