"""Bounds on what the importer reads: how far a .docx package expands, PDF pages, text length, reading time.

Each bound refuses with an `UnreadableDocument` whose message (Vietnamese) says which limit and how to fix it.
"""

from __future__ import annotations

import itertools
import time
import zipfile
import zlib
from pathlib import Path

from storage.language.text import format_number

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # every part of a .docx together, uncompressed
MAX_XML_PART_BYTES = 30 * 1024 * 1024  # one XML part: parsed whole into memory, about ten times its size
MAX_RATIO = 200  # uncompressed / compressed: XML text packs 5-30 times, a zip bomb a thousand
_RATIO_FROM_BYTES = 1024 * 1024  # tiny parts may pack as they like
MAX_PDF_PAGES = 300
MAX_TEXT_CHARS = 2_000_000  # about 600 pages of dense text; real plans are a tenth of that
READ_SECONDS = 120.0
_CHUNK = 1 << 20


class UnreadableDocument(ValueError):
    """A file the importer cannot read as a plan; the message is the reason, in Vietnamese."""


def megabytes(size: int) -> str:
    """Bytes as "12,5 MB"."""
    return f"{format_number(size / 1024 / 1024, 1)} MB"


def check_package(path: Path, kind: str) -> None:
    """Refuse a zip package whose parts expand beyond the bounds: by their declared sizes, then by what
    really comes out of them (read in chunks and thrown away, so memory stays flat)."""
    limit = megabytes(MAX_UNZIPPED_BYTES)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            _check_declared(members, limit)
            total = 0
            for member in members:
                if member.flag_bits & 0x1:  # an encrypted part: zipfile would ask for the password
                    raise UnreadableDocument(f"tệp .{kind} có đặt mật khẩu: hãy bỏ mật khẩu, lưu lại rồi nhập")
                with package.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_UNZIPPED_BYTES:
                            raise UnreadableDocument(f"tệp .{kind} giải nén ra hơn {limit}: quá lớn để đọc")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise UnreadableDocument(f"tệp .{kind} hỏng hoặc không hợp lệ ({type(exc).__name__})") from exc


def _check_declared(members: list[zipfile.ZipInfo], limit: str) -> None:
    declared = sum(member.file_size for member in members)
    if declared > MAX_UNZIPPED_BYTES:
        raise UnreadableDocument(
            f"tệp giải nén ra {megabytes(declared)}, vượt giới hạn {limit}: "
            "có thể là tệp nén bất thường; hãy lưu lại văn bản hoặc tách nhỏ"
        )
    for member in members:
        if member.filename.endswith(".xml") and member.file_size > MAX_XML_PART_BYTES:
            raise UnreadableDocument(
                f"phần {member.filename} giải nén ra {megabytes(member.file_size)}, vượt giới hạn "
                f"{megabytes(MAX_XML_PART_BYTES)}: văn bản quá lớn, hãy tách thành các kế hoạch riêng"
            )
        packed = max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM_BYTES and member.file_size / packed > MAX_RATIO:
            raise UnreadableDocument(
                f"phần {member.filename} nén bất thường ({megabytes(packed)} giải nén ra "
                f"{megabytes(member.file_size)}): tệp có thể là bom nén, không đọc"
            )


def count_pages_upto(document: object, most: int) -> int:
    """The number of pages of a pdfminer document, counted no further than most + 1."""
    from pdfminer.pdfpage import PDFPage

    pages = PDFPage.create_pages(document)  # type: ignore[arg-type]
    return len(list(itertools.islice(pages, most + 1)))


def check_pdf_pages(path: Path) -> None:
    """Refuse a PDF over MAX_PDF_PAGES pages, counted with pdfminer alone: pdfplumber, once opened, loads every
    page of the file when it is closed, which for a refused file of many thousand pages takes minutes."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as handle:
        check_pages(count_pages_upto(PDFDocument(PDFParser(handle)), MAX_PDF_PAGES))


def check_pages(count: int) -> None:
    """Refuse a PDF over MAX_PDF_PAGES pages."""
    if count > MAX_PDF_PAGES:
        raise UnreadableDocument(
            f"PDF có hơn {MAX_PDF_PAGES} trang, vượt giới hạn {MAX_PDF_PAGES} trang: "
            "hãy nhập riêng phần kế hoạch (bỏ bớt phụ lục, tài liệu kèm theo) hoặc gửi bản .docx"
        )


def check_length(text: str) -> None:
    """Refuse text longer than MAX_TEXT_CHARS."""
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableDocument(
            f"văn bản quá dài ({format_number(len(text))} ký tự, giới hạn {format_number(MAX_TEXT_CHARS)} ký tự): "
            "hãy tách thành các kế hoạch riêng"
        )


class Deadline:
    """The time reading one file may take; `check` refuses once it has passed."""

    def __init__(self, seconds: float = READ_SECONDS) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self) -> None:
        """Refuse when the reading time is used up."""
        if time.monotonic() > self.ends:
            raise UnreadableDocument(
                f"đọc tệp quá {format_number(self.seconds)} giây nên đã dừng: tệp quá lớn hoặc quá phức tạp, "
                "hãy tách nhỏ hoặc lưu lại thành .docx/.txt"
            )
