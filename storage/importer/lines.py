"""Text -> paragraphs: strip Markdown noise, join hard wraps, recognise numbering markers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from storage.importer.markdown import ESCAPE, TAGS
from storage.language.text import fold, nfc

_PART_ORDINALS = {
    "nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
_ROMAN_VALID = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_PART = re.compile(r"^phần\s+(?:thứ\s+(\w+)|([IVX]{1,5}|\d{1,2}))\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_APPENDIX = re.compile(
    r"^(phụ\s+lục|phụ\s+biểu|biểu)(?:\s+số)?\s*(\d{1,3}|[IVX]{1,5}|[A-Z])?\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE
)
_ROMAN = re.compile(r"^([IVX]{1,6})\s*[.)]\s*(.*)$")
_MULTI = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,4})(\.?)\s*(.*)$")
_SINGLE = re.compile(r"^(\d{1,2})\s*([.)])(\s*)(.*)$")
_LETTER = re.compile(r"^([a-zđ])\s*([).])(\s*)(.*)$")
_CAPITAL = re.compile(r"^([A-HĐ])\.\s+(\S.*)$")
_BULLET = re.compile(r"^([-+•–—*])\s*(\S.*)$")
_SIGNATURE_START = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s|CHỦ TỊCH$|GIÁM ĐỐC$")


@dataclass
class Marker:
    """A numbering marker at the start of a paragraph: its style, its number and the text after it."""

    style: str  # "part", "appendix", "roman", "d1.", "d1)", "d2"..., "letter", "bullet"
    number: str
    rest: str
    word: str = ""  # an appendix's own word: "Phụ lục", "Biểu", "Phụ biểu"


@dataclass
class Line:
    """A paragraph of the cleaned text (after joining wraps), or one table row."""

    text: str
    hard: bool = False  # a Markdown heading: never joined with its neighbours
    table: bool = False  # a tab-separated table row
    last_len: int = 0  # length of the last physical line, to judge a wrap

    @property
    def cells(self) -> list[str]:
        """The cells of a table row."""
        return [c.strip() for c in self.text.split("\t")]


def match_marker(text: str) -> Marker | None:
    """The numbering marker a paragraph starts with, if any."""
    for reader in (_part, _appendix, _roman, _capital, _decimal, _letter, _bullet):
        marker = reader(text)
        if marker is not None:
            return marker
    return None


def _part(text: str) -> Marker | None:
    match = _PART.match(text)
    if not match:
        return None
    word, plain, rest = match.groups()
    if word is not None:
        number = _PART_ORDINALS.get(fold(word))
        return Marker("part", str(number), rest) if number else None
    return Marker("part", str(roman_value(plain) or plain), rest)


def _appendix(text: str) -> Marker | None:
    match = _APPENDIX.match(text)
    if not match or any(c.islower() for c in match.group(3)):
        return None
    word = " ".join(match.group(1).split()).capitalize()
    return Marker("appendix", match.group(2) or "", match.group(3), word)


def _roman(text: str) -> Marker | None:
    match = _ROMAN.match(text)
    if not match or not _ROMAN_VALID.match(match.group(1)) or not _starts_word(match.group(2), allow_empty=True):
        return None
    return Marker("roman", match.group(1), match.group(2))


def _capital(text: str) -> Marker | None:
    """ "A. MỤC TIÊU CHUNG": a capital letter heading, only when the whole heading is upper case."""
    match = _CAPITAL.match(text)
    if not match or not is_upper(match.group(2)):
        return None
    return Marker("capital", match.group(1), match.group(2))


def _decimal(text: str) -> Marker | None:
    match = _MULTI.match(text)
    if match:
        number, dot, rest = match.groups()
        if _starts_word(rest, allow_empty=bool(dot)) and (dot or rest[:1].isupper()):
            return Marker(f"d{number.count('.') + 1}", number, rest)
        return None
    match = _SINGLE.match(text)
    if match and _starts_item(match.group(4), bool(match.group(3))):
        return Marker(f"d1{match.group(2)}", match.group(1), match.group(4))
    return None


def _letter(text: str) -> Marker | None:
    match = _LETTER.match(text)
    if not match or not match.group(4) or not _starts_item(match.group(4), bool(match.group(3))):
        return None
    if match.group(2) == "." and (match.group(1) not in "abcdđefghi" or not match.group(4)[:1].isupper()):
        return None
    return Marker("letter", match.group(1), match.group(4))


def _bullet(text: str) -> Marker | None:
    match = _BULLET.match(text)
    return Marker("bullet", match.group(1), match.group(2)) if match else None


def _starts_word(rest: str, allow_empty: bool = False) -> bool:
    if not rest:
        return allow_empty
    first = rest[0]
    return first.isalpha() or first in "(“\"'"


def _starts_item(rest: str, spaced: bool) -> bool:
    """An item's text starts with a word, or with a number when a space follows the marker ("g) 100%")."""
    return _starts_word(rest, allow_empty=True) or (spaced and rest[:1].isdigit())


def roman_value(text: str) -> int | None:
    """I -> 1, XIV -> 14; None when text is not a roman numeral."""
    if not text or not _ROMAN_VALID.match(text):
        return None
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, char in enumerate(text):
        value = values[char]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total


# --- cleaning ---------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:<sup>\s*\d+\s*</sup>|\[\^\d+\]:)")
_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")
_MD_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


def clean_line(raw: str) -> Line | None:
    """One raw line without Markdown noise; None for a blank, a rule or a footnote line."""
    text = unicodedata.normalize("NFC", raw.replace("\u00a0", " ")).rstrip()
    if _FOOTNOTE_LINE.match(text) or _RULE.match(text):
        return None
    hard = bool(_MD_HEADING.match(text))
    text = _MD_HEADING.sub("", text)
    text = ESCAPE.sub(r"\1", TAGS.sub("", text))
    text = re.sub(r"^\s*\*\s+", "- ", text).replace("*", "").replace("__", "")
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        if _MD_TABLE_SEPARATOR.match(stripped):
            return None
        text = "\t".join(stripped[1:-1].split("|"))
    if "\t" in text:
        cells = [nfc(cell) for cell in text.split("\t")]
        return Line("\t".join(cells), table=True) if any(cells) else None
    text = nfc(text)
    return Line(text, hard=hard, last_len=len(text)) if text else None


# --- joining hard wraps -------------------------------------------------------------------

_CLOSING_PUNCT = tuple(".;:!?…)”\"'")
# A paragraph this long is no wrapped sentence: joining more lines onto it would only make every later
# step rescan it (a .txt of thousands of short lines once took minutes).
MAX_PARAGRAPH = 20_000
# By the standard each ground of issue ("Căn cứ ...") is a paragraph of its own, whatever the line before it.
_OWN_PARAGRAPH = re.compile(r"^Căn cứ\s")
# A ground of issue may also open "Thực hiện ..." (a superior's programme or plan): after a blank line it starts
# its own paragraph, though the title above it ends without a stop.
_GROUND_AFTER_BLANK = re.compile(r"^(?:Thực hiện|Triển khai|Để)\s")
_MARKER_PREFIX = 200


def paragraphs(text: str) -> list[Line]:
    """The cleaned paragraphs of text: hard wraps and page breaks inside sentences joined."""
    from storage.importer.rendering import is_pipe_rendered, rendered_lines

    if is_pipe_rendered(text):
        return rendered_lines(text)
    raw = [clean_line(line) for line in text.replace("\f", "\n\n").split("\n")]
    width = wrap_width([line for line in raw if line and not line.table and not line.hard])
    out: list[Line] = []
    blank = False
    for line in raw:
        if line is None:
            blank = True
            continue
        if out and should_join(out[-1], line, width, blank):
            out[-1].text = f"{out[-1].text} {line.text}"
            out[-1].last_len = line.last_len
        else:
            out.append(line)
        blank = False
    return out


def wrap_width(lines: list[Line]) -> int | None:
    """The line width of hard-wrapped text (PDF extraction), or None when lines are whole paragraphs.

    Wrapped text has a ceiling: hardly a line is longer than most long lines. Whole paragraphs run past it.
    """
    lengths = sorted(len(line.text) for line in lines)
    if len(lengths) < 20:
        return None
    p80 = lengths[int(len(lengths) * 0.8)]
    p95 = lengths[int(len(lengths) * 0.95)]
    return p80 if p80 <= 120 and p95 <= 1.15 * p80 else None


def should_join(prev: Line, line: Line, width: int | None, blank: bool) -> bool:
    """Whether line continues the paragraph prev (a wrap or a page break mid-sentence)."""
    if prev.table or line.table or prev.hard or line.hard or len(prev.text) >= MAX_PARAGRAPH:
        return False
    if match_marker(line.text) is not None or is_closing_start(line.text) or _OWN_PARAGRAPH.match(line.text):
        return False
    if blank and _GROUND_AFTER_BLANK.match(line.text):
        return False
    if line.text.startswith("(") and is_upper(prev.text) and is_closing_start(prev.text):
        return False  # "PHÓ CHỦ TỊCH" / "(đã ký)"
    first = next((c for c in line.text if c.isalpha()), "")
    if first.islower():
        return True
    if is_upper(prev.text) or prev.text.endswith(_CLOSING_PUNCT):
        return False
    if width is None:
        return not blank and prev.last_len >= 100
    needed = 0.8 if _starts_with_marker(prev.text) else 0.6
    return prev.last_len >= needed * width


def _starts_with_marker(text: str) -> bool:
    """Whether match_marker finds a marker, reading a long paragraph's opening unless the style needs it all."""
    marker = match_marker(text[:_MARKER_PREFIX])
    if marker is None or len(text) <= _MARKER_PREFIX:
        return marker is not None
    return marker.style not in ("appendix", "capital") or match_marker(text) is not None


def is_upper(text: str) -> bool:
    """True when text has letters and none of them is lower case (a heading line)."""
    letters = False
    for char in text:
        if char.isalpha():
            if char.islower():
                return False  # stop at the first: a long paragraph is not read to its end
            letters = True
    return letters


def is_closing_start(text: str) -> bool:
    """The recipients list ("Nơi nhận:") or the signature block that ends the body."""
    if fold(text).startswith("noi nhan"):
        return True
    return is_upper(text) and len(text) <= 60 and bool(_SIGNATURE_START.search(text))
