"""Duties: what each office, post or unit must do, lead (chủ trì) or coordinate (phối hợp)."""

from __future__ import annotations

import re
from dataclasses import replace

from storage.importer.assignees import (
    MAX_WORDS,
    VERB_RE,
    colon_assignee,
    coordinators,
    given_to,
    heading_assignee,
    is_request,
    opening_assignee,
    split_assignee,
    starts_with_head,
)
from storage.importer.model import DocSection, Document, DutyFact
from storage.importer.names import body_names
from storage.importer.scope import Place, bare_heading, chain, projects_in, section_lines
from storage.language.roles import Role, role_of
from storage.language.text import fold

_BULLET = re.compile(r"^\s*[-+•*–]\s*")
_ASSIGNMENT = re.compile(r"^phan cong(?: thuc hien| nhiem vu)?\s*:")
_MIN_WORDS = 3
# "Chủ trì, phối hợp" / "Chủ trì, phối hợp với:" ending the text: the partners follow, one bullet each.
_OPEN_PARTNERS = re.compile(r"^chu tri,?\s+phoi hop(?:\s+voi)?\s*:?\s*$")
_CLOSING = re.compile(r"^(?:tren day la|noi nhan)")
# A text under a body's heading that makes it lead with partners named in the same clause.
_OWNER_LEADS = re.compile(r"^chu tri,?\s+phoi hop voi\s+[^:;]")


def extract_duties(document: Document, places: list[Place]) -> list[DutyFact]:
    """One duty per bullet or paragraph of each section that names its assignee."""
    duties: list[DutyFact] = []
    for section in document.sections:
        place = places[section.index]
        owner, lead_text, asked = _owner(document, section, places)
        paragraphs = _paragraphs(section)
        if owner is None and not section.heading.strip() and paragraphs and place.scope == "duty":
            owner, lead_text = heading_assignee(paragraphs[0])
            asked = bool(owner) and is_request(paragraphs[0])
            paragraphs = paragraphs[1:] if owner else paragraphs
        texts = ([lead_text] if lead_text else []) + paragraphs
        duties.extend(_section_duties(section, place, texts, (owner, asked)))
    return duties


def _section_duties(
    section: DocSection, place: Place, texts: list[str], owner: tuple[str | None, bool]
) -> list[DutyFact]:
    """The duties of a section's texts: assignments, leads with partners, and the owner's or the sentence's own."""
    duties: list[DutyFact] = []
    assigning = bool(_ASSIGNMENT.match(fold(bare_heading(section.heading)) + ":"))
    subject: str | None = None
    partnered = False  # after "Chủ trì, phối hợp" left open: each bullet names the partners of one task
    for text in texts:
        if owner[0] and _OPEN_PARTNERS.match(fold(text)):
            partnered = True
            continue
        led = [] if partnered else _owner_led(text, section, place, owner)
        assigned = _partnered(text, section.index, place, owner[0]) if partnered else led
        assigned = assigned or _assignment(text, section.index, place, assigning) or _led(text, section.index, place)
        if assigned:
            assigned[0].requested = owner[1] if led else is_request(text)
            duties.extend(assigned)
            continue
        override, rest = colon_assignee(text) if place.scope == "duty" else (None, text)
        if override is None and owner[0] is None and place.scope == "duty":
            override, rest = _subject_of(text, subject)
            subject = override
        if override or owner[0]:
            requested = is_request(text) if override else owner[1]
            duties.extend(_each_body(_duty(section.index, override or owner[0] or "", rest, place), requested))
    return duties


def _owner_led(text: str, section: DocSection, place: Place, owner: tuple[str | None, bool]) -> list[DutyFact]:
    """ "Chủ trì, phối hợp với Sở X ..." under a body's heading: the body leads and each body named after it by its
    own name partners; a group ("các sở, ngành", "các đơn vị liên quan") is no partner of its own. [] when the text
    names no such partner."""
    if not owner[0] or not _OWNER_LEADS.match(fold(text)):
        return []
    named = [name for name in coordinators(text) if starts_with_head(name) and not fold(name).startswith("cac ")]
    if not named:
        return []
    duties = [_duty(section.index, owner[0], text, place, Role.LEAD)]
    return duties + [_duty(section.index, name, text, place, Role.COORDINATE) for name in named]


def _partnered(text: str, section: int, place: Place, lead: str | None) -> list[DutyFact]:
    """A bullet after an open "Chủ trì, phối hợp": the lead's duty, and each body it opens with a partner's."""
    partners, rest = split_assignee(text)
    if not lead or not partners or not rest:
        return []
    duties = [_duty(section, lead, text, place, Role.LEAD)]
    return duties + [_duty(section, name, text, place, Role.COORDINATE) for name in body_names(partners)]


def _each_body(duty: DutyFact, requested: bool) -> list[DutyFact]:
    """The duty, or one per body when its subject is a list too long to hold as one group."""
    duty.requested = requested
    if len(duty.assignee.split()) <= MAX_WORDS:
        return [duty]
    return [replace(duty, assignee=name) for name in body_names(duty.assignee, at_and=False)]


def _subject_of(text: str, previous: str | None) -> tuple[str | None, str]:
    """The subject of an instruction that names it after an opening clause ("Căn cứ Kế hoạch này các thôn ...")
    or leaves it unsaid, continuing the paragraph before ("- Phối hợp với ..."); the whole text is the duty."""
    subject, _ = opening_assignee(text)
    if subject:
        return subject, text
    subject, rest = split_assignee(given_to(text))
    if subject and rest and VERB_RE.match(fold(rest)):
        return subject, text
    if previous and VERB_RE.match(fold(text)):
        return previous, text
    return None, text


def _owner(document: Document, section: DocSection, places: list[Place]) -> tuple[str | None, str, bool]:
    """The assignee of a duty section (its own heading's, else its nearest ancestor's), its heading text, and
    whether that heading asks rather than orders ("Đề nghị Liên đoàn Lao động tỉnh")."""
    if places[section.index].scope != "duty":
        return None, "", False
    for depth, item in enumerate(chain(document, section)):
        if places[item.index].scope != "duty":
            break
        assignee, rest = heading_assignee(item.heading)
        if assignee and depth > 0:  # a lettered item under a body may name a subject of its own ("a) Các doanh ...")
            assignee = _own_subject(_item_text(section) or _first_line(section)) or assignee
        if assignee:
            return assignee, (rest if depth == 0 else _item_text(section)), is_request(item.heading)
    return None, "", False


def _first_line(section: DocSection) -> str:
    """The first paragraph of a lettered item whose heading holds only its letter."""
    return section.lines[0] if section.number and not section.heading.strip() and section.lines else ""


def _own_subject(text: str) -> str | None:
    """The body an item's text opens with, followed by its verb; None when it opens with the verb."""
    subject, rest = split_assignee(text)
    return subject if subject and rest and VERB_RE.match(fold(rest)) else None


def _item_text(section: DocSection) -> str:
    """The text of a lettered item under an assignee ("a) Là cơ quan thường trực ..."), kept as a duty."""
    text = bare_heading(section.heading)
    return text if section.number and len(text.split()) >= _MIN_WORDS else ""


def _paragraphs(section: DocSection) -> list[str]:
    """Bullets and paragraphs of a section; short fragments join the paragraph before them."""
    paragraphs: list[str] = []
    for line in section_lines(section):
        text = _BULLET.sub("", line).strip()
        if _CLOSING.match(fold(text)) or (text.startswith("(") and text.endswith((")", ").")) and len(text) < 120):
            continue
        if paragraphs and len(text.split()) < _MIN_WORDS and not _BULLET.match(line):
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        elif text:
            paragraphs.append(text)
    return paragraphs


def _duty(section: int, assignee: str, text: str, place: Place, role: str | None = None) -> DutyFact:
    """A duty with its role and project read from its text (the section's project when it names none)."""
    mentioned = projects_in(text)
    project = "; ".join(mentioned) if mentioned else place.project
    return DutyFact(section, assignee.strip(), text.strip(), role or duty_role(text), project)


def duty_role(text: str) -> Role | None:
    """The role a duty states, read after the subject it names ("Sở X phối hợp với ..." coordinates)."""
    subject, rest = split_assignee(text)
    return role_of(rest if subject and rest else text)


def _led(text: str, section: int, place: Place) -> list[DutyFact]:
    """ "(Giao) Sở Nội vụ chủ trì, phối hợp với Sở Tài chính ...": the lead's duty and each partner's."""
    lead, rest = split_assignee(given_to(text))
    if not lead or len(lead.split()) < 2 or len(rest.split()) < 3 or not fold(rest).startswith("chu tri"):
        return []  # "Cơ quan chủ trì" is a table's column title, not a task
    duties = [_duty(section, name, text, place, Role.LEAD) for name in _leads_named(lead)]
    duties.extend(_duty(section, name, text, place, Role.COORDINATE) for name in coordinators(rest))
    return duties


def _leads_named(lead: str) -> list[str]:
    """Each body of a lead list ("Sở Y tế, Sở Công Thương chủ trì ..."): every one leads the task; a group's own
    name ("Các sở, ban, ngành", "Sở Văn hóa, Thể thao và Du lịch") stays whole."""
    names = body_names(lead)
    own = all(starts_with_head(name) and not fold(name).startswith("cac ") for name in names)
    return names if len(names) > 1 and own else [lead]


def _assignment(text: str, section: int, place: Place, assigning: bool = False) -> list[DutyFact]:
    """ "Phân công thực hiện: A chủ trì phối hợp với B, C ..." -> a lead duty for A, coordinate duties for B, C."""
    match = _ASSIGNMENT.match(fold(text))
    if not match and not assigning:
        return []
    body = text[match.end() :].strip() if match else text
    lead, rest = split_assignee(body)
    if not lead:
        return []
    duties = [_duty(section, lead, text, place, Role.LEAD if "chu tri" in fold(rest) else None)]
    for name in coordinators(rest):
        duties.append(_duty(section, name, text, place, Role.COORDINATE))
    return duties
