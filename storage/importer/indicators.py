"""The name of a target: what its number counts, from the clause around it (target_names reads the shapes)."""

from __future__ import annotations

import re

from storage.importer.clauses import Clause
from storage.importer.measures import Measured, fold_same
from storage.importer.target_names import group_name, lower_first, subject_name, with_label
from storage.language.text import fold

_STOP = re.compile(
    r"\s*(?:[,;:()]|\btrở lên\b|\btrên địa bàn\b|\btoàn (?:xã|huyện|tỉnh)\b|\btheo\b|\btrong\b|\bđể\b|\bđược\b"
    r"|\bđạt\b|\bso với\b|\btương ứng\b|\bchiếm\b|\bgiảm\b|\btăng\b|\bcòn\b|\bxuống\b|\btừ\b|\bbình quân\b"
    r"|\bnăm 20\d\d|\bvào\b|\blà\b|\bcuối\b|\d)"
)
# "phấn đấu" with its tone marks mistyped ("phần đầu"): found on the folded text, which keeps every position
_STRIVE = re.compile(r"\bphan dau\b")
_LEAD_WORDS = re.compile(
    r"^(?:phan dau|trong do|toi thieu|it nhat|khoang|ho tro|dam bao|bao dam)\b[\s,:]*", re.IGNORECASE
)
_MAX_WORDS = 25
_MAX_ACTION_TOKENS = 40
_MAX_ACTION_WORDS = 12
_PART_FILLER = re.compile(
    r"^(?:(?:mỗi|hằng|hàng) năm\s*)?(?:(?:có|ít nhất|tối thiểu|khoảng|trên)(?!\w)\s*)*$", re.IGNORECASE
)
_BOUND_END = re.compile(r"(?:\s+(?:trên|tối thiểu|ít nhất|khoảng|hơn))+\s*$", re.IGNORECASE)
_NOT_LISTED = {"tỷ", "tỉ", "số"}


def indicator(piece: Clause, item: Measured, label: str | None, part: bool) -> str:
    """A short name for what is measured, from the clause itself (see target_names)."""
    clause = piece.text
    if part:
        before = clause[: item.start].strip(" ,:;")
        lead = _LEAD_WORDS.match(fold_same(before))
        before = before[lead.end() :] if lead else before
        before = _PART_FILLER.sub("", before).strip(" ,:")  # "mỗi năm có ít nhất 150 sản phẩm": no name before
        before = re.sub(r"\s*(?:là\s+)?(?:giảm|tăng|đạt|còn|có khoảng|khoảng)?\s*$", "", before).strip(" ,:")
        if before:
            return lower_first(before)
    subject = None if part else subject_name(piece, item)
    if subject:
        return with_label(lower_first(subject), label)
    rate = piece.first_rate(item.start) if item.measure == "%" and not part else None
    if rate is not None:
        phrase = _phrase(piece, rate, skip=len("ty le"), listing=True)
        return lower_first(phrase if len(phrase.split()) > 2 or not label else f"{phrase} {label}")
    if label and not part and _names_nothing(piece, item) and _action_for(clause[: item.start]) is None:
        return lower_first(label)  # "Hộ cận nghèo: Toàn xã còn 85 hộ": the label says what is counted
    return with_label(lower_first(_counted(piece, item)), None if part else label)


def _names_nothing(piece: Clause, item: Measured) -> bool:
    """Whether the words after a count are only its measure ("85 hộ chiếm ...")."""
    if item.measure in ("%", "triệu đồng", "tỷ đồng", None):
        return False
    return fold(group_name(piece, item.end - len(item.measure))) == fold(item.measure)


def _counted(piece: Clause, item: Measured) -> str:
    """The group a number counts, after it, with the action done for it when the words before say "... cho"."""
    clause = piece.text
    money = item.measure in ("triệu đồng", "tỷ đồng")
    after = "" if money else group_name(piece, item.end if item.measure == "%" else item.end - len(item.measure or ""))
    action = None if money else _action_for(clause[: item.start])
    if action and after:
        return f"{action[0]} {action[1]} {after}"
    if money or not after:
        return _before(clause[: item.start]) or after or (item.measure or "")
    if fold(after) == fold(item.measure or ""):  # "tối thiểu 3.250 hộ": the words before say what is counted
        before = re.sub(r"(?i)^(?:có thêm|có)\b\s*", "", _before(clause[: item.start]))
        return before if before and not re.search(r"[\d(/)]", before) else after
    return after


def _action_for(before: str) -> tuple[str, str] | None:
    """ "Hỗ trợ nhà ở cho 1.150 hộ nghèo": what is done for the people counted and the word that joins them
    (("hỗ trợ nhà ở", "cho"), "cho vay đối với"), else None."""
    stripped = _BOUND_END.sub("", before.strip(" ,:;"))
    if len(stripped.split(None, _MAX_ACTION_TOKENS)) > _MAX_ACTION_TOKENS:
        return None  # far more words than an action has: skip the regex over a long text
    match = re.search(r"^(.*?)\s+(cho|đối với)\s*$", stripped)
    if match is None:
        return None
    action = match.group(1).strip(" ,:;-+•")
    if len(action.split()) > _MAX_ACTION_WORDS:  # a long lead: the action is its last phrase
        action = action.rpartition(",")[2].strip(" ,:;-+•")
    lead = _LEAD_WORDS.match(fold_same(action))
    action = action[lead.end() :] if lead else action
    words = action.split()
    if not 0 < len(words) <= _MAX_ACTION_WORDS or re.search(r"(?<!\w)\d+(?:[.,]\d+)?(?!\w)|[();:]", action):
        return None
    return action, match.group(2)


def _before(text: str) -> str:
    """The words just before a number, without the verb that leads to it."""
    segment = " ".join(text.rpartition(",")[2].rsplit(None, 12)[-12:])  # the last words are all it keeps
    segment = re.sub(
        r"\s*(?:là|đạt|giảm|tăng|còn|cho|trên|dưới|tối thiểu|ít nhất|khoảng|:)\s*$", "", segment.strip(), flags=re.I
    )
    return _LEAD_WORDS.sub("", " ".join(segment.split()[-8:])).strip(" ,:")


def _phrase(clause: Clause, start: int, skip: int = 0, listing: bool = False) -> str:
    """Words of text from start up to the first stop word or punctuation, at most 25; a rate's name (listing)
    goes on past a comma between listed beneficiaries ("tỷ lệ người thuộc hộ nghèo, hộ cận nghèo tham gia ...")."""
    text, lowered = clause.text, clause.lowered
    stop = _next_stop(lowered, start + skip)
    while listing and stop is not None and (_listing_comma(lowered, start, stop) or _who_is(lowered, stop)):
        stop = _next_stop(lowered, stop.end())
    end = stop.start() if stop else len(text)
    words = text[start:end].split(None, _MAX_WORDS)[:_MAX_WORDS]
    return _BOUND_END.sub("", " ".join(words).strip(" ,.;:")).strip(" ,.;:")


def _who_is(lowered: str, stop: re.Match[str]) -> bool:
    """ "là" that names who a rate counts ("tỷ lệ người ứng cử là phụ nữ tối thiểu 35%"), not the figure it is
    ("tỷ lệ hộ nghèo là 3%"): words, not a number, follow it up to the next stop."""
    if stop.group().strip() != "là":
        return False
    following = _next_stop(lowered, stop.end())
    return following is not None and bool(_BOUND_END.sub("", lowered[stop.end() : following.start()]).strip())


def _next_stop(lowered: str, pos: int) -> re.Match[str] | None:
    """The first stop word or punctuation from pos on, "phấn đấu" however its tone marks are typed."""
    stop = _STOP.search(lowered, pos)
    strive = _STRIVE.search(fold_same(lowered), pos)
    return strive if strive is not None and (stop is None or strive.start() < stop.start()) else stop


def _listing_comma(lowered: str, start: int, stop: re.Match[str]) -> bool:
    """A comma between listed beneficiaries ("người thuộc hộ nghèo, hộ cận nghèo"): the word after it repeats
    a word of the phrase so far."""
    following = lowered[stop.end() :].split(None, 1)[:1]
    if stop.group().strip() != "," or not following or following[0] in _NOT_LISTED:
        return False
    return following[0] in lowered[start : stop.start()].split()
