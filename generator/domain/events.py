"""The programme's life after it is issued: progress reports, adjustments, and the dated
events of each task's history. A leaf beside `values`: the model imports it, not the reverse.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from generator.domain.values import Deadline, Progress, Source


@dataclass(frozen=True)
class Amendment:
    """A decision adjusting the programme during the year, with its reason."""

    id: str
    decided_on: dt.date
    decision: str
    """The adjusting document, e.g. 'Quyết định số 15/QĐ-UBND ngày 10/3/2026'."""
    reason: str
    task_ids: tuple[str, ...]
    """The tasks it changes (or, made in the programme file, adds or removes)."""
    link: str
    source: Source = field(compare=False)
    programme_id: str = ""
    changes: tuple[TaskAmendment, ...] = ()
    """The new fields of each task it changes, applied over the programme as issued."""


@dataclass(frozen=True)
class TaskAmendment:
    """One task's fields as an amendment sets them; None keeps the field as it was."""

    task_id: str
    content: str | None
    lead: str | None
    """The lead cell as the decision writes it."""
    lead_unit_id: str | None
    deadline: Deadline | None
    deadline_line: int = field(default=0, compare=False)
    """The line of `deadline` in the amendment's file, for errors."""


@dataclass(frozen=True)
class Report:
    """One progress report on a task, in its own file under `content/reports/`."""

    task_id: str
    reported_on: dt.date
    """The day the report was made; the latest report is the task's standing."""
    progress: Progress
    reported_by: str
    """Who reported: a unit or a person, as they sign."""
    source: Source = field(compare=False)

    @property
    def recorded(self) -> tuple[dt.date, int, str]:
        """The order reports were made in: by day, then as recorded that day. The second
        report of a day is `<task>--<date>-2.yaml` (`generator report`) or `-1` (the web
        editor); the first has no suffix."""
        found = _SEQUENCE.search(self.source.file)
        return self.reported_on, int(found.group(1)) if found else 0, self.source.file


_SEQUENCE = re.compile(r"--\d{4}-\d{2}-\d{2}-(\d{1,6})\.yaml$")


class ChangeKind(StrEnum):
    """What happened to a task, as its history tells it."""

    ISSUED = "issued"
    """In the programme as issued, dated by its issue date."""
    PUBLISHED = "published"
    """In the programme as first committed, when the programme gives no issue date: dated by
    the day the data reached the site."""
    ADDED = "added"
    AMENDED = "amended"
    MINOR = "minor"
    """Only a typo fix: punctuation, spaces, case or tone-mark placement."""
    REMOVED = "removed"
    REPORTED = "reported"


@dataclass(frozen=True)
class FieldChange:
    field: str
    """'content', 'lead', 'deadline', 'number', 'month' or 'parent'."""
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """One dated event in a task's life."""

    task_id: str
    programme_id: str
    kind: ChangeKind
    when: dt.datetime
    """UTC: the commit's time, or the report's day at 00:00 in Vietnam."""
    title: str
    """The task's content at that moment (its last content, for a removed task)."""
    fields: tuple[FieldChange, ...] = ()
    amendment: Amendment | None = None
    """The adjustment recorded with this change, if any."""
    report: Report | None = None

    @property
    def order(self) -> tuple:
        """The one order of events, oldest first, for every view of the history."""
        recorded = self.report.recorded[1:] if self.report else (0, "")
        return self.when, self.task_id, _KINDS.index(self.kind), recorded


_KINDS = list(ChangeKind)
