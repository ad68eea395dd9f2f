"""Task tables in the other renderings a plan arrives in: a Word (.docx) table with merged cells (a lead cell merged
down over several rows leads each of them; a group heading spans the row) and rows pasted from Word as tab-separated
text (a merged lead cell is blank below its first row). Fixtures are built here; no binary file is kept."""

from __future__ import annotations

from pathlib import Path

from storage.importer.facts import extract_facts
from storage.importer.model import Facts
from storage.importer.reader import read_document
from storage.importer.structure import parse_document
from storage.importer.task_tables import task_rows

OPENING = [
    "ỦY BAN NHÂN DÂN TỈNH AN BÌNH",
    "Số: 45/KH-UBND",
    "An Bình, ngày 10 tháng 11 năm 2025",
    "KẾ HOẠCH",
    "Triển khai thi hành Luật Phòng thủ dân sự",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Bảo đảm triển khai đồng bộ, thống nhất.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Thực hiện theo Phụ lục kèm theo.",
    "PHỤ LỤC",
]
HEADER = ["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def docx_plan(path: Path, rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> Path:
    """A .docx plan whose appendix is a table of rows; merges are (row, column) -> (row, column) spans."""
    import docx

    document = docx.Document()
    for line in OPENING:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(HEADER))
    for cells, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, texts, strict=True):
            cell.text = text
    for top, left, bottom, right in merges:
        merged = table.cell(top, left).merge(table.cell(bottom, right))
        merged.text = rows[top][left]  # python-docx joins the merged cells' texts; keep the first, as Word shows
    document.save(str(path))
    return path


def facts_of_docx(path: Path) -> tuple[Facts, list[tuple[str, list[str], str]]]:
    """The facts and the (task, leads, time) rows read from a .docx plan."""
    document = parse_document(read_document(path))
    rows = [(row.task, row.leads, row.time) for row in task_rows(document)]
    return extract_facts(document), rows


def test_a_lead_cell_merged_down_leads_every_row_it_spans(tmp_path: Path) -> None:
    real = [  # the corpus's 07, section II: three tasks of Sở Tài chính, here with its cell merged over them
        HEADER,
        ["II", "TRIỂN KHAI ĐỒNG BỘ VĂN BẢN QUY PHẠM PHÁP LUẬT", "", "", ""],
        [
            "1",
            "Triển khai thực hiện một số nội dung chi, mức chi đặc thù",
            "Sở Tài chính",
            "Cơ quan, địa phương liên quan",
            "Thường xuyên",
        ],
        [
            "2",
            "Triển khai thực hiện khi có sửa đổi Quyết định số 118/2008/QĐ-TTg",
            "",
            "Cơ quan, địa phương liên quan",
            "Trước ngày 30/11/2025",
        ],
        [
            "3",
            "Triển khai thực hiện khi có Thông tư mới thay thế Thông tư số 92/2009/TT-BTC",
            "",
            "Cơ quan, địa phương liên quan",
            "Quý IV/2025",
        ],
    ]
    facts, rows = facts_of_docx(docx_plan(tmp_path / "real.docx", real, [(1, 1, 1, 4), (2, 2, 4, 2)]))
    assert [leads for _, leads, _ in rows] == [["Sở Tài chính"]] * 3
    assert sorted(str(d.due) for d in facts.deadlines) == ["2025-11-30", "2025-12-31"]
    assert {d.obligor for d in facts.deadlines} == {"Sở Tài chính"}

    written = [
        HEADER,
        ["I", "DIỄN TẬP", "", "", ""],
        ["1", "Diễn tập phòng thủ dân sự cấp xã", "Ban Chỉ huy Quân sự xã", "Công an xã", "Quý II/2026"],
        ["2", "Diễn tập ứng phó sự cố hóa chất", "", "Trạm Y tế xã", "Quý III/2026"],
        ["II", "TUYÊN TRUYỀN", "", "", ""],
        ["1", "Tuyên truyền trên hệ thống loa", "Văn phòng Ủy ban nhân dân xã", "Đoàn Thanh niên xã", "Thường xuyên"],
    ]
    facts, rows = facts_of_docx(
        docx_plan(tmp_path / "written.docx", written, [(1, 1, 1, 4), (2, 2, 3, 2), (4, 1, 4, 4)])
    )
    assert [(task.split()[0], leads) for task, leads, _ in rows] == [
        ("Diễn", ["Ban Chỉ huy Quân sự xã"]),
        ("Diễn", ["Ban Chỉ huy Quân sự xã"]),
        ("Tuyên", ["Văn phòng Ủy ban nhân dân xã"]),
    ]
    assert ("Trạm Y tế xã", "phối hợp") in {(d.assignee, d.role) for d in facts.duties}


def test_a_merged_number_is_stated_once(tmp_path: Path) -> None:
    rows = [
        ["TT", "Thôn", "Số hộ nghèo giảm", "Ghi chú", ""],
        ["1", "Thôn Nà Lầu", "4", "Vùng khó khăn", ""],
        ["2", "Thôn Khuổi Khe", "", "", ""],
    ]
    text = read_document(docx_plan(tmp_path / "quota.docx", rows, [(1, 2, 2, 2), (1, 3, 2, 3)]))
    table = parse_document(text).sections[-1].tables[0]
    assert table.rows[1][2:4] == ["", "Vùng khó khăn"]  # the text is carried down, the number is not


def test_tab_separated_rows_pasted_from_word_keep_the_lead_over_its_blank_cells() -> None:
    header = "\t".join(HEADER)
    real = [  # 07, section VII, pasted from Word with the lead cell merged over both rows
        "VII\tDIỄN TẬP PHÒNG THỦ DÂN SỰ",
        "1\tDiễn tập phòng thủ dân sự các cấp\tBan Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã"
        "\tCơ quan, địa phương liên quan\tTheo Kế hoạch riêng",
        "2\tDiễn tập khu vực phòng thủ, trong đó có nội dung phòng thủ dân sự\t\tCơ quan, địa phương liên quan"
        "\tTheo kế hoạch",
    ]
    written = [
        "I\tKIỆN TOÀN BỘ MÁY",
        "1\tKiện toàn Ban Chỉ huy cấp xã\tỦy ban nhân dân các xã\tCông an xã\tTrước ngày 15/12/2025",
        "2\tBan hành quy chế hoạt động\t\tVăn phòng Ban Chỉ huy\tQuý I/2026",
        "II\tBÁO CÁO",
        "1\tBáo cáo kết quả thực hiện\tBộ Chỉ huy Quân sự tỉnh\t\tTháng 12 hằng năm",
    ]
    for body, leads in (
        (real, ["Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã"] * 2),
        (written, ["Ủy ban nhân dân các xã", "Ủy ban nhân dân các xã", "Bộ Chỉ huy Quân sự tỉnh"]),
    ):
        document = parse_document("\n".join([*OPENING, header, *body]) + "\n")
        assert [row.leads[0] for row in task_rows(document)] == leads
        assert all(len(row.leads) == 1 for row in task_rows(document))
