"""Scanned PDFs: each page rendered to an image and read by Tesseract (Vietnamese), when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from storage.importer.limits import MAX_PDF_PAGES, UnreadableDocument

LANGUAGE = "vie"
SCALE = 300 / 72  # pages rendered at 300 dpi: what Tesseract reads best
PAGE_SECONDS = 120
INSTALL = (
    "máy chủ chưa cài Tesseract để đọc bản quét: quản trị viên cài các gói tesseract-ocr và tesseract-ocr-vie "
    "(apt-get install tesseract-ocr tesseract-ocr-vie), hoặc gửi bản .docx hay PDF có chữ"
)


def tesseract() -> str | None:
    """The tesseract command when it is installed with Vietnamese data; None otherwise."""
    command = shutil.which("tesseract")
    if command is None:
        return None
    try:
        listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return command if LANGUAGE in listed.stdout.split() else None


def read_scan(path: Path) -> str:
    """The text of a PDF without a text layer, page by page; UnreadableDocument when OCR is not available."""
    command = tesseract()
    if command is None:
        raise UnreadableDocument(f"PDF là bản quét (không có lớp chữ) và {INSTALL}")
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise UnreadableDocument("tệp .pdf hỏng hoặc không phải PDF") from exc
    with tempfile.TemporaryDirectory() as folder:
        pages = []
        for number in range(min(len(document), MAX_PDF_PAGES)):
            image = Path(folder) / f"page-{number}.png"
            document[number].render(scale=SCALE).to_pil().save(image)
            pages.append(_page_text(command, image))
    return "\n".join(pages)


def _page_text(command: str, image: Path) -> str:
    """One page image read by Tesseract."""
    try:
        done = subprocess.run(
            [command, str(image), "stdout", "-l", LANGUAGE, "--psm", "4"],
            capture_output=True,
            text=True,
            timeout=PAGE_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise UnreadableDocument(f"đọc bản quét quá {PAGE_SECONDS} giây cho một trang nên đã dừng") from exc
    if done.returncode != 0:
        raise UnreadableDocument("Tesseract không đọc được trang của bản quét")
    return done.stdout
