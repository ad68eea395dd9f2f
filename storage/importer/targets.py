"""Targets and past results written as sentences in MỤC TIÊU / chỉ tiêu / KẾT QUẢ sections."""

from __future__ import annotations

import re

from storage.importer.clauses import YEAR, Clause
from storage.importer.indicators import indicator
from storage.importer.measures import Measured, find_measured, fold_same
from storage.importer.model import DocSection, Document, TargetFact, UnitRef
from storage.importer.scope import Place, bare_heading, section_lines, split_sentences
from storage.importer.target_forms import goal_form
from storage.language.goal_forms import AT_LEAST, AT_MOST, REACH
from storage.language.text import fold, format_number, split_unit_name

_LABEL = re.compile(r"^\s*[-+•]?\s*(?:về\s+)?([^:;,()]{2,40}?)\s*:\s*(.*)$", re.IGNORECASE)
_ABOUT = re.compile(r"^\s*[-+•]?\s*về\s+([^:;,()]{2,40}?)\s*[:,]\s*(.*)$", re.IGNORECASE)
_BASE_TO = re.compile(
    r"^\s*(?:\(?(?:vao )?(?:cuoi |dau )?nam 20\d\d\)?\s*,?\s*)?(?:xuong con|xuong|con|len|tang len)\s"
)
_UNIT_PART = re.compile(r"(?i)^\s*((?:thôn|xóm|bản|ấp|tổ dân phố|khu phố|xã|phường|thị trấn)\s+[^:;,]{1,40}?)\s*:\s*\d")


def extract_targets(
    document: Document, places: list[Place], plan_year: int | None, warnings: list[str]
) -> list[TargetFact]:
    """Targets (MỤC TIÊU) and results (KẾT QUẢ) stated as numbers with a measure; in parts of no such kind
    ("MỤC ĐÍCH, YÊU CẦU"), the figures their sentences set as goals."""
    found: list[TargetFact] = []
    for section in document.sections:
        place = places[section.index]
        if place.scope in ("target", "result"):
            found.extend(_section_targets(section, place, plan_year, warnings))
        elif place.scope is None:  # "MỤC ĐÍCH, YÊU CẦU", a preamble: only figures the sentence sets as goals
            goals = _section_targets(section, Place("target", place.year, place.project), plan_year, warnings)
            found.extend(target for target in goals if _stated_goal(target))
    found = _distinct(found)
    return found + [quota for target in found for quota in _unit_quotas(target, document.header.issuer)]


# A goal's own words right before its figure: a bound ("tối thiểu 35%", "trên 98%", "dưới 109") or "đạt".
_GOAL_WORD = r"(?:it nhat|toi thieu|toi da|khong qua|khong vuot qua|tren|duoi|dat|xuong con)"


def _stated_goal(target: TargetFact) -> bool:
    """Whether a figure outside the targets' part is set as a goal: the sentence strives for it ("phấn đấu") or
    a goal word stands right before the figure; a figure merely mentioned (a law's year, a count of meetings)
    is not."""
    said = fold(target.text)
    if target.value is None or target.kind != "target":
        return False
    if re.search(r"\bphan dau\b", said):
        return True
    written = re.escape(format_number(target.value)).replace(",", "[,.]").replace("\\.", "[,.]?")
    return re.search(rf"\b{_GOAL_WORD}\s+0*{written}(?![\d,])", said) is not None


def _distinct(targets: list[TargetFact]) -> list[TargetFact]:
    """The targets without a sentence the document repeats word for word (same name, figure, form and year)."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for target in targets:
        key = (target.kind, fold(target.indicator), target.value, target.measure, target.form, target.year, target.text)
        if key not in seen:
            seen.add(key)
            kept.append(target)
    return kept


def _unit_quotas(target: TargetFact, issuer: UnitRef | None) -> list[TargetFact]:
    """ "Giảm 40 hộ nghèo, trong đó: thôn 1: 12 hộ; thôn 2: 10 hộ": each part naming a unit is its quota."""
    if target.kind != "target":
        return []
    direction = target.direction
    name = (
        target.indicator
        if not direction or target.indicator.startswith(direction)
        else f"{direction} {target.indicator}"
    )
    quotas = []
    for part in target.parts:
        match = _UNIT_PART.match(part.text)
        if match and part.measure == target.measure:
            first, _, rest = match.group(1).partition(" ")  # "Thôn Kon Stiu" -> ("thôn", "Kon Stiu")
            kind, bare = split_unit_name(f"{first.lower()} {rest}")
            unit = UnitRef(bare, kind, issuer)
            quotas.append(TargetFact(part.section, name, part.value, part.measure, direction, None, target.year,
                                     "quota", unit, part.text, form=target.form))  # fmt: skip
    return quotas


def _section_targets(section: DocSection, place: Place, plan_year: int | None, warnings: list[str]) -> list[TargetFact]:
    """Targets of one section, line by line; "Trong đó" sentences become parts of the target before them in their
    line, or targets of their own when that line has none."""
    kind = "result" if place.scope == "result" else "target"
    year = place.year or (None if kind == "result" else plan_year)
    carried: str | None = None
    mains: list[TargetFact] = []
    for line in [bare_heading(section.heading), *section_lines(section)]:
        own = len(mains)  # a breakdown belongs to a target of its own line (bullet, paragraph)
        label, body = _label(line)
        if label and not body:
            carried = label
            continue
        if not line.lstrip().startswith("+"):
            carried = None
        year = _line_year(line, kind) or _lead_in_year(line, kind) or year
        for sentence in split_sentences(body):
            for head, breakdown in _breakdowns(sentence):
                facts = _clause_facts(head, label or carried, kind, year or plan_year, section.index)
                mains.extend(facts)
                parts = _clause_facts(breakdown, None, kind, year or plan_year, section.index, part=True)
                parent = _parent(mains[own:], parts)
                if parent:
                    parent.parts.extend(parts)
                else:  # "Trong đó, ít nhất 40% ..." after a line with no figure: targets of their own
                    mains.extend(parts)
    for target in mains:
        _check_parts(target, section, warnings)
    return mains


def _parent(mains: list[TargetFact], parts: list[TargetFact]) -> TargetFact | None:
    """The target a breakdown belongs to: the last one with the same measure, else the last one."""
    if not parts or not mains:
        return None
    return next((target for target in reversed(mains) if target.measure == parts[0].measure), mains[-1])


def _label(line: str) -> tuple[str | None, str]:
    """ "Về nhà ở: ..." / "Hộ nghèo: ..." -> ("nhà ở" / "hộ nghèo", rest); (None, line) otherwise."""
    match = _ABOUT.match(line) or _LABEL.match(line)
    if not match or re.search(r"\d", match.group(1)) or fold(match.group(1)).startswith("trong do"):
        return None, re.sub(r"^\s*[-+•]\s*", "", line)
    label = match.group(1).strip()
    return label[:1].lower() + label[1:], match.group(2).strip()


def _line_year(line: str, kind: str) -> int | None:
    """For results, the year a line reports on ("Kết quả rà soát ... năm 2023")."""
    if kind != "result":
        return None
    match = YEAR.search(fold_same(line))
    return int(match.group(1)) if match else None


_HORIZON = re.compile(r"\b(?:den|toi|vao|trong) (?:nam |het nam )?((?:20)\d\d)\b")


def _lead_in_year(line: str, kind: str) -> int | None:
    """For goals, the year a line that opens a list aims at ("Mục tiêu cụ thể đến năm 2030:"): the items under it
    are that year's, not the plan's."""
    if kind != "target" or not line.rstrip().endswith(":"):
        return None
    match = _HORIZON.search(fold_same(line))
    return int(match.group(1)) if match else None


def _breakdowns(sentence: str) -> list[tuple[str, str]]:
    """Split a sentence into clauses, each with the "trong đó" breakdown that follows it ("" when none)."""
    pairs: list[tuple[str, str]] = []
    for clause in _split_clauses(sentence):
        marker = re.search(r"[,.]?\s*(?<!\w)trong đó(?!\w)[\s,:]*", clause.lower())  # not "trong độ tuổi"
        if marker is None and pairs and pairs[-1][1] and _UNIT_PART.match(clause):  # "...; thôn 2: 10 hộ"
            pairs[-1] = (pairs[-1][0], f"{pairs[-1][1]}, {clause}")
        elif marker is None:
            pairs.append((clause, ""))
        elif marker.start() == 0 and pairs and not pairs[-1][1]:
            pairs[-1] = (pairs[-1][0], clause[marker.end() :])
        else:
            pairs.append((clause[: marker.start()], clause[marker.end() :]))
    return [(head, tail) for head, tail in pairs if head.strip() or tail.strip()]


def _split_clauses(text: str) -> list[str]:
    """Split at ";" outside parentheses."""
    clauses, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth <= 0:
            clauses.append(text[start:index])
            start = index + 1
    clauses.append(text[start:])
    return [clause.strip(" .") for clause in clauses]


def _clause_facts(
    clause: str, label: str | None, kind: str, year: int | None, section: int, part: bool = False
) -> list[TargetFact]:
    """One fact per measured number of a clause; "từ A xuống còn B" gives one fact with baseline A."""
    pieces = re.split(r",(?!\d)\s*(?=[^,]*\d)", clause) if part else [clause]
    facts: list[TargetFact] = []
    for text in pieces:
        measured = find_measured(text)
        piece = Clause.read(text)
        skip: set[int] = set()
        for index, item in enumerate(measured):
            if index in skip or _aside(piece, item):
                continue
            base = None
            following = measured[index + 1] if index + 1 < len(measured) else None
            if following and piece.ends_with_word(item.start, "tu") and _BASE_TO.match(piece.folded[item.end :]):
                base, item = item, following
                skip.add(index + 1)
            facts.append(_fact(piece, item, base, label, kind, year, section, part))
            _share_bound(piece, item, facts)
    return facts


def _share_bound(piece: Clause, item: Measured, facts: list[TargetFact]) -> None:
    """ "ít nhất 100 doanh nghiệp ..., 50 doanh nghiệp ...": a number that opens its phrase shares the bound of the
    number listed before it."""
    if len(facts) < 2 or facts[-1].form != REACH or facts[-2].form not in (AT_LEAST, AT_MOST):
        return
    if not piece.lowered[piece.phrase_start(item.start) : item.start].strip():
        facts[-1].form = facts[-2].form


def _aside(clause: Clause, item: Measured) -> bool:
    """A number in parentheses or a change "so với năm 2023": context, not a target of its own."""
    after = clause.folded[item.end : item.end + 12]
    return clause.in_parentheses(item.start) or after.lstrip(" ,").startswith("so voi")


def _fact(
    clause: Clause,
    item: Measured,
    base: Measured | None,
    label: str | None,
    kind: str,
    year: int | None,
    section: int,
    part: bool,
) -> TargetFact:
    """A target read from one measured number of a clause."""
    # The year a clause gives its target: after the number, else before it (not the baseline's own year).
    stated = clause.stated_year(item.end, base.start if base else len(clause.text))
    return TargetFact(
        section=section,
        indicator=indicator(clause, item, label, part),
        value=item.value,
        measure=item.measure,
        direction=_direction(clause.directions_before(item.start), kind),
        baseline=base.value if base else None,
        year=stated if stated and kind == "target" else year,
        kind=kind,
        text=clause.text.strip(),
        form=_form(clause, item, base) if kind == "target" else None,
    )


def _form(clause: Clause, item: Measured, base: Measured | None) -> str:
    """What kind of goal the number is, from the words of its phrase around it."""
    before = clause.lowered[clause.phrase_start(base.start if base else item.start) : item.start]
    return goal_form(before, clause.lowered[item.end : item.end + 60], base is not None)


def _direction(found: list[re.Match[str]], kind: str) -> str | None:
    """The direction word nearest before the number: giảm / tăng / đạt."""
    if not found:
        return None
    word = found[-1].group(1)
    if word == "còn" and kind == "result" and not any(match.group(1) == "giảm" for match in found):
        return None
    return {"xuống": "giảm", "còn": "giảm"}.get(word, word)


def _check_parts(target: TargetFact, section: DocSection, warnings: list[str]) -> None:
    """Warn when a breakdown repeats a part or does not add up to its total."""
    if len(target.parts) < 2:
        return
    names = [fold(part.indicator) for part in target.parts]
    where = f"mục {section.label}"
    if len(set(names)) < len(names):
        warnings.append(
            f'Cảnh báo: {where}: các phần của "{target.text}" trùng tên ("{target.parts[0].indicator}"); '
            "giữ nguyên như văn bản."
        )
    total = sum(part.value or 0 for part in target.parts)
    same_measure = all(part.measure == target.measure for part in target.parts)
    if same_measure and target.measure != "%" and target.value is not None and abs(total - target.value) > 1e-6:
        warnings.append(
            f"Cảnh báo: {where}: các phần cộng lại {format_number(total)} khác tổng "
            f"{format_number(target.value)} ({target.indicator})."
        )
