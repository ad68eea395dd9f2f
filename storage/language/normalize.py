"""Normalisation of what staff type: NFC, folding, Telex leftovers, abbreviations, numbers, dates."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from storage.language.text import find_numbers, fold, nfc

MAX_CHARS = 1000  # longer messages are cut before analysis

# Abbreviations (folded, as written) -> folded expansion; applied to questions and indexed text alike.
_ABBREVIATIONS: list[tuple[str, str]] = [
    (r"ld\s*-?\s*tb\s*&?\s*xh|ldtbxh|ld\s*-\s*tbxh|lđtbxh", "lao dong thuong binh va xa hoi"),
    (r"lao dong\s*-\s*tb\s*&\s*xh|lao dong\s*-?\s*tbxh", "lao dong thuong binh va xa hoi"),
    (r"nn\s*&\s*ptnt|nnptnt|nn va ptnt", "nong nghiep va phat trien nong thon"),
    (r"nn\s*&\s*mt|nn\s*-\s*mt|nnmt", "nong nghiep va moi truong"),
    (r"kh\s*&\s*cn|kh\s*-\s*cn|khcn", "khoa hoc va cong nghe"),
    (r"vh\s*,?\s*tt\s*(?:&|va|-)?\s*dl|vhttdl|vh\s*-\s*tt\s*-\s*dl", "van hoa the thao va du lich"),
    (r"tt\s*&\s*tt|tttt", "thong tin va truyen thong"),
    (r"chqs", "chi huy quan su"),
    (r"ldld", "lien doan lao dong"),
    (r"gd\s*&\s*dt|gd\s*-?\s*dt", "giao duc va dao tao"),
    (r"tn\s*&\s*mt|tn\s*-?\s*mt", "tai nguyen va moi truong"),
    (r"tc\s*-?\s*kh", "tai chinh ke hoach"),
    (r"kt\s*-?\s*ht\s*(?:-|&|va)?\s*dt", "kinh te ha tang va do thi"),
    (r"kt\s*-?\s*ht", "kinh te ha tang"),
    (r"vh\s*-?\s*tt", "van hoa thong tin"),
    # Văn hóa - Xã hội, an office of every commune since 7/2025 (Kinh tế - Hạ tầng - Đô thị: above).
    (r"vh\s*-?\s*xh", "van hoa xa hoi"),
    (r"ubnd", "uy ban nhan dan"),
    (r"vp", "van phong"),  # "VP Sở", "VP UBND xã": the office of the body named after it
    (r"hdnd", "hoi dong nhan dan"),
    (r"ub\s*mttq(?:vn)?|mttq(?:vn)?|mat tran to quoc viet nam|mat tran(?! to quoc)", "mat tran to quoc"),
    (r"bhyt", "bao hiem y te"),
    (r"kp", "kinh phi"),
    (r"bc", "bao cao"),
    (r"bhxh", "bao hiem xa hoi"),
    (r"nhcsxh|nhcs", "ngan hang chinh sach xa hoi"),
    (r"knld", "kha nang lao dong"),
    (r"bcd", "ban chi dao"),
    (r"ctmtqg|mtqg", "muc tieu quoc gia"),
    (r"dtts", "dan toc thieu so"),
    (r"ktxh|kt\s*-\s*xh", "kinh te xa hoi"),
    (r"ptnt", "phat trien nong thon"),
    (r"ntm", "nong thon moi"),
    (r"nstw|ns\s*tw", "ngan sach trung uong"),
    (r"tw", "trung uong"),
    (r"ns", "ngan sach"),
    (r"nn", "nong nghiep"),
    (r"kh\s*&\s*dt|kh\s*-\s*dt|khdt|kh dt", "ke hoach va dau tu"),
    (r"kh", "ke hoach"),
    (r"qd", "quyet dinh"),
    (r"so\s*yt", "so y te"),
]
_ABBR_RE = [(re.compile(r"(?<![\w&])(?:" + p + r")(?![\w&])"), r) for p, r in _ABBREVIATIONS]
# "TDA1 DA3", "tda 2", "da2" -> sub-project / project; "da" must touch its number ("đã 3 lần" is no project).
_PROJECT_RE = re.compile(r"(?<![\w])(?:(t)da\s*\.?\s*|da\.?)(\d+)(?!\w)")
# "P.LĐTBXH", "p. tai chinh" -> phong; "x." "tt." are unit kinds, handled by the unit resolver.
_P_OFFICE_RE = re.compile(r"(?<![\w])p\s*\.\s*(?=lao|tai|kinh|noi|giao|van|tu|nong|y)")
_TELEX_MARKS = re.compile(r"(aa|ee|oo|dd|aw|ow|uw)")
_TELEX_TONE = re.compile(r"(?<=[aeiouy])[sfrxj]$|(?<=[aeiouy][a-z])[sfrxj]$|(?<=[aeiouy][a-z][a-z])[sfrxj]$")
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?|%")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_TAG = re.compile(r"<[^>]{0,200}>")


@dataclass
class Text:
    """A message prepared for matching: the clean original, its folded form and its words."""

    raw: str  # NFC, controls removed, cut to MAX_CHARS
    folded: str  # folded + abbreviations expanded + Telex repaired
    words: list[str] = field(default_factory=list)
    truncated: bool = False

    def has(self, *phrases: str) -> bool:
        """Whether any folded phrase occurs as whole words."""
        padded = f" {self.folded} "
        return any(f" {p} " in padded for p in phrases)


def clean(text: str) -> tuple[str, bool]:
    """NFC, no control characters or tags, at most MAX_CHARS; also says whether it was cut."""
    raw = _tidy(text)
    if len(raw) > MAX_CHARS:
        return raw[:MAX_CHARS], True
    return raw, False


def _tidy(text: str) -> str:
    """NFC, without control characters or markup tags."""
    return nfc(_TAG.sub(" ", text or ""))


def normalize_text(text: str) -> str:
    """The one matching form of whatever staff type (questions, reports, reminder commands):
    NFC, no controls or tags, folded, the abbreviations they use spelt out."""
    return fold_expand(_tidy(text))


def expand(folded: str) -> str:
    """Expand the abbreviations staff and documents use, on folded text."""
    text = folded.replace("đ", "d")
    text = _PROJECT_RE.sub(lambda m: ("tieu du an " if m.group(1) else "du an ") + m.group(2), text)
    for pattern, replacement in _ABBR_RE:
        text = pattern.sub(replacement, text)
    text = _P_OFFICE_RE.sub("phong ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=8192)
def fold_expand(text: str) -> str:
    """fold() then expand(): the form every matcher compares (cached: plan texts repeat)."""
    return expand(fold(text))


def words(folded: str) -> list[str]:
    """The words of a folded text: letters/digits, numbers with their separators kept."""
    return _WORD.findall(folded)


def repair_telex(word: str, vocabulary: Collection[str]) -> str:
    """Undo cheap Telex leftovers ("xuaan" -> "xuan", "hoongf" -> "hong") when the result is known."""
    if word in vocabulary or not word.isalpha() or len(word) < 2:
        return word
    fixed = _TELEX_MARKS.sub(lambda m: m.group(1)[0], word)
    if fixed in vocabulary:
        return fixed
    toneless = _TELEX_TONE.sub("", fixed)
    return toneless if toneless and toneless in vocabulary else word


def prepare(text: str, vocabulary: Collection[str] = ()) -> Text:
    """Clean, fold, expand and Telex-repair a message."""
    raw, truncated = clean(text)
    folded = normalize_text(raw)
    tokens = [repair_telex(w, vocabulary) for w in words(folded)] if vocabulary else words(folded)
    if vocabulary:
        folded = " ".join(tokens)
    return Text(raw=raw, folded=folded, words=tokens, truncated=truncated)


def is_emoji_only(raw: str) -> bool:
    """Whether the text holds nothing but emoji, symbols and punctuation."""
    stripped = _EMOJI.sub("", raw)
    return bool(raw.strip()) and not any(c.isalnum() for c in stripped)


def looks_foreign(raw: str) -> bool:
    """Whether the text is mostly in a script Vietnamese does not use (CJK, Cyrillic, Thai...)."""
    letters = [c for c in raw if c.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for c in letters if ord(c) > 0x24F and not 0x1E00 <= ord(c) <= 0x1EFF)
    return foreign > len(letters) / 2


_ENGLISH = {"the", "what", "is", "how", "many", "please", "hello", "where", "when", "which", "my", "of", "are"}


def looks_english(folded_words: list[str]) -> bool:
    """Whether most words are common English function words (a question in English)."""
    alpha = [w for w in folded_words if w.isalpha()]
    return len(alpha) >= 3 and sum(w in _ENGLISH for w in alpha) * 3 >= len(alpha)


# --- periods and quantities in questions -----------------------------------------------------

_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    ("6m", re.compile(r"\b(?:6|06|sau) thang\b|\bnua nam\b|\bso ket\b")),
    ("9m", re.compile(r"\b(?:9|09|chin) thang\b")),
    ("quarter", re.compile(r"\bquy\b|\bhang quy\b")),
    ("list", re.compile(r"\bdanh sach\b|\bra soat\b")),
    ("year", re.compile(r"\b(?:bao cao|ket qua|tong ket) (?:ca |hang )?nam\b(?! nay)|\b(?:ca|hang|cuoi) nam\b")),
]


def period_of(folded: str) -> str | None:
    """The reporting period a folded text speaks of: "6m", "9m", "quarter", "list", "year" or None."""
    for name, pattern in _PERIODS:
        if pattern.search(folded):
            return name
    return None


def periods_of(folded: str) -> set[str]:
    """Every reporting period a folded text names ("báo cáo 6 tháng và báo cáo năm" -> {"6m", "year"})."""
    return {name for name, pattern in _PERIODS if pattern.search(folded)}


def numbers_in(raw: str) -> list[float]:
    """The numbers a message holds, read the Vietnamese way (1.500 -> 1500; 0,79 -> 0.79)."""
    return [value for value, _, _ in find_numbers(raw)]


def as_typed(raw: str, folded_name: str) -> str | None:
    """The words of raw that fold to folded_name, as typed, when they look like a name.

    A name must be capitalised when the writer uses capitals at all, and two words long when not.
    """
    tokens = re.findall(r"\w+", raw)
    target = folded_name.split()
    folded_tokens = [fold(t) for t in tokens]
    for i in range(len(tokens) - len(target) + 1):
        if folded_tokens[i : i + len(target)] == target:
            found = tokens[i : i + len(target)]
            if any(c.isupper() for c in raw):
                return " ".join(found) if all(w[:1].isupper() for w in found) else None
            return " ".join(w.capitalize() for w in found) if len(found) >= 2 else None
    return None


# A request opening a message ("tính giúp", "xem giùm tôi", "kiểm tra dùm em"): it asks nothing itself.
_REQUEST = re.compile(
    r"^(?:(?:ban|bot|em|anh|chi) )?(?:tinh|xem|kiem tra|tra|coi|tim) (?:giup|gium|dum)(?: (?:toi|em|minh))?\b ?"
)


def without_request(folded: str) -> str:
    """The folded message without the request words it opens with."""
    return _REQUEST.sub("", folded, count=1) or folded
