"""What a question asks for: weighted cue phrases on the folded text, best intents first."""

from __future__ import annotations

import re
from functools import cache

from handlers.understand.plan_topics import earlier_year
from storage.language.kinds import COMMUNE, DISTRICT, PROVINCE, kind_pattern

# The past asked in words; a year before the plans' own ("năm 2023" of a 2024 plan) counts as well (classify).
_PAST_CUE = r"\bket qua nam\b|\bnam (?:truoc|ngoai)\b|\bcon (?:lai )?(?:bao nhieu|may) ho\b|\bho tro\b"
_PAST_WORDS = re.compile(_PAST_CUE)
# intent -> [(pattern on folded, expanded text, weight)]
_COMMUNES = kind_pattern([COMMUNE])  # "thi tran|dac khu|phuong|xa"
# "về đâu", "gửi qua đâu", "nộp cho ai", "báo cáo ai", "cơ quan nào nhận": to whom a report or document goes; a
# verb of sending must stand in the question ("xã A sáp nhập về đâu" asks where a unit went, not a report).
_SENDING = r"\b(?:gui|nop|bao cao|chuyen|trinh)\b"
WHERE_SENT = (
    rf"^(?=.*{_SENDING}).*(?:\b(?:ve|qua|len|toi|den) dau\b|{_SENDING}(?: (?:cho|len|ve|toi|den))? (?:ai|dau)\b"
    rf"|{_SENDING}(?: [a-z]+){{1,8}} cho (?:ai|co quan nao|don vi nao)\b)"
    r"|\b(?:ai|co quan nao|don vi nao|noi nao) (?:se )?(?:tiep )?nhan\b"
)
# "bao nhiêu/mấy" and a counted noun, whatever it counts ("bao nhiêu đảng viên", "mấy trạm y tế"), asks for a
# figure to reach; not a time, money or document counted (those are deadlines, budgets, the plan's number),
# nor "số mấy" (a number) nor "máy tính" (folds like "mấy tính").
_NOT_COUNTED = r"(?:ngay|tuan|thang|nam|gio|lan|tien|trieu|ty|ti|dong|nghin|von|ke hoach|van ban)\b"
# Words that follow "bao nhiêu"/"mấy" without being what is counted ("bao nhiêu một ký", "xe máy là").
_QUESTION_WORD = r"(?:la|mot|moi|cua|va|thi|roi|nua|nhe|nhi|vay|khong|the|cho|voi|o|a)\b"
_COUNTED = (
    rf"(?<!\bso )(?<!\bxe )\b(?:bao nhieu (?!{_NOT_COUNTED})|may (?!{_NOT_COUNTED}|tinh\b))(?!{_QUESTION_WORD})"
    r"[a-z]{2,}"
)
_CUES: dict[str, list[tuple[str, float]]] = {
    "greeting": [(r"^(?:xin )?chao\b|^(?:hello|hi|alo|hey)\b|^chao (?:ban|bot|em|anh|chi)\b", 3)],
    "help": [
        (r"\btro giup\b|\bhuong dan\b|^/?(?:help|start|menu|giup)\b|\blam (?:duoc )?(?:nhung )?gi (?:cho toi|duoc)", 3),
        (r"\bhoi (?:duoc )?(?:nhung )?gi\b|\bban la ai\b|\bbot (?:lam|biet) gi\b|\bcach (?:dung|hoi)\b", 3),
    ],
    "planinfo": [
        (r"\bso (?:hieu )?(?:ke hoach|van ban)\b(?! (?:va )?dau tu)|\bke hoach so (?:may|bao nhieu|nao)\b", 3),
        (r"\bky hieu\b", 3),
        (r"\b(?:theo|thuc hien) (?:ke hoach|van ban|quyet dinh) (?:nao|so may)\b", 3),
        (r"\b(?:ke hoach|van ban)\b.{0,60}\bso (?:may|bao nhieu|nao|hieu)\b", 3),
        (
            r"\bso (?:may|bao nhieu)\b.{0,12}\bngay nao\b|^ke hoach (?:so )?\d+ (?:ban hanh )?(?:ngay nao|khi nao)\W*$",
            3,
        ),
        (r"\b(?:ai|nguoi) ky\b|\bky (?:ke hoach|van ban)\b|\bngay (?:ban hanh|ky)\b|\bban hanh (?:ngay|khi)\b", 3),
        (r"\b(?:co quan|ai|don vi) ban hanh\b|\bdo ai ban hanh\b|\bten ke hoach\b|\btrich yeu\b", 3),
        (r"\bnhung ke hoach nao\b|\bco (?:nhung|cac) ke hoach\b|\bke hoach nao (?:ap dung|cua)\b", 2),
        (r"\bco (?:ke hoach|van ban) (?:gi|nao)\b|\b(?:ke hoach|van ban) (?:gi|nao) (?:ve|noi ve|cho)\b", 2),
    ],
    "basis": [  # weighed above "số mấy": "căn cứ kế hoạch số mấy" asks for the basis, not the plan's own number
        (r"\bcan cu (?:vao )?(?:nhung |cac )?(?:dau|van ban|ke hoach|quyet dinh|nghi quyet|nao|gi)\b", 7),
        (r"\bvan ban can cu\b", 7),
        (r"\b(?:theo|thuc hien|trien khai) (?:ke hoach|van ban|quyet dinh|nghi quyet) (?:nao|so may|gi)\b", 7),
        (r"\bdua (?:tren|vao) (?:van ban|ke hoach|quyet dinh) nao\b|\bke hoach cap tren\b|\bke hoach con\b", 7),
    ],
    "deadline": [
        (r"\bhan\b|\bthoi han\b|\bhet han\b|\bqua han\b|\btre han\b|\bdeadline\b", 2.5),
        (r"\bkhi nao\b|\bbao gio\b|\bngay nao\b|\btruoc ngay\b|\bcon (?:bao nhieu|may) ngay\b|\bmay ngay\b", 2),
        (r"\bnop bao cao\b|\bgui bao cao\b|\bbao cao (?:6 thang|nam|quy|ket qua)\b", 1),
        (WHERE_SENT, 3),  # to whom a report goes: the deadlines and report routes name it
    ],
    "budget": [
        (r"\bkinh phi\b|\bnguon von\b|\bngan sach\b|\bdu toan\b|\bbao nhieu tien\b|\bvon\b|\btrieu\b", 3),
        (r"\bnguon (?:tien|luc tai chinh)\b|\bgiai ngan\b|\bphan bo\b", 1.5),
        (r"\bdu an\b.{0,12}\bcong lai\b|\bcong (?:lai )?(?:cac|tat ca) du an\b", 1.5),  # adding up projects: money
    ],
    "helper": [
        (rf"\bgiup do\b|\bgiup (?:{_COMMUNES})\b|\bduoc phan cong giup\b|\bho tro xa\b", 3),
        (rf"\bphu trach (?:nhung |cac )?(?:{_COMMUNES}|dia ban|don vi)\b", 2),
        (rf"\b(?:giup|ho tro|phu trach|theo doi)\b.*\b(?:{_COMMUNES}|don vi) nao\b", 2),
        (r"\bthanh vien ban chi dao\b|\bdong chi\b|\bco quan nao\b", 1.5),
    ],
    "duty": [
        (r"\bnhiem vu\b|\btrach nhiem\b|\blam gi\b|\bphai lam\b|\bcong viec\b|\bvai tro\b|\bchuc nang\b", 3),
        (r"\bgiao (?:nhung |cac )?(?:gi|viec gi|viec nao)\b", 3),
        (
            r"\bchu tri\b|\bphoi hop\b|\bai phu trach\b|\bphu trach\b|\bphan cong\b|\bthuc hien (?:du an|tieu du an)\b",
            1.5,
        ),
        (r"\b(?:ai|don vi nao|co quan nao)\b.{0,40}\bdu an \d|\bdu an \d+\b.{0,40}\b(?:ai|don vi nao|co quan nao)", 3),
    ],
    "quota": [
        (r"\bchi tieu\b|\bgiao giam\b|\bduoc giao\b", 3),
        (r"\bgiam (?:duoc )?(?:bao nhieu|may) ho\b|\bphai giam\b|\bgiam (?:bao nhieu|may)\b", 3),
        (rf"\b(?:{_COMMUNES}|don vi) nao (?:cao|nhieu|thap|it)\b|\bxep hang\b", 2),
        (rf"\b(?:cong|tong) (?:cac|tat ca|nhung) (?:{_COMMUNES})\b", 2),  # "cộng các thị trấn lại"
    ],
    "target": [
        (r"\bty le\b|\bti le\b|\bphan dau\b|\bmuc tieu\b|\bchi so\b", 3),
        (r"\bbao nhieu %|\bdat bao nhieu\b|\bcon bao nhieu\b", 2),
        (_COUNTED, 2),
        (r"\bso ho\b|^so (?:ho|xa|thon|huyen|nguoi|lao dong|hoc sinh|tre em)\b", 2),
        (_PAST_CUE, 1.5),
    ],
}
# Where or when a report goes ("báo cáo tiến độ giải ngân vốn gửi đâu", "hạn báo cáo quyết toán kinh phí"): a
# report route or deadline, however much money the report is about.
_REPORT_ROUTE = re.compile(
    r"\bbao cao\b.*\b(?:gui|nop|chuyen)(?: (?:ve|toi|len|cho|o))? (?:dau|ai|co quan nao|don vi nao|noi nao)\b"
    r"|\bbao cao\b.*\b(?:khi nao|bao gio|ngay nao|thoi han|han)\b|\b(?:han|thoi han)\b.*\bbao cao\b"
)
_COMPILED = {name: [(re.compile(p), w) for p, w in cues] for name, cues in _CUES.items()}

RANKING = re.compile(
    r"\b(?:cao|nhieu|lon) nhat\b|\b(?:thap|it|nho) nhat\b|\bxep hang\b|\bdung dau\b"
    r"|\b(?:nhieu|it)(?: [a-z]+){1,4} nhat\b"
)
LOWEST = re.compile(r"\b(?:thap|it|nho) nhat\b|\bcuoi bang\b|\bit(?: [a-z]+){1,4} nhat\b")
# Which unit stands first: a ranking of the units, whatever the figure ("huyện nào có tỷ lệ ... cao nhất").
_WHICH_UNIT = re.compile(rf"\b(?:{kind_pattern()}|don vi|dia phuong) nao\b")
# Units set side by side: "so sánh xã A và xã B", "so sánh hai xã" (their figures, before the plan's own).
_COMPARE = re.compile(r"\bso sanh\b")
_KIND_WORD = re.compile(rf"\b(?:{kind_pattern()})\b")
TOTAL = re.compile(
    rf"\btong\b|\btoan (?:{kind_pattern([PROVINCE, DISTRICT, COMMUNE])})\b|\bcac xa\b|\btat ca\b|\bcong lai\b"
    r"|\bcong (?:cac|tat ca|nhung)\b"
)
OWN = re.compile(
    rf"\b(?:{kind_pattern()}|don vi|dia phuong) (?:minh|toi|chung toi|nha|em|nay)\b"
    r"|\bcua (?:toi|minh|chung toi|em)\b|\b(?:toi|em|minh) (?:phai|can|co)\b|^(?:toi|em|minh)\b"
)


@cache
def cue_words() -> frozenset[str]:
    """The words the intent cues are written in ("han", "chi", "tieu", "giao"): they ask, they name no topic."""
    text = " ".join(pattern for cues in _CUES.values() for pattern, _ in cues)
    return frozenset(w for w in re.findall(r"[a-z]{2,}", re.sub(r"\\[a-zA-Z]", " ", text)))


def first_cue(folded: str, start: int = 0) -> int:
    """Where the first phrase asking for something begins at or after start; the text's length if none."""
    found = [m.start() for cues in _COMPILED.values() for pattern, _ in cues if (m := pattern.search(folded, start))]
    return min(found, default=len(folded))


def score(folded: str) -> dict[str, float]:
    """Each intent's weight for a folded question (intents without a cue are left out)."""
    out: dict[str, float] = {}
    for name, cues in _COMPILED.items():
        total = sum(weight for pattern, weight in cues if pattern.search(folded))
        if total:
            out[name] = total
    return out


def classify(
    folded: str, has_person: bool = False, has_office: bool = False, plans_year: int | None = None
) -> list[str]:
    """Intents, best first; greeting/help only win for short messages without another cue. plans_year: the
    year "the past" is relative to (a year named before it asks for results)."""
    scores = score(folded)
    if plans_year is not None and not _PAST_WORDS.search(folded) and earlier_year(folded, plans_year):
        scores["target"] = scores.get("target", 0) + 1.5
    if has_person:
        scores["helper"] = scores.get("helper", 0) + 3
    if has_office and "helper" in scores and re.search(rf"\b(?:{_COMMUNES}|don vi) nao\b", folded):
        scores["helper"] += 2
    if RANKING.search(folded):  # comparing units: their quotas, before the plan's own targets
        scores["quota"] = scores.get("quota", 0) + 3.5 + (3 if _WHICH_UNIT.search(folded) else 0)
    if _COMPARE.search(folded) and (len(_KIND_WORD.findall(folded)) >= 2 or re.search(r"\bhai\b", folded)):
        scores["quota"] = scores.get("quota", 0) + 3.5
    if "budget" in scores and _REPORT_ROUTE.search(folded):
        scores["deadline"] = max(scores.get("deadline", 0), scores["budget"] + 1)
    if "deadline" in scores and "budget" not in scores and "helper" not in scores:
        scores["deadline"] += 1
    ranked = sorted(scores, key=lambda k: -scores[k])
    if ranked and ranked[0] in ("greeting", "help") and len(folded.split()) > 6 and len(ranked) > 1:
        ranked = ranked[1:] + ranked[:1]
    if "target" in ranked and "quota" not in ranked:
        ranked.append("quota")
    if ranked and ranked[0] not in ("greeting", "help") and "target" not in ranked:
        ranked.append("target")
    return ranked


def wants_ranking(folded: str) -> bool:
    """ "xã nào cao nhất", "thấp nhất", "xếp hạng"."""
    return bool(RANKING.search(folded))


def wants_lowest(folded: str) -> bool:
    """Whether a ranking asks for the lowest first."""
    return bool(LOWEST.search(folded))


def wants_total(folded: str) -> bool:
    """ "tổng", "toàn huyện", "các xã"."""
    return bool(TOTAL.search(folded))


def about_self(folded: str) -> bool:
    """ "xã mình", "của tôi", "tôi phải...": the asker's own unit."""
    return bool(OWN.search(folded))
