"""Where each task stands on the build date, and roll-ups of many tasks for the charts.

A task's *standing* is computed from two facts only: the progress record the lead unit reported
(`Task.progress`, possibly absent) and the deadline compared with the build date (`as_of`). The
site never invents a status: a task without a record is worded "Chưa cập nhật tiến độ" (no
progress reported), never "chưa thực hiện".

Every task has exactly one standing, the first rule that applies:

1. reported done: `done_on` on or before the deadline's last day → DONE_ON_TIME (done *on* the
   deadline is on time: "xong trước ngày" is read inclusively); after it → DONE_LATE; done on a
   per-plan task (no date to compare with) → DONE_UNDATED (also a record without `done_on`,
   which `check` refuses, so only unchecked content can have one);
2. reported cancelled → CANCELLED; reported postponed → POSTPONED;
3. per plan (no fixed date) → PER_PLAN;
4. deadline before `as_of` → OVERDUE ("quá hạn, chưa báo cáo hoàn thành": true whether there is
   no record or a not-started / in-progress one);
5. deadline from today to `as_of` + 7 days inclusive → DUE_SOON (due today is due soon, not late);
6. later → NOT_YET_DUE.

The standings are time facts, not claims about the work. Whether a record exists ("chưa cập nhật
tiến độ") and what it says ("đang thực hiện") are a second, independent fact: `status_label`
words it, `progress_text` combines both ("Chưa cập nhật tiến độ · còn 3 ngày đến hạn"), and
the roll-ups (`render.rollup`) count the tasks without a record.

On-time share (`ON_TIME_DEFINITION`, shown under every chart): tasks done on time divided by the
tasks with a fixed deadline reported done (on time + late); None when no such task exists.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from generator.common.dates import format_date
from generator.common.wording import NO_REPORT, STATUS_LABELS
from generator.domain.model import Status, Task

DUE_SOON_DAYS = 7
"""'Due soon' covers today and the next 7 days."""
COUNTDOWN_DAYS = 30
"""A deadline further than this is 'chưa đến hạn', without counting the days (lists show its
date beside)."""


class Standing(StrEnum):
    """Where a task stands on the build date; the order is the order of the chart."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DONE_UNDATED = "done_undated"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NOT_YET_DUE = "not_yet_due"
    PER_PLAN = "per_plan"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


LABELS = {
    Standing.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Standing.DONE_LATE: "Hoàn thành sau hạn",
    Standing.DONE_UNDATED: "Đã hoàn thành (không có hạn cụ thể)",
    Standing.OVERDUE: "Quá hạn, chưa báo cáo hoàn thành",
    Standing.DUE_SOON: f"Đến hạn trong {DUE_SOON_DAYS} ngày tới",
    Standing.NOT_YET_DUE: "Chưa đến hạn",
    Standing.PER_PLAN: "Theo kế hoạch, chưa báo cáo hoàn thành",
    Standing.POSTPONED: "Tạm hoãn",
    Standing.CANCELLED: "Đã hủy",
}

_CLOSED = (Status.DONE, Status.POSTPONED, Status.CANCELLED)

ON_TIME_DEFINITION = (
    "Tỉ lệ đúng hạn = số nhiệm vụ hoàn thành đúng hạn (ngày hoàn thành không muộn hơn hạn) "
    "chia cho số nhiệm vụ có hạn cụ thể đã báo cáo hoàn thành. Nhiệm vụ chưa báo cáo hoàn "
    "thành, thực hiện theo kế hoạch, tạm hoãn hoặc đã hủy không được tính."
)


def standing(task: Task, as_of: dt.date) -> Standing:
    """The task's standing on `as_of`; see the module docstring for the rules."""
    progress, due = task.progress, task.deadline.end
    if progress is not None and progress.status is Status.DONE:
        if due is None or progress.done_on is None:
            return Standing.DONE_UNDATED
        return Standing.DONE_ON_TIME if progress.done_on <= due else Standing.DONE_LATE
    if task.is_cancelled:
        return Standing.CANCELLED
    if progress is not None and progress.status is Status.POSTPONED:
        return Standing.POSTPONED
    if due is None:
        return Standing.PER_PLAN
    if due < as_of:
        return Standing.OVERDUE
    if (due - as_of).days <= DUE_SOON_DAYS:
        return Standing.DUE_SOON
    return Standing.NOT_YET_DUE


def standing_label(value: Standing | str) -> str:
    return LABELS[Standing(value)]


def status_label(task: Task) -> str:
    """The reported status in Vietnamese, or 'Chưa cập nhật tiến độ' when there is no record."""
    return NO_REPORT if task.progress is None else STATUS_LABELS[task.progress.status]


def progress_text(task: Task, as_of: dt.date) -> str:
    """One line for lists and task pages: the reported status, then the time fact."""
    progress, due = task.progress, task.deadline.end
    label = status_label(task)
    if progress is not None and progress.status in _CLOSED:
        if progress.status is not Status.DONE or progress.done_on is None:
            return label
        text = f"Đã hoàn thành ngày {format_date(progress.done_on)}"
        if due is None:
            return text
        late = (progress.done_on - due).days
        return f"{text} · {'đúng hạn' if late <= 0 else f'sau hạn {late} ngày'}"
    if due is None:
        return label
    days = (due - as_of).days
    if days < 0:
        return f"{label} · đã quá hạn {-days} ngày"
    if days == 0:
        return f"{label} · đến hạn hôm nay"
    if days > COUNTDOWN_DAYS:
        return f"{label} · chưa đến hạn"
    return f"{label} · còn {days} ngày đến hạn"
