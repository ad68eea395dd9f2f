"""Deadlines: "trước ngày 15/6", "(trước 20/6/2024)", "chậm nhất ...", "hạn ..." with what is due, by whom, to whom."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from storage.importer.assignees import VERB_RE, given_subject, is_assignee, sentence_subject, split_assignee
from storage.importer.due_forms import anchor_yearly, listed_days, relative_days
from storage.importer.model import DeadlineFact, DocSection, Document, DutyFact
from storage.importer.periods import period_dues
from storage.importer.report_cycles import drop_repeated, names_body, report_cycles
from storage.importer.scope import bare_heading, section_lines, split_sentences
from storage.language.text import fold, parse_date

_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
_MARKER = re.compile(
    r"(?<!\w)(trước ngày|trước|chậm nhất(?: là)?(?: vào)?(?: ngày)?|hạn chót(?: là)?(?: ngày)?"
    r"|thời hạn(?:[^:;.\d]{0,60}:)?(?: là)?(?: ngày)?|hạn(?: nộp)?(?: là)?(?: ngày)?"
    r"|không quá ngày|không muộn hơn ngày"
    r"|dự kiến(?:\s+[^\d,.;:()]{1,40}?)?\s+(?:vào\s+)?(?:ngày|trước ngày))"  # expected, kept as written
    r"\s*:?\s*(" + _DATE + r")(?![\d/])",
    re.IGNORECASE,
)
_PERIODIC = re.compile(
    r"(?<!\w)(?:trước ngày|trước|chậm nhất(?: là)?(?: vào)?(?: ngày)?|hạn(?: nộp)?(?: là)?(?: ngày)?|vào ngày)\s*"
    r"(\d{1,2})(?![\d/.-])\s*(?:của\s+|các\s+)?"
    r"(tháng cuối (?:của )?(?:mỗi |các |hằng |hàng )?quý|(?:hằng|hàng|mỗi) tháng|tháng cuối mỗi quý)",
    re.IGNORECASE,
)
_PERIOD = r"(?:0?6 tháng|quý|năm)"
_PERIOD_LIST = re.compile(rf"(?<!\w)({_PERIOD}(?:\s*(?:,|\bvà\b)\s*{_PERIOD})+)(?!\s*\d)", re.IGNORECASE)
_BARE_PERIOD = re.compile(rf"^(?:cả |hằng |hàng )?{_PERIOD}$", re.IGNORECASE)
_PERIOD_IN = re.compile(rf"(?<!\w)(?:cả |hằng |hàng )?{_PERIOD}(?!\w)(?!\s*\d)", re.IGNORECASE)
_QUARTERS = ("I", "II", "III", "IV")
_WORDED_DATE = re.compile(r"(?i)(ngày\s+)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,?\s*năm\s+(\d{4}))?(?!\d)")
_RECIPIENT = re.compile(r"(?<!\w)(?:gửi về|gửi lên|về|gửi|lên)\s+(.+?)(?:\s+để\b|\s+trước\b|[.;(]|$)", re.IGNORECASE)
# "báo cáo kết quả Ủy ban nhân dân tỉnh": what is reported may stand between the verb and the body it goes to.
_TO_VERB = re.compile(
    r"(?<!\w)(?:gửi về|gửi lên|gửi|về|lên|báo cáo(?:\s+(?:kết quả|tình hình|tiến độ))?)\s+", re.IGNORECASE
)
_TO_NAME = re.compile(
    r"(.+?)(?=\s+(?:kết quả|tình hình|tiến độ|để|trước|chậm nhất|hằng|hàng|định kỳ)\b|\s*[,.;(]|\s*$)", re.IGNORECASE
)
_THROUGH = re.compile(r"\s*\(\s*(?:thông\s+)?qua\s+([^)]{3,120})\)", re.IGNORECASE)  # "(qua Sở Nội vụ)"
_BODIES = ("ubnd", "ủy ban", "uỷ ban", "sở ", "phòng ")  # a recipient's first word, when no assignee rule knows it
_REPORT_TO = re.compile(r"^báo cáo\s+(?:về\s+|cho\s+|gửi\s+)?(.+)$", re.IGNORECASE)
_REPORT_VERB = re.compile(r"\s(báo cáo\b.*)$", re.IGNORECASE)
_RECURRENCE = (
    (re.compile(r"\b0?6 tháng\b"), "6 tháng"),
    (re.compile(r"\b(?:hằng|hàng) quý\b|\bđịnh kỳ quý\b"), "hằng quý"),
    (re.compile(r"\b(?:hằng|hàng) tháng\b"), "hằng tháng"),
    (re.compile(r"\bbáo cáo năm\b|\b(?:hằng|hàng) năm\b|\bcả năm\b"), "hằng năm"),
    (re.compile(r"\b(?:hằng|hàng|mỗi) tuần\b"), "hằng tuần"),
    (re.compile(r"\b(?:hằng|hàng|mỗi) ngày\b"), "hằng ngày"),
)


def extract_deadlines(
    document: Document, places: Sequence[object], duties: list[DutyFact], year: int | None, warnings: list[str]
) -> list[DeadlineFact]:
    """Every dated obligation in the plan; the section's assignee is the obligor unless the sentence names one."""
    owners: dict[int, str] = {}
    for duty in duties:
        if duty.section is not None:
            owners.setdefault(duty.section, duty.assignee)
    found: list[DeadlineFact] = []
    issued = document.header.doc_date
    for section in document.sections:
        for text in [bare_heading(section.heading), *section_lines(section)]:
            sentences = split_sentences(re.sub(r"^\s*[-+•]\s*", "", text))
            for index, sentence in enumerate(sentences):
                before = sentences[index - 1] if index else ""
                found.extend(_sentence_deadlines(sentence, before, section, owners, year, warnings, issued))
    anchor_yearly(found, document.header.doc_date)
    return drop_repeated([fact for fact in found if not _before_plan(fact, document.header.doc_date)])


def _before_plan(fact: DeadlineFact, issued: date | None) -> bool:
    """A monthly or quarterly occurrence due before the plan was issued: the plan cannot ask for it."""
    periodic = fact.recurrence in ("hằng tháng", "hằng quý") and "/" not in fact.due_text
    return periodic and issued is not None and fact.due is not None and fact.due < issued


def _sentence_deadlines(
    sentence: str,
    before: str,
    section: DocSection,
    owners: dict[int, str],
    year: int | None,
    warnings: list[str],
    issued: date | None = None,
) -> list[DeadlineFact]:
    """One deadline per dated item of a sentence ("... 6 tháng (trước 20/6) và báo cáo năm (trước 30/10) ...")."""
    sentence = numeric_dates(sentence)
    markers = _due_marks(sentence, year)
    markers = sorted(markers + listed_days(sentence, markers, year) + relative_days(sentence, issued))
    if not markers:
        owner = owners.get(section.index)
        return _periodic(sentence, section, owner, year) or report_cycles(sentence, before, section.index, owner)
    # A recipient belongs to its own clause: "...; báo cáo giải ngân gửi Sở Tài chính" is not this date's.
    recipient = _recipient(sentence[markers[-1][1] : _clause_end(sentence, markers[-1][1])])
    recipient = recipient or _recipient_before(sentence[: markers[0][0]])
    # A body the sentence gives the task to ("UBND tỉnh yêu cầu các sở ...") outranks the section's heading.
    given = given_subject(sentence)
    obligor = given or owners.get(section.index) or sentence_subject(sentence)
    last_clause = _clause_start(sentence, markers[-1][0])
    trailing = _recurrence(sentence[markers[-1][1] : _clause_end(sentence, markers[-1][1])])
    found: list[DeadlineFact] = []
    start = 0
    for mark_start, mark_end, written, due in markers:
        title = _title(sentence[start:mark_start]) or _named_in(written)
        start = mark_end
        subject, title = _subject(title)
        if subject is None and obligor is None:
            subject, title = _own_subject(title)
        obligor = subject or obligor
        report_to = _REPORT_TO.match(title)
        if report_to and is_assignee(report_to.group(1)):
            recipient = recipient or report_to.group(1).strip()
            title = f"báo cáo {_lower_first(_title(before, last=False))}".strip() if before else title
        if due is None:
            warnings.append(f'Cảnh báo: mục {section.label}: không xác định được ngày "{written}" trong "{sentence}".')
        found.append(
            DeadlineFact(
                section.index,
                title or sentence,
                due,
                written,
                obligor,
                recipient,
                _recurrence(title) or _clause_recurrence(sentence, mark_start, mark_end, last_clause, trailing),
                sentence.strip(),
            )
        )
    _pair_periods(found, sentence)
    _bare_periods(found)
    tail = sentence[_clause_end(sentence, markers[-1][1]) :]
    return found + (report_cycles(tail, before, section.index, obligor) if tail.strip(" ;.") else [])


def _clause_start(sentence: str, position: int) -> int:
    """Where the clause (between semicolons) holding position starts."""
    return sentence.rfind(";", 0, position) + 1


def _clause_end(sentence: str, position: int) -> int:
    """Where the clause holding position ends: at the next semicolon, else at the sentence's end."""
    end = sentence.find(";", position)
    return len(sentence) if end < 0 else end


def _clause_recurrence(sentence: str, start: int, end: int, last_clause: int, trailing: str | None) -> str | None:
    """How often a dated item comes back: said in its own clause; a cycle after the last day of a list ("trước ngày
    01/6 và 15/11 hằng năm") holds for every day of that list, not for a day in an earlier clause."""
    if _clause_start(sentence, start) == last_clause:
        return trailing or _recurrence(sentence[last_clause:start])
    return _recurrence(sentence[_clause_start(sentence, start) : _clause_end(sentence, end)])


def _named_in(written: str) -> str:
    """What "Thời hạn nộp báo cáo quyết toán: ngày 25/01/2025" is due for ("nộp báo cáo quyết toán"); else ""."""
    match = re.match(r"(?i)thời hạn\s+([^:]+):", written)
    return match.group(1).strip() if match else ""


def _due_marks(sentence: str, year: int | None) -> list[tuple[int, int, str, date | None]]:
    """(start, end, as written, due date) of every date a sentence sets, days and whole months or quarters."""
    days = [(m.start(), m.end(), m.group(0).strip(), parse_date(m.group(2), year)) for m in _MARKER.finditer(sentence)]
    return sorted(days + period_dues(sentence, year))


def _bare_periods(found: list[DeadlineFact]) -> None:
    """ "báo cáo 6 tháng (trước 10/6), năm (trước 10/11)": a title that is only a period takes the title before it."""
    for previous, fact in zip(found, found[1:], strict=False):
        word = _BARE_PERIOD.match(fact.title)
        period = _PERIOD_IN.search(previous.title)
        if word and period:
            fact.title = f"{previous.title[: period.start()]}{word.group(0)}{previous.title[period.end() :]}"
            fact.recurrence = _recurrence(f"báo cáo {word.group(0)}") or fact.recurrence


def _pair_periods(found: list[DeadlineFact], sentence: str) -> None:
    """ "báo cáo 6 tháng, năm ... trước ngày 15/6 và trước ngày 30/11": the i-th date is the i-th period's."""
    listing = _PERIOD_LIST.search(found[0].title) if len(found) > 1 else None
    if listing is None or any(fact.title != sentence for fact in found[1:]):
        return
    items = re.split(r"\s*(?:,|\bvà\b)\s*", listing.group(1))
    if len(items) != len(found):
        return
    head, tail = found[0].title[: listing.start()], found[0].title[listing.end() :]
    for fact, item in zip(found, items, strict=True):
        fact.title = f"{head}{item}{tail}".strip()
        fact.recurrence = _recurrence(f"báo cáo {item}") or ("hằng quý" if fold(item) == "quy" else None)


def numeric_dates(text: str) -> str:
    """ "ngày 15 tháng 7 năm 2024" -> "ngày 15/7/2024", so dates written in words read like the others."""
    return _WORDED_DATE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}/{m.group(3)}" + (f"/{m.group(4)}" if m.group(4) else ""), text
    )


def _title(segment: str, last: bool = True) -> str:
    """What is due: the words before the date, after the previous clause ("...; báo cáo năm (" -> "báo cáo năm")."""
    text = segment.split(";")[-1] if last else segment
    text = re.sub(r"\s+để\s.*$", "", text) if not last else text
    text = re.sub(r"^[\s,).]*(?:và|,)?\s*", "", text).strip(" ,(.:;")
    return text


def _lower_first(text: str) -> str:
    """ "Rà soát ..." -> "rà soát ..." (abbreviations kept)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _subject(title: str) -> tuple[str | None, str]:
    """Split "Các sở, ngành ... báo cáo kết quả 06 tháng" into its subject and what is due."""
    match = _REPORT_VERB.search(title)
    if match and match.start() > 0 and is_assignee(title[: match.start()]):
        lead = re.sub(r"(?i)\s+(?:gửi|nộp)$", "", title[: match.start()].strip(" ,"))  # "Các sở gửi báo cáo"
        name, _ = split_assignee(lead)
        return (name or lead).strip(" ,"), match.group(1).strip()
    return None, title


def _own_subject(title: str) -> tuple[str | None, str]:
    """ "Các sở ... có trách nhiệm ... báo cáo kết quả": the body a title opens with and the report it owes."""
    subject, rest = split_assignee(title)
    if subject and rest and VERB_RE.match(fold(rest)):
        report = _REPORT_VERB.search(f" {rest}")
        return subject.strip(" ,"), (report.group(1) if report else rest).strip()
    return None, title


def _recipient(tail: str) -> str | None:
    """To whom: "về UBND huyện qua phòng ..." after the last date."""
    match = _RECIPIENT.search(tail)
    if not match:
        return None
    text = _body_name(match.group(1).strip(" ,)*"))
    return _through(text, tail, match.end(1)) if text else None


def _recipient_before(head: str) -> str | None:
    """To whom, named before the date: "... báo cáo UBND phường chậm nhất ...", "... gửi Sở ... trước ..."."""
    found = None
    for verb in _TO_VERB.finditer(head):
        match = _TO_NAME.match(head, verb.end())
        text = _body_name(match.group(1).strip(" ,)*")) if match else None
        if match and text:
            found = _through(text, head, match.end(1))
    return found


def _body_name(text: str) -> str | None:
    """The body a text names: the whole, else its first part before a comma ("Công an tỉnh, Cơ quan Thường trực
    Ban Chỉ đạo ... tỉnh": the apposition that follows is too long to be a name)."""
    for name in (text, text.split(",")[0].strip()):
        if is_assignee(name) or names_body(name, _BODIES):
            return name
    return None


def _through(name: str, text: str, end: int) -> str:
    """The body with the office the report goes through, when "(qua ...)" follows it."""
    through = _THROUGH.match(text, end)
    return f"{name} qua {through.group(1).strip()}" if through and " qua " not in f" {name} " else name


def _recurrence(text: str) -> str | None:
    """How often the item is due, when the text says so."""
    lowered = text.lower()
    return next((name for pattern, name in _RECURRENCE if pattern.search(lowered)), None)


def _periodic(sentence: str, section: DocSection, obligor: str | None, year: int | None) -> list[DeadlineFact]:
    """ "định kỳ hằng quý, trước ngày 25 của tháng cuối quý" -> one deadline per quarter (or month) of the year."""
    match = _PERIODIC.search(sentence)
    if match is None or year is None:
        return []
    quarterly = "quý" in match.group(2).lower()
    subject, title = _subject(_title(sentence[: match.start()]))
    title = re.sub(r"[\s,]*(?:định kỳ\s*)?(?:hằng|hàng|mỗi)\s+(?:quý|tháng)\s*$", "", title).strip(" ,") or title
    recipient = _recipient(sentence[match.end() :]) or _recipient_before(sentence[: match.start()])
    day = int(match.group(1))
    months = (3, 6, 9, 12) if quarterly else tuple(range(1, 13))
    found = []
    for index, month in enumerate(months):
        try:
            due = date(year, month, day)
        except ValueError:
            continue
        period = f"quý {_QUARTERS[index]}" if quarterly else f"tháng {month}"
        found.append(
            DeadlineFact(
                section.index,
                f"{title} ({period})",
                due,
                match.group(0).strip(),
                subject or obligor,
                recipient,
                "hằng quý" if quarterly else "hằng tháng",
                sentence.strip(),
            )
        )
    return found
