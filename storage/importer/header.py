"""The header block of a plan: number, place and date, title, issuer with its parents, signer."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from storage.importer.issuer_kinds import is_motto, issuer_body, issuer_kind
from storage.importer.model import Header, UnitRef
from storage.importer.plan_time import plan_period
from storage.importer.title_case import sentence_case
from storage.language.text import UNIT_KINDS, fold, kind_level, split_unit_name

_UPPER = "".join(chr(i) for i in range(0x41, 0x1F00) if chr(i).isupper() and chr(i).isalpha())
_NAME = rf"(?:[{_UPPER}][^\W\d_]*|\d{{1,2}})(?: [{_UPPER}][^\W\d_]*| \d{{1,2}}\b)*"
_KINDS = "|".join(sorted((k for k in UNIT_KINDS if (kind_level(k) or 9) <= 3), key=len, reverse=True))
_MENTION = re.compile(rf"(?<!\w)(?i:({_KINDS})) +({_NAME})")
_COMMITTEE = r"(?i:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ủy ban nhân|Uỷ ban nhân)"
_ISSUER = re.compile(
    rf"{_COMMITTEE}(?:\s*\((?i:UBND)\))?\s+(?P<mid>[^.;:]{{0,60}}?)\s*"
    r"(?i:ban hành|xây dựng|triển khai|lập)\s+(?i:kế hoạch)"
)
_LOCALITY_TAIL = re.compile(r"(?<!\w)(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU) \S.*$")
_SYMBOL = re.compile(r"\d[\w.]*(?:\s*[-/]\s*[^\W_][\w.]*)+|\d+\b")
_NUMBER = re.compile(r"^Số\s*:?\s*(.*)$", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,\d]{2,50}),\s*ngày\s*(?P<d>\d{1,2})?\s*(?:tháng|/)\s*(?P<m>\d{1,2})?\s*(?:năm|/)\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?i:năm)\s+((?:19|20)\d{2})\b")
_DOC_REFERENCE = re.compile(r"(?i:số)\s*\d+\s*/|^(?i:căn cứ|thực hiện (?:quyết định|kế hoạch|nghị quyết|công văn))")
_SIGNATURE_POST = re.compile(r"CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|BÍ THƯ|THỦ TRƯỞNG")
_PERSON = re.compile(rf"^[{_UPPER}][^\W\d_]*(?: [{_UPPER}][^\W\d_]*){{1,5}}$")


def parse_header(front: list[str], closing: list[str], full_text: str) -> tuple[Header, list[str]]:
    """The header read from the paragraphs before the first section; also returns the preamble paragraphs."""
    title_at = next((i for i, p in enumerate(front) if _is_title_word(p)), None)
    title, preamble = _title_and_preamble(front, title_at, full_text)
    number, place, doc_date, date_year = _number_place_date(front[: title_at if title_at is not None else len(front)])
    period = plan_period(title, preamble, doc_date, date_year)
    year = period.year if period else None
    issuer = find_issuer(front[: title_at or 0], preamble, title, place, full_text)
    signer, signer_title = find_signer(closing)
    kind = issuer_kind(front[: title_at or 0], number, issuer.kind if issuer else None)
    header = Header(
        title=title,
        number=number,
        doc_date=doc_date,
        place=place,
        year=year,
        issuer=issuer,
        issuer_name=_body_name(front[: title_at or 0], issuer, kind, full_text) or issuer_name(issuer),
        signer=signer,
        signer_title=signer_title,
        has_type_heading=title_at is not None,
        issuer_kind=kind,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        partial_date=None if doc_date else _partial_date(front[: title_at if title_at is not None else len(front)]),
    )
    return header, preamble


def _partial_date(lines: list[str]) -> str | None:
    """ "Vĩnh Yên, ngày    tháng 4 năm 2024" (day left blank) -> "tháng 4 năm 2024"; None otherwise."""
    for line in lines:
        match = _PLACE_DATE.match(line)
        if match and match.group("m") and not match.group("d") and 1 <= int(match.group("m")) <= 12:
            return f"tháng {int(match.group('m'))} năm {match.group('y')}"
    return None


def _is_title_word(paragraph: str) -> bool:
    folded = fold(paragraph)
    return folded == "ke hoach" or (folded.startswith("ke hoach ") and paragraph.isupper())


def _title_and_preamble(front: list[str], title_at: int | None, full_text: str = "") -> tuple[str, list[str]]:
    if title_at is None:
        rest = [p for p in front if not _NUMBER.match(p) and not _PLACE_DATE.match(p)]
        return (rest[0][:300] if rest else "Kế hoạch"), rest
    parts: list[str] = []
    index = title_at + 1
    while index < len(front) and len(parts) < 3 and _is_title_line(front[index]):
        parts.append(front[index])
        index += 1
    word = front[title_at]
    if fold(word) != "ke hoach":
        parts.insert(0, word[len("KẾ HOẠCH") :].strip().lower())
    subtitle = " ".join(parts)
    letters = [char for char in subtitle if char.isalpha()]
    if letters and sum(char.isupper() for char in letters) >= 0.8 * len(letters):
        subtitle = sentence_case(subtitle, full_text)
    title = f"Kế hoạch {subtitle[:1].lower()}{subtitle[1:]}" if subtitle else "Kế hoạch"
    return title, front[index:]


def _is_title_line(paragraph: str) -> bool:
    """A line of the trích yếu: short, not a citation sentence (an upper-case title may cite a decision)."""
    if len(paragraph) > 400 or paragraph.endswith((";", ":")):
        return False
    return paragraph.isupper() or not _DOC_REFERENCE.search(paragraph)


def _number_place_date(lines: list[str]) -> tuple[str | None, str | None, date | None, int | None]:
    number = place = doc_date = year = None
    for index, line in enumerate(lines):
        match = _NUMBER.match(line)
        if match and number is None:
            written = match.group(1).strip() or (lines[index + 1] if index + 1 < len(lines) else "")  # "Số:" / "12/KH"
            symbol = _SYMBOL.match(written)
            number = re.sub(r"\s+", "", symbol.group(0)) if symbol else None
        match = _PLACE_DATE.match(line)
        if match and place is None:
            place = match.group("place").strip()
            year = int(match.group("y"))
            if match.group("d") and match.group("m"):
                try:
                    doc_date = date(year, int(match.group("m")), int(match.group("d")))
                except ValueError:
                    doc_date = None
    return number, place, doc_date, year


# --- issuer ------------------------------------------------------------------------------------


def find_issuer(top: list[str], preamble: list[str], title: str, place: str | None, text: str) -> UnitRef | None:
    """The issuing unit with the parents the document names, or None when none is found."""
    kind, name = _issuer_from_top(top)
    if kind is None:
        kind, name = _issuer_from_sentence(" ".join(preamble) or text[:5000])
    if kind is None:
        return None
    if name is None:
        name = _name_in(title, kind) or (place if place else None) or _most_mentioned(text, kind)
    if not name:
        return None
    return UnitRef(name=name, kind=kind, parent=_parents(text, kind, name))


def _issuer_from_top(top: list[str]) -> tuple[str | None, str | None]:
    """The issuing body printed above the title ("UBND HUYỆN THỌ XUÂN", "ỦY BAN NHÂN DÂN / XÃ TÂN MỘC").

    A ward's header may print its city above it ("UBND THÀNH PHỐ YÊN BÁI / UBND PHƯỜNG YÊN NINH"): the lowest
    level named is the issuer.
    """
    found: tuple[str | None, str | None] = (None, None)
    for line in top:
        if not line.isupper() or is_motto(line):
            continue
        words = re.sub(r"^(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s*", "", line).strip()
        kind, name = split_unit_name(words.title())
        locality = _LOCALITY_TAIL.search(words)
        if kind is None and locality:  # "ĐẢNG ỦY XÃ HÒA BÌNH", "SỞ Y TẾ TỈNH X": the body's locality ends the line
            kind, name = split_unit_name(locality.group(0).title())
        level = kind_level(kind) or 0
        if kind and 0 < level <= 3 and name and level >= (kind_level(found[0]) or 0):
            found = (kind, name)
    return found


def _issuer_from_sentence(text: str) -> tuple[str | None, str | None]:
    for match in _ISSUER.finditer(text):
        mid = match.group("mid").strip()
        if fold(mid) in {fold(k) for k in UNIT_KINDS}:
            return _kind_of(mid), None
        kind, name = split_unit_name(mid)
        if kind and (kind_level(kind) or 9) <= 3 and re.fullmatch(_NAME, name):
            return kind, name
    return None, None


def _kind_of(word: str) -> str:
    folded = fold(word)
    return next(k for k in UNIT_KINDS if fold(k) == folded)


def _name_in(text: str, kind: str) -> str | None:
    for match in _MENTION.finditer(text):
        if fold(match.group(1)) == fold(kind):
            return match.group(2)
    return None


def _most_mentioned(text: str, kind: str) -> str | None:
    names = Counter(m.group(2) for m in _MENTION.finditer(text) if fold(m.group(1)) == fold(kind))
    return names.most_common(1)[0][0] if names else None


def _parents(text: str, kind: str, name: str) -> UnitRef | None:
    """The chain of higher units the document names: the most mentioned unit of each higher level."""
    level = kind_level(kind) or 0
    best: dict[int, tuple[str, str]] = {}
    counts: Counter[tuple[int, str, str]] = Counter()
    provinces = any(fold(m.group(1)) == "tinh" for m in _MENTION.finditer(text))
    for match in _MENTION.finditer(text):
        found_kind = _kind_of(match.group(1))
        found_level = kind_level(found_kind) or 0
        if found_kind == "thành phố" and provinces:  # a city of a province ranks with districts
            found_level = 2
        written = match.group(2).title() if match.group(2).isupper() else match.group(2)  # "HUYỆN TRẦN ĐỀ"
        if 0 < found_level < level and fold(written) != fold(name):
            counts[(found_level, found_kind, written)] += 1
    for (found_level, found_kind, found_name), _count in counts.most_common():
        best.setdefault(found_level, (found_kind, found_name))
    parent: UnitRef | None = None
    for found_level in sorted(best):
        found_kind, found_name = best[found_level]
        parent = UnitRef(name=found_name, kind=found_kind, parent=parent)
    return parent


def _body_name(top: list[str], issuer: UnitRef | None, kind: str | None, text: str) -> str | None:
    """The name of an issuer that is not a People's Committee ("Sở Y tế tỉnh Đắk Lắk"); None for a committee."""
    written, _kind = issuer_body(top)
    if written is None or kind is None or kind.startswith("UBND"):
        return None
    name = sentence_case(written, text)
    name = name[:1].upper() + name[1:]
    if issuer is not None and fold(issuer.name) not in fold(name):
        name = f"{name} {issuer.kind or ''} {issuer.name}".replace("  ", " ")
    return name


def issuer_name(issuer: UnitRef | None) -> str:
    """ "UBND huyện Thọ Xuân"; empty when the issuer is unknown."""
    if issuer is None:
        return ""
    return f"UBND {issuer.kind} {issuer.name}" if issuer.kind else f"UBND {issuer.name}"


# --- signer ----------------------------------------------------------------------------------


def find_signer(closing: list[str]) -> tuple[str | None, str | None]:
    """The signer's name and post from the signature block ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name")."""
    post_at = None
    for index, line in enumerate(closing):
        if line.isupper() and len(line) <= 60 and _SIGNATURE_POST.search(line):
            post_at = index
    if post_at is None:
        return None, None
    for line in closing[post_at + 1 : post_at + 6]:
        candidate = _name_after_capitals(line.strip())
        if _PERSON.match(candidate) and not candidate.isupper():
            return candidate, _post_title(closing[post_at])
        if _PERSON.match(candidate.title()) and candidate.isupper() and len(candidate.split()) >= 2:
            return candidate.title(), _post_title(closing[post_at])
    return None, _post_title(closing[post_at])


def _name_after_capitals(line: str) -> str:
    """The name closing a line that a rendering joined to the words in capitals above it ("GIÁM ĐỐC SỞ Y TẾ Hồ
    Minh Khải" -> "Hồ Minh Khải"); the line itself otherwise."""
    words = line.split()
    capitals = 0
    while capitals < len(words) and words[capitals].isupper():
        capitals += 1
    tail = " ".join(words[capitals:])
    return tail if capitals >= 2 and _PERSON.match(tail) else line


def _post_title(line: str) -> str:
    """ "KT. CHỦ TỊCH" -> "Chủ tịch"; "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch"; "KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN" (the
    authority and the post run together) -> "Phó trưởng ban"."""
    line = re.sub(r"\s+", " ", line.strip())
    deputy = line.rfind(" PHÓ ")  # "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" on one line: the post is the last
    if deputy > 0 and re.match(r"^(?:TM|KT|TL|TUQ|Q)\.", line):
        line = line[deputy + 1 :]
    text = re.sub(r"^(?:TM|KT|TL|TUQ|Q)\.\s*", "", line).lower()
    text = text.replace("chủ tịch", "Chủ tịch").replace("giám đốc", "Giám đốc")
    return text[:1].upper() + text[1:]
