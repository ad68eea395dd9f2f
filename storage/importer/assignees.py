"""Who a heading or a sentence names as responsible: offices, posts, units, committees."""

from __future__ import annotations

import re
import unicodedata

from storage.importer.scope import bare_heading, clean
from storage.language.text import fold

# Words whose folded form opens like an office ("so ", "ban ") but that the marks tell apart: "sơ kết", "số liệu",
# "bổ sung", "bản đồ" name no body.
_LOOKALIKE = re.compile(r"(?:sơ|số|sổ|bổ|bỏ|bó|bản|bàn|bán|bạn)(?!\w)", re.IGNORECASE)

# Folded openings of an assignee name.
_HEADS = (
    "phong ",
    "so ",
    "ban ",
    "van phong",
    "ngan hang",
    "bao hiem xa hoi",
    "cong chuc",
    "can bo",
    "tram y te",
    "trung tam",
    "ubnd",
    "ubmttq",
    "ub mttq",
    "uy ban",
    "mat tran",
    "hoi ",
    "huyen doan",
    "doan thanh nien",
    "cong an",
    "chi cuc",
    "chi nhanh",
    "kho bac",
    "lien doan",
    "thanh vien",
    "truong thon",
    "truong cac thon",
    "to truong",
    "truong to",
    "truong cac to",
    "to dan pho",
    "cac to dan pho",
    "cac khu pho",
    "truong ban",
    "bi thu",
    "chu tich",
    "co quan",
    "dai ",
    "bao va phat thanh",
    "bo ",
    "benh vien",
    "vien kiem sat",
    "toa an",
    "doan the",
    "hdnd",
    "dang uy",
    "cap uy",
    "cac cap uy",
    "to cong tac",
    "to giup viec",
    "cac phong",
    "cac so",
    "cac ban",
    "cac nganh",
    "cac co quan",
    "cac don vi",
    "cac xa",
    "cac thon",
    "cac to chuc",
    "cac trung tam",
    "cac doan the",
    "cac hoi",
    "cac cong chuc",
    "cac thanh vien",
    "thu truong",
    "giam doc",
    "lien hiep",
    "lien minh",
    "hiep hoi",
    "cac doanh nghiep",
    "cac hiep hoi",
    "thue ",
    "kiem toan nha nuoc",
    "thuong truc",
    "chi bo",
    "cac chi bo",
)
# Folded verbs that end an assignee name and begin the duty.
_VERBS = (
    "chu tri",
    "phoi hop",
    "tham muu",
    "thuc hien",
    "trien khai",
    "nang cao",
    "co trach nhiem",
    "chiu trach nhiem",
    "can cu",
    "quan tam",
    "huong dan",
    "to chuc(?! chinh tri)",
    "bo tri",
    "giup do",
    "theo chuc nang",
    "la co quan",
    "tich cuc",
    "tang cuong",
    "day manh",
    "tiep tuc",
    "truc tiep",
    "ho tro",
    "van dong",
    "kiem tra",
    "theo doi",
    "cu can bo",
    "tong hop",
    "ra soat",
    "dam bao",
    "bao dam",
    "gioi thieu",
    "(?<!thanh )(?<!doc )(?<!thiet )(?<!tu )lap",  # "lập danh sách", not "thành lập", "độc lập", "thiết lập"
    "phat huy",
    "cap nhat",
    "bao cao",
    "ban hanh",
    "tien hanh",
    "chu dong",
    "yeu cau",
    "nghiem tuc",
    "phan cong",
    "tuyen truyen",
    "(?<!ban )chi dao",
    "uu tien",
    "xay dung ke hoach",
    "tien phong",
    "dan dat",
    "duoc (?:giao|phan cong)",
)
VERB_RE = re.compile(r"(?<![\w])(?<!cac )(?:" + "|".join(_VERBS) + r")(?![\w])")
_REQUEST = re.compile(r"^(?:đề nghị|kính đề nghị|khuyến khích)\s+", re.IGNORECASE)
MAX_WORDS = 30  # a list of bodies ("các cấp ủy Đảng, Mặt trận ... và các tổ chức ...") runs long


def strip_request(text: str) -> str:
    """Drop a leading "Đề nghị" from a heading or sentence."""
    return _REQUEST.sub("", text.strip()).strip()


def is_request(text: str) -> bool:
    """Whether a heading or sentence asks rather than orders: it opens with "Đề nghị" or "Khuyến khích"."""
    return bool(_REQUEST.match(_drop_number(text).strip()))


def starts_with_head(text: str) -> bool:
    """Whether a text opens like a body's name ("Sở ...", "UBND ...", "các sở ..."); one word never does."""
    folded = fold(strip_request(text)).strip()
    return len(folded.split()) >= 2 and _head_at(folded + " ", 0)


def is_assignee(name: str) -> bool:
    """Whether a short text names an office, post, unit or committee."""
    folded = fold(strip_request(name))
    if not folded or len(folded.split()) > MAX_WORDS or VERB_RE.match(folded):
        return False
    if _LOOKALIKE.match(unicodedata.normalize("NFC", strip_request(name).strip())):
        return False
    return folded.startswith(_HEADS)


def split_assignee(text: str) -> tuple[str | None, str]:
    """ "Sở Y tế: Trực tiếp ..." -> ("Sở Y tế", "Trực tiếp ..."); (None, text) when no assignee leads."""
    body = strip_request(clean(text))
    colon = body.find(":")
    if 0 < colon < 160:
        lead = bare_heading(body[:colon])
        if is_assignee(lead):
            return lead, body[colon + 1 :].strip()
    folded = fold(body)
    if not folded.startswith(_HEADS) or VERB_RE.match(folded):
        return None, text
    match = _verb_after_name(body, folded)
    if match is None:
        lead = bare_heading(body)
        return (lead, "") if is_assignee(lead) else (None, text)
    lead = body[: match.start()].strip(" ,;-–")
    if not lead or (len(lead.split()) > MAX_WORDS and not is_body_list(lead)):
        return None, text
    return lead, body[match.start() :].strip()


_LIST_PIECE_WORDS = 20


def is_body_list(text: str) -> bool:
    """Whether a long subject is a list of bodies ("Văn phòng Tỉnh ủy, ..., Tòa án nhân dân tỉnh, Thuế tỉnh"): three
    or more short comma-separated pieces, the first and at least half of them opening like a body's name."""
    pieces = [piece.strip() for piece in text.split(",")]
    named = sum(1 for piece in pieces if starts_with_head(piece))
    short = all(0 < len(piece.split()) <= _LIST_PIECE_WORDS for piece in pieces)
    return len(pieces) >= 3 and short and starts_with_head(pieces[0]) and named * 2 >= len(pieces)


# Folded nouns of an organisation that a capitalised word after them names: "Ủy ban Kiểm tra", "Trung tâm Hỗ trợ".
_ORGAN_NOUNS = {"ban", "tam", "to", "phong", "doi", "cuc", "vien", "hoi", "dong", "khoi"}


def _verb_after_name(body: str, folded: str) -> re.Match[str] | None:
    """The first verb after a name; a capitalised verb right after an organisation's noun is a word of its name."""
    for match in VERB_RE.finditer(folded):
        before = folded[: match.start()].split()
        named = len(body) == len(folded) and body[match.start()].isupper() and before[-1:] != []
        if not (named and before[-1] in _ORGAN_NOUNS):
            return match
    return None


def colon_assignee(text: str) -> tuple[str | None, str]:
    """ "Phòng Lao động - TB&XH: Xây dựng ..." -> ("Phòng Lao động - TB&XH", "Xây dựng ..."); else (None, text)."""
    body = strip_request(clean(text))
    colon = body.find(":")
    if 0 < colon < 160 and is_assignee(bare_heading(body[:colon])) and body[colon + 1 :].strip():
        return bare_heading(body[:colon]), body[colon + 1 :].strip()
    return None, text


def heading_assignee(heading: str) -> tuple[str | None, str]:
    """The assignee a section heading names, and the duty the heading states ("" when none)."""
    text = strip_request(_drop_number(heading)).rstrip(" .:")
    assignee, rest = split_assignee(text)
    if assignee and rest and not re.match(re.escape(assignee) + r"\s*:", text):
        return assignee, text
    return assignee, rest


def _drop_number(heading: str) -> str:
    """A heading without its leading number, colon kept."""
    return re.sub(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/]\s*", "", clean(heading), count=1)


def coordinators(text: str) -> list[str]:
    """The units listed after "phối hợp với", up to the verb that ends the list."""
    folded = fold(text)
    start = folded.find("phoi hop voi")
    if start < 0:
        return []
    tail_start = start + len("phoi hop voi")
    tail = text[tail_start:]
    verb = _verb_after_name(tail, folded[tail_start:])
    if verb:
        tail = tail[: verb.start()]
    names: list[str] = []
    pieces = re.split(r"(,|;|\s+và\s+)", tail)
    for separator, piece in zip(["", *pieces[1::2]], pieces[::2], strict=True):
        piece = piece.strip(" .")
        if not piece:
            continue
        if names and _continues_group(names[-1], piece):  # "Sở Nông nghiệp và Môi trường", "các sở, ngành"
            joiner = " và " if separator.strip() == "và" else ", "
            names[-1] = f"{names[-1]}{joiner}{piece}"
        else:
            names.append(piece)
    return names


def _continues_group(group: str, piece: str) -> bool:
    """Whether a listed piece is no body of its own: it does not open like one, or it is one word that continues a
    group opened by "các" ("các sở, ngành": "ngành" is "các ngành" of the same group)."""
    folded = fold(piece)
    if not folded.startswith(_HEADS) and not fold("cac " + piece).startswith(_HEADS):
        return True
    return len(folded.split()) == 1 and fold(group).startswith("cac ") and not folded.startswith(_HEADS)


# Folded openings of a clause that precedes the subject: "Căn cứ nội dung Kế hoạch này các thôn tổ chức ...".
_OPENING = re.compile(r"^(?:can cu|tren co so|theo|sau khi)\s")
# Folded words after which a name is an object of the opening clause, not the subject ("của UBND huyện").
_OBJECT_OF = ("cua", "voi", "ve", "tai", "cho", "den", "tu")
_OPENING_WORDS = 15


def opening_assignee(text: str) -> tuple[str | None, str]:
    """ "Căn cứ Kế hoạch này các thôn tổ chức ..." -> ("các thôn", "tổ chức ..."); (None, text) when none."""
    body = re.sub(r"\s+", " ", strip_request(clean(text))).strip()
    folded = fold(body)
    if len(folded) != len(body) or not _OPENING.match(folded):
        return None, text
    sentence = re.split(r"[.;:]\s", folded, maxsplit=1)[0]
    opening = _OPENING.match(folded)
    skip = len(opening.group(0).split()) if opening else 1
    words = list(re.finditer(r"\S+", sentence))[max(skip - 1, 1) : _OPENING_WORDS]
    for previous, word in zip(words, words[1:], strict=False):
        if previous.group().strip(",") in _OBJECT_OF or not _head_at(folded, word.start()):
            continue
        lead, rest = split_assignee(body[word.start() :])
        if lead and rest and ("," not in lead or fold(lead).startswith("cac ")):
            return lead, rest
    return None, text


def _head_at(folded: str, start: int) -> bool:
    """Whether an assignee name's opening word(s) begin at that position of a folded text."""
    return any(
        folded.startswith(head, start)
        and (head.endswith(" ") or start + len(head) >= len(folded) or not folded[start + len(head)].isalnum())
        for head in _HEADS
    )


_GIVING = re.compile(r"(?:^|\s)(?:giao|yêu cầu)\s+", re.IGNORECASE)
_GIVER_WORDS = 12


def given_to(text: str) -> str:
    """ "UBND tỉnh giao Sở Nội vụ chủ trì ..." or "Giao Sở Nội vụ chủ trì ...": the text from the body given it."""
    match = _GIVING.search(text)
    if match is None:
        return text
    giver = text[: match.start()].strip()
    if giver and (len(giver.split()) > _GIVER_WORDS or not is_assignee(giver)):
        return text
    return text[match.end() :]


def given_subject(sentence: str) -> str | None:
    """The body a sentence gives its task to ("UBND tỉnh yêu cầu các sở ...", "Giao Sở ... chủ trì"), if any."""
    return sentence_subject(sentence) if given_to(sentence) != sentence else None


def sentence_subject(sentence: str) -> str | None:
    """The body a whole sentence tasks ("UBND tỉnh yêu cầu các sở ... nghiêm túc thực hiện; ..."), if it names one."""
    subject, rest = split_assignee(given_to(sentence))
    return subject.strip(" ,") if subject and rest and VERB_RE.match(fold(rest)) else None
