"""What kind of body issued a plan: from the issuer block above the title, else from the number's symbol.

By the standard (Nghị định 30/2020/NĐ-CP) the issuing body's name is printed above the title, under its
superior's when it has one ("UBND TỈNH X" above "SỞ Y TẾ"), and the number's symbol ends with the body's
abbreviation ("KH-UBND", "KH-MTTQ-BTT", "KH-BCĐ", "KH/ĐU").
"""

from __future__ import annotations

import re

from storage.language.text import fold

# (folded words that open the body's name, folded symbol part, kind as printed); the most specific first
_KINDS = [
    (("ban chi dao", "bcd "), "bcd", "Ban Chỉ đạo"),
    (("uy ban mat tran", "uy ban mttq", "ubmttq", "mat tran to quoc"), "mttq", "Ủy ban MTTQ"),
    (("hoi dong nhan dan", "hdnd"), "hdnd", "HĐND"),
    (("uy ban nhan dan", "ubnd"), "ubnd", "UBND"),
    (("dang uy", "tinh uy", "huyen uy", "thanh uy", "quan uy", "thi uy", "dang bo"), "du", "cấp ủy Đảng"),
    (("so ",), "so", "Sở"),
    (("phong ",), "phong", "Phòng"),
    (("ban ",), "ban", "Ban"),
]
_LEVELS = {"tinh": "tỉnh", "thanh pho": "tỉnh", "huyen": "huyện", "quan": "huyện", "thi xa": "huyện",
           "xa": "xã", "phuong": "xã", "thi tran": "xã", "dac khu": "xã"}  # fmt: skip
_SYMBOL = re.compile(r"^\d+[-/]?\s*KH\s*[-/]\s*(.+)$", re.IGNORECASE)


def issuer_kind(top: list[str], number: str | None, issuer_kind_word: str | None) -> str | None:
    """ "UBND cấp tỉnh", "Ủy ban MTTQ", "Ban Chỉ đạo", "Sở"...; None when neither the block nor the number says.

    top: the upper-case lines above the title; the lowest body named there is the issuer.
    issuer_kind_word: the kind of the issuer's locality ("tỉnh", "xã"...), for the level of a committee.
    """
    kind = None
    for line in top:
        folded = fold(line).strip() + " "
        if "cong hoa" in folded or "doc lap" in folded:
            continue
        found = next((label for starts, _s, label in _KINDS if folded.startswith(starts)), None)
        kind = found or kind
    if kind is None and number:
        kind = _kind_from_symbol(number)
    if kind is None and issuer_kind_word:
        kind = "UBND"  # the issuer was read from "UBND xã X ban hành Kế hoạch": only committees are read so
    if kind in ("UBND", "HĐND") and issuer_kind_word:
        level = _LEVELS.get(fold(issuer_kind_word))
        return f"{kind} cấp {level}" if level else kind
    return kind


def _kind_from_symbol(number: str) -> str | None:
    match = _SYMBOL.match(number.replace(" ", ""))
    if not match:
        return None
    parts = [fold(part) for part in re.split(r"[-/]", match.group(1)) if part]
    for _starts, symbol, label in _KINDS:
        if parts and parts[0] == symbol:
            return label
    return None
