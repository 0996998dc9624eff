"""The typed, immutable domain model: what a programme *is*, once loaded and normalised.

Everything downstream (pages, feeds, open data) reads only these classes; nothing downstream
reads YAML. Values are normalised once, in `generator.load.records`: dates parsed, unit names
resolved to registry ids, text in NFC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


@dataclass(frozen=True)
class Source:
    """Where a record was read from, for error messages and traceability."""

    file: str
    """Path of the content file, relative to the content directory's parent."""
    line: int
    """1-based line of the record's first field."""


class Cadence(StrEnum):
    """How often a key task's thematic review meeting (giao ban chuyên đề) is held."""

    WEEKLY = "weekly"
    EVERY_2_WEEKS = "every_2_weeks"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    NONE = "none"


class DeadlineKind(StrEnum):
    DATE = "date"
    RANGE = "range"
    PER_PLAN = "per_plan"


class Status(StrEnum):
    """Progress status reported by the lead unit."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Correction:
    """An explicit, visible reading of the official text where it is evidently wrong."""

    field: str
    """The field corrected: `deadline`, `lead`, `number`, `content`, `heading`, `cadence`."""
    as_written: str
    """The words exactly as the official document has them."""
    read_as: str | None
    """What we read them as; None when the text is kept as written and only noted."""
    reason: str
    """Why, in Vietnamese, for the reader."""


@dataclass(frozen=True)
class Deadline:
    """'Thời gian xong trước ngày': a date, a date range, or 'theo kế hoạch' (no fixed date)."""

    kind: DeadlineKind
    start: dt.date | None
    """First day (equal to `end` for a single date); None for per-plan."""
    end: dt.date | None
    """The day the task is due; None for per-plan."""
    as_written: str
    """The deadline cell exactly as written in the official document."""

    @property
    def is_dated(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class Progress:
    """What the lead unit reports about a task; optional, added during the year."""

    status: Status
    done_on: dt.date | None = None
    """The day the task was completed (required when status is done)."""
    document: str = ""
    """The resulting document's reference, e.g. 'Kế hoạch số 12/KH-UBND ngày 14/01/2026'."""
    link: str = ""
    """Optional https link to the resulting document."""
    note: str = ""


@dataclass(frozen=True)
class Amendment:
    """A decision adjusting the programme during the year, with its reason."""

    id: str
    decided_on: dt.date
    decision: str
    """The adjusting document, e.g. 'Quyết định số 15/QĐ-UBND ngày 10/3/2026'."""
    reason: str
    task_ids: tuple[str, ...]
    """The tasks it changes, adds or removes."""
    link: str
    source: Source


@dataclass(frozen=True)
class Report:
    """One progress report on a task, in its own file under `content/reports/`."""

    task_id: str
    reported_on: dt.date
    """The day the report was made; the latest report is the task's standing."""
    progress: Progress
    reported_by: str
    """Who reported: a unit or a person, as they sign."""
    source: Source


@dataclass(frozen=True)
class Unit:
    """A department or unit of the ward (phòng, đơn vị), or the special 'all units'."""

    id: str
    """Stable, URL-safe id, e.g. `phong-van-hoa-xa-hoi`."""
    name: str
    """Full official name."""
    short: str
    """Short name for tables and calendar categories."""
    aliases: tuple[str, ...] = ()
    """Every spelling seen in documents."""
    is_all: bool = False
    """True for 'Các phòng, đơn vị': the task is shared by every unit."""
    source: Source | None = field(default=None, compare=False)
    """Where the registry entry was read (None for units made by the importer)."""


@dataclass(frozen=True)
class Task:
    """One row of the 'Nhiệm vụ cụ thể' table."""

    id: str
    """Stable id kept in the data, e.g. `2026-01-10-1`; never changes when rows are renumbered."""
    programme_id: str
    month: int
    number: str
    """The TT cell as written: '1', '10.1'."""
    parent_id: str | None
    """Id of the parent row for sub-items (10.1 → 10)."""
    content: str
    lead_as_written: str
    """The 'Chủ trì' cell as written; empty when the document leaves it blank."""
    lead_unit_id: str | None
    """Registry id of the lead unit (after corrections); None when no unit is named."""
    deadline: Deadline
    corrections: tuple[Correction, ...]
    progress: Progress | None
    """The latest report's progress (see `reports`); None when nothing was reported."""
    source: Source
    reports: tuple[Report, ...] = ()
    """Every progress report on the task, oldest first."""

    def correction_for(self, field_name: str) -> Correction | None:
        return next((c for c in self.corrections if c.field == field_name), None)


@dataclass(frozen=True)
class Month:
    """A month's section of the table, with its heading as written."""

    number: int
    heading: str
    corrections: tuple[Correction, ...]
    tasks: tuple[Task, ...]
    source: Source


@dataclass(frozen=True)
class MeetingSchedule:
    """When a key task's review meeting is held; absent from the 2026 document."""

    first: dt.date
    """Date of the first meeting."""
    start_time: dt.time
    duration_minutes: int
    until: dt.date | None = None
    location: str = ""


@dataclass(frozen=True)
class KeyTask:
    """One of the 'Nhiệm vụ trọng tâm' (priorities)."""

    id: str
    number: int
    content: str
    cadence: Cadence
    cadence_as_written: str
    meeting: MeetingSchedule | None
    corrections: tuple[Correction, ...]
    source: Source


@dataclass(frozen=True)
class Signer:
    on_behalf: str
    """e.g. 'TM. ỦY BAN NHÂN DÂN'."""
    title: str
    name: str


@dataclass(frozen=True)
class Programme:
    """One year's work programme (Chương trình công tác năm)."""

    id: str
    """Stable id, the year as text: '2026'."""
    year: int
    title: str
    issuer: str
    document_number: str
    issued_on: dt.date | None
    source_document: str
    """Where the official document is (a path or URL)."""
    legal_bases: tuple[str, ...]
    preamble: str
    key_tasks: tuple[KeyTask, ...]
    months: tuple[Month, ...]
    organisation: tuple[str, ...]
    """Section II (Tổ chức thực hiện), one paragraph or list item per entry."""
    closing: str
    recipients: tuple[str, ...]
    signer: Signer
    source: Source
    corrections: tuple[Correction, ...] = ()
    """Corrections of the programme's own fields (title, issuer, number, issue date)."""
    amendments: tuple[Amendment, ...] = ()
    """Decisions that adjusted the programme after it was issued."""

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for month in self.months for task in month.tasks)


@dataclass(frozen=True)
class Ward:
    id: str
    name: str
    """'Lê Ích Mộc'."""
    kind: str
    """'phường' or 'xã'."""
    city: str
    issuer: str
    """'Ủy ban nhân dân phường Lê Ích Mộc'."""


@dataclass(frozen=True)
class TaskStamp:
    """When a task (or key task) last changed, from the git history of the content."""

    sequence: int
    """iCalendar SEQUENCE: how many times the task's effective dates have changed."""
    modified: dt.datetime
    """UTC time of the last change to the task's record: DTSTAMP and LAST-MODIFIED."""


class ChangeKind(StrEnum):
    """What happened to a task, as its history tells it."""

    ISSUED = "issued"
    """In the programme as first committed."""
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


@dataclass(frozen=True)
class SourceDocument:
    """An official text kept in the content folder, published beside the data."""

    name: str
    """File name, published at 'van-ban/<name>'."""
    data: bytes
    file: str = ""
    """The programme file that names it, for error messages."""
    line: int = 0


@dataclass(frozen=True)
class Content:
    """Everything in a content directory, validated, with what the load stage read beside it."""

    ward: Ward
    units: tuple[Unit, ...]
    programmes: tuple[Programme, ...]
    """Sorted by year."""
    stamps: dict[str, TaskStamp] = field(default_factory=dict, compare=False)
    """Change stamps by task or key-task id; a task without one falls back to `fallback_stamp`."""
    documents: tuple[SourceDocument, ...] = ()
    """The official texts named by the programmes' `source_document`, read from the content."""
    changes: tuple[Change, ...] = ()
    """Every dated event of every task, oldest first (`load.changes`)."""

    def stamp(self, record_id: str, programme_id: str) -> TaskStamp:
        """The record's stamp from history, else sequence 0 at its programme's issue date."""
        if (found := self.stamps.get(record_id)) is not None:
            return found
        programme = next(p for p in self.programmes if p.id == programme_id)
        day = programme.issued_on or dt.date(programme.year, 1, 1)
        return TaskStamp(0, dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))

    @cached_property
    def _units_by_id(self) -> dict[str, Unit]:
        return {unit.id: unit for unit in self.units}

    def unit(self, unit_id: str) -> Unit:
        return self._units_by_id[unit_id]

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for programme in self.programmes for task in programme.tasks)

    def tasks_of_unit(self, unit: Unit) -> tuple[Task, ...]:
        """The tasks a unit leads plus those given to all units."""
        shared = {u.id for u in self.units if u.is_all}
        return tuple(
            task
            for task in self.tasks
            if task.lead_unit_id == unit.id or task.lead_unit_id in shared
        )
