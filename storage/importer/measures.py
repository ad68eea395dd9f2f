"""Numbers with a measure ("180 hộ", "0,79%", "20.000 học sinh", "68 triệu") and amounts of money."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.language.money import PER_PERSON_LIMIT, money_unit
from storage.language.text import find_dates, find_numbers
from storage.language.text import fold_same as fold_same

# Folded measure words after a number -> the measure as stored; longest first.
MEASURES: tuple[tuple[str, str], ...] = (
    ("trieu dong", "triệu đồng"),
    ("ty dong", "tỷ đồng"),
    ("trieu", "triệu đồng"),
    ("hoc sinh", "học sinh"),
    ("doanh nghiep", "doanh nghiệp"),
    ("co so", "cơ sở"),
    ("trung tam", "trung tâm"),
    ("san pham", "sản phẩm"),
    ("luot", "lượt"),
    ("sinh vien", "sinh viên"),
    ("lao dong", "lao động"),
    ("nguoi", "người"),
    ("ho", "hộ"),
    ("tre em", "trẻ em"),
    ("can bo", "cán bộ"),
    ("dang vien", "đảng viên"),
    ("mo hinh", "mô hình"),
    ("du an", "dự án"),
    ("cong trinh", "công trình"),
    ("can nha", "căn nhà"),
    ("can", "căn"),
    ("ngoi nha", "ngôi nhà"),
    ("nha", "nhà"),
    ("lop", "lớp"),
    ("phien", "phiên"),
    ("thon", "thôn"),
    ("con", "con"),  # a head count ("5.000 con gia súc") or children per woman ("2,3 con")
    ("xa", "xã"),
)
# Measures whose folded form is another word too ("sàn" / "sân", "lần" / "làn", "vùng" / "vững"): matched with
# their tone marks.
MARKED_MEASURES = ("sàn", "lần", "vùng")
# Words before a number that make it a label, not a quantity: "năm 2024", "Dự án 2", "số 07".
_NOT_QUANTITY = re.compile(r"(?:nam|du an|so|giai doan|muc|khoan|dieu|phu luc|quy|thang|ngay|lan thu|thu|top)\s*$")


@dataclass
class Measured:
    """A number in a text with the measure written after it."""

    value: float
    measure: str
    start: int
    end: int  # end of the measure word


def find_measured(text: str) -> list[Measured]:
    """Every quantity with a measure in text; dates, years, document numbers and project numbers are skipped."""
    folded = fold_same(text)
    dates = [(start, end) for _, start, end in find_dates(text, 2000)]
    found: list[Measured] = []
    for value, start, end in find_numbers(text):
        if any(s <= start < e for s, e in dates) or _NOT_QUANTITY.search(folded[max(0, start - 14) : start]):
            continue
        if text[end : end + 1] in "/-" and text[end + 1 : end + 2].isdigit():
            continue
        measure = _measure_at(folded, end) or _marked_at(text, end) or _ratio_at(text, folded, end)
        if measure:
            found.append(Measured(value, measure[0], start, measure[1]))
    return found


def _measure_at(folded: str, end: int) -> tuple[str, int] | None:
    """The measure written right after position end, with the position where it ends."""
    rest = folded[end:]
    if rest.startswith(("%", " %")):
        return "%", end + rest.index("%") + 1
    stripped = rest.lstrip()
    offset = end + len(rest) - len(stripped)
    for key, measure in MEASURES:
        if stripped.startswith(key) and not stripped[len(key) : len(key) + 1].isalnum():
            return measure, offset + len(key)
    return None


# A ratio written as its two terms: "109 bé trai/100 bé gái", "25 giường bệnh/10.000 dân" (folded, after the
# number). The terms are one or two words; the second stops before a word that starts the sentence's next phrase.
_NEXT_PHRASE = r"(?:vao|nam|den|tai|tren|trong|cua|va|theo|tro)\b"
_RATIO = re.compile(rf"\s+([a-z]+(?: [a-z]+)?)\s*/\s*(\d[\d.,]*)\s+([a-z]+)(?: (?!{_NEXT_PHRASE})([a-z]+))?(?![a-z])")


def _ratio_at(text: str, folded: str, end: int) -> tuple[str, int] | None:
    """A ratio measure right after position end ("bé trai/100 bé gái"), as written, with where it ends."""
    found = _RATIO.match(folded, end)
    if found is None:
        return None
    stop = found.end()
    return re.sub(r"\s+", " ", text[found.start(1) : stop]), stop


def _marked_at(text: str, end: int) -> tuple[str, int] | None:
    """A measure of MARKED_MEASURES right after position end, with its tone marks as written."""
    rest = text[end:].lower()
    stripped = rest.lstrip()
    offset = end + len(rest) - len(stripped)
    for word in MARKED_MEASURES:
        if stripped.startswith(word) and not stripped[len(word) : len(word) + 1].isalnum():
            return word, offset + len(word)
    return None


def find_amounts(text: str) -> list[tuple[float, int, int]]:
    """Amounts of money in triệu đồng with their spans: "68 triệu", "3.230 triệu đồng", "1,5 tỷ đồng",
    "450.000.000 đồng", "250 nghìn đồng", "12 tr.đ"; a rate in plain đồng ("500.000 đồng/người") is not one."""
    folded = fold_same(text)
    amounts: list[tuple[float, int, int]] = []
    for value, start, end in find_numbers(text):
        unit = money_unit(folded, end)
        if unit is None or (unit[0] < 1 and value * unit[0] < PER_PERSON_LIMIT):
            continue
        amounts.append((value * unit[0], start, unit[1]))
    return amounts
