"""Reports that come back without a day ("Định kỳ 06 tháng ... báo cáo ...", "báo cáo hằng ngày", "(định kỳ hằng
năm)") or fall due at an event ("báo cáo ... khi tổng kết Đợt thi đua"): who reports, to whom and through whom.

Such a duty is a deadline with no date (due None): it is listed and answered, never reminded. A cycle must stand in
the same clause as the verb "báo cáo"; "thường xuyên" or a bare "định kỳ" name no cycle and make no deadline.
"""

from __future__ import annotations

import re
import unicodedata

from storage.importer.assignees import given_subject, is_assignee, split_assignee
from storage.importer.model import DeadlineFact
from storage.language.text import fold

_EVERY = {"ngày": "hằng ngày", "tuần": "hằng tuần", "tháng": "hằng tháng", "quý": "hằng quý", "năm": "hằng năm"}
_CYCLE = re.compile(
    r"(?<!\w)(?:định kỳ\s+(?P<months>\d{1,2})\s+tháng(?:\s+một lần)?"
    r"|(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?P<every>ngày|tuần|tháng|quý|năm)"
    r"|định kỳ\s+(?P<bare>quý|năm))(?!\w)(?!\s*\d)",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"(?<!\w)(?:ngay\s+)?(?:sau\s+)?khi\s+(?:tổng kết|sơ kết|kết thúc|hoàn thành)\s+[^,;.()]{2,60}", re.IGNORECASE
)
# "báo cáo" as the verb of the clause: not the noun of "chế độ báo cáo", "công bố báo cáo", "xây dựng báo cáo".
_REPORT = re.compile(r"(?<!\w)(?<!chế độ )(?<!công bố )(?<!xây dựng )(?<!lập )báo cáo(?!\w)", re.IGNORECASE)
_HAND_IN = re.compile(r"(?<!\w)(?:gửi|nộp)(?!\w)", re.IGNORECASE)
_WHAT = re.compile(r"^\s*(?:kết quả|tình hình|tiến độ)\s+", re.IGNORECASE)
_SEND = re.compile(r"(?<!\w)(?:gửi về|gửi lên|gửi cho|gửi|về|lên|cho)\s+", re.IGNORECASE)
_NAME_END = re.compile(
    r"\s+(?:kết quả|tình hình|tiến độ|để|trước|về|khi|định kỳ|hằng|hàng|theo|qua|thông qua|tổng hợp)\b"
    r"|\s*[.;(]|,\s+(?!(?:Bộ|Sở|UBND|Ủy ban|Uỷ ban|Ban|Văn phòng|Thường trực|Công an)\b)|\s*$",
)
_THROUGH = re.compile(r"^\s*\(?\s*(?:thông\s+)?qua\s+([^()]{3,100}?)\s*(?:\)|\s+để\b|[,.;]|$)", re.IGNORECASE)
_THROUGH_ANYWHERE = re.compile(r"\(\s*(?:thông\s+)?qua\s+([^()]{3,100})\)", re.IGNORECASE)
_TASK_VERB = re.compile(
    r"\s(?:giám sát|xây dựng|tổ chức|theo dõi|tổng hợp|kiểm tra|phối hợp|chủ động|thực hiện|triển khai|gửi|nộp)\b",
    re.IGNORECASE,
)
# Matched with their marks: folded, "so " would take "sơ kết", "số liệu" and "bo " "bổ sung" for a Sở and a Bộ.
_BODY_STARTS = ("ubnd", "ủy ban", "uỷ ban", "sở ", "bộ ", "ban ", "văn phòng", "thường trực", "chủ tịch", "công an")


def report_cycles(sentence: str, before: str, section: int | None, owner: str | None) -> list[DeadlineFact]:
    """The undated reporting duties of one sentence, one per clause that reports on a cycle or at an event.

    Who reports: the body the clause names, else the one the sentence gives the task to, else the subject of the
    sentence before it in the paragraph (which a sentence without one continues), else the section's body (owner).
    """
    if not _REPORT.search(sentence) or not (_CYCLE.search(sentence) or _EVENT.search(sentence)):
        return []
    obligor = given_subject(sentence) or _subject_of(before) or owner
    found = []
    for clause in sentence.split(";"):
        fact = _clause_cycle(clause, section, obligor)
        if fact is not None:
            fact.text = sentence.strip()
            found.append(fact)
    return found


def _clause_cycle(clause: str, section: int | None, obligor: str | None) -> DeadlineFact | None:
    """The reporting duty of one clause, if it has a report verb and a cycle or an event."""
    report = _REPORT.search(clause)
    timing = _CYCLE.search(clause) or _EVENT.search(clause)
    if report is None or timing is None:
        return None
    recurrence = cycle_name(timing) if timing.re is _CYCLE else None
    subject = _lead_subject(_CYCLE.sub(" ", _EVENT.sub(" ", clause[: report.start()])))
    recipient, title = _recipient_and_title(clause[report.end() :])
    return DeadlineFact(
        section,
        title,
        None,
        timing.group(0).strip(" ()"),
        subject or obligor,
        recipient,
        recurrence,
    )


def report_route(clause: str) -> str | None:
    """To whom (with "qua ..." when said) a clause sends a report or a document on, with or without a time:
    "kết quả thực hiện báo cáo về Công an tỉnh (qua Phòng ...)", "... gửi về Sở Tư pháp"; None when it names none."""
    verbs = sorted([*_REPORT.finditer(clause), *_HAND_IN.finditer(clause)], key=lambda match: match.start())
    for verb in verbs:
        tail = clause[verb.end() :]
        for words in (tail, _WHAT.sub(" ", tail, count=1)):  # "báo cáo kết quả Ủy ban nhân dân tỉnh"
            recipient, _title = _recipient_and_title(words)
            if recipient is not None:
                return recipient
    return None


def cycle_name(match: re.Match[str]) -> str:
    """ "6 tháng", "hằng quý", "hằng ngày"... for a matched cycle."""
    if match.group("months"):
        months = int(match.group("months"))
        return "hằng quý" if months == 3 else f"{months} tháng"
    word = (match.group("every") or match.group("bare")).lower()
    return _EVERY[word]


def _recipient_and_title(tail: str) -> tuple[str | None, str]:
    """To whom (with "qua ..." when said) and what is reported, from the words after "báo cáo"."""
    text = " ".join(_CYCLE.sub(" ", _EVENT.sub(" ", tail)).replace("( )", " ").replace("()", " ").split())
    found = _named_body(text)
    if found is None:
        return None, _report_title(text)
    name, verb_at, end = found
    through = _THROUGH.match(text[end:]) or _THROUGH_ANYWHERE.search(text)
    recipient = f"{name} qua {through.group(1).strip()}" if through else name
    return recipient, _report_title(text[:verb_at] if verb_at > 0 else text[end:])


def _named_body(text: str) -> tuple[str, int, int] | None:
    """The body a report goes to, right after "báo cáo" or after "gửi (về)", "về", "lên": (name, where the verb
    before it starts, where the name ends)."""
    starts = [(0, 0)] + [(match.start(), match.end()) for match in _SEND.finditer(text)]
    for verb_at, start in starts:
        end_match = _NAME_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        name = text[start:end].strip(" ,")
        if name and (is_assignee(name) or names_body(name)):
            return name, verb_at, end
    return None


def names_body(name: str, starts: tuple[str, ...] = _BODY_STARTS) -> bool:
    """Whether a name opens with the word of a body a report goes to ("Sở ...", "UBND ...", "Văn phòng ...")."""
    return unicodedata.normalize("NFC", name).lower().startswith(starts)


def _report_title(words: str) -> str:
    """ "báo cáo kết quả thực hiện": the report and what it is about, without the purpose ("để tổng hợp ...")."""
    text = re.sub(r"(?i)\s*(?:\bđể\b|\btheo quy định\b|\(|\bgửi\b).*$", "", words)
    text = re.sub(r"(?i)^(?:về|gửi|cho)\s+", "", text.strip(" ,.:"))
    return f"báo cáo {text}".strip() if text else "báo cáo"


def _lead_subject(lead: str) -> str | None:
    """The body named before "báo cáo" ("Định kỳ 06 tháng các cơ quan có liên quan báo cáo"), up to its verb."""
    text = " ".join(lead.split()).strip(" ,")
    subject, _rest = split_assignee(f"{text} báo cáo")
    return _name_before_verb(subject) if subject else None


def _name_before_verb(subject: str) -> str | None:
    """A body's name without the task that follows it ("các sở, ban, ngành xây dựng Kế hoạch" -> "các sở, ...")."""
    cut = _TASK_VERB.search(subject, 4)
    name = subject[: cut.start()] if cut else subject
    name = re.sub(r"(?i)[\s,]+(?:và|,)?$", "", name).strip(" ,")
    return name if is_assignee(name) else None


def _subject_of(sentence: str) -> str | None:
    """The body that opens a sentence ("Căn cứ ..., các sở, ban, ngành ... xây dựng ..."), if one does."""
    text = re.sub(r"(?i)^căn cứ[^,]*,\s*", "", sentence.strip())
    subject, rest = split_assignee(text)
    return _name_before_verb(subject) if subject and rest else None


def drop_repeated(found: list[DeadlineFact]) -> list[DeadlineFact]:
    """Without the undated cycles a dated deadline of the same body and cycle already gives a day for."""
    dated = {(fold(f.obligor or ""), f.recurrence) for f in found if f.due is not None and f.recurrence}
    kept = []
    for fact in found:
        repeated = fact.due is None and (fold(fact.obligor or ""), fact.recurrence) in dated
        if not repeated:
            kept.append(fact)
    return kept
