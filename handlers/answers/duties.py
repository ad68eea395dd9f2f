"""Duties: of an office, a post or a unit; "tôi phải làm gì" from the asker's unit; who leads a project."""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.answers import task_leads
from handlers.answers.registry import ForIntent
from handlers.answers.section_index import section_index
from handlers.messages import Choice, Reply
from handlers.render.format import bullet_lines, cites, reply
from handlers.snapshot import Row, Snapshot
from handlers.understand.entities import full_name
from handlers.understand.query import Query
from handlers.understand.typed import typed_words
from storage.language.kinds import COMMUNE, DISTRICT, PROVINCE, kind_of, kind_pattern
from storage.language.normalize import fold_expand, words
from storage.language.projects import names_project, project_key
from storage.language.roles import Role, is_coordinating, is_lead, role_of
from storage.language.stopwords import ASSIGNEE_GENERIC

_LEAD = re.compile(r"\bai\b|\bchu tri\b|\bphu trach\b|\bdo ai\b|\bthuc hien\b|\bdon vi nao\b|\bco quan nao\b")
_OFFICER = re.compile(r"(?:cong chuc|can bo|truong|chu tich|pho chu tich)\b")
_POST_ASKED = re.compile(
    r"\b((?:truong|pho) (?:thon|ban|xom)|(?:cong chuc|can bo|tram|phong|so|hoi|doan|cong an) [a-z]+(?: [a-z]+){0,3}?)"
    r" (?:co )?(?:nhiem vu|trach nhiem|lam gi|phai lam)"
)
# "cơ quan nào", "đơn vị nào": the question's "which body", no body's name ("Các cơ quan, đơn vị có liên quan").
_WHICH_BODY = re.compile(r"\b(?:cac )?(?:co quan|don vi|bo phan|nganh)(?= nao\b)")
_COMMITTEE = re.compile(rf"^(?:uy ban nhan dan|ubnd) (?:{kind_pattern([PROVINCE, DISTRICT, COMMUNE])})$")


def _keys(snap: Snapshot) -> list[tuple[Row, str, set[str]]]:
    """(duty, folded assignee, distinctive assignee words) for every duty."""
    if snap.indexes.duty_keys is None:
        out = []
        for duty in snap.duties:
            key = " ".join(words(fold_expand(duty.assignee or "")))
            out.append((duty, key, set(key.split()) - ASSIGNEE_GENERIC))
        snap.indexes.duty_keys = out
    return snap.indexes.duty_keys


def projects_of(duty: Row) -> list[tuple[str | None, str | None]]:
    """Every (sub-project, project) a duty names; several are joined with "; "."""
    return [project_key(part) for part in (duty.project or "").split(";") if part.strip()]


def exact_assignee(q: Query, plans: set[int]) -> str | None:
    """The longest assignee whose whole folded name (two words or more) the question contains."""
    padded = f" {' '.join(words(_WHICH_BODY.sub(' ', q.folded)))} "
    found = {k for d, k, _ in _keys(q.snap) if d.plan_id in plans and " " in k and _named(k, padded)}
    for duty, key, _ in _keys(q.snap):  # "Văn phòng HĐND - UBND (Y tế)" named without its bracket
        bare = " ".join(words(fold_expand(re.sub(r"\([^)]*\)", " ", duty.assignee or ""))))
        if duty.plan_id in plans and bare != key and " " in bare and f" {bare} " in padded:
            found.add(key)
        first = " ".join(words(fold_expand((duty.assignee or "").split(",")[0])))  # "UBND các xã" of "..., thị trấn"
        if duty.plan_id in plans and first != key and len(first.split()) >= 3 and _named(first, padded):
            found.add(key)
    return max(found, key=len, default=None)


def _singular(key: str) -> str:
    """A folded assignee named without its plural words ("to truong to dan pho" of "Tổ trưởng các tổ dân phố");
    the key itself when fewer than two words would remain ("các xã")."""
    bare = re.sub(r"\b(?:cac|nhung) ", "", key)
    return bare if " " in bare else key


def _named(key: str, padded: str) -> bool:
    """Whether the padded question names the assignee, with or without its plural words."""
    return f" {key} " in padded or f" {_singular(key)} " in padded


def _own_duties(q: Query, plans: set[int], exact: str | None) -> str | None:
    """The exact assignee, unless it only coordinates ("phối hợp với UB MTTQ") while a close match has duties
    of its own ("Mặt trận Tổ quốc và các tổ chức chính trị-xã hội của xã")."""
    if exact is None:
        return None
    rows = [d for d, k, _ in _keys(q.snap) if k == exact and d.plan_id in plans]
    if any(not is_coordinating(d.role) for d in rows):
        return exact
    named = set(exact.split()) - ASSIGNEE_GENERIC  # a close match names the same body ("Sở Nội vụ" is no "Sở GD&ĐT")
    for name in match_assignees(q, plans) + _by_post_words(q, plans):
        if not named <= set(name.split()):
            continue
        if any(k == name and d.plan_id in plans and not is_coordinating(d.role) for d, k, _ in _keys(q.snap)):
            return name
    return exact


def match_assignees(q: Query, plans: set[int], text: str | None = None) -> list[str]:
    """Folded assignee names the question (or text) names, best first."""
    asked = set(words(text if text is not None else q.folded))
    idf = section_index(q.snap).idf
    best: dict[str, float] = {}
    for duty, key, distinct in _keys(q.snap):
        if duty.plan_id not in plans or not distinct:
            continue
        share = max(_share(distinct, asked, idf), _share(_head(key), asked, idf))
        if share >= 0.6:
            own = 0.3 if not is_coordinating(duty.role) else 0.0
            best[key] = max(best.get(key, 0), share + own + 0.05 * len(set(words(key)) & asked))
    return sorted(best, key=lambda k: -best[k])


def _head(key: str) -> set[str]:
    """The distinctive words of a post's name before its remit ("công chức văn hóa - xã hội" of
    "công chức Văn hóa - Xã hội phụ trách lĩnh vực Lao động...")."""
    head, found, _ = key.partition(" phu trach ")
    return set(head.split()) - ASSIGNEE_GENERIC if found else set()


def _share(distinct: set[str], asked: set[str], idf: Callable[[str], float]) -> float:
    """The idf-weighted share of a name's distinctive words the question uses."""
    weight = sum(max(idf(w), 0.5) for w in distinct)
    return sum(max(idf(w), 0.5) for w in distinct & asked) / weight if weight else 0.0


def answer(q: Query) -> Reply | None:
    """Duties of whoever the question names, the lead of a project, or the asker's unit's duties."""
    plans = q.plan_ids()
    exact = _own_duties(q, plans, exact_assignee(q, plans))
    if exact:
        return _of_assignee(q, plans, exact)
    asked_project = project_key(q.folded)
    if asked_project != (None, None) and _LEAD.search(q.folded):
        found = _project_lead(q, plans, asked_project)
        if found is not None:
            return found
    found = task_leads.answer(q, plans) if task_leads.wants(q) else None
    if found is not None:
        return found
    names = match_assignees(q, plans) or _by_post_words(q, plans)
    if names:
        return _of_assignee(q, plans, names[0])
    if q.own or q.units or q.asker_unit is not None:
        return _unassigned(q, _of_unit(q, plans))
    return None


def _post_words(q: Query) -> set[str]:
    """The distinctive words of the post the question names ("tài" of "tôi là công chức tài chính, phải làm gì")."""
    asked = _POST_ASKED.search(q.folded)
    phrase = re.sub(r"(?: (?:toi|em|minh|thi|xa))+$", "", asked.group(1)) if asked else ""
    return set(phrase.split()) - ASSIGNEE_GENERIC


def _by_post_words(q: Query, plans: set[int]) -> list[str]:
    """Posts whose name holds every distinctive word of the post asked, those with duties of their own first."""
    named = _post_words(q)
    rows = [(d, k) for d, k, _ in _keys(q.snap) if named and d.plan_id in plans and named <= set(k.split())]
    rows.sort(key=lambda r: (is_coordinating(r[0].role), r[0].id))
    return list(dict.fromkeys(k for _, k in rows))


def _unassigned(q: Query, found: Reply | None) -> Reply | None:
    """The unit's duties or posts menu, told first that the post the question names has none of its own."""
    asked = _POST_ASKED.search(q.folded)
    if found is None or asked is None or q.scope is None:
        return found
    named = _post_words(q)
    if any(named & set(k.split()) for d, k, _ in _keys(q.snap) if d.plan_id in q.plan_ids()):
        return found  # some post shares its words: the menu, without saying the post has no duty
    phrase = re.sub(r"(?: (?:toi|em|minh|thi|xa))+$", "", asked.group(1))
    post = typed_words(q.text.raw, phrase) or phrase  # as the asker typed it, else folded
    note = f"Các kế hoạch áp dụng cho {full_name(q.snap.units[q.scope])} không giao nhiệm vụ riêng cho «{post}»."
    return Reply(text=f"{note}\n{found.text}", choices=found.choices)


def _of_assignee(q: Query, plans: set[int], key: str, choices: list[Choice] | None = None) -> Reply:
    rows = [d for d, k, _ in _keys(q.snap) if k == key and d.plan_id in plans]
    rows.sort(key=lambda d: (is_coordinating(d.role), d.id))
    name = rows[0].assignee.strip().rstrip(":.")
    items = [_partnered(q, d) or _item(d) for d in rows]
    only = " (chỉ phối hợp, không chủ trì việc nào)" if all(_partner(d) for d in rows) else ""
    body = f"Nhiệm vụ của {name}{only}:\n" + bullet_lines(items, 1200 if choices else 1500)
    return reply(body, cites(q.snap, [(d.plan_id, d.section_id) for d in rows]), choices)


def _item(duty: Row) -> str:
    prefix = f"[{duty.role}{' ' + duty.project if duty.project else ''}] " if duty.role and duty.project else ""
    return prefix + _asked(duty) + duty.text.strip()


def _asked(duty: Row) -> str:
    """ "(đề nghị) " before a duty the plan asks of a body it cannot order (Ủy ban MTTQ, đoàn thể, ngành dọc)."""
    return "(đề nghị) " if duty.requested else ""


def _partner(duty: Row) -> bool:
    """Whether the duty's assignee only coordinates ("phối hợp") the task."""
    return is_coordinating(duty.role)


def _partnered(q: Query, duty: Row) -> str | None:
    """ "Phối hợp (chủ trì: Công chức Văn hóa - Xã hội): Kiểm tra..." for a coordinating row whose text does not
    say so itself; None for other rows."""
    text = duty.text.strip()
    if not _partner(duty) or duty.project or role_of(text) is Role.COORDINATE:
        return None
    leads = [
        d.assignee.strip()
        for d in q.snap.duties
        if d.plan_id == duty.plan_id and d.text.strip() == text and is_lead(d.role)
    ]
    return f"{_asked(duty)}Phối hợp{f' (chủ trì: {leads[0]})' if leads else ''}: {text}"


def _of_unit(q: Query, plans: set[int]) -> Reply | None:
    """The asker's post's duties; else those of the unit's committee or its level, with the posts to pick."""
    snap = q.snap
    unit_id = q.scope
    if unit_id is None:
        return None
    post = q.asker.post if unit_id == q.asker_unit else None
    if post:
        names = match_assignees(q, plans, fold_expand(post))
        if names:
            return _of_assignee(q, plans, names[0])
    unit = snap.units[unit_id]
    choices = [Choice(label=_summary(q, plans, n), value=f"Nhiệm vụ của {n}") for n in _posts(q, plans, unit_id)[:9]]
    rows = _addressed(q, plans, unit)
    if rows:
        head = f"Nhiệm vụ của {full_name(unit)} ({rows[0].assignee.strip()}):\n"
        body = head + bullet_lines([_item(d) for d in rows], 1000 if choices else 1500)
        if choices:
            body += "\nNhiệm vụ theo chức danh: chọn chức danh của bạn."
        return reply(body, cites(snap, [(d.plan_id, d.section_id) for d in rows]), choices)
    if not choices:
        return None
    text = f"Kế hoạch áp dụng cho {full_name(unit)} giao nhiệm vụ theo chức danh; bạn giữ chức danh nào?"
    return reply(text, "", choices)


def _addressed(q: Query, plans: set[int], unit: Row) -> list[Row]:
    """Duties of the unit itself, of its People's Committee, or of every unit of its kind in a higher plan."""
    found = kind_of(unit.kind)
    kind = found.folded if found is not None and not found.ambiguous else ""
    rows = []
    for duty, key, _ in _keys(q.snap):
        if duty.plan_id not in plans:
            continue
        own_plan = q.snap.plans[duty.plan_id].issuer_unit_id == unit.id
        if own_plan and _COMMITTEE.match(key):
            rows.append((0, len(key), duty.id, duty))
        elif not own_plan and (duty.unit_id == unit.id or (kind and re.search(rf"\bcac {kind}\b|^{kind}\b", key))):
            rows.append((1, len(key), duty.id, duty))
    return [d for *_, d in sorted(rows)]


def _posts(q: Query, plans: set[int], unit_id: int) -> list[str]:
    """The posts the unit's own plan gives duties to: officers first, then bodies; no plural catch-alls."""
    names: dict[str, int] = {}
    for duty, key, _ in _keys(q.snap):
        if duty.plan_id not in plans or q.snap.plans[duty.plan_id].issuer_unit_id != unit_id:
            continue
        if _COMMITTEE.match(key) or re.match(r"(?:cac|don vi|nhung) ", key):
            continue
        names.setdefault(duty.assignee.strip(), 0 if _OFFICER.match(key) else 1)
    return sorted(names, key=lambda n: names[n])


def _summary(q: Query, plans: set[int], name: str) -> str:
    """ "Công chức Địa chính - Xây dựng (chủ trì Dự án 5)"."""
    key = " ".join(words(fold_expand(name)))
    rows = [d for d, k, _ in _keys(q.snap) if k == key and d.plan_id in plans]
    led = [d.project for d in rows if d.project and is_lead(d.role)]
    return name + (f" (chủ trì {'; '.join(dict.fromkeys(led))})" if led else "")


def _project_lead(q: Query, plans: set[int], asked: tuple[str | None, str | None]) -> Reply | None:
    """Who leads (chủ trì) and who coordinates a project or sub-project."""
    rows = []
    for duty, _, _ in _keys(q.snap):
        if duty.plan_id not in plans:
            continue
        named = projects_of(duty)
        hit = any(p == asked[1] and (asked[0] is None or s == asked[0]) for s, p in named)
        if hit or (not named and names_project(duty.text, *asked)):
            rows.append(duty)
    if not rows:
        return None
    leads = [d for d in rows if is_lead(d.role)]
    leads = leads or [d for d in rows if not is_coordinating(d.role)] or rows
    label = (f"Tiểu dự án {asked[0]} - " if asked[0] else "") + (f"Dự án {asked[1]}" if asked[1] else "")
    body = f"{label}: chủ trì — {', '.join(dict.fromkeys(d.assignee.strip() for d in leads))}."
    others = [d.assignee.strip() for d in rows if d not in leads]
    if others:
        body += f" Phối hợp: {', '.join(dict.fromkeys(others))}."
    body += "\n" + bullet_lines([_item(d) for d in leads[:3]], 900)
    return reply(body, cites(q.snap, [(d.plan_id, d.section_id) for d in leads]))


MODULE = ForIntent("duty", answer, shared=True)
