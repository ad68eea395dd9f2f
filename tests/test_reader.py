"""File -> text: encodings, .docx tables with merged cells, text PDFs, and every bad input."""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest

from storage.importer.reader import MAX_BYTES, UnreadableDocument, read_document

PLAN_TEXT = (
    "KẾ HOẠCH\nThực hiện giảm nghèo bền vững năm 2024 trên địa bàn xã Mỹ Lộc\n\n"
    "UBND xã Mỹ Lộc ban hành Kế hoạch như sau:\n\nI. MỤC TIÊU\n\n1. Giảm tỷ lệ hộ nghèo xuống còn 2,5%.\n"
    "II. TỔ CHỨC THỰC HIỆN\n\n1. Công chức Văn hóa - Xã hội: Chủ trì, theo dõi và báo cáo kết quả.\n"
)


def build_docx(path: Path) -> Path:
    """A small plan as .docx: a heading, paragraphs, and a table with merged cells."""
    import docx

    document = docx.Document()
    document.add_heading("KẾ HOẠCH", level=1)
    for line in PLAN_TEXT.split("\n")[1:]:
        if line.strip():
            document.add_paragraph(line)
    document.add_paragraph("Phụ lục 01")
    document.add_paragraph("CHỈ TIÊU GIẢM NGHÈO CỦA CÁC THÔN")
    table = document.add_table(rows=4, cols=4)
    values = [
        ["TT", "Thôn", "Trong đó", ""],
        ["", "", "Có KNLĐ", "Không KNLĐ"],
        ["1", "Thôn Nà Lầu", "3", "1"],
        ["2", "Thôn Khuổi Khe", "2", "-"],
    ]
    for row, texts in zip(table.rows, values, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.cell(0, 2).merge(table.cell(0, 3))  # "Trong đó" spans two columns
    table.cell(0, 0).merge(table.cell(1, 0))  # "TT" spans two header rows
    table.cell(0, 1).merge(table.cell(1, 1))
    document.save(str(path))
    return path


def build_pdf(path: Path, lines: list[str] | None) -> Path:
    """A PDF page with a text layer (lines) or only an image (lines=None, like a scan)."""
    import matplotlib

    matplotlib.use("pdf")
    import matplotlib.pyplot as plt
    import numpy as np

    with plt.rc_context({"pdf.fonttype": 42}):
        figure = plt.figure(figsize=(8.27, 11.69))
        if lines is None:
            figure.figimage(np.random.default_rng(1).random((200, 200)))
        for i, line in enumerate(lines or []):
            figure.text(0.06, 0.95 - i * 0.03, line, fontsize=10)
        figure.savefig(str(path))
        plt.close(figure)
    return path


def _tones_apart(text: str) -> str:
    """Windows-1258 spelling: precomposed vowels, tone marks as separate combining characters."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = [c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323"]
        rest = "".join(c for c in parts if c not in tones)
        out.append(unicodedata.normalize("NFC", rest) + "".join(tones) if tones and len(parts) > 1 else char)
    return "".join(out)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_in_common_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes((_tones_apart(PLAN_TEXT) if encoding == "cp1258" else PLAN_TEXT).encode(encoding))
    text = read_document(path)
    assert "Giảm tỷ lệ hộ nghèo xuống còn 2,5%" in text  # NFC even from cp1258's combining marks
    assert "KẾ HOẠCH" in text


def test_docx_paragraphs_and_merged_table(tmp_path: Path) -> None:
    text = read_document(build_docx(tmp_path / "plan.docx"))
    lines = text.split("\n")
    assert lines.index("I. MỤC TIÊU") < lines.index("Phụ lục 01")
    assert "TT\tThôn\tTrong đó\t" in lines  # the merged cell keeps its text once
    assert "\u3003\t\u3003\tCó KNLĐ\tKhông KNLĐ" in lines  # the vertical merge is marked as the cell above
    assert "2\tThôn Khuổi Khe\t2\t-" in lines


def test_text_pdf(tmp_path: Path) -> None:
    text = read_document(build_pdf(tmp_path / "plan.pdf", PLAN_TEXT.strip().split("\n")))
    assert "UBND xã Mỹ Lộc ban hành Kế hoạch" in text
    assert "1. Giảm tỷ lệ hộ nghèo xuống còn 2,5%." in text


def _refused(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_document(path)
    return str(info.value)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    assert "rỗng" in _refused(tmp_path / "a.txt")


def test_whitespace_only_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n  \n\t\n", encoding="utf-8")
    assert "không có chữ" in _refused(tmp_path / "a.txt")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 40)
    assert "nhị phân" in _refused(tmp_path / "a.txt")


def test_legacy_doc(tmp_path: Path) -> None:
    (tmp_path / "a.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert ".docx" in _refused(tmp_path / "a.doc")


def test_legacy_doc_renamed_docx(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "Word cũ" in _refused(tmp_path / "a.docx")


def test_broken_docx(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_text("không phải docx", encoding="utf-8")
    assert "hỏng" in _refused(tmp_path / "a.docx")


def test_scanned_pdf(tmp_path: Path) -> None:
    assert "không có lớp chữ" in _refused(build_pdf(tmp_path / "scan.pdf", None))


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of nothing on disk
    assert os.path.getsize(path) > MAX_BYTES
    started = time.perf_counter()
    assert "quá lớn" in _refused(path)
    assert time.perf_counter() - started < 0.5


def test_other_language(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("PLAN\nThe committee adopts this plan to reduce poverty in 2024.\n" * 20, encoding="utf-8")
    assert "không phải tiếng Việt" in _refused(path)


def test_vietnamese_text_that_is_not_a_plan(tmp_path: Path) -> None:
    path = tmp_path / "thu.txt"
    path.write_text("Thư mời họp\nKính mời các đồng chí đến dự cuộc họp tổng kết cuối năm của thôn.\n" * 5)
    assert "không phải một kế hoạch" in _refused(path)


def test_unknown_extension(tmp_path: Path) -> None:
    (tmp_path / "plan.xlsx").write_bytes(b"PK\x03\x04rest")
    assert "không hỗ trợ loại tệp" in _refused(tmp_path / "plan.xlsx")


def test_missing_file(tmp_path: Path) -> None:
    assert "không tìm thấy" in _refused(tmp_path / "none.txt")
