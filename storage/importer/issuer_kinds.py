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
    # the socio-political organisations under the Front, each of which plans its own campaigns
    (("hoi lien hiep phu nu", "hoi lhpn", "hlhpn"), "hpn", "Hội Liên hiệp Phụ nữ"),
    (("hoi nong dan",), "hnd", "Hội Nông dân"),
    (("hoi cuu chien binh", "hoi ccb"), "hccb", "Hội Cựu chiến binh"),
    (("doan tncs", "doan thanh nien", "ban chap hanh doan", "bch doan"), "tndt", "Đoàn Thanh niên"),
    (("lien doan lao dong", "cong doan"), "ldld", "Công đoàn"),
    (("uy ban nhan dan", "ubnd"), "ubnd", "UBND"),
    (("dang uy", "tinh uy", "huyen uy", "thanh uy", "quan uy", "thi uy", "dang bo"), "du", "cấp ủy Đảng"),
    (("so ",), "so", "Sở"),
    (("phong ",), "phong", "Phòng"),
    (("ban ",), "ban", "Ban"),
]
_LEVELS = {"tinh": "tỉnh", "thanh pho": "tỉnh", "huyen": "huyện", "quan": "huyện", "thi xa": "huyện",
           "xa": "xã", "phuong": "xã", "thi tran": "xã", "dac khu": "xã"}  # fmt: skip
_LOCALITY_STARTS = ("tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "xa ", "phuong ", "thi tran ", "dac khu ")
# The standing organ of the body named above it ("ỦY BAN MTTQ VIỆT NAM XÃ X" / "BAN THƯỜNG TRỰC"): it signs for that
# body, so the body stays the issuer.
_STANDING_ORGANS = ("ban thuong truc", "thuong truc", "ban thuong vu")
_SYMBOL = re.compile(r"^\d+[-/]?\s*KH\s*[-/]\s*(.+)$", re.IGNORECASE)


def is_motto(line: str) -> bool:
    """Whether a header line is the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do -
    Hạnh phúc"), which stands beside the issuer by the standard and names no body."""
    folded = fold(line)
    return "cong hoa" in folded or "doc lap" in folded


def issuer_body(top: list[str]) -> tuple[str | None, str | None]:
    """The lowest body named in the issuer block above the title, as written, and its kind; (None, None) if none.

    A locality line right after a body without one completes its name ("ỦY BAN MTTQ VIỆT NAM" / "XÃ HÒA BÌNH");
    a standing organ's line under a body ("BAN THƯỜNG TRỰC") leaves the body as the issuer.
    """
    body: tuple[str | None, str | None] = (None, None)
    for line in top:
        folded = fold(line).strip() + " "
        if is_motto(line) or not line.isupper():
            continue
        found = next((label for starts, _s, label in _KINDS if folded.startswith(starts)), None)
        if body[0] is not None and folded.startswith(_STANDING_ORGANS):
            continue
        if found:
            body = (line.strip(), found)
        elif body[0] is not None and folded.startswith(_LOCALITY_STARTS) and not _names_locality(body[0]):
            body = (f"{body[0]} {line.strip()}", body[1])
    return body


def _names_locality(name: str) -> bool:
    folded = f" {fold(name)} "
    return any(f" {word.strip()} " in folded for word in _LOCALITY_STARTS)


def issuer_kind(top: list[str], number: str | None, issuer_kind_word: str | None) -> str | None:
    """ "UBND cấp tỉnh", "Ủy ban MTTQ", "Ban Chỉ đạo", "Sở"...; None when neither the block nor the number says.

    top: the upper-case lines above the title; the lowest body named there is the issuer.
    issuer_kind_word: the kind of the issuer's locality ("tỉnh", "xã"...), for the level of a committee.
    """
    kind = issuer_body(top)[1]
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
