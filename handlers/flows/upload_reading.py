"""Reading a plan file sent in chat, before any transaction: checks, the importer's dry read, OCR for scans."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from handlers.messages import IncomingFile, IncomingMessage
from storage.importer import prepare
from storage.importer.limits import UnreadableDocument, megabytes
from storage.uploads.ocr import read_scan

log = logging.getLogger(__name__)

DOWNLOAD_LIMIT = 20 * 1024 * 1024  # the Bot API's getFile serves files up to 20 MB
ACCEPTED = (".docx", ".pdf", ".txt", ".md")
IMAGES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp", ".tif", ".tiff")
ARCHIVES = (".zip", ".rar", ".7z", ".gz", ".tar")
_NO_TEXT_LAYER = "lớp chữ"  # the reader's words for a PDF that is a scan


@dataclass
class UploadReading:
    """What reading a file gave: the importer's read (document and facts), or the reason it failed."""

    checksum: str  # SHA-256 of the file's bytes
    read: Any = None  # storage.importer's read of the file (document, facts); None when it failed
    error: str | None = None
    ocr_text: str | None = None  # the text OCR read, when the file is a scan


def suffix_of(name: str) -> str:
    """The file's extension, lower case ("" when it has none)."""
    return Path(name).suffix.lower()


def file_refusal(file: IncomingFile) -> str | None:
    """Why a file cannot be a plan before reading it: size, kind, emptiness; None when it may be read."""
    suffix = suffix_of(file.name)
    if file.size > DOWNLOAD_LIMIT or (file.content is not None and len(file.content) > DOWNLOAD_LIMIT):
        return (
            f"Tệp {file.name} nặng {megabytes(file.size)}: bot chỉ tải được tệp đến {megabytes(DOWNLOAD_LIMIT)} "
            "(giới hạn tải tệp của Telegram). Hãy gửi bản nhỏ hơn (bỏ ảnh, phụ lục scan) hoặc nhờ quản trị viên "
            "nhập bằng lệnh kehoach import."
        )
    if suffix == ".doc":
        return f"Tệp {file.name} là định dạng Word cũ (.doc): hãy mở bằng Word, lưu lại thành .docx rồi gửi lại."
    if suffix in IMAGES or file.mime_type.startswith("image/"):
        return "Bot không đọc kế hoạch từ ảnh chụp. Hãy gửi tệp .docx hoặc .pdf của văn bản."
    if suffix in ARCHIVES:
        return f"Tệp {file.name} là tệp nén: hãy giải nén và gửi từng kế hoạch (.docx, .pdf, .txt, .md)."
    if suffix not in ACCEPTED:
        return f"Bot không đọc được loại tệp {suffix or 'không có đuôi'}: chỉ nhận .docx, .pdf, .txt, .md."
    if file.content is not None and not file.content:
        return f"Tệp {file.name} rỗng, không có nội dung."
    if file.content is None:
        limit = megabytes(DOWNLOAD_LIMIT)
        return f"Bot chưa tải được tệp {file.name} (bot chỉ tải được tệp đến {limit}). Hãy gửi lại, hoặc bản nhỏ hơn."
    return None


async def read_ahead(message: IncomingMessage) -> IncomingMessage:
    """The message with its file read (in a worker thread), so the core's transaction only stores."""
    file = message.file
    if file is None or file.content is None or file.reading is not None or file_refusal(file) is not None:
        return message
    reading = await asyncio.to_thread(read_upload, file.name, file.content)
    return replace(message, file=replace(file, reading=reading))


def read_upload(name: str, content: bytes, ocr_text: str | None = None) -> UploadReading:
    """Read a file as the importer would (a scan by OCR); the text OCR found is read as plain text."""
    checksum = hashlib.sha256(content).hexdigest()
    with tempfile.TemporaryDirectory() as folder:
        try:
            if ocr_text is not None:
                return UploadReading(checksum, _read(Path(folder), ".txt", ocr_text.encode()), ocr_text=ocr_text)
            return UploadReading(checksum, _read(Path(folder), suffix_of(name), content))
        except UnreadableDocument as exc:
            if suffix_of(name) != ".pdf" or _NO_TEXT_LAYER not in str(exc) or ocr_text is not None:
                return UploadReading(checksum, error=str(exc))
            return _read_scan(Path(folder), checksum)
        except Exception as exc:  # a reader bug must not become a silent failure
            log.exception("reading an uploaded file failed")
            return UploadReading(checksum, error=f"không đọc được nội dung văn bản ({type(exc).__name__})")


def _read(folder: Path, suffix: str, content: bytes) -> Any:
    """storage.importer's read of the bytes, saved under a name of ours (the sender's name is not a path)."""
    path = folder / f"ke-hoach{suffix}"
    path.write_bytes(content)
    return prepare(path)


def _read_scan(folder: Path, checksum: str) -> UploadReading:
    """A scanned PDF: its pages read by OCR, then that text read as a plan."""
    try:
        text = read_scan(folder / "ke-hoach.pdf")
        return UploadReading(checksum, _read(folder, ".txt", text.encode()), ocr_text=text)
    except UnreadableDocument as exc:
        return UploadReading(checksum, error=str(exc))
