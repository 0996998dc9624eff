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
`Rollup.no_report` counts the tasks without a record.

On-time share (`ON_TIME_DEFINITION`, shown under every chart): tasks done on time divided by the
tasks with a fixed deadline reported done (on time + late); None when no such task exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from jinja2 import Environment

from generator.dates import format_date
from generator.model import Status, Task
from generator.wording import NO_REPORT, STATUS_LABELS

DUE_SOON_DAYS = 7
"""'Due soon' covers today and the next 7 days."""


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

COLOURS = {
    Standing.DONE_ON_TIME: "#1e7b34",
    Standing.DONE_LATE: "#8fb63e",
    Standing.DONE_UNDATED: "#2a8f86",
    Standing.OVERDUE: "#c62828",
    Standing.DUE_SOON: "#d97706",
    Standing.NOT_YET_DUE: "#1f5fbf",
    Standing.PER_PLAN: "#7d8799",
    Standing.POSTPONED: "#8d6e63",
    Standing.CANCELLED: "#c4c4c4",
}
"""Screen colours, also set as SVG `fill` so the chart reads without the stylesheet."""

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
    if progress is not None and progress.status is Status.CANCELLED:
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
    return f"{label} · còn {days} ngày đến hạn"


@dataclass(frozen=True)
class Segment:
    """One coloured part of the stacked bar; x and width are in percent of the bar, as text."""

    standing: Standing
    label: str
    count: int
    x: str
    width: str
    colour: str


@dataclass(frozen=True)
class Rollup:
    """Counts by standing for a set of tasks (a unit, a month, the whole programme)."""

    counts: tuple[tuple[Standing, int], ...]
    """Every standing, in chart order, zeros included."""
    no_report: int
    """Tasks without any progress record (counted across all standings)."""

    def count(self, value: Standing) -> int:
        return dict(self.counts)[value]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def done_dated(self) -> int:
        """The on-time share's denominator: tasks with a fixed deadline reported done."""
        return self.count(Standing.DONE_ON_TIME) + self.count(Standing.DONE_LATE)

    @property
    def on_time_share(self) -> float | None:
        """Done on time / done with a fixed deadline; None when nothing dated is done."""
        if not self.done_dated:
            return None
        return self.count(Standing.DONE_ON_TIME) / self.done_dated

    @property
    def on_time_percent(self) -> int | None:
        """The share as a whole percentage, rounded half up (deterministic)."""
        if not self.done_dated:
            return None
        return (200 * self.count(Standing.DONE_ON_TIME) + self.done_dated) // (2 * self.done_dated)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The non-empty parts of the bar, positioned from cumulative counts (no gaps)."""
        parts, before = [], 0
        for value, n in self.counts:
            if n:
                x, width = _pct(before, self.total), _pct(before + n, self.total)
                parts.append(
                    Segment(
                        value, LABELS[value], n, x, _num(float(width) - float(x)), COLOURS[value]
                    )
                )
                before += n
        return tuple(parts)

    @property
    def summary(self) -> str:
        """Every number as one sentence, for screen readers and for print."""
        parts = [f"{s.label}: {s.count}" for s in self.segments]
        text = f"Tổng số {self.total} nhiệm vụ" + (": " + "; ".join(parts) if parts else "")
        return f"{text}. {self.on_time_text}. {NO_REPORT}: {self.no_report}/{self.total}."

    @property
    def definition(self) -> str:
        return ON_TIME_DEFINITION

    @property
    def on_time_text(self) -> str:
        if self.on_time_percent is None:
            return "Tỉ lệ đúng hạn: chưa có nhiệm vụ có hạn cụ thể nào được báo cáo hoàn thành"
        done = self.count(Standing.DONE_ON_TIME)
        return f"Tỉ lệ đúng hạn: {self.on_time_percent}% ({done}/{self.done_dated})"


def rollup(tasks: Iterable[Task], as_of: dt.date) -> Rollup:
    counts = dict.fromkeys(Standing, 0)
    no_report = 0
    for task in tasks:
        counts[standing(task, as_of)] += 1
        no_report += task.progress is None
    return Rollup(tuple(counts.items()), no_report)


def _pct(part: int, whole: int) -> str:
    return _num(100 * part / whole)


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def register(env: Environment) -> None:
    """Add the progress filters and globals to a Jinja environment (called from templating)."""
    env.filters.update(
        standing_label=standing_label,
        status_label=status_label,
        standing=standing,
        progress_text=progress_text,
    )
    env.globals.update(on_time_definition=ON_TIME_DEFINITION)
