"""Vietnamese words shared by pages, feeds and data: one wording for one thing."""

from __future__ import annotations

from generator.model import Cadence, Status

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
}
"""Names of the fields a correction can concern."""

STATUS_LABELS = {
    Status.NOT_STARTED: "Chưa bắt đầu",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.DONE: "Đã hoàn thành",
    Status.POSTPONED: "Tạm hoãn",
    Status.CANCELLED: "Đã hủy",
}
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
