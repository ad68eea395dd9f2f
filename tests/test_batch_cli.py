"""`kehoach ask --batch` takes any line: a bad one gets an error JSON line, the next is still answered."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot import batch
from bot.cli import main
from handlers.messages import IncomingMessage, Reply
from tests.crash_support import NOW, kehoach

LINES = [
    ("answered", json.dumps({"text": "xin chào"}, ensure_ascii=False).encode()),
    ("not json", '{"text": "thiếu ngoặc'.encode()),
    ("an array", '["chỉ tiêu"]'.encode()),
    ("a number", b"42"),
    ("deep arrays", b"[" * 100_000),
    ("deep objects", b'{"a": ' * 50_000),
    ("text not text", b'{"text": 5}'),
    ("user not text", '{"text": "xin chào", "user": ["tg", 1]}'.encode()),
    ("not utf-8", b"\xff\xfe\xfd"),
    ("answered", json.dumps({"text": "trợ giúp", "user": "tg:77"}, ensure_ascii=False).encode()),
]


def test_bad_lines_get_error_lines_and_the_rest_are_answered_with_only_json_on_stdout(db_url: str) -> None:
    stdin = b"\n".join(line for _, line in LINES) + b"\n\n   \n"  # blank lines are skipped
    done = subprocess.run(kehoach(db_url, "ask", "--batch"), input=stdin, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]  # every line is JSON
    assert len(out) == len(LINES)
    for (what, _), answer in zip(LINES, out, strict=True):
        if what == "answered":
            assert set(answer) == {"reply"} and answer["reply"].strip(), answer
        else:
            assert set(answer) == {"error"}, (what, answer)
    errors = [answer["error"] for answer in out if "error" in answer]
    assert errors[0].startswith("Dòng vào không phải JSON hợp lệ") and "đối tượng JSON" in errors[1]
    assert out[6]["error"] == 'Trường "text" phải là chuỗi ký tự.' and '"user"' in out[7]["error"]
    assert out[8]["error"] == "Dòng vào không phải văn bản UTF-8."


def test_a_line_the_core_fails_on_gets_an_error_line_and_the_batch_goes_on(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def respond(session: AsyncSession, message: IncomingMessage) -> Reply:
        if message.text == "hỏng":
            raise RuntimeError("the core broke")
        return Reply(f"Đã nhận: {message.text}")

    monkeypatch.setattr(batch, "respond", respond)
    lines = [{"text": "một"}, {"text": "hỏng"}, {"text": "hai"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)))
    assert main(["--db", db_url, "--now", NOW, "ask", "--batch"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out == [{"reply": "Đã nhận: một"}, {"error": batch.FAILED}, {"reply": "Đã nhận: hai"}]
