"""Reading reporting messages: what kind of message, which figure, which indicator, which unit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from storage.language.kinds import COMMUNE, DISTRICT, VILLAGE, kind_pattern
from storage.language.normalize import normalize_text
from storage.language.stopwords import OWN_WORDS
from storage.language.text import find_numbers, fold

# Beyond the abbreviations every message has spelt out (storage.language.normalize).
_EXPANSIONS = [
    (re.compile(r"\bdc\b"), "duoc"),  # "giảm dc 3 hộ"
    # a household that leaves a condition ("thoát X", "thoát khỏi hộ X") is one fewer household in it: the
    # words of a quota to reduce it ("giảm hộ X")
    (re.compile(r"\bthoat (?:khoi )?(?:ho )?([a-z]+)\b"), r"giam ho \1"),
]
_QUESTION = re.compile(
    r"\?|\b(bao nhieu|khi nao|ngay nao|the nao|ra sao|o dau|la gi|nhung gi|co phai|may)\b|\bchua\s*$"
)
_KINDS = kind_pattern()  # every unit kind word, folded, from the one table of kinds
_ACHIEVED = re.compile(r"\b(da|duoc|dat|den nay|luy ke|hoan thanh|thuc hien)\b.*\d|\d.*\b(roi|xong|da)\b")
# A rate said as it stands now: "tỷ lệ hộ nghèo còn 2,2%", "tỉ lệ trẻ đi học đạt 97%", "tỷ lệ ... giảm 0,3%".
_RATE_NOW = re.compile(r"\b(?:ty|ti) le\b.*\b(?:con|la|dat|giam|tang|xuong|hien|muc)\s+(?:con\s+)?\d[\d.,]*\s*%")
_REPORT_LEAD = re.compile(r"^(/baocao\b|bao cao\s*[:\-]|bao cao\b|cap nhat\b|ket qua\s*[:\-])")
# "đã nộp báo cáo 6 tháng"; also the report first, with nothing after but "rồi": "bc 6 tháng đã gửi rồi",
# "nộp báo cáo năm xong rồi" (never "báo cáo đã hoàn thành 3 hộ", a figure).
_DEADLINE_DONE = re.compile(
    r"\bda (nop|gui|hoan thanh|hoan thien|xong)( xong)? (bao cao|bc)\b"
    rf"|^(?:(?:{_KINDS}|don vi|toi|minh|em) )*(bao cao|bc)( [a-z0-9]+){{1,4}} da (nop|gui|hoan thanh|xong)"
    r"( (roi|xong|nhe|a|nha))*\s*[.!]*$"
    r"|^(nop|gui) (xong )?(bao cao|bc)( [a-z0-9]+){1,4} (roi|xong)( roi| nhe| a)*\s*[.!]*$"
    r"|^da xong [a-z ]+$"  # "đã xong rà soát hộ nghèo", what a reminder of a task that is no report suggests
    # said casually, who first: "bên em gửi báo cáo 6 tháng rồi ạ", "xã mình nộp bc năm xong rồi nhé"
    r"|^(?:[a-z]+ ){0,3}?(?:da )?(nop|gui|hoan thanh)( xong)? (bao cao|bc)( [a-z0-9]+){1,4}?"
    r"( da)?( (roi|xong))+( (roi|xong|nhe|nha|a|ha|ah|oi))*\s*[.!]*$"
)
# A bare "done" in answer to a reminder: "xong rồi", "rồi nhé", "đã nộp rồi ạ", "em gửi rồi".
_BARE_DONE = re.compile(
    r"^(?:(?:em|minh|toi|ben em|xa em|chung em|chung toi) )?(?:da )?(?:(?:nop|gui|lam|hoan thanh) )?"
    r"(?:xong|roi)(?: (?:roi|xong|nhe|nha|a|ha|ah|oi|ak))*\s*[.!]*$"
)
# A figure said to be wrong, with the right one: "ghi nhầm, đúng ra là 7 hộ", "nhầm rồi, phải là 7".
_WRONG = re.compile(r"^(?:em |minh |toi )?(?:ghi |bao |gui |go |nhap )?(?:nham|sai)\b")
_RIGHT = re.compile(r"\b(?:dung ra la|dung la|phai la|sua thanh|sua lai la|moi dung|moi la)\b")
# "xã nào chưa báo cáo", "đơn vị nào chậm nhất": a manager asking who is behind ("thấp nhất" alone ranks quotas)
_WHO_BEHIND = rf"\b({_KINDS}|don vi) nao (chua (bao cao|dat|hoan thanh)|(dang |con )?(cham|thap(?! nhat)|thieu))"
_PROGRESS = re.compile(r"^/tiendo\b|\btien do\b|\bxem tien do\b|" + _WHO_BEHIND)
_WHEN = re.compile(r"\b(khi nao|bao gio|ngay nao|thoi han|han nop|han bao cao|truoc ngay|hang thang|hang quy)\b")
_PROGRESS_ALL = re.compile(rf"\b(cac|tung|moi|toan bo) ({_KINDS}|don vi)\b|/tiendo\s+cac|" + _WHO_BEHIND)
_UNDO = re.compile(
    r"^/?(?:(?:em|minh|toi) )?(?:(?:muon|xin|cho) )?"
    r"(huy|hoan tac|huy bo|huy bao cao|xoa bao cao|rut lai|xoa so|bo so)\b"
)
_UNDO_TAIL = re.compile(
    r"^((vua|vua roi|vua gui|vua bao|nay|do|di|giup|giup em|nhe|nha|a|voi|bao cao|so|so lieu)\s*)*$"
)
_CORRECT = re.compile(r"^/?(sua|sua lai|dieu chinh|chinh lai|sua so)\b")
_YES = re.compile(r"^(co|dong y|xac nhan|dung|dung roi|ok|oke|yes|chac chan|luu|gui)\b")
_NO = re.compile(r"^(khong|ko|k|thoi|no|sai)\b")
_NEGATIVE_WORD = re.compile(r"\bam\s+(\d)")


def folded(text: str) -> str:
    """A report in the one normalised form of user text, with the few words reports also shorten."""
    out = normalize_text(text)
    for pattern, full in _EXPANSIONS:
        out = pattern.sub(full, out)
    return out


def is_question(f: str) -> bool:
    """Whether the folded text asks something rather than states a result."""
    return bool(_QUESTION.search(f))


def is_report(f: str) -> bool:
    """Whether the folded text reports a figure ("báo cáo: xã đã giảm được 2 hộ nghèo")."""
    if f.startswith("/baocao"):
        return True
    if is_question(f) or _DEADLINE_DONE.search(f) or not re.search(r"\d", f):
        return False
    if _REPORT_LEAD.match(f):
        return not re.match(r"bao cao (\d+ thang|nam|quy|dinh ky)\b", f)
    if _RATE_NOW.search(f):
        return not re.search(r"\b(muc tieu|chi tieu|ke hoach|phan dau|giao)\b", f)  # the plan's goal, asked about
    return bool(_ACHIEVED.search(f)) and bool(re.search(r"\b(giam|tang|ho tro|cai thien|dat|xay|sua|cap)\w*", f))


def is_deadline_done(f: str) -> bool:
    """ "đã nộp báo cáo 6 tháng"."""
    return bool(_DEADLINE_DONE.search(f)) and not is_question(f)


def is_progress(f: str) -> bool:
    """ "tiến độ", "/tiendo", "tiến độ các xã" (not "báo cáo tiến độ khi nào?", a deadline question)."""
    return bool(_PROGRESS.search(f)) and not f.startswith("bao cao") and not _WHEN.search(f)


def wants_all_units(f: str) -> bool:
    """ "tiến độ các xã": every unit below."""
    return bool(_PROGRESS_ALL.search(f))


def is_undo(f: str) -> bool:
    """ "hủy", "hoàn tác", "hủy giúp em báo cáo vừa gửi nhé": a short message that only withdraws."""
    found = _UNDO.match(f)
    return found is not None and (len(f.split()) <= 4 or bool(_UNDO_TAIL.match(f[found.end() :].strip())))


def is_correction(f: str) -> bool:
    """ "sửa lại là 4 hộ", "ghi nhầm, đúng ra là 7 hộ", "nhầm rồi, phải là 7"."""
    if _CORRECT.match(f):
        return True
    has_figure = bool(re.search(r"\d", f))
    return has_figure and (bool(_WRONG.match(f)) or bool(_RIGHT.search(f))) and not is_question(f)


def is_mistake(f: str) -> bool:
    """ "nhầm", "ghi nhầm rồi", "sai rồi": the last report is wrong, with no right figure given."""
    return bool(_WRONG.match(f)) and not re.search(r"\d", f) and len(f.split()) <= 5 and not is_question(f)


def is_bare_done(f: str) -> bool:
    """ "xong rồi", "rồi nhé", "em nộp rồi ạ": done, naming nothing (the reminder just sent says what); a lone
    "rồi" says too little."""
    return bool(_BARE_DONE.match(f)) and f.strip(" .!") != "roi"


def is_yes(f: str) -> bool:
    """A short yes: "có", "đồng ý", "xác nhận"."""
    return bool(_YES.match(f)) and len(f.split()) <= 4


def is_no(f: str) -> bool:
    """A short no."""
    return bool(_NO.match(f)) and len(f.split()) <= 3


# Numbers no report means: scientific ("1e309"), hexadecimal ("0x10"), digits grouped by "_" ("1_000").
_ODD_NUMBER = re.compile(r"(?<![\w.,])(?:\d[\d.,]*[eE][+-]?\d+|0[xX][0-9a-fA-F]+|\d+(?:_\d+)+)(?!\w)")
_DIGIT_RUN = re.compile(r"\d[\d.,_]*")
MAX_DIGITS = 15  # more than any count or amount a unit reports (and than a float keeps exactly)


@dataclass
class OddNumber:
    """A number written so that no figure can be read from it."""

    written: str
    digits: int  # how many digits it has; over MAX_DIGITS means "too long", else an odd notation


def odd_number(raw: str) -> OddNumber | None:
    """The first number of a report written in an odd notation or with too many digits; None when none is."""
    odd = _ODD_NUMBER.search(raw)
    if odd is not None:
        return OddNumber(odd.group(0), sum(c.isdigit() for c in odd.group(0)))
    for run in _DIGIT_RUN.finditer(raw):
        digits = sum(c.isdigit() for c in run.group(0))
        if digits > MAX_DIGITS:
            return OddNumber(run.group(0).rstrip(".,_"), digits)
    return None


@dataclass
class Figure:
    """The figure of a report as written and as read."""

    value: float
    written: str


def read_figure(raw: str, measure: str | None = None) -> Figure | None:
    """The reported figure: a number that is not a year, a period or a date; the one before the measure wins."""
    text = _NEGATIVE_WORD.sub(r"-\1", fold(raw)) if _NEGATIVE_WORD.search(fold(raw)) else raw
    candidates = []
    for value, start, end in find_numbers(text):
        if not math.isfinite(value):
            continue
        after = fold(text[end : end + 12]).strip()
        before = fold(text[max(0, start - 6) : start])
        if _is_not_figure(value, after, before, text[end : end + 1]):
            continue
        candidates.append((value, text[start:end].strip(), after))
    if not candidates:
        return None
    unit_word = fold(measure or "")
    for value, written, after in candidates:
        if unit_word and (after.startswith(unit_word) or unit_word == "%" and after.startswith("%")):
            return Figure(value, written)
    return Figure(candidates[-1][0], candidates[-1][1])


def _is_not_figure(value: float, after: str, before: str, next_char: str) -> bool:
    if next_char == "/" or re.match(r"(thang|quy|ngay|gio)\b", after):
        return True
    if re.search(r"(nam|du an|tda|muc|lan)\s*$", before) and value == int(value):
        return True
    return value == int(value) and 1990 <= value <= 2100 and not after.startswith("ho")


_UNIT_MENTION = re.compile(
    rf"\b({kind_pattern([DISTRICT, COMMUNE, VILLAGE], abbreviations=True)}|ban)\s+((?:[a-z]+\s*){{1,4}})"
)
# "Thọ Lâm: đã giảm được 5 hộ nghèo", "báo cáo Thọ Lâm - ...": a bare name heading the report.
_LEADING_NAME = re.compile(r"^(?:/baocao\s+|bao cao\s+)?([a-z]+(?:\s[a-z]+){0,3})\s*[:,\-]\s")


def unit_mentions(f: str) -> list[str]:
    """Unit names a message may mention ("xã thọ lâm"), longest reading first."""
    found = []
    for match in _UNIT_MENTION.finditer(f):
        words = match.group(2).split()
        if not words or words[0] in OWN_WORDS:
            continue
        for n in range(min(4, len(words)), 0, -1):
            found.append(f"{match.group(1)} {' '.join(words[:n])}")
    leading = _LEADING_NAME.match(f)
    if leading and leading.group(1).split()[0] not in OWN_WORDS | {"bao", "ket", "cap"}:
        found.append(leading.group(1))
    return found
