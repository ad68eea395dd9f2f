"""The documents a plan is based on, and the plan an appendix belongs to, read by the standard's structure.

By Nghị định 30/2020/NĐ-CP a plan opens with its bases ("Căn cứ Luật ...;", "Căn cứ Nghị quyết số 57-NQ/TW ngày
... của Bộ Chính trị về ...;", "Thực hiện Quyết định số ..., Kế hoạch số ... và ...;") before the sentence that
issues it, and each document is cited as kind, "số" and symbol, date, issuer ("của ...") and subject (trích yếu);
an appendix carries "(Kèm theo Kế hoạch số ... ngày ... của ...)". A document cited inside another's subject ("...
triển khai thực hiện Nghị quyết số 71/NQ-CP ...") is part of that subject, not a basis of its own.
"""

from __future__ import annotations

import re
from datetime import date

from storage.importer.deadlines import numeric_dates
from storage.importer.model import Document, ReferenceFact
from storage.importer.structure import PREAMBLE_LABEL
from storage.language.text import fold, number_key, parse_date

BASIS, APPENDIX = "căn cứ", "kèm theo"
_KINDS = (
    "Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|Quyết định|Chỉ thị|"
    "Thông tư liên tịch|Thông tư|Kế hoạch hành động|Kế hoạch|Chương trình hành động|Chương trình|Công văn|"
    "Văn bản|Kết luận|Thông báo|Hướng dẫn|Công điện|Đề án|Quy định|Quy chế"
)
_UNNUMBERED = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết", "Chỉ thị", "Kết luận")
_SYMBOL = r"\d{1,5}(?:\s*[-/]\s*[0-9A-Za-zĐđ&.]+)*\s*[-/]\s*[A-Za-zĐđ][0-9A-Za-zĐđ&.]*(?:\s*[-/]\s*[0-9A-Za-zĐđ&]+)*"
_MENTION = re.compile(rf"(?<!\w)(?P<kind>{_KINDS})\s+(?:số\s*:?\s*)?(?P<number>{_SYMBOL})(?![\w/-])", re.IGNORECASE)
# A document cited by name: "Luật Việc làm", and an amending law "Luật sửa đổi, bổ sung một số điều của Luật X".
_NAMED = re.compile(
    rf"^(?P<kind>{'|'.join(_UNNUMBERED)})\s+(?P<name>(?:sửa đổi, bổ sung [^;]{{0,60}}?\bLuật\s+)?"
    r"[A-ZĐÂĂÊÔƠƯ][^;,]*?)(?=\s+(?:số|ngày|của)\b|[,;]|$)"
)
_LEAD = re.compile(
    r"^(?:(?:căn cứ|thực hiện|triển khai(?: thực hiện)?|thi hành|theo|trên cơ sở)\s+)+(?:và\s+)?", re.IGNORECASE
)
# A short name listed before a numbered document in one basis ("Điều lệ Đảng và ", "Luật Đầu tư công, "): no subject
# words ("của", "về") that would make the number part of its subject.
_NAME_THEN_LIST = re.compile(
    r"^(?!.*\b(?:của|về|thực hiện|triển khai|quy định về)\b)(?:\S+\s+){1,10}?\S+\s*(?:,|\bvà)\s*$"
)
_DATE = re.compile(r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})")
_ISSUER = re.compile(
    r"^\s*của\s+(?P<issuer>.+?)(?=\s+(?:về|ban hành|phê duyệt|sửa đổi|quy định|triển khai|thực hiện|hướng dẫn|ngày"
    r"|thông báo|tiếp tục|phát động)\b|\s+và\s+|\s*[,;.()“\"]|\s*$)",
    re.IGNORECASE,
)
_ISSUING = re.compile(
    r"[;,.]\s*(?:UBND|Ủy ban|Uỷ ban|Hội đồng|Ban Chỉ đạo|Ban Thường vụ|Sở)\b[^;.]{0,80}?"
    r"\b(?:ban hành|xây dựng|triển khai|phát động|lập)\s+(?:Kế hoạch|kế hoạch|Đợt)|,\s*trên cơ sở\b",
)
_PLACE_TAIL = re.compile(r"\s+trên địa bàn\b.*$", re.IGNORECASE)  # the plan's own place, in its title
_PARENS = re.compile(r"\([^()]*\)")
_RESET = "§"  # where a parenthesis closed a cited document ("(sau đây gọi tắt là ...)")
_APPENDIX = re.compile(
    rf"(?m)^[(*\s]*(?:ban hành\s+)?kèm theo\s+(?P<kind>{_KINDS})\s+số\s*:?\s*(?P<number>{_SYMBOL})?", re.IGNORECASE
)


def extract_references(document: Document) -> list[ReferenceFact]:
    """The plan's bases in the order cited (opening paragraphs, then the title), then the plan its appendix belongs
    to."""
    found: list[ReferenceFact] = []
    own = number_key(document.header.number or "")
    for sentence in _basis_sentences(document):
        for reference in _sentence_references(sentence):
            if number_key(reference.number or "") != own or not own:
                found.append(reference)
    found += _appendix_owner(document, own)
    return _fill_dates(_distinct(found), _preamble_text(document))


def _preamble_text(document: Document) -> str:
    lead = [s for s in document.sections[:1] if s.label == PREAMBLE_LABEL]
    return numeric_dates(" ".join([document.header.title, *(line for s in lead for line in s.lines)]))


def _basis_sentences(document: Document) -> list[str]:
    """The title's "(triển khai) thực hiện <document>" and each opening sentence that cites a basis, up to the
    words that issue the plan."""
    found: list[str] = []
    lead = [s for s in document.sections[:1] if s.label == PREAMBLE_LABEL]
    for paragraph in (line for section in lead for line in section.lines):
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-ZĐ])", numeric_dates(paragraph)):
            if _LEAD.match(sentence) or found and sentence[:1].isupper() and _starts_with_mention(sentence):
                found.append(_before_issuing(sentence))
    title = _PLACE_TAIL.sub("", re.sub(r"(?i)^kế hoạch\s+", "", numeric_dates(document.header.title)))
    return found + ([title] if _LEAD.match(title) else [])


def _starts_with_mention(sentence: str) -> bool:
    """A sentence that goes on listing documents after "...;" ("Nghị quyết số ... ;")."""
    match = _MENTION.match(sentence)
    return match is not None


def _before_issuing(sentence: str) -> str:
    """The sentence up to the words that issue the plan ("..., UBND tỉnh ban hành Kế hoạch ...")."""
    match = _ISSUING.search(sentence)
    return sentence[: match.start()] if match else sentence


def _sentence_references(sentence: str) -> list[ReferenceFact]:
    """The documents a basis sentence cites at its own level, one per item between semicolons."""
    found: list[ReferenceFact] = []
    for item in sentence.split(";"):
        text = _PARENS.sub(_RESET, _LEAD.sub("", item.strip(" .,")))
        found += _item_references(text, item.strip(" ."))
    return found


def _item_references(text: str, source: str) -> list[ReferenceFact]:
    """Top-level documents of one item: the first at its start, then those listed after it by "," or "và"."""
    mentions = list(_MENTION.finditer(text))
    if mentions and mentions[0].start() > 0 and _NAME_THEN_LIST.match(text[: mentions[0].start()]):
        return _listed_after_a_name(text, mentions[0].start(), source)
    if not mentions or mentions[0].start() > 0:
        named = _NAMED.match(text)
        return [_named_reference(named, text, source)] if named and not mentions else []
    tops = [mentions[0]]
    open_list = True
    for previous, mention in zip(mentions, mentions[1:], strict=False):
        between = text[previous.end() : mention.start()]
        listed = re.search(r"(?:,|\bvà)\s*$", between) is not None
        open_list = (open_list or _RESET in between) and listed
        if open_list:
            tops.append(mention)
    ends = [m.start() for m in tops[1:]] + [len(text)]
    return [_reference(text, mention, end, source) for mention, end in zip(tops, ends, strict=True)]


def _listed_after_a_name(text: str, start: int, source: str) -> list[ReferenceFact]:
    """ "Điều lệ Đảng và Quy định số 232-QĐ/TW ...": the document named first (when its kind is one cited by name),
    then the numbered ones listed after it."""
    head = re.sub(r"(?:,|\bvà)\s*$", "", text[:start]).strip()
    named = _NAMED.match(head)
    return ([_named_reference(named, head, source)] if named else []) + _item_references(text[start:], source)


def _reference(text: str, mention: re.Match[str], end: int, source: str) -> ReferenceFact:
    """One cited document: kind, number, date, issuer and subject, from its mention up to the next."""
    rest = text[mention.end() : end]
    when, rest = _take_date(rest)
    issuer_match = _ISSUER.match(rest)
    issuer = issuer_match.group("issuer").strip() if issuer_match else None
    rest = rest[issuer_match.end() :] if issuer_match else rest
    if when is None:
        when, rest = _take_date(rest)
    return ReferenceFact(
        kind=_kind(mention.group("kind")),
        number=" ".join(mention.group("number").split()),  # as written: "102/KH - UBND"
        issuer=issuer,
        doc_date=when,
        title=_subject(rest),
        relation=BASIS,
        text=source,
    )


def _named_reference(named: re.Match[str], text: str, source: str) -> ReferenceFact:
    """A document cited by name without a number ("Luật Tổ chức chính quyền địa phương ngày 16/6/2025")."""
    rest = text[named.end() :]
    when, rest = _take_date(rest)
    issuer_match = _ISSUER.match(rest)
    issuer = issuer_match.group("issuer").strip() if issuer_match else None
    name = named.group("name").strip()
    return ReferenceFact(_kind(named.group("kind")), None, issuer, when, name, BASIS, source)


def _take_date(rest: str) -> tuple[date | None, str]:
    """A "ngày d/m/yyyy" that opens the text, and the text after it."""
    match = _DATE.match(rest)
    if match is None:
        return None, rest
    return parse_date(match.group(1)), rest[match.end() :]


def _subject(rest: str) -> str:
    """The subject (trích yếu) as cited, without list words and marks."""
    text = rest.replace(_RESET, " ")
    text = re.sub(r"[“”\"*]", "", text)
    text = re.sub(r"(?i)^\s*(?:,\s*)?(?:về việc|về)\s+", "", " ".join(text.split()))
    return re.sub(r"(?:\s*(?:,|\bvà))+\s*$", "", text).strip(" ,.")


def _kind(written: str) -> str:
    """The document kind as the standard names it ("kế hoạch hành động" -> "Kế hoạch")."""
    folded = fold(written)
    for kind in _KINDS.split("|"):
        if folded == fold(kind):
            base = kind.replace(" hành động", "")
            return base
    return written


def _appendix_owner(document: Document, own: str) -> list[ReferenceFact]:
    """ "(Kèm theo Kế hoạch số 12/KH-UBND ngày ...)" naming another document: the plan this one belongs to."""
    text = numeric_dates(document.text)
    found = []
    for match in _APPENDIX.finditer(text):
        number = " ".join((match.group("number") or "").split())
        if not number or number_key(number) == own:
            continue
        line_end = text.find("\n", match.end())
        when, rest = _take_date(text[match.end() : line_end if line_end > 0 else None])
        issuer = _ISSUER.match(rest)
        kind, source = _kind(match.group("kind")), match.group(0).strip(" (*")
        found.append(
            ReferenceFact(kind, number, issuer.group("issuer") if issuer else None, when, "", APPENDIX, source)
        )
    return found


def _distinct(found: list[ReferenceFact]) -> list[ReferenceFact]:
    """Each document once, where first cited; a later citation fills in what the first left out. Two documents of
    one number are two when their dates differ (the "77/KH-UBND" of a province and of a district)."""
    kept: list[ReferenceFact] = []
    for reference in found:
        old = next((k for k in kept if _same_document(k, reference)), None)
        if old is None:
            kept.append(reference)
            continue
        old.issuer = old.issuer or reference.issuer
        old.doc_date = old.doc_date or reference.doc_date
        old.title = old.title or reference.title
    return kept


def _same_document(one: ReferenceFact, other: ReferenceFact) -> bool:
    """The same number (or kind and name), and no two different dates."""
    if (one.number is None) != (other.number is None) or one.relation != other.relation:
        return False
    if one.number is None or other.number is None:
        return fold(f"{one.kind} {one.title}") == fold(f"{other.kind} {other.title}")
    dated = one.doc_date is not None and other.doc_date is not None
    return number_key(one.number) == number_key(other.number) and not (dated and one.doc_date != other.doc_date)


def _fill_dates(found: list[ReferenceFact], text: str) -> list[ReferenceFact]:
    """A document cited without its date takes the date the plan gives it where it cites it again."""
    for reference in found:
        if reference.doc_date is None and reference.number:
            pattern = r"\s*".join(re.escape(char) for char in reference.number if not char.isspace())
            again = re.search(pattern + r"\s*,?\s*ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})", text)
            reference.doc_date = parse_date(again.group(1)) if again else None
    return found
