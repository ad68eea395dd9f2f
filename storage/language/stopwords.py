"""Stop words: the words each kind of reading skips, in one place (folded, each listed once)."""

from __future__ import annotations

from storage.language.kinds import kind_words


def _words(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


# One-word unit kinds ("xa", "huyen", "thon"): a question names them, but they pick no fact.
_KINDS = frozenset(w for w in kind_words() if " " not in w)


# Words a writer uses for their own unit ("xã mình", "chúng tôi", "em đã").
OWN_WORDS: frozenset[str] = _words("chung da dang duoc em minh nha ta toi")

# Words that never start or continue a unit name after a kind word ("xã mình", "xã hội", "huyện năm nay").
NOT_NAME: frozenset[str] = _words(
    "a anh ay ban bao biet ca cac can chi cho chua chung co con cong cua cuoi da dac dan dang dau de den "
    "do doi dong duoc em gi giam gio giup hai han hay hien ho hoach hoi ke khac khan khi kho khong kinh "
    "la lai lan luc may minh moi mot muon nam nao nay ngay ngoai nhan nhe nhi nhiem nhu nhung nua "
    "oi phai phan phi ra sau se ta thang the theo thi thuoc tieu toan toi tong trach tren trong truoc tu "
    "tung u uy va vay ve voi von vu"
)

# Question words that say nothing about the topic of a question.
QUESTION_STOP: frozenset[str] = _words(
    "a ai anh ban bao bot cac cam can chao chi cho co con cua da dang dau den do duoc em gi hay hoi khi "
    "khong la lam may minh mot muon nao nay nhe nhi nhieu nhung nua oi on phai roi sao se the theo thi "
    "toi tren trong tu u va vay ve voi xin"
)

# Words of a question that do not tell one plan's title from another's: question words, unit kinds (of one
# word or two: "thành phố", "thị trấn"), the issuing committee, the document kind and its time frame ("kế
# hoạch năm 2025 của Ủy ban nhân dân xã").
# "thi" ("thì") stays: titles hold it in "thi đua", "thi hành".
PLAN_PLAIN: frozenset[str] = (
    (QUESTION_STOP - {"thi"}) | _KINDS | _words("ban dia doan giai hoach ke nam nhan pho thanh tran uy")
)

# Words of "ai chủ trì, theo dõi, đôn đốc kế hoạch ..." that ask for the plan's lead and name no task of it.
PLAN_LEAD_ASKED: frozenset[str] = _words(
    "ai ben chu co cua dau do doc doi don dan hien huong khai kiem la moi muu nao noi phu quan so tham theo thuc "
    "thuong tra trach tri trien truc vi"
)

# Words of "do cơ quan nào chủ trì, phối hợp thực hiện ..." that ask who does a task and name no task.
TASK_LEAD_ASKED: frozenset[str] = _words("chu co don hien hop nao nganh phoi phu quan so thuc trach tri vi")

# Words too common in assignee names to identify one ("Phòng", "Sở", "Công chức", "các xã").
ASSIGNEE_GENERIC: frozenset[str] = _words(
    "ban cac chinh chuc co cong cua dan dao de doan don hoi huyen lanh linh nganh nghi nhan pho phong phu "
    "phuong quan so thanh the thi tinh to tp trach tran tri truong uy va vi vien vuc xa"
)

# Words of a deadline question that do not pick a report: "hạn", "nộp", the unit's kind ("các hạn của xã").
DEADLINE_PLAIN: frozenset[str] = _words("bao cao han het nam ngay nop thoi truoc") | _KINDS

# Words of a quota question or indicator that do not pick the indicator.
QUOTA_PLAIN: frozenset[str] = _words("cac chi cua cuoi huyen nam so thon tieu tinh va xa")

# Words that do not begin the name written after "Dự án N".
PROJECT_NAME_STOP: frozenset[str] = _words("cua da do la nam thuoc tieu trong va voi")

# Words of an indicator that do not tell it apart when matching a progress report to it.
REPORT_STOP: frozenset[str] = _words(
    "a ban bao cac cao chi cho cua da dat den do duoc giao hoach hien ke luy nam nay nhe roi so tai the tieu trong va"
)

# Words of a question about a project that ask nothing beyond the project itself ("dự án 4 gồm gì, ai chủ trì").
ABOUT_PROJECT: frozenset[str] = _words("ai chu cu dung gom hien kinh noi phi ten the thuc tri")

# Words of a "đã nộp báo cáo ..." message that do not pick the deadline.
DONE_WORDS: frozenset[str] = _words("bao cao cua da gui hoan nop roi thanh xa xong")

# Words of a reminder command around its duration and subject ("dừng nhắc hạn này giúp em").
REMINDER_FILLER: frozenset[str] = _words(
    "a bo cai can cho di dung em giup gui han huy khong lai minh muon nay nhac nho nhe ngung nua tat thoi toi "
    "ve viec xa"
)
