"""Vietnamese words shared by pages, feeds and data: one wording for one thing."""

from __future__ import annotations

import unicodedata

from generator.domain.model import Cadence, ChangeKind, Correction, Status, Ward

CADENCES = {
    Cadence.WEEKLY: "hằng tuần",
    Cadence.EVERY_2_WEEKS: "2 tuần/lần",
    Cadence.MONTHLY: "hằng tháng",
    Cadence.QUARTERLY: "hằng quý",
}
"""How often a review meeting is held, as the document words it."""

CADENCE_LABELS = {
    **{cadence: f"Giao ban chuyên đề {words}" for cadence, words in CADENCES.items()},
    Cadence.NONE: "Văn bản không quy định lịch giao ban",
}

KEY_TASKS = "Nhiệm vụ trọng tâm"

FIELD_LABELS = {
    "deadline": "Thời hạn",
    "lead": "Chủ trì",
    "number": "Số thứ tự",
    "content": "Nội dung",
    "heading": "Tiêu đề tháng",
    "cadence": "Giao ban",
    "title": "Tên chương trình",
    "issuer": "Cơ quan ban hành",
    "document_number": "Số hiệu văn bản",
    "issued_on": "Ngày ban hành",
    "month": "Tháng",
    "parent": "Mục cha",
}
"""Names of the fields a correction can concern."""
KEPT_AS_WRITTEN = "giữ nguyên như văn bản"
NOT_STATED = "không ghi"
"""What the site shows of a document's detail (number, effective date…) the data does not give."""
BLANK = "(để trống)"

STATUS_LABELS = {
    Status.NOT_STARTED: "Chưa bắt đầu",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.DONE: "Đã hoàn thành",
    Status.POSTPONED: "Tạm hoãn",
    Status.CANCELLED: "Đã hủy",
}
CHANGE_LABELS = {
    ChangeKind.ISSUED: "Có trong chương trình ban hành ngày này",
    ChangeKind.PUBLISHED: "Đăng lên trang ngày này (văn bản không ghi ngày ban hành)",
    ChangeKind.ADDED: "Thêm nhiệm vụ",
    ChangeKind.AMENDED: "Điều chỉnh",
    ChangeKind.MINOR: "Sửa lỗi chữ",
    ChangeKind.REMOVED: "Bỏ nhiệm vụ",
    ChangeKind.REPORTED: "Báo cáo tiến độ",
}
NO_DECISION = "Không ghi văn bản điều chỉnh"
"""What the site says of a change that came without an `amendments` record."""
NO_REPORT = "Chưa cập nhật tiến độ"
"""What the site says of a task without a progress record: never more than that."""


def month_title(year: int, month: int) -> str:
    return f"Tháng {month}/{year}"


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with '…' when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–-") + "…"


def correction_sentence(c: Correction) -> str:
    """'Thời hạn: văn bản ghi «…», đọc là «…». Lý do.' (the macro `correction_words` is its
    HTML twin)."""
    read = f", đọc là «{c.read_as}»" if c.read_as is not None else f", {KEPT_AS_WRITTEN}"
    written = c.as_written or BLANK
    return f"{FIELD_LABELS.get(c.field, c.field)}: văn bản ghi «{written}»{read}. {c.reason}"


def ward_place(ward: Ward) -> str:
    """'phường An Biên'."""
    return f"{ward.kind} {ward.name}"


SITE_KIND = "Chương trình công tác"
"""What the site is, the first half of its name (the header's first line on phones)."""


def site_title(ward: Ward) -> str:
    """The site's name: 'Chương trình công tác – phường An Biên' (plain text, not escaped)."""
    return f"{SITE_KIND} – {ward_place(ward)}"


def site_description(ward: Ward) -> str:
    """The site's description, for pages that have none of their own (plain text)."""
    return (
        f"Chương trình công tác năm của {ward.issuer}, {ward.city}, theo tháng, theo đơn vị, "
        "lịch và dữ liệu mở."
    )


TITLE_CHARS = 60
"""Longest calendar title (SUMMARY): a phone's month view shows about ten characters of it."""
LEAD_CHARS = 24
"""Longest lead-unit name in a title, so that the task keeps most of the room."""
DOCUMENT_KINDS = tuple(
    (f"{making}kế hoạch{doing}", "KH")
    for making in ("xây dựng và ban hành ", "xây dựng ", "")
    for doing in (" thực hiện", " tổ chức", "")
) + (("báo cáo", "BC"),)
"""Openings shared by many tasks, moved to the end of a title as the usual abbreviation."""
MEETING_KIND = "giao ban"


CANCELLED_TITLE = "Đã hủy: "
"""Opens the title of a cancelled task's event (and of a removed task's tombstone)."""


def event_title(text: str, lead: str = "", kind: str = "", prefix: str = "") -> str:
    """A calendar title: what distinguishes the record first, then its kind and lead unit.

    'Kế hoạch cải cách hành chính năm 2026' led by Phòng VH-XH becomes 'Cải cách hành chính
    năm 2026 (KH) · Phòng VH-XH'. `lead` is empty where the feed is the unit's own; `kind`
    replaces the abbreviation found in the text. Never longer than TITLE_CHARS.
    """
    text = " ".join(unicodedata.normalize("NFC", text).split())
    for opening, abbreviation in DOCUMENT_KINDS:
        rest = text[len(opening) :]
        if text[: len(opening)].lower() == opening and rest[:1] == " " and rest.strip():
            text, kind = rest.strip(), kind or abbreviation
            break
    text = text[:1].upper() + text[1:]
    tail = (f" ({kind})" if kind else "") + (f" · {shorten(lead, LEAD_CHARS)}" if lead else "")
    return prefix + shorten(text, TITLE_CHARS - len(prefix) - len(tail)) + tail


REMOVED_EVENT = (
    "Sự kiện này đã bị bỏ khỏi lịch: nhiệm vụ không còn trong chương trình công tác "
    "hoặc không còn thời hạn cố định."
)
"""First line of the description of a tombstone (a task whose event is gone)."""
