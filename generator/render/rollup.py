"""Roll-ups of many tasks for the charts: counts by standing, the stacked bar's segments.

The rules of a single task's standing live in `generator.domain.standing`; this module only counts
and positions them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from jinja2 import Environment

from generator.domain.model import Task
from generator.domain.standing import (
    LABELS,
    ON_TIME_DEFINITION,
    Standing,
    progress_text,
    standing,
    standing_label,
    status_label,
)

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
