"""The core through the real CLI, in-process, on the imported sample plans."""

from __future__ import annotations

import json
import re

import pytest

from bot.cli import main
from storage.language.text import fold
from tests.conftest import PLANS

NOW = "2024-05-15T09:00:00+07:00"


@pytest.fixture
def db(db_url: str) -> str:
    """A database holding the five sample plans, imported with `kehoach import`."""
    plans = sorted(str(p) for p in PLANS.glob("*.txt"))
    assert plans, "the sample plans are missing"
    main(["--db", db_url, "import", *plans])
    return db_url


def ask(db: str, capsys: pytest.CaptureFixture[str], text: str, unit: str | None = None) -> str:
    """One `kehoach ask` call; the folded reply."""
    capsys.readouterr()
    argv = ["--db", db, "--now", NOW, "ask", *(["--unit", unit] if unit else []), text]
    assert main(argv) == 0
    return fold(capsys.readouterr().out).replace("93.506", "93506")


@pytest.mark.parametrize(
    ("unit", "text", "pattern"),
    [
        ("Xuân Bái", "chỉ tiêu giảm nghèo của xã mình", r"giam 4 ho ngheo .*phu luc 01"),
        (None, "chi tieu giam ngheo xa tho xuong", r"\b11 ho"),
        ("huyện Thọ Xuân", "Tổng chỉ tiêu giảm hộ nghèo toàn huyện năm 2024?", r"\b180 ho"),
        ("Xuân Bái", "còn bao nhiêu ngày nữa là hết hạn báo cáo năm?", r"30/10/2024.*\b168 ngay"),
        ("Đồng Tháp", "hạn báo cáo 6 tháng", r"15/6/2024"),
        ("Thọ Lâm", "hạn báo cáo 6 tháng", r"20/6/2024"),
        ("Tân Mộc", "Kinh phí Dự án 2 năm 2024 là bao nhiêu?", r"340 trieu"),
        ("Tân Mộc", "tổng kinh phí năm 2024", r"459 trieu.*khac"),
        ("Đồng Tháp", "Tổng nguồn vốn thực hiện chương trình năm 2024?", r"93506 trieu"),
        ("Trà Lâm", "Tỷ lệ hộ nghèo của xã phấn đấu giảm xuống còn bao nhiêu?", r"0,79%"),
        (None, "Đồng chí Phạm Văn Luận phụ trách những xã nào?", r"lam son.*tho lam.*xuan sinh"),
        (None, "Sở Y tế Đồng Tháp chịu trách nhiệm gì?", r"dinh duong"),
        (None, "Chỉ tiêu giảm hộ nghèo của xã Hoàng Sa?", r"khong tim thay"),
    ],
)
def test_questions_on_the_sample_plans(db: str, capsys, unit: str | None, text: str, pattern: str) -> None:
    reply = ask(db, capsys, text, unit)
    assert re.search(pattern, reply), reply
    assert "nguon:" in reply or "khong tim thay" in reply


def test_batch_mode_writes_one_json_line_per_question(db: str, capsys, monkeypatch) -> None:
    import io

    lines = [{"text": "chỉ tiêu xã Xuân Phú", "unit": None}, {"text": ""}, {"text": "😀"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)))
    capsys.readouterr()
    assert main(["--db", db, "--now", NOW, "ask", "--batch"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert len(out) == 3
    assert "4 ho" in fold(out[0]["reply"])
