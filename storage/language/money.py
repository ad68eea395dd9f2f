"""Money words: the unit an amount is written in (đồng ... tỷ đồng) and the funding sources a plan names.

Amounts are kept in triệu đồng, the unit Vietnamese plans and budget estimates use most. Funding sources are
the kinds of money the Luật Ngân sách nhà nước and plans' "Kinh phí thực hiện" sections name (ngân sách trung
ương / địa phương / tỉnh / xã, chi thường xuyên, đầu tư công, lồng ghép, xã hội hóa, tài trợ, nguồn hợp pháp
khác ...), each under one name however it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.language.text import fold_same

# Folded unit words after a number -> factor to triệu đồng. "đ" folds to "d"; "tr.đ" / "trđ" abbreviate triệu đồng.
_CURRENCY = r"(?:dong|d|vnd)(?![\w/])"
_UNITS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\s*ty\s+" + _CURRENCY), 1000.0),
    (re.compile(r"\s*trieu\s+" + _CURRENCY), 1.0),
    (re.compile(r"\s*tr\.?\s?d(?!\w)"), 1.0),
    (re.compile(r"\s*(?:nghin|ngan)\s+" + _CURRENCY), 0.001),
    (re.compile(r"\s*(?:dong|vnd)(?!\w)(?!\s*/)|\s?d(?![\w/])"), 0.000001),
)
# "68 triệu", "1,5 tỷ" with no currency word: money when punctuation follows, or a joining word in a money clause.
_BARE = re.compile(r"\s*(trieu|ty)(?!\w)")
_JOINING = {"trong", "gom", "bao", "tu", "do", "cho", "va", "la", "de", "nam", "theo", "thuoc", "duoc", "tuong"}
_MONEY_CLAUSE = re.compile(r"kinh phi|\bvon\b|ngan sach|du toan|\btong\b|\bnguon\b|chi phi|so tien|\btien\b")
PER_PERSON_LIMIT = 1.0  # triệu đồng: an amount in đồng or nghìn đồng below it is a rate ("500.000 đồng"), not a budget


def money_unit(folded: str, end: int) -> tuple[float, int] | None:
    """The money unit written right after position end of a folded text: (factor to triệu đồng, unit end)."""
    for pattern, factor in _UNITS:
        match = pattern.match(folded, end)
        if match:
            return factor, match.end()
    bare = _BARE.match(folded, end)
    if not bare:
        return None
    following = folded[bare.end() :].lstrip()
    if not following[:1].isalpha():
        return (1000.0 if bare.group(1) == "ty" else 1.0), bare.end()
    word = re.match(r"\w+", following)
    clause = re.split(r"[.;]\s", folded[:end])[-1]
    if word and word.group(0) in _JOINING and _MONEY_CLAUSE.search(clause):
        return (1000.0 if bare.group(1) == "ty" else 1.0), bare.end()
    return None


# "1,000 triệu": one group of three digits after a comma reads 1 by the Vietnamese convention and 1.000 by the
# English one; such an amount is not stored.
_UNCLEAR = re.compile(r"(?<![\d.,])[1-9]\d{0,2},\d{3}(?![\d.,])")


def unclear_amounts(text: str) -> list[str]:
    """Amounts whose number could be read two ways ("1,000 triệu đồng"), as written."""
    folded = fold_same(text)
    found = []
    for match in _UNCLEAR.finditer(text):
        unit = money_unit(folded, match.end())
        if unit is not None:
            found.append(text[match.start() : unit[1]].strip())
    return found


# --- funding sources ---------------------------------------------------------------------------

_SOURCES: tuple[tuple[str, str], ...] = (
    # The name a source is stored under, and how plans write it (folded). The budgets of the state come first:
    # the words they take are not read again ("ngoài ngân sách nhà nước" is not "ngân sách nhà nước").
    ("nguồn ngoài ngân sách nhà nước", r"ngoai ngan sach(?: nha nuoc)?"),
    ("ngân sách trung ương", r"ngan sach (?:nha nuoc )?trung uong|\bnstw\b|(?:von|ho tro)(?: tu)? trung uong"),
    ("ngân sách địa phương", r"ngan sach (?:cua )?dia phuong|\bnsdp\b"),
    ("ngân sách tỉnh", r"ngan sach (?:cua |cap )?tinh\b"),
    ("ngân sách thành phố", r"ngan sach (?:cua |cap )?thanh pho\b"),
    ("ngân sách huyện", r"ngan sach (?:cua |cap )?huyen\b"),
    ("ngân sách xã", r"ngan sach (?:cua |cap )?(?:xa|phuong)\b"),
    ("ngân sách nhà nước", r"ngan sach nha nuoc|\bnsnn\b"),
    ("kinh phí chi thường xuyên", r"chi thuong xuyen|kinh phi thuong xuyen"),
    ("vốn sự nghiệp", r"von su nghiep"),
    ("vốn đầu tư công (chi đầu tư phát triển)", r"von dau tu cong|chi dau tu|kinh phi dau tu|von dau tu phat trien"),
    ("vốn lồng ghép từ các chương trình, dự án khác", r"long ghep"),
    ("xã hội hóa", r"xa hoi hoa"),
    ("hợp tác công tư (PPP)", r"hop tac cong\s*-?\s*tu|\bppp\b"),
    (
        "vốn của doanh nghiệp, nhà đầu tư",
        r"(?:von|dau tu|kinh phi|nguon luc)(?:, tai tro)?(?: cua| tu)?(?: cac)? (?:doanh nghiep|nha dau tu)"
        r"|(?:doanh nghiep|nha dau tu)[^.;:]{0,60}(?:bao dam|dam bao|bo tri) kinh phi",
    ),
    ("tài trợ của tổ chức, cá nhân", r"tai tro|to chuc quoc te"),
    (
        "đóng góp của người dân, doanh nghiệp",
        r"dong gop (?:cua )?(?:nguoi dan|nhan dan|cong dong|doanh nghiep)"
        r"|(?:nguoi dan|nhan dan|cong dong) dong gop",
    ),
    ("vốn đối ứng", r"von doi ung"),
    ("vốn tín dụng chính sách", r"tin dung (?:chinh sach|uu dai)"),
    ("nguồn dự phòng", r"nguon du phong|du phong ngan sach|kinh phi du phong"),
    ("quỹ bảo hiểm thất nghiệp", r"(?:nguon chi|\bquy(?! dinh))(?: \w+){0,6} bao hiem that nghiep"),
    ("quỹ bảo hiểm xã hội", r"(?:nguon chi|\bquy(?! dinh))(?: \w+){0,6} bao hiem xa hoi"),
    ("các nguồn hợp pháp khác", r"hop phap khac"),
)
_SOURCE_PATTERNS = tuple((name, re.compile(pattern)) for name, pattern in _SOURCES)
_STATE_BUDGETS = 8  # the first entries: their words are masked once read
# Words before a source phrase that make it something else: a law ("Luật Ngân sách nhà nước", "pháp luật về bảo
# hiểm thất nghiệp"), a plan of the state ("kế hoạch đầu tư công trung hạn"), a refusal ("không sử dụng ...").
_NOT_SOURCE = re.compile(r"(?:\bluat|\bluat ve|\bke hoach|khong su dung)\s*$")
# A statement that cites a decision ("Quyết định số 1600/QĐ-TTg ... giao dự toán ngân sách ...") names no source.
_CITATION = re.compile(r"^\W*(?:\d+\W*)?(?:quyet dinh|nghi quyet|nghi dinh|thong tu|cong van|chi thi) so\b")


@dataclass(frozen=True)
class SourceMention:
    """A funding source named in a text: its stored name and where it is written (folded positions)."""

    name: str
    start: int
    end: int


def funding_sources(text: str) -> list[SourceMention]:
    """The funding sources a text names, in the order written, each once."""
    folded = fold_same(text)
    if _CITATION.match(folded):
        return []
    found: list[SourceMention] = []
    for rank, (name, pattern) in enumerate(_SOURCE_PATTERNS):
        for match in pattern.finditer(folded):
            if _NOT_SOURCE.search(folded[max(0, match.start() - 20) : match.start()]):
                continue
            found.append(SourceMention(name, match.start(), match.end()))
            if rank < _STATE_BUDGETS:
                folded = folded[: match.start()] + " " * (match.end() - match.start()) + folded[match.end() :]
    first: dict[str, SourceMention] = {}
    for mention in sorted(found, key=lambda m: m.start):
        first.setdefault(mention.name, mention)
    return list(first.values())


def source_name(label: str) -> str | None:
    """The funding source a budget label names ("Ngân sách Trung ương" -> "ngân sách trung ương"), else None."""
    named = funding_sources(label)
    return named[0].name if len(named) == 1 else None
