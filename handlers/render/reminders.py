"""The words of a reminder (Vietnamese): what is due, when, for whom, progress, how to mark it done.

storage.reminders computes who is due what (storage.reminders.notices); this writes it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storage.language.phrases import days_left_text
from storage.language.text import fold, format_date, nfc
from storage.reminders.notices import LateUnits, ReminderData, StaffNotice

MAX_TITLE = 300
MAX_NAMES = 40

_PERIODS = [
    (re.compile(r"\b0?6 thang\b"), "6 tháng"),
    (re.compile(r"\b9 thang\b"), "9 tháng"),
    (re.compile(r"\bquy (i{1,3}|iv|[1-4])\b"), "quý {0}"),
    (re.compile(r"\bbao cao (hang |ca |tong ket )?nam\b(?! \d)|\bnam\b(?! \d)"), "năm"),
]


@lru_cache(maxsize=4096)  # the same few titles come back for every unit of a national scan
def short_name(title: str) -> str:
    """A short name of what is due: "báo cáo 6 tháng", "báo cáo năm", else the title's first words."""
    folded = fold(title)
    if "bao cao" in folded:
        for pattern, label in _PERIODS:
            match = pattern.search(folded)
            if match:
                suffix = label.format(match.group(1).upper()) if "{0}" in label else label
                return f"báo cáo {suffix}"
        return _report_words(title)
    words = nfc(title).split()
    head = " ".join(words[:8])
    return (head[:1].lower() + head[1:]) + ("…" if len(words) > 8 else "")


def _report_words(title: str) -> str:
    """ "báo cáo rà soát tổng hợp": "báo cáo" and the four syllables after it, so a reply can name this one."""
    words = re.sub(r"[^\w\s]", " ", nfc(title)).split()
    at = next((i for i in range(len(words) - 1) if fold(f"{words[i]} {words[i + 1]}") == "bao cao"), None)
    if at is None:
        return "báo cáo"
    return " ".join(["báo cáo", *words[at + 2 : at + 6]]).lower()


def done_phrase(title: str) -> str:
    """What a unit replies to mark the deadline done: "đã nộp báo cáo 6 tháng"."""
    short = short_name(title)
    return f"đã nộp {short}" if short.startswith("báo cáo") else f"đã xong {short}"


def when_text(step: int) -> str:
    """ "còn 3 ngày", "hôm nay là hạn cuối", "đã quá hạn 8 ngày" for a reminder step (days after the deadline)."""
    return days_left_text(-step)


def _title(title: str) -> str:
    clean = nfc(title)
    clean = clean[:1].upper() + clean[1:]
    return clean if len(clean) <= MAX_TITLE else clean[: MAX_TITLE - 1] + "…"


def reminder_text(data: ReminderData) -> str:
    """The message a reminder sends: a staff notice, or a manager's summaries one paragraph each."""
    if isinstance(data, StaffNotice):
        return staff_text(data)
    return "\n\n".join(summary_text(part) for part in data.parts)


def staff_text(notice: StaffNotice) -> str:
    """The reminder a staff member of an obliged unit gets."""
    head = "Nhắc hạn" if notice.step <= 0 else "QUÁ HẠN"
    lines = [
        f"{head}: {_title(notice.title)}",
        f"- Hạn: {format_date(notice.due)} ({when_text(notice.step)})",
        f"- Đơn vị thực hiện: {notice.unit_name}",
    ]
    if notice.send_to:
        lines.append(f"- Gửi đến: {nfc(notice.send_to)}")
    lines.extend(f"- Tiến độ {line}" for line in notice.progress)
    short = short_name(notice.title)
    lines.append(f"Khi đã xong, trả lời: {done_phrase(notice.title)}")
    lines.append(f'(Tạm dừng nhắc: "tạm dừng nhắc 3 ngày"; thôi nhắc hạn này: "dừng nhắc {short}")')
    return "\n".join(lines)


def summary_text(part: LateUnits) -> str:
    """The summary a manager of the parent unit gets on the first overdue day."""
    late, noun = part.late, part.noun
    shown = ", ".join(late[:MAX_NAMES])
    if len(late) > MAX_NAMES:
        shown += f" và {len(late) - MAX_NAMES} {noun} khác"
    return (
        f"{len(late)}/{part.total} {noun} chưa nộp {short_name(part.title)} (hạn {format_date(part.due)}): {shown}.\n"
        f"- Nội dung: {_title(part.title)}\n"
        f"- Tình trạng: {when_text(part.step)}; các {noun} này được nhắc lại định kỳ đến khi xong.\n"
        f'Đơn vị báo xong bằng cách trả lời: "{done_phrase(part.title)}".'
    )
