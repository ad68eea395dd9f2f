"""Greetings, help and the reply when nothing relevant is found."""

from __future__ import annotations

from handlers.messages import Choice, Reply
from handlers.understand.asker_context import Asker
from handlers.understand.entities import full_name

EXAMPLES = [
    ("Chỉ tiêu giảm nghèo của xã", "chỉ tiêu giảm hộ nghèo của xã"),
    ("Hạn báo cáo sắp tới", "hạn báo cáo sắp tới là khi nào"),
    ("Nhiệm vụ của tôi", "tôi phải làm gì"),
    ("Kinh phí thực hiện", "tổng kinh phí thực hiện năm 2024"),
    ("Cơ quan giúp đỡ xã", "cơ quan nào giúp đỡ xã"),
]
TOPIC_VALUES = [value for _, value in EXAMPLES]  # what "1", "2"... mean after the topic menu
TOPICS = (
    "Bạn có thể hỏi về: chỉ tiêu giảm nghèo của một xã (và xếp hạng các xã), mục tiêu của kế hoạch "
    "(tỷ lệ hộ nghèo, nhà ở...), nhiệm vụ của một phòng/công chức, hạn báo cáo (còn bao nhiêu ngày), "
    "kinh phí các dự án, cơ quan/đồng chí giúp đỡ xã, số và ngày của kế hoạch."
)


def _who(asker: Asker) -> str:
    unit = asker.unit
    return f" Bạn đang hỏi với tư cách cán bộ {full_name(unit)}." if unit is not None else ""


def greeting(asker: Asker) -> Reply:
    """A greeting with what can be asked."""
    return Reply(text=f"Xin chào!{_who(asker)} {TOPICS}", choices=_choices())


def help_reply(asker: Asker) -> Reply:
    """What the bot can answer, with examples."""
    examples = "\n".join(f"- «{value}»" for _, value in EXAMPLES)
    return Reply(text=f"{TOPICS}\nVí dụ:\n{examples}\n{_who(asker).strip()}".rstrip(), choices=_choices())


def not_found(reason: str = "") -> Reply:
    """Nothing relevant: say so, and suggest what can be asked."""
    head = reason or "Xin lỗi, tôi không tìm thấy nội dung phù hợp trong các kế hoạch."
    return Reply(text=f"{head}\n{TOPICS}", choices=_choices())


def _choices() -> list[Choice]:
    return [Choice(label=label, value=value) for label, value in EXAMPLES]
