"""What the loaded plans are about and when, read from the plans themselves: the programme a title names,
its topic words, the plans' year (what "the past" is relative to) and the qualifiers that tell indicators apart."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from handlers.snapshot import Row, Snapshot
from storage.language.text import fold

# Word runs that open a title without naming its topic: the document kind and the verbs and frames around the
# programme ("Kế hoạch thực hiện công tác ...", "Triển khai Chương trình mục tiêu quốc gia ...").
_LEADS = [
    ("ke", "hoach"),
    ("thuc", "hien"),
    ("trien", "khai"),
    ("to", "chuc"),
    ("cong", "tac"),
    ("ve", "viec"),
    ("chuong", "trinh"),
    ("muc", "tieu", "quoc", "gia"),
    ("mtqg",),
    ("ve",),
]
# Kinds of document a plan carries out, named first in its title ("thực hiện Quyết định số ...").
_CITED = {("quyet", "dinh"), ("nghi", "quyet"), ("nghi", "dinh"), ("chi", "thi"), ("thong", "tu")}
# Words that end a citation's issuer and open what it is about: "ban hành", "về", "phê duyệt".
_CITATION_ENDS = {"ban", "hanh", "ve", "phe", "duyet"}
# Word runs where the topic ends and its time, place or scope begins ("năm 2026", "trên địa bàn", "trong các").
_ENDS = [("giai", "doan"), ("tren", "dia", "ban"), ("cua",), ("tai",), ("den", "nam"), ("trong",), ("o",)]
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEAR_NAMED = re.compile(r"\bnam ((?:19|20)\d\d)\b")
_HANGING = {"va", "cua", "ve", "trong", "cac", "cho", "voi"}  # words that cannot end a phrase
_MAX_WORDS = 9  # "phát triển kinh tế số và xã hội số"
_SHORT = 6  # a title's topic words when its indicators repeat none
_KEPT_IN_CAPITALS = re.compile(r"^(?:\w*\d\w*|[IVXLC]+)[,.]?$")


def title_core(title: str) -> list[str]:
    """The title's words that name its topic: "Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền
    vững năm 2024" -> ["giảm", "nghèo", "bền", "vững"]."""
    raw = [w.strip("*_\"'()“”‘’") for w in title.split()]
    raw = [w for w in raw if w.strip("-–")]
    folded = [fold(w).strip(".,;:") for w in raw]
    start = _after_leads(folded, 0)
    start = _after_leads(folded, _after_citation(folded, start))
    core: list[str] = []
    for i in range(start, len(raw)):
        if _YEAR.match(folded[i]) or (folded[i] == "nam" and i + 1 < len(raw) and _YEAR.match(folded[i + 1])):
            break
        if any(tuple(folded[i : i + len(end)]) == end for end in _ENDS):
            break
        core.append(raw[i].rstrip(".;:"))
        if raw[i].endswith(";"):  # a second programme follows; a comma stays inside one ("phòng, chống")
            break
    return core


def _after_leads(folded: list[str], start: int) -> int:
    """The index after the lead words at start ("kế hoạch triển khai thực hiện")."""
    while lead := next((n for n in _LEADS if tuple(folded[start : start + len(n)]) == n), None):
        start += len(lead)
    return start


def _after_citation(folded: list[str], start: int) -> int:
    """The index after a document the title carries out, when it opens the title: "Quyết định số 1899/QĐ-TTg
    ngày 04/9/2025 của Thủ tướng Chính phủ ban hành Kế hoạch ..." or "Chỉ thị số 32/CT-TTg ... về ..."; the
    topic is what that document is about."""
    if start + 3 >= len(folded) or tuple(folded[start : start + 2]) not in _CITED or folded[start + 2] != "so":
        return start
    i = start + 4  # past "<kind> số <number>"
    if i < len(folded) and folded[i] == "ngay":
        i += 2
    if i < len(folded) and folded[i] == "cua":
        while i < len(folded) and folded[i] not in _CITATION_ENDS:
            i += 1
    while i < len(folded) and folded[i] in _CITATION_ENDS:
        i += 1
    if tuple(folded[i : i + 4]) == ("ke", "hoach", "hanh", "dong"):
        i += 4  # "Kế hoạch hành động ..."
    if i < len(folded) and folded[i] == "cua":  # "... của Chính phủ về ..."
        while i < len(folded) and folded[i] != "ve":
            i += 1
        i += 1
    return min(i, len(folded))


def programme(snap: Snapshot | None, plan: Row) -> str:
    """The programme a plan's title names, in short: the title's topic words up to the last one the plan's own
    indicators repeat ("giảm nghèo" of "... giảm nghèo bền vững năm 2024" whose targets count "hộ nghèo"), else
    its first topic words as written."""
    if snap is None:
        return _programme(None, plan)
    known = snap.indexes.programmes
    if plan.id not in known:
        known[plan.id] = _programme(snap, plan)
    return known[plan.id]


def _programme(snap: Snapshot | None, plan: Row) -> str:
    """programme() computed."""
    core = title_core(plan.title or "")
    counts, total = _indicator_words(snap).get(plan.id, (Counter(), 0)) if snap is not None else (Counter(), 0)
    needed = min(2, total)
    repeated = [i for i, word in enumerate(core) if needed and counts[fold(word).rstrip(",")] >= needed]
    chosen = core[: repeated[-1] + 1][:_MAX_WORDS] if repeated else core[:_SHORT]
    if len(chosen) < len(core):
        chosen = _whole_phrase(chosen)
    return " ".join(_as_written(chosen)).rstrip(",")


def _whole_phrase(words: list[str]) -> list[str]:
    """Title words cut short, ended where a phrase ends: at the last comma ("sửa đổi, bổ" -> "sửa đổi"), and
    without a connector left hanging ("kinh tế số và" -> "kinh tế số")."""
    commas = [i for i, word in enumerate(words) if word.endswith(",")]
    if commas and commas[-1] == len(words) - 1:  # "... và phòng," of "phòng, chống": the pair is cut, drop it
        words = words[:-1]
    elif commas:
        words = [*words[: commas[-1]], words[commas[-1]].rstrip(",")]
    while len(words) > 1 and fold(words[-1]) in _HANGING:
        words = words[:-1]
    return words


def _as_written(words: list[str]) -> list[str]:
    """Title words in sentence case: a title in capitals (as documents print it) in lower case but for its
    numbers and Roman numerals ("5G", "XIV"); otherwise capitalised words lowered, abbreviations kept ("DTTS")."""
    capitals = sum(len(w) > 1 and w.isupper() for w in words) * 2 > len(words)
    if capitals:
        return [w if _KEPT_IN_CAPITALS.match(w) else w.lower() for w in words]
    return [w.lower() if w[1:] == w[1:].lower() else w for w in words]


def _indicator_words(snap: Snapshot) -> dict[int, tuple[Counter[str], int]]:
    """For each plan, in how many of its targets' indicators each folded word occurs, and how many targets."""

    if snap.indexes.indicator_words is None:
        names: dict[int, list[str]] = {}
        for target in snap.targets:
            names.setdefault(target.plan_id, []).append(fold(target.indicator or ""))
        counted = {pid: (Counter(w for n in found for w in set(n.split())), len(found)) for pid, found in names.items()}
        snap.indexes.indicator_words = counted
    return snap.indexes.indicator_words


def topic_words(snap: Snapshot, plan_ids: Iterable[int]) -> set[str]:
    """Folded words of the programmes the plans name ({"giam", "ngheo"}): what a general question repeats."""
    known = snap.indexes.topic_words
    key = frozenset(plan_ids)
    if key not in known:
        known[key] = {w for pid in key if pid in snap.plans for w in fold(programme(snap, snap.plans[pid])).split()}
    return known[key]


def topic(snap: Snapshot, plan_ids: Iterable[int]) -> str:
    """The programme most of the plans name ("giảm nghèo"), or "" when they name none; kept per snapshot."""
    known = snap.indexes.topics
    key = frozenset(plan_ids)
    if key not in known:
        named = Counter(programme(snap, snap.plans[pid]) for pid in key if pid in snap.plans)
        named.pop("", None)
        known[key] = named.most_common(1)[0][0] if named else ""
    return known[key]


def reference_year(snap: Snapshot, plan_ids: Iterable[int], today: date) -> int:
    """The year "the past" is relative to: the latest year of the plans asked about, else the clock's."""
    years = [snap.plans[pid].year for pid in plan_ids if pid in snap.plans and snap.plans[pid].year]
    return max(years) if years else today.year


def earlier_year(folded: str, reference: int) -> str | None:
    """The first year the question names ("năm 2023") before the reference year, as written; else None."""
    return next((f"nam {y}" for y in _YEAR_NAMED.findall(folded) if int(y) < reference), None)


def qualifiers(snap: Snapshot) -> set[str]:
    """Folded two-word phrases that make one indicator another by one word inserted ("cận nghèo": "hộ cận
    nghèo" is not "hộ nghèo"), read from the loaded indicator names."""

    if snap.indexes.qualifiers is None:
        names = {tuple(fold(t.indicator or "").split()) for t in snap.targets}
        names = {n for n in names if 2 <= len(n) <= 8}
        found = set()
        for name in names:
            for i in range(1, len(name) - 1):
                if name[:i] + name[i + 1 :] in names:
                    found.add(f"{name[i]} {name[i + 1]}")
        snap.indexes.qualifiers = found
    return snap.indexes.qualifiers
