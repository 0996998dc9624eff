"""Dates as Vietnamese documents write them, parsed and formatted.

Deadlines are `15/01/2026`, `1/3/2026`, a range `10-20/3/2026` (or `28/2-3/3/2026`), or
"theo KH" / "theo kế hoạch" (per plan, no fixed date).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata

from generator.domain.model import Deadline, DeadlineKind

_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RANGE_SAME_MONTH = re.compile(r"^(\d{1,2})\s*[-–]\s*(\d{1,2})/(\d{1,2})/(\d{4})$")
_RANGE_TWO_MONTHS = re.compile(r"^(\d{1,2})/(\d{1,2})\s*[-–]\s*(\d{1,2})/(\d{1,2})/(\d{4})$")
_RANGE_FULL = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4})\s*[-–]\s*(\d{1,2}/\d{1,2}/\d{4})$")
DATE_PATTERNS = (_DATE.pattern, _ISO.pattern)
"""The written forms of one date, as regular expressions (the web editor's forms use them)."""
DEADLINE_PATTERNS = (
    *DATE_PATTERNS,
    *(p.pattern for p in (_RANGE_SAME_MONTH, _RANGE_TWO_MONTHS, _RANGE_FULL)),
)
"""The written forms of a dated deadline: one date or a range ('theo KH' aside)."""

VIETNAM = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")
"""Vietnam's time: UTC+7 all year, no daylight saving."""

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


class DateError(ValueError):
    """A date that cannot be read; the message is Vietnamese and says what would be right."""


def fold_accents(text: str) -> str:
    """Lower-case text without diacritics ('Bầu cử' → 'bau cu'), for matching and search."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_per_plan(text: str) -> bool:
    return fold_accents(text).strip().rstrip(".") in {"theo kh", "theo ke hoach"}


FIRST_YEAR, LAST_YEAR = 1945, 2100
"""Years a programme's date may fall in; anything else is a typo (and would break feeds)."""
LAST_EPOCH = int(dt.datetime(LAST_YEAR, 12, 31, 16, 59, 59, tzinfo=dt.UTC).timestamp())
"""The last second of LAST_YEAR in Vietnam."""


def make_date(day: int, month: int, year: int, written: str) -> dt.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(
            f"năm {year} trong '{written}' nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR}; "
            "kiểm tra lại năm, ví dụ 15/01/2026"
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(
            f"ngày không tồn tại: '{written}' (tháng {month}/{year} không có ngày {day}); "
            "viết ngày theo dạng ngày/tháng/năm, ví dụ 15/01/2026"
        ) from None


def parse_date(text: str) -> dt.date:
    """A single date, `dd/mm/yyyy` (one or two digits) or ISO `yyyy-mm-dd`."""
    text = text.strip()
    if m := _DATE.match(text):
        return make_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _ISO.match(text):
        return make_date(int(m[3]), int(m[2]), int(m[1]), text)
    raise DateError(
        f"không đọc được ngày '{text}'; viết theo dạng ngày/tháng/năm, ví dụ 15/01/2026"
    )


def parse_deadline(text: str, as_written: str | None = None) -> Deadline:
    """Parse a deadline cell; `as_written` (default: `text`) is kept beside the parsed value."""
    written = text if as_written is None else as_written
    cell = " ".join(text.split())
    if is_per_plan(cell):
        return Deadline(DeadlineKind.PER_PLAN, None, None, written)
    if _DATE.match(cell) or _ISO.match(cell):
        day = parse_date(cell)
        return Deadline(DeadlineKind.DATE, day, day, written)
    start, end = _parse_range(cell)
    if end < start:
        raise DateError(
            f"khoảng ngày '{cell}' kết thúc ({end:%d/%m/%Y}) trước khi bắt đầu "
            f"({start:%d/%m/%Y}); đổi lại thứ tự hai ngày"
        )
    return Deadline(DeadlineKind.RANGE, start, end, written)


def _parse_range(cell: str) -> tuple[dt.date, dt.date]:
    if m := _RANGE_SAME_MONTH.match(cell):
        month, year = int(m[3]), int(m[4])
        return make_date(int(m[1]), month, year, cell), make_date(int(m[2]), month, year, cell)
    if m := _RANGE_TWO_MONTHS.match(cell):
        year = int(m[5])
        return (
            make_date(int(m[1]), int(m[2]), year, cell),
            make_date(int(m[3]), int(m[4]), year, cell),
        )
    if m := _RANGE_FULL.match(cell):
        return parse_date(m[1]), parse_date(m[2])
    raise DateError(
        f"không đọc được thời hạn '{cell}'; viết một ngày (15/01/2026), một khoảng ngày "
        "(10-20/3/2026) hoặc 'theo KH'"
    )


def format_date(day: dt.date) -> str:
    """'15/01/2026'."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_long(day: dt.date) -> str:
    """'Thứ Năm, 15/01/2026'."""
    return f"{WEEKDAYS[day.weekday()]}, {format_date(day)}"


def vietnam_date(moment: dt.datetime) -> dt.date:
    """The day a UTC moment falls on in Vietnam."""
    return moment.astimezone(VIETNAM).date()


def format_deadline(deadline: Deadline) -> str:
    """A deadline in Vietnamese form: 'Thứ Năm, 15/01/2026', '10–20/3/2026', 'Theo kế hoạch'."""
    if deadline.kind is DeadlineKind.PER_PLAN or deadline.start is None or deadline.end is None:
        return "Theo kế hoạch"
    start, end = deadline.start, deadline.end
    if deadline.kind is DeadlineKind.DATE:
        return format_long(end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day}/{end.month}/{end.year}"
    if start.year == end.year:
        return f"{start.day}/{start.month}–{end.day}/{end.month}/{end.year}"
    return f"{format_date(start)}–{format_date(end)}"


class EpochError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""


def vietnam_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in Vietnam, as UTC: the time of an event known only by its date."""
    return dt.datetime.combine(day, dt.time(), VIETNAM).astimezone(dt.UTC)


def build_today() -> dt.date:
    """The one 'today' of every command: from SOURCE_DATE_EPOCH when set, else now (Vietnam)."""
    return vietnam_today(os.environ.get("SOURCE_DATE_EPOCH"))


def vietnam_today(epoch: str | None) -> dt.date:
    """The one 'today' of a check or a build: the date in Vietnam at `epoch` (the value of
    SOURCE_DATE_EPOCH, for reproducible builds) or, when it is unset, now. Only what gives a
    day the content may hold is accepted: ASCII digits, a day from 1970 to LAST_YEAR."""
    if epoch is None:
        return dt.datetime.now(VIETNAM).date()
    seconds = epoch.strip()
    if seconds.isascii() and seconds.isdigit() and int(seconds) <= LAST_EPOCH:
        return dt.datetime.fromtimestamp(int(seconds), VIETNAM).date()
    raise EpochError(
        f"SOURCE_DATE_EPOCH={epoch!r} không hợp lệ: phải là số giây kể từ 01/01/1970 tới hết "
        f"năm {LAST_YEAR} (ví dụ 1767225600), hoặc bỏ biến này đi"
    )
