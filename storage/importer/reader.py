"""File -> text: plain text in several encodings, .docx with tables, text PDFs.

Tables come out as tab-separated rows, one row a line, so the structure parser reads
every format the same way. Bad input raises `UnreadableDocument` with a Vietnamese reason.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from pathlib import Path

from storage.importer.limits import (
    Deadline,
    UnreadableDocument,
    check_length,
    check_package,
    check_pdf_pages,
    megabytes,
)
from storage.importer.model import MERGED_ABOVE
from storage.language.text import fold

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Marks only Vietnamese uses among Latin scripts: hook above, dot below, horn, breve; and đ.
_VIETNAMESE_MARKS = {"\u0309", "\u0323", "\u031b", "\u0306"}
_MIN_VIETNAMESE_SHARE = 0.06
_MIN_TEXT_CHARS = 40


def read_document(path: Path, deadline: Deadline | None = None) -> str:
    """The text of a plan document (.txt, .md, .docx, .pdf), checked to look like a Vietnamese plan."""
    deadline = deadline or Deadline()
    suffix = path.suffix.lower()
    size = _size(path)
    if size == 0:
        raise UnreadableDocument("tệp rỗng, không có nội dung")
    if size > MAX_BYTES:
        raise UnreadableDocument(f"tệp quá lớn ({megabytes(size)}, giới hạn {megabytes(MAX_BYTES)})")
    if suffix == ".doc":
        raise UnreadableDocument("định dạng Word cũ (.doc) không được hỗ trợ: hãy mở bằng Word và lưu lại thành .docx")
    if suffix in TEXT_SUFFIXES:
        return read_text_file(path)
    if suffix == ".docx":
        text = read_docx(path, deadline)
    elif suffix == ".pdf":
        text = read_pdf(path, deadline)
    else:
        raise UnreadableDocument(f"không hỗ trợ loại tệp '{suffix or path.name}': chỉ nhận .txt, .md, .docx, .pdf")
    check_length(text)
    check_plan_text(text)
    return text


def read_text_file(path: Path) -> str:
    """A plain-text plan; a refusal for not being Vietnamese also names the encodings read."""
    text = decode_text(path.read_bytes())
    check_length(text)
    try:
        check_plan_text(text)
    except UnreadableDocument as exc:
        if "tiếng Việt" not in str(exc):
            raise
        raise UnreadableDocument(
            f"{exc}; nếu đây là văn bản tiếng Việt thì tệp dùng bảng mã khác (TCVN3, VNI...): "
            "chỉ đọc được Unicode UTF-8, UTF-16 và Windows-1258, hãy mở tệp và lưu lại dạng UTF-8"
        ) from exc
    return text


def _size(path: Path) -> int:
    try:
        if not path.is_file():
            raise UnreadableDocument("không tìm thấy tệp" if not path.exists() else "không phải là tệp")
        return path.stat().st_size
    except OSError as exc:
        raise UnreadableDocument(f"không mở được tệp ({exc.strerror or exc})") from exc


def decode_text(data: bytes) -> str:
    """Decode plain text: UTF-8 (with or without BOM, a stray bad byte replaced), UTF-16/32 with BOM, UTF-16
    without one, else cp1258."""
    if data.startswith(_OLE_MAGIC):
        raise UnreadableDocument("đây là tệp Word cũ (.doc) đổi đuôi: hãy lưu lại thành .docx")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        return _checked(data.decode("utf-32", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"))
    if data.startswith(b"%PDF") or data.startswith(b"PK\x03\x04"):
        raise UnreadableDocument("tệp nhị phân (PDF hoặc Office) mang đuôi văn bản: hãy đổi đúng đuôi .pdf/.docx")
    if _looks_utf16(data):
        return _checked(data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace"))
    if b"\x00" in data[:65536]:
        raise UnreadableDocument("tệp nhị phân, không phải văn bản")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _mostly_utf8(data) or data.decode("cp1258", errors="replace")
    return _checked(text)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut-off last character, one bad byte): the text with them replaced;
    None when the bytes are not UTF-8 at all (cp1258 then)."""
    text = data.decode("utf-8-sig", errors="replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - broken
    return text if multibyte >= 10 * broken and broken <= max(3, len(text) // 1000) else None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    return max(zeros_even, zeros_odd) > 0.3 * half and min(zeros_even, zeros_odd) < 0.05 * half


def _checked(text: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file)."""
    sample = text[:20000]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f") + sample.count("\ufffd")
    if sample and bad > 0.02 * len(sample):
        raise UnreadableDocument("tệp nhị phân, không phải văn bản")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def check_plan_text(text: str) -> None:
    """Refuse text that is empty, not Vietnamese, or not a plan."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < _MIN_TEXT_CHARS:
        raise UnreadableDocument("tệp gần như không có chữ")
    marked = sum(1 for c in letters if _is_vietnamese_letter(c))
    if marked < _MIN_VIETNAMESE_SHARE * len(letters):
        raise UnreadableDocument("văn bản không phải tiếng Việt (có dấu), không đọc được như một kế hoạch")
    if "ke hoach" not in fold(text[:200000]):
        raise UnreadableDocument("văn bản không phải một kế hoạch (không thấy chữ 'Kế hoạch')")


def _is_vietnamese_letter(char: str) -> bool:
    return char in "đĐ" or any(mark in _VIETNAMESE_MARKS for mark in unicodedata.normalize("NFD", char))


# --- .docx --------------------------------------------------------------------------------


def read_docx(path: Path, deadline: Deadline | None = None) -> str:
    """Paragraphs and tables of a .docx in document order; tables as tab-separated rows."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from storage.importer.docx_numbering import numbered_text, read_numbering

    _check_zip(path, "docx")
    check_package(path, "docx")
    deadline = deadline or Deadline()
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise UnreadableDocument(f"tệp .docx hỏng hoặc không hợp lệ ({type(exc).__name__})") from exc
    numbering = read_numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        deadline.check()
        if isinstance(block, Paragraph):
            lines.append(numbered_text(block, numbering))
        elif isinstance(block, Table):
            lines.extend(["", *docx_table_rows(block), ""])
    return "\n".join(lines)


def docx_table_rows(table: object) -> list[str]:
    """Rows of a python-docx table: a cell spanning columns (gridSpan) keeps its text once, blanks after it; a cell
    continuing a vertical merge (vMerge) is marked MERGED_ABOVE, so the rows it spans can take its text."""
    rows = []
    first: dict[object, tuple[int, str]] = {}  # cell element -> (row it starts in, its text); holding keeps identity
    for index, row in enumerate(table.rows):  # type: ignore[attr-defined]
        cells: list[str] = []
        done: set[object] = set()
        for cell in row.cells:
            element = cell._tc
            start, text = first.setdefault(element, (index, _cell_text(cell.text)))
            above = start < index and element not in done and text
            cells.append(MERGED_ABOVE if above else ("" if element in done or start < index else text))
            done.add(element)
        rows.append("\t".join(cells))
    return rows


def _cell_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _check_zip(path: Path, kind: str) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC):
        raise UnreadableDocument("đây là tệp Word cũ (.doc) đổi đuôi: hãy lưu lại thành .docx")
    if not zipfile.is_zipfile(path):
        raise UnreadableDocument(f"tệp .{kind} hỏng hoặc không phải .{kind} thật")


# --- .pdf ---------------------------------------------------------------------------------


def read_pdf(path: Path, deadline: Deadline | None = None) -> str:
    """Page text of a text PDF (at most MAX_PDF_PAGES pages); detected tables as tab-separated rows in place."""
    import pdfplumber

    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise UnreadableDocument("tệp .pdf hỏng hoặc không phải PDF")
    deadline = deadline or Deadline()
    try:
        check_pdf_pages(path)
        with pdfplumber.open(str(path)) as pdf:
            pages = []
            for page in pdf.pages:
                deadline.check()
                pages.append(_pdf_page_text(page))
                page.close()  # drop the page's parsed objects: memory stays that of one page
    except UnreadableDocument:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a broken file
        raise UnreadableDocument(f"tệp PDF hỏng, không đọc được ({type(exc).__name__})") from exc
    text = "\n\n".join(pages)
    if sum(1 for c in text if c.isalpha()) < _MIN_TEXT_CHARS:
        raise UnreadableDocument("PDF không có lớp chữ (bản quét/ảnh): cần bản PDF có chữ hoặc .docx")
    return text


def _pdf_page_text(page: object) -> str:
    """Text of one page, cut around its tables so each table sits where it is printed."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])  # type: ignore[attr-defined]
    if not tables:
        return page.extract_text() or ""  # type: ignore[attr-defined]
    parts: list[str] = []
    top = 0.0
    width, height = page.width, page.height  # type: ignore[attr-defined]
    for table in tables:
        x0, t_top, x1, t_bottom = table.bbox
        if t_top > top:
            parts.append(page.crop((0, top, width, t_top)).extract_text() or "")  # type: ignore[attr-defined]
        rows = table.extract() or []
        parts.append("\n".join("\t".join(_cell_text(c or "") for c in row) for row in rows))
        top = max(top, t_bottom)
    if top < height:
        parts.append(page.crop((0, top, width, height)).extract_text() or "")  # type: ignore[attr-defined]
    return "\n\n".join(p for p in parts if p.strip())
