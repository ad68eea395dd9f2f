"""Markdown marks in a crawler's rendering: emphasis runs, hard breaks, rules, escapes, footnote markers."""

from __future__ import annotations

import re
import unicodedata

from storage.language.text import nfc

ROW_GAP = re.compile(r"^[….·_\-\s]{3,}$")  # a run of dots where a page left part of a table out
_RULE = re.compile(r"^\s*(?:[-_=]\s*){3,}$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
TAGS = re.compile(r"<sup>.*?</sup>|\[\^\d+\]|</?[a-zA-Z][^>]*>")
_FOOTNOTE_MARK = re.compile(r"(?<=[^\s\[])\[\d{1,2}\]")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_BULLET_STAR = re.compile(r"^\s*\*\s+(?=\S)(?![^*]*\*(?:\s|$))")
_SPACES = re.compile(r"[ \t\u00a0]+")


def plain(line: str) -> str:
    """A raw line without Markdown marks: heading hashes, emphasis, escapes, tags, footnote markers."""
    text = unicodedata.normalize("NFC", line.replace("\u00a0", " "))
    text = _HEADING.sub("", text)
    text = _FOOTNOTE_MARK.sub("", TAGS.sub("", text))
    text = _BULLET_STAR.sub("- ", text)
    text = ESCAPE.sub(r"\1", text.replace("**", "").replace("*", "").replace("__", ""))
    return nfc(_SPACES.sub(" ", text).strip())


def emphasis_open(raw: str) -> bool:
    """Whether a bold or italic run opened in raw is still open at its end (it continues on the next line)."""
    text = _BULLET_STAR.sub("", raw.strip())
    bold = text.count("**")
    single = text.replace("**", "").count("*")
    return bold % 2 == 1 or single % 2 == 1


def whole_emphasis(raw: str) -> bool:
    """Whether the raw text is one bold or italic run (a heading line of the rendering)."""
    text = raw.strip()
    return len(text) > 2 and text.startswith("*") and text.rstrip().endswith("*") and not emphasis_open(text)


def hard_break(raw: str) -> bool:
    """Whether raw ends in a Markdown hard line break (two spaces, a backslash, <br>)."""
    return raw.endswith("  ") or raw.rstrip().endswith(("\\", "<br>", "<br/>", "<br />"))


def is_rule(raw: str) -> bool:
    """A line of dashes, underscores or equals signs (the short rule under an issuer or the motto)."""
    return bool(_RULE.match(raw))


def starts_lowercase(text: str) -> bool:
    """Whether the first letter of text is lower case (a wrapped line's continuation)."""
    first = next((char for char in text if char.isalpha()), "")
    return first.islower()
