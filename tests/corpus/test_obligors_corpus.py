"""The one obligor rule against every obligor and assignee the importer reads from the sample and real plans."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.importer.facts import extract_facts
from storage.importer.reader import read_document
from storage.importer.structure import parse_document
from storage.language.kinds import kind_of
from storage.language.obligors import obligor_levels

SHARED = Path(os.environ.get("KEHOACH_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
PLANS = sorted((SHARED / "plans").glob("*.txt")) + sorted((SHARED / "plans-real").glob("[0-9]*.md"))
if not PLANS:
    pytest.skip(f"corpus not found at {SHARED} (set KEHOACH_SHARED=PATH to run)", allow_module_level=True)

# What the plans mean by these obligors, with the issuer's level; checked wherever they occur.
MEANT: dict[str, frozenset[int]] = {
    "UBND các xã, thị trấn": frozenset({3}),
    "Các sở, ngành Tỉnh và UBND huyện, thành phố": frozenset({1, 2}),
    "Sở Khoa học và Công nghệ": frozenset({1}),
    "Phòng Lao động - Thương binh và Xã hội": frozenset({2}),
    "Các phòng, ban, ngành cấp huyện và UBND các xã, thị trấn": frozenset({2, 3}),
    "Sở Tài chính và Ủy ban nhân dân các xã, phường": frozenset({1, 3}),
    "Bảo hiểm xã hội huyện": frozenset({2}),
    "Trạm y tế xã": frozenset({3}),
    "Bộ Chỉ huy Quân sự tỉnh": frozenset({1}),
    "Ban quản lý các thôn": frozenset({4}),
    "Công chức Văn Hóa – Xã hội phụ trách lĩnh vực Lao động thương bình & xã hội": frozenset({3}),
    "Ủy ban nhân dân huyện, thành phố": frozenset({2}),
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội trực thuộc": frozenset({1}),
}
# Obligors that name no unit level at all: the caller decides (whole subtree, or the recipient).
NO_LEVEL = {"đơn vị liên quan", "Các đơn vị có liên quan", "Ngân hàng nhà nước Việt"}


def _who_owes() -> list[tuple[str, str, int | None]]:
    """(plan file, obligor or assignee, issuer level) for every deadline and duty the plans state."""
    found = []
    for path in PLANS:
        document = parse_document(read_document(path))
        issuer = document.header.issuer
        kind = kind_of(issuer.kind) if issuer is not None else None
        level = kind.level if kind is not None else None
        facts = extract_facts(document)
        names = [d.obligor for d in facts.deadlines] + [d.assignee for d in facts.duties]
        found.extend((path.name, name.strip(), level) for name in names if name and name.strip())
    return found


WHO_OWES = _who_owes()


def test_the_corpus_names_enough_obligors() -> None:
    assert len({name for _, name, _ in WHO_OWES}) >= 30
    assert sum(name in MEANT for _, name, _ in WHO_OWES) >= len(MEANT) // 2


@pytest.mark.parametrize(("plan", "who", "issuer"), WHO_OWES, ids=lambda v: str(v)[:40])
def test_every_obligor_owes_at_a_level_the_plan_means(plan: str, who: str, issuer: int | None) -> None:
    levels = obligor_levels(who, issuer)
    if who in MEANT:
        assert levels == MEANT[who], plan
    elif who in NO_LEVEL or issuer is None:
        assert levels is None or levels <= {1, 2, 3, 4}
    else:
        assert levels, f"{plan}: {who!r} names no level"
        assert levels <= {1, 2, 3, 4}
