"""What a target counts, named from its own clause.

Three shapes of Vietnamese goals:
- a subject, then a verb, then the number: "Tỷ lệ dân số từ 15 tuổi trở lên có điện thoại thông minh đạt tối
  thiểu 95%", "Quy mô kinh tế số đạt 40% GRDP": the name is the subject;
- the number, then what it counts: "100% trẻ em ... được nuôi dưỡng", "tối thiểu 20 người lao động ... được hỗ trợ
  kết nối việc làm thành công": the name runs on through a listing ("hộ nghèo, hộ cận nghèo", "xã, phường") and
  through the passive "được ..." that says what happens to them;
- an action for them: "Hỗ trợ mua thẻ bảo hiểm y tế cho 100% người thuộc hộ nghèo": the action, "cho", the group.
A heading label ("Về nhà ở:", "Tại địa bàn đô thị:") is added in parentheses when the name does not hold it.
"""

from __future__ import annotations

import re

from storage.importer.clauses import Clause
from storage.importer.measures import MARKED_MEASURES, MEASURES, Measured, fold_same
from storage.language.kinds import KINDS
from storage.language.text import fold

MAX_WORDS = 25
# Words a subject starts with: the quantity it measures.
_HEAD = re.compile(
    r"(?:^|(?<=[\s,(]))(?:ty le|ti le|ty trong|quy mo|tong|gia tri|thu nhap)\s|(?:^\W*|,\s*)((?:so luong|so)\s)"
)
# The verb between a subject and its number.
_VERB = re.compile(r"(?<!\w)(?:đạt|chiếm|giảm|tăng|gấp|là|còn|xuống|(?<!trở )lên)(?!\w)")
_STRIVE = re.compile(r"(?<!\w)phan dau(?!\w)")  # "phấn đấu" however its tone marks are typed, on folded text
_LEAD = re.compile(r"^\s*(?:\(\d+\)|[-+•]|\d+(?:\.\d+)*\.?(?=\s))?\s*(?:(?:hằng|hàng) năm,?\s*)?", re.IGNORECASE)
_MEASURE_WORDS = "|".join(re.escape(key) for key in (*(k for k, _ in MEASURES), *map(fold, MARKED_MEASURES)))
_NUMBER = rf"(?<![\w.,])\d[\d.,]*\s*(?:%|(?:{_MEASURE_WORDS})(?!\w))"
# Where a counted group's name ends, whatever "được" follows: a sentence mark, or a measured number.
_HARD = re.compile(rf"[;:.(]|{_NUMBER}")
_MEASURED = re.compile(_NUMBER)
# Words that end a group's name when no "được" follows (folded).
_SOFT = re.compile(
    r"(?<!\w)(?:trở lên|theo|trong|để|nhằm|so với|tương ứng|đạt|chiếm|phấn đấu|góp phần|từ|thông qua)(?!\w)"
)
_KINDS = "|".join(sorted((re.escape(kind.word) for kind in KINDS), key=len, reverse=True))
# Where, not what: "trên địa bàn xã", "trên toàn tỉnh", "toàn huyện".
_LOCATIVE = re.compile(rf"\s*(?:trên địa bàn|trên toàn|toàn)\s+(?:{_KINDS})(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"\s*(?:(?:vào |đến |đầu |cuối )*năm|giai đoạn) 20\d\d(?:\s*-\s*20\d\d)?(?!\d)", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:và|hoặc|có|trên|dưới|tối thiểu|ít nhất|khoảng|là|đều))+\s*$", re.IGNORECASE)
_RATE = re.compile(r"(?:ty le|ti le|ty trong)\b")
_KIND_WORDS = {kind.folded for kind in KINDS}


def subject_name(clause: Clause, item: Measured) -> str | None:
    """The subject a verb joins to the number ("tỷ lệ dân số ... có điện thoại thông minh"), or None."""
    found = [*_VERB.finditer(clause.lowered, 0, item.start), *_STRIVE.finditer(clause.folded, 0, item.start)]
    verbs = sorted(
        (m for m in found if not _inside(clause.text, m.start()) and not _who_is(clause, m, item.start)),
        key=lambda m: m.start(),
    )
    if not verbs:
        return None
    heads = [_head_start(m) for m in _HEAD.finditer(clause.folded, 0, verbs[-1].start())]
    heads = [h for h in heads if not re.search(r"[\d%]\s*$", clause.text[:h])]  # "20% số nhóm trẻ": its group
    if not heads:
        return None
    end = _verb_run(clause, verbs)
    if end <= heads[-1] or _MEASURED.search(clause.folded, heads[-1], end):  # "đạt 1.063 triệu đồng, đạt 100%"
        end = next(v.start() for v in verbs if v.start() > heads[-1])
    first = next((h for h in heads if not re.search(r"[,;]", clause.text[h:end]) or _listed(clause, h, end)), heads[-1])
    subject = tidy(clause.text[first:end])
    if not subject or _HARD.search(fold_same(subject)):
        return None
    between = _MEASURED.search(clause.folded, end, item.start)
    if (
        item.measure == "%"
        and between
        and not _RATE.match(fold(subject))
        and not clause.ends_with_word(between.start(), "tu")
    ):
        subject = f"tỷ lệ {subject}"  # "giá trị giải ngân đạt 1.063 triệu đồng, đạt 100%": the share of that amount
    tail = re.match(r"\s*([A-Z]{3,})\b", clause.text[item.end :])  # "40% GRDP": the whole it is a share of
    return f"{subject} (% {tail.group(1)})" if tail and item.measure == "%" else subject


def _who_is(clause: Clause, verb: re.Match[str], number: int) -> bool:
    """ "là" naming who is counted ("tỷ lệ người ứng cử là phụ nữ tối thiểu 35%"), not joining the subject to its
    figure ("tỷ lệ hộ nghèo là 3%"): words other than a bound stand between it and the number."""
    if verb.group(0) != "là":
        return False
    between = clause.lowered[verb.end() : number]
    return bool(re.sub(r"(?<!\w)(?:tối thiểu|ít nhất|trên|dưới|khoảng|hơn|đạt|từ)(?!\w)", "", between).strip(" ,"))


def _verb_run(clause: Clause, verbs: list[re.Match[str]]) -> int:
    """Where the verbs right before the number begin ("phấn đấu đạt", "giảm còn"), not a verb inside the subject
    ("tỷ lệ xã có trạm y tế đạt chuẩn đạt 90%")."""
    index = len(verbs) - 1
    while index > 0 and not clause.lowered[verbs[index - 1].end() : verbs[index].start()].strip():
        index -= 1
    return verbs[index].start()


def _head_start(match: re.Match[str]) -> int:
    """Where a subject head starts ("số" after its comma)."""
    return match.start(1) if match.group(1) else match.start()


def _listed(clause: Clause, start: int, end: int) -> bool:
    """Whether the commas between start and end are inside the subject: it does not open after them."""
    return not _HEAD.search(clause.folded, start + 1, end)


def _inside(text: str, position: int) -> bool:
    return text.count("(", 0, position) > text.count(")", 0, position)


def group_name(clause: Clause, start: int) -> str:
    """The counted group from start: through listings and a passive "được ...", up to a stop."""
    hard = _HARD.search(clause.folded, start)
    limit = hard.start() if hard else len(clause.text)
    passive = re.search(r"(?<!\w)được(?!\w)", clause.lowered[start:limit])
    if passive:
        comma = clause.text.find(",", start + passive.end(), limit)
        end = comma if comma >= 0 else limit
        soft = _SOFT.search(clause.lowered, start + passive.end(), end)  # "... thông qua ...", "... để ..."
        return _short(clause.text[start : soft.start() if soft else end], passive.start())
    text = clause.text[start : _group_end(clause, start, limit)]
    return tidy(re.sub(r"^((?:\S+\s+){1,2}?)trở lên(?!\w)\s*", r"\1", text))  # "hộ trở lên tham gia": the bound


def _short(text: str, passive: int) -> str:
    """A long passive name keeps its first listed member and what is done to the group: "người nghiện ma túy, …
    được tư vấn, hỗ trợ"."""
    name = tidy(text)
    if len(name.split()) <= MAX_WORDS - 5 or "," not in text[:passive]:
        return name
    return tidy(f"{text[: text.index(',')]}, … {text[passive:]}")


def _group_end(clause: Clause, start: int, limit: int) -> int:
    """Where a group without "được" ends: a soft stop word, or a comma that does not continue a listing."""
    soft = _SOFT.search(clause.lowered, start, limit)
    while soft and soft.group() == "trở lên":  # "40 hộ trở lên tham gia ...": a bound, not the end of the name
        soft = _SOFT.search(clause.lowered, soft.end(), limit)
    end = soft.start() if soft else limit
    comma = clause.text.find(",", start, end)
    while comma >= 0 and _continues(clause.folded, start, comma):
        comma = clause.text.find(",", comma + 1, end)
    return comma if comma >= 0 else end


def _continues(folded: str, start: int, comma: int) -> bool:
    """A comma inside a listing: one of the next two words repeats a word so far ("hộ nghèo, hộ cận nghèo"), or
    unit kinds stand on both sides ("xã, phường")."""
    before = folded[start:comma].split()
    after = folded[comma + 1 :].split()[:2]
    if not before or not after:
        return False
    if before[-1] in _KIND_WORDS and after[0] in _KIND_WORDS:
        return True
    return any(word in before and word not in ("va", "cac", "co") for word in after)


def tidy(text: str) -> str:
    """A name cut from a text: no parentheses, locatives, item marks or dangling words; at most 25 words."""
    text = re.sub(r"\s*\([^()]*\)", "", text)
    text = text.split("(")[0]
    text = _YEAR.sub("", _LOCATIVE.sub("", _LEAD.sub("", text)))
    words = text.replace("*", " ").split()[:MAX_WORDS]
    return _TRAILING.sub("", " ".join(words)).strip(" ,;:-")


def with_label(name: str, label: str | None) -> str:
    """The name, with the heading label it stands under when the name does not already say it."""
    if not label or _shares_two_words(fold(label), fold(name)):
        return name
    return f"{name} ({label})"


def _shares_two_words(label: str, name: str) -> bool:
    """Whether the name holds the label, or two words in a row of it ("nước sinh hoạt và vệ sinh" in "... nhà tiêu
    hợp vệ sinh"; a one-word label must be there whole)."""
    words = label.split()
    pairs = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] or words
    return any(f" {pair} " in f" {name} " for pair in pairs)


def lower_first(text: str) -> str:
    """Lower-case capitalised words, keep abbreviations: "Hộ Cận nghèo BHYT" -> "hộ cận nghèo BHYT"."""
    return " ".join(word.lower() if word[1:] == word[1:].lower() else word for word in text.split())
