"""Greetings, help and the reply when nothing relevant is found."""

from __future__ import annotations

from collections.abc import Iterable

from handlers.messages import Choice, Reply
from handlers.snapshot import Row, Snapshot
from handlers.understand.asker_context import Asker
from handlers.understand.entities import full_name
from handlers.understand.plan_topics import title_core, topic
from storage.language.text import fold
from storage.units.examples import NEUTRAL

# The topic menu: (label, value). The values ask in general words about the asker's own unit, so a bare "1",
# "2"... means the same in every deployment without a stored menu; the labels name the loaded plans' programme.
EXAMPLES = [
    ("Chỉ tiêu {topic} của xã", "chỉ tiêu của xã"),
    ("Hạn báo cáo sắp tới", "hạn báo cáo sắp tới là khi nào"),
    ("Nhiệm vụ của tôi", "tôi phải làm gì"),
    ("Kinh phí thực hiện", "tổng kinh phí thực hiện"),
    ("Cơ quan giúp đỡ xã", "cơ quan nào giúp đỡ xã"),
]
TOPIC_VALUES = [value for _, value in EXAMPLES]  # what "1", "2"... mean after the topic menu
NOT_FOUND = "Xin lỗi, tôi không tìm thấy nội dung phù hợp trong các kế hoạch."
_SPOKEN = 8  # the plan topics named when nothing is found; one chat message holds them
TOPICS = (
    "Bạn có thể hỏi về: chỉ tiêu được giao cho một xã (và xếp hạng các xã), mục tiêu của kế hoạch "
    "(tỷ lệ, số lượng...), nhiệm vụ của một phòng/công chức, hạn báo cáo (còn bao nhiêu ngày), "
    "kinh phí các dự án, cơ quan/đồng chí giúp đỡ xã, số và ngày của kế hoạch."
)


def _who(asker: Asker) -> str:
    unit = asker.unit
    return f" Bạn đang hỏi với tư cách cán bộ {full_name(unit)}." if unit is not None else ""


def greeting(asker: Asker, snap: Snapshot | None = None) -> Reply:
    """A greeting with what can be asked."""
    return Reply(text=f"Xin chào!{_who(asker)} {TOPICS}", choices=_choices(snap))


def help_reply(asker: Asker, snap: Snapshot | None = None) -> Reply:
    """What the bot can answer, with examples drawn from the loaded plans and units."""
    examples = "\n".join(f"- «{value}»" for value in _examples(asker, snap))
    return Reply(text=f"{TOPICS}\nVí dụ:\n{examples}\n{_who(asker).strip()}".rstrip(), choices=_choices(snap))


def not_found(reason: str = "") -> Reply:
    """Nothing relevant: say so, and suggest what can be asked."""
    head = reason or NOT_FOUND
    return Reply(text=f"{head}\n{TOPICS}", choices=_choices(None))


def unfound_in(snap: Snapshot, plan_ids: Iterable[int]) -> Reply:
    """Nothing the plans say answers the question: say so, and what the plans asked about do speak of."""
    topics: dict[str, str] = {}
    cores = snap.indexes.title_cores
    for pid in plan_ids:
        if pid not in cores:
            cores[pid] = " ".join(title_core(snap.plans[pid].title or "")) if pid in snap.plans else ""
        core = cores[pid]
        if core:
            topics.setdefault(fold(core), core[:1].lower() + core[1:] if core[1:2].islower() else core)
    if not topics:
        return not_found()
    said = list(topics.values())
    more = f" và {len(said) - _SPOKEN} kế hoạch khác" if len(said) > _SPOKEN else ""
    return not_found(f"{NOT_FOUND} Các kế hoạch đã nhập nói về: {'; '.join(said[:_SPOKEN])}{more}.")


def _latest_year(snap: Snapshot | None) -> int | None:
    """The newest year of the plans held; once per snapshot."""
    if snap is None:
        return None
    if snap.indexes.latest_year is None:
        snap.indexes.latest_year = max((p.year for p in snap.plans.values() if p.year), default=0)
    return snap.indexes.latest_year or None


def _examples(asker: Asker, snap: Snapshot | None) -> list[str]:
    """Questions naming this deployment's units, programme and year ("chỉ tiêu giảm nghèo xã X")."""
    place = example_place(snap, asker)
    what = _topic(snap)
    latest = _latest_year(snap)
    return [
        " ".join(["chỉ tiêu", what, place]).replace("  ", " "),
        "hạn báo cáo sắp tới là khi nào",
        "tôi phải làm gì",
        f"tổng kinh phí thực hiện năm {latest}" if latest else "tổng kinh phí thực hiện",
        f"cơ quan nào giúp đỡ {place}",
    ]


def example_place(snap: Snapshot | None, asker: Asker | None = None) -> str:
    """ "xã Thọ Lâm": the asker's unit, else the lowest unit a loaded plan gives a quota, else a plan's issuer,
    else a placeholder."""
    if asker is not None and asker.unit is not None:
        return _in_sentence(asker.unit)
    if snap is None:
        return NEUTRAL
    quota_units = [snap.units[t.unit_id] for t in snap.targets if t.unit_id in snap.units]
    issuers = [snap.units[p.issuer_unit_id] for p in snap.plans.values() if p.issuer_unit_id in snap.units]
    ranked = sorted(quota_units, key=lambda u: (-(u.level or 0), u.id)) or sorted(issuers, key=lambda u: u.id)
    return _in_sentence(ranked[0]) if ranked else NEUTRAL


def _in_sentence(unit: Row) -> str:
    """ "xã Thọ Lâm": the kind word in lower case inside a sentence."""
    name = full_name(unit)
    return name[:1].lower() + name[1:] if unit.kind else name


def _topic(snap: Snapshot | None) -> str:
    """The programme the loaded plans name ("giảm nghèo"); "" without a snapshot."""
    return topic(snap, snap.plans) if snap is not None else ""


def _choices(snap: Snapshot | None) -> list[Choice]:
    what = _topic(snap)
    return [Choice(label=" ".join(label.format(topic=what).split()), value=value) for label, value in EXAMPLES]
