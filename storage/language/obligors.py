"""Which unit levels owe a deadline: one rule for questions and reminders alike.

The rule, read from how plans name who must act (the assignee or obligor of a clause):

1. A unit kind named in the obligor gives its level: "UBND các xã, thị trấn" 3, "Trưởng thôn" 4,
   "UBND huyện, thị xã" 2, "Công an tỉnh" 1. The kind also places an agency: "Trạm y tế xã" 3,
   "Bảo hiểm xã hội huyện" 2. Words that only look like kinds are not: "xã hội", "thị xã" is not
   "xã", "quan" is "quận" only as a unit ("UBND quận", "các quận", "huyện, quận"),
   not "cơ quan", "quân sự", "liên quan", "nông thôn" is not "thôn", "cơ sở" is not "Sở".
2. "Thành phố" is a district-level city (2) when listed with districts or in the plural ("UBND các
   huyện, thành phố"); otherwise it is a province-level city (1), as "thành phố trực thuộc trung ương".
3. A "Sở" is a provincial department (1): no other level has one.
4. "Công chức <lĩnh vực>" ("Công chức Văn hóa - Xã hội", "Công chức Địa chính") is a commune post (3):
   the law names these titles for communes; higher levels name their offices instead.
5. An office or body with no kind of its own ("Phòng Tư pháp", "các sở, ban, ngành", "Cơ quan thường
   trực", "Văn phòng", "Mặt trận Tổ quốc", "các đoàn thể", "Thành viên Ban Chỉ đạo") works for the
   unit that issued the plan, so it owes at the issuer's level. Each part of an enumeration ("các sở,
   ngành và UBND các xã") is read on its own, so this adds to the levels the other parts name.
   Bodies outside the administration that a plan asks to act in the issuer's area count the same way:
   businesses and their associations ("các doanh nghiệp viễn thông", "Hiệp hội Doanh nghiệp"), press
   and broadcasting ("Báo và Phát thanh, Truyền hình tỉnh"), organisations ("các tổ chức"), state
   agencies' branches, institutes and schools ("Ngân hàng Nhà nước - Chi nhánh Khu vực II", "Viện, Trường",
   "Thuế tỉnh", "Chi cục Hải quan khu vực XI", "Kiểm toán nhà nước khu vực II").
6. "các cấp" means every level from the issuer down. "địa phương" is not "phường": "các địa phương" are the
   units below the issuer, down to the communes (a commune's are its villages).
7. Anything else ("đơn vị liên quan", no obligor) names no level: None, and the caller decides
   (reminders go to the whole subtree; questions fall back to the recipient).
"""

from __future__ import annotations

import re

from storage.language.kinds import COMMUNE, DISTRICT, PROVINCE, VILLAGE
from storage.language.normalize import fold_expand

_DISTRICT = re.compile(r"\bhuyen\b|\bthi xa\b|(?:\b(?:cac|cap|uy ban nhan dan)|,) quan\b|(?<!co )(?<!lien )\bquan\s*,")
# Folded kind words that name a level in an obligor, with the words they must not be part of.
_LEVEL_WORDS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"(?<!nong )\bthon\b|\bxom\b|\bto dan pho\b|\bkhu pho\b"), VILLAGE),
    (re.compile(r"(?<!thi )\bxa\b(?! hoi)|\bthi tran\b|(?<!dia )\bphuong\b|\bdac khu\b|\bcong chuc\b"), COMMUNE),
    (_DISTRICT, DISTRICT),
    (re.compile(r"\btinh\b(?! hinh| than)|\bthanh pho truc thuoc trung uong\b|(?<!co )\bso\b"), PROVINCE),
]
_CITY = re.compile(r"\bthanh pho\b(?! truc thuoc trung uong)")
_PLURAL_CITY = re.compile(r"\b(?:cac|nhung) (?:[a-z ]+, )*thanh pho\b")
# Offices, posts and bodies that serve the unit issuing the plan.
_OWN_BODIES = re.compile(
    r"\b(?:phong|ban|nganh|co quan|van phong|bo phan|can bo|doan the|mat tran to quoc|uy ban nhan dan|"
    r"trung tam|thanh vien|doanh nghiep|hiep hoi|lien hiep|to chuc|phat thanh|truyen hinh|bao chi|"
    r"ngan hang|kho bac|chi nhanh|chi cuc|thue|kiem toan|vien|truong|cap uy|dang uy)\b"
    r"|(?<!xa )\bhoi\b"
)
_EVERY_LEVEL = re.compile(r"\bcac cap\b")
_LOCALITIES = re.compile(r"\bdia phuong\b")


def obligor_levels(obligor: str | None, issuer_level: int | None) -> frozenset[int] | None:
    """The unit levels an obligor names (see the module docstring); None when it names none."""
    who = fold_expand(obligor or "")
    if not who:
        return None
    if _EVERY_LEVEL.search(who):
        return frozenset(range(issuer_level or PROVINCE, VILLAGE + 1))
    levels: set[int] = set()
    for part in re.split(r"\bva\b|;", who):
        found = {level for pattern, level in _LEVEL_WORDS if pattern.search(part)} | _city_levels(part, who)
        if not found and issuer_level is not None and _OWN_BODIES.search(part):
            found = {issuer_level}
        levels |= found | _localities(part, issuer_level)
    return frozenset(levels) or None


def _localities(part: str, issuer_level: int | None) -> set[int]:
    """The levels "các địa phương" of a part names (rule 6): below the issuer, down to the communes."""
    if issuer_level is None or not _LOCALITIES.search(part):
        return set()
    return set(range(issuer_level + 1, max(COMMUNE, issuer_level + 1) + 1))


def _city_levels(part: str, who: str) -> set[int]:
    """A "thành phố" of a part (rule 2): a district-level city among districts or in the plural, else 1."""
    if not _CITY.search(part):
        return set()
    among_districts = _DISTRICT.search(who)
    return {DISTRICT} if among_districts or _PLURAL_CITY.search(part) else {PROVINCE}
