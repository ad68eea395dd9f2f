"""The terminal channel: replies rendered as text, attachments saved where the user can open them."""

from pathlib import Path

from bot.console import render
from handlers.messages import Attachment, Choice, Reply


def test_choices_become_a_numbered_menu() -> None:
    text = render(Reply("Bạn hỏi đơn vị nào?", choices=[Choice("Huyện Thọ Xuân", "a"), Choice("TT Thọ Xuân", "b")]))
    assert "1. Huyện Thọ Xuân" in text and "2. TT Thọ Xuân" in text


def test_attachments_are_saved_and_named(tmp_path: Path) -> None:
    reply = Reply("Tiến độ", attachments=[Attachment("../tien-do.png", b"\x89PNG", "image/png")])
    text = render(reply, folder=tmp_path / "out")
    saved = tmp_path / "out" / "tien-do.png"
    assert saved.read_bytes() == b"\x89PNG"
    assert str(saved) in text
