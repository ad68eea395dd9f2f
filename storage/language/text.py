"""Vietnamese text helpers shared by the importers and the conversation core."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from storage.language.kinds import KIND_ABBREVIATIONS as KIND_ABBREVIATIONS
from storage.language.kinds import KINDS
from storage.language.kinds import UNIT_KINDS as UNIT_KINDS

_STRIP_MARKS = {ord("đ"): "d", ord("Đ"): "d"}
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def nfc(text: str) -> str:
    """Return text in NFC with control characters removed and spaces folded."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Fold text for matching: no diacritics, đ->d, lower case, single spaces."""
    text = unicodedata.normalize("NFD", text.translate(_STRIP_MARKS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _CONTROL.sub(" ", text.lower())
    return _SPACES.sub(" ", text).strip()


def number_key(number: str) -> str:
    """A document number as compared: folded, without spaces ("102/KH - UBND" -> "102/kh-ubnd")."""
    return fold(number).replace(" ", "")


# Kinds that also begin many names ("Lạng Sơn" folds like "làng", "Bản Lầu"): split only when unambiguous.
_NAME_LIKE_KINDS = {kind.word for kind in KINDS if kind.ambiguous}
_KIND_FOLDED = sorted(((fold(k), k) for k in UNIT_KINDS), key=lambda kv: -len(kv[0]))
_PREFIX_RE = re.compile(
    r"^(?:(?P<kind>" + "|".join(re.escape(f) for f, _ in _KIND_FOLDED) + r")\s+"
    r"|(?P<abbr>" + "|".join(sorted(KIND_ABBREVIATIONS, key=len, reverse=True)) + r")(?:\.\s*|\s+))"
)


def split_unit_name(name: str) -> tuple[str | None, str]:
    """Split "Thị trấn Lam Sơn" / "TT Lam Sơn" / "x. Xuân Bái" into (kind, bare name)."""
    clean = nfc(name)
    folded = fold(clean)
    match = _PREFIX_RE.match(folded)
    if not match or len(clean) != len(folded):
        return None, clean
    if match.group("kind"):
        kind = dict(_KIND_FOLDED)[match.group("kind")]
        written = clean[: len(match.group("kind"))].lower()
        # "Lạng Sơn" folds to "lang son" like "làng Sơn": a kind written with other marks is a name.
        if written != kind and (not written.isascii() or kind in _NAME_LIKE_KINDS):
            return None, clean
        if kind in _NAME_LIKE_KINDS and not clean.startswith(kind):  # "Bản Lầu" is a name, "bản Lầu" a village
            return None, clean
    else:
        kind = KIND_ABBREVIATIONS[match.group("abbr")]
    rest = clean[match.end() :].strip()
    if not rest:
        return None, clean
    return kind, rest


def unit_key(name: str) -> str:
    """The search key of a unit name: folded, without its kind prefix."""
    return fold(split_unit_name(name)[1])


def kind_level(kind: str | None) -> int | None:
    """Administrative level of a unit kind: 1 province, 2 district, 3 commune, 4 village."""
    return UNIT_KINDS.get(kind or "")


def display_kind(kind: str | None) -> str:
    """Capitalised kind for display: "xã" -> "Xã"."""
    return (kind or "")[:1].upper() + (kind or "")[1:]


# --- numbers ---------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])-?\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\w.,])-?\d+(?:[.,]\d+)?(?![\d])")


def parse_number(token: str) -> float | None:
    """Read a number written the Vietnamese way: 1.500 -> 1500, 0,79 -> 0.79, 0.82 -> 0.82.

    "1,000" is None: a comma before one group of three digits is a decimal comma by the Vietnamese convention
    and a thousands separator by the English one, and a wrong figure is worse than none.
    """
    token = token.strip().replace(" ", "")
    if not token:
        return None
    negative = token.startswith("-")
    token = token.lstrip("+-")
    if re.fullmatch(r"[1-9]\d{0,2},\d{3}", token):
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        value = float(token.replace(".", "").replace(",", "."))
    elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", token):
        value = float(token.replace(",", ""))
    elif re.fullmatch(r"\d+(?:[.,]\d+)?", token):
        value = float(token.replace(",", "."))
    else:
        return None
    return -value if negative else value


def find_numbers(text: str) -> list[tuple[float, int, int]]:
    """Every number in text with its span, read the Vietnamese way."""
    found = []
    for match in _NUMBER.finditer(text):
        value = parse_number(match.group(0))
        if value is not None:
            found.append((value, match.start(), match.end()))
    return found


def fold_same(text: str) -> str:
    """fold() character by character, so every position of text keeps its place."""
    return "".join(_fold_char(char) for char in text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character folded to one character (itself lower-cased when folding would change the length)."""
    folded = fold(char) if not char.isspace() else " "
    return folded if len(folded) == 1 else char.lower()


def format_number(value: float, decimals: int = 2) -> str:
    """Vietnamese number format: 93506 -> 93.506; 0.79 -> 0,79; 1500.5 -> 1.500,5."""
    rounded = round(value, decimals)
    if rounded == int(rounded):
        whole, frac = f"{abs(int(rounded)):,}", ""
    else:
        text = f"{abs(rounded):,.{decimals}f}".rstrip("0")
        whole, frac = text.split(".")
    sign = "-" if rounded < 0 else ""
    return sign + whole.replace(",", ".") + ("," + frac if frac else "")


def format_percent(value: float) -> str:
    """0.79 -> "0,79%"."""
    return format_number(value) + "%"


# --- dates -----------------------------------------------------------------------------

_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?![\d/])")


def parse_date(text: str, default_year: int | None = None) -> date | None:
    """Read "20/6/2024", "20/06", "15.6" as a date; a date without a year takes default_year."""
    match = _DATE.search(text)
    if not match:
        return None
    return _to_date(match, default_year)


def find_dates(text: str, default_year: int | None = None) -> list[tuple[date, int, int]]:
    """Every day/month[/year] date in text with its span."""
    found = []
    for match in _DATE.finditer(text):
        value = _to_date(match, default_year)
        if value is not None:
            found.append((value, match.start(), match.end()))
    return found


def _to_date(match: re.Match[str], default_year: int | None) -> date | None:
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if year is None:
        if default_year is None:
            return None
        full_year = default_year
    else:
        full_year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(full_year, month, day)
    except ValueError:
        return None


# A day given with its preposition, in words or figures: "từ ngày 01 tháng 01 năm 2026", "trước ngày 30/11/2025".
_DAY_GIVEN = re.compile(
    r"\b(kể từ|từ|trước|đến|sau|chậm nhất) ngày (\d{1,2})(?: tháng (\d{1,2}) năm |/(\d{1,2})/)(\d{4})\b",
    re.IGNORECASE,
)


def day_given(text: str) -> str | None:
    """The first day text gives with its preposition, in numeric form: "từ ngày 1/1/2026"; None without one."""
    for match in _DAY_GIVEN.finditer(text):
        try:
            value = date(int(match.group(5)), int(match.group(3) or match.group(4)), int(match.group(2)))
        except ValueError:
            continue
        return f"{match.group(1).lower()} ngày {format_date(value)}"
    return None


def format_date(value: date) -> str:
    """Vietnamese date format without leading zeros: 20/6/2024."""
    return f"{value.day}/{value.month}/{value.year}"


MAX_TEXT = 160  # characters of a quoted text on one line


def amount(value: float | None, measure: str | None) -> str:
    """ "180 hộ", "0,79%", "93.506 triệu đồng"; "—" when no value was read."""
    if value is None:
        return "—"
    if measure == "%":
        return format_number(value) + "%"
    return format_number(value) + (f" {measure}" if measure else "")


def short(text: str, limit: int = MAX_TEXT) -> str:
    """Text on one line, cut at a word boundary with "…" when longer than limit."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"
