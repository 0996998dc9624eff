"""The typed, immutable domain model: what a programme *is*, once loaded and normalised.

Everything downstream (pages, feeds, open data) reads only these classes; nothing downstream
reads YAML. Values are normalised once, in `generator.load.records`: dates parsed, unit names
resolved to registry ids, text in NFC. Records are equal when they say the same thing:
where one was read (`source`) takes no part in equality, so two versions of the content compare
by meaning (see `generator.load.history`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property

from generator.domain.events import Amendment as Amendment
from generator.domain.events import Change as Change
from generator.domain.events import ChangeKind as ChangeKind
from generator.domain.events import FieldChange as FieldChange
from generator.domain.events import Report as Report
from generator.domain.events import TaskAmendment as TaskAmendment
from generator.domain.values import Cadence as Cadence
from generator.domain.values import Correction as Correction
from generator.domain.values import Deadline as Deadline
from generator.domain.values import DeadlineKind as DeadlineKind
from generator.domain.values import Progress as Progress
from generator.domain.values import Source as Source
from generator.domain.values import SourceDocument as SourceDocument
from generator.domain.values import Status as Status


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
    name_en: str = ""
    """The official English name as units.yaml declares it; '' when none is (never
    translated by the site)."""


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
    source: Source = field(compare=False)
    reports: tuple[Report, ...] = ()
    """Every progress report on the task, oldest first."""

    def correction_for(self, field_name: str) -> Correction | None:
        return next((c for c in self.corrections if c.field == field_name), None)

    @property
    def is_cancelled(self) -> bool:
        """The latest report says the task was cancelled."""
        return self.progress is not None and self.progress.status is Status.CANCELLED


@dataclass(frozen=True)
class Month:
    """A month's section of the table, with its heading as written."""

    number: int
    heading: str
    corrections: tuple[Correction, ...]
    tasks: tuple[Task, ...]
    source: Source = field(compare=False)


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
    source: Source = field(compare=False)


@dataclass(frozen=True)
class Signer:
    on_behalf: str
    """e.g. 'TM. ỦY BAN NHÂN DÂN'."""
    title: str
    name: str


ALL_ROWS = "all"
"""What a confirmation's `rows` says when a person checked the whole text against the paper."""


@dataclass(frozen=True)
class Confirmation:
    """A person checked rows of a programme read by OCR against the signed paper."""

    programme_id: str
    checked_on: dt.date
    checked_by: str
    """Who checked, as they sign."""
    rows: tuple[str, ...]
    """The task and key-task ids checked; (`ALL_ROWS`,) for the whole text."""
    source: Source = field(compare=False)


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
    source: Source = field(compare=False)
    corrections: tuple[Correction, ...] = ()
    """Corrections of the programme's own fields (title, issuer, number, issue date)."""
    amendments: tuple[Amendment, ...] = ()
    """Decisions that adjusted the programme after it was issued."""
    read_by_ocr: str = ""
    """How the text was read when it came from a scan (OCR), for a person to know; else ''."""
    confirmations: tuple[Confirmation, ...] = ()
    """Checks of the OCR-read text against the paper, oldest first (`content/confirmations/`)."""

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(task for month in self.months for task in month.tasks)

    def confirmation(self, record_id: str) -> Confirmation | None:
        """The latest check of the row (or of the whole text) against the paper; None if none."""
        found = [c for c in self.confirmations if record_id in c.rows or ALL_ROWS in c.rows]
        return found[-1] if found else None

    def machine_read(self, record_id: str) -> bool:
        """The row's words were read by OCR and no person has checked them against the paper."""
        return bool(self.read_by_ocr) and self.confirmation(record_id) is None

    @property
    def first_day(self) -> dt.date:
        """The first day the programme speaks of: its issue date, else 1 January of its year."""
        return self.issued_on or dt.date(self.year, 1, 1)

    @property
    def issued_at(self) -> dt.datetime:
        """`first_day` at 00:00 UTC: the time of what is known only from the document."""
        day = self.first_day
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Ward:
    id: str
    name: str
    """'An Biên'."""
    kind: str
    """'phường' or 'xã'."""
    city: str
    issuer: str
    """'Ủy ban nhân dân phường An Biên'."""
    code: str = ""
    """The official administrative unit code (5 digits), '' when ward.yaml does not give it."""
    address: str = ""
    """The office's address, as the ward gives it; '' when not given (never guessed)."""
    phone: str = ""
    email: str = ""
    feedback_link: str = ""
    """An https page where citizens send feedback."""
    province_portal: str = ""
    """The province's portal (https), as ward.yaml gives it; never a built-in address."""
    public_service_portal: str = ""
    """The National Public Service Portal (https), as ward.yaml gives it."""
    formed_from: tuple[str, ...] = ()
    """The former units merged into it (2025 reform), as the resolution names them."""
    formed_by: str = ""
    """The resolution that formed it, as written; '' when not given."""
    info_contact: InfoContact | None = None
    """Who receives requests for information (Nghị định 13/2018, art. 11); None when
    ward.yaml names no one (the site then says to ask the People's Committee)."""


@dataclass(frozen=True)
class InfoContact:
    """The focal point for requests for information: each part '' when not given."""

    name: str = ""
    title: str = ""
    """The position, as the ward writes it."""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class TaskStamp:
    """When a task's (or key task's) calendar event last changed, from the git history."""

    sequence: int
    """iCalendar SEQUENCE: how many times the event's schedule (dates, cancellation) changed."""
    modified: dt.datetime
    """UTC time of the last change to what the event shows: DTSTAMP and LAST-MODIFIED."""


@dataclass(frozen=True)
class TaskFacts:
    """All a dated task's event shows from the content: feeds render from it, history digests it."""

    task: Task
    lead: Unit | None
    programme_title: str
    ward_id: str
    """Part of every event's UID."""


@dataclass(frozen=True)
class MeetingFacts:
    """All a key task's review-meeting event shows from the content."""

    key: KeyTask
    programme_title: str
    year: int
    """The programme's year: a schedule without `until` ends with it."""
    ward_id: str


@dataclass(frozen=True)
class RemovedTask:
    """A tombstone: a task whose published event git history shows is gone (deleted, undated)."""

    facts: TaskFacts
    """As in the last version that had the event."""
    stamp: TaskStamp
    """The removal: sequence one higher, at the removing commit's time."""


@dataclass(frozen=True)
class Content:
    """Everything in a content directory, validated, with what the load stage read beside it."""

    ward: Ward
    units: tuple[Unit, ...]
    programmes: tuple[Programme, ...]
    """Sorted by year."""
    stamps: dict[str, TaskStamp] = field(default_factory=dict, compare=False)
    """Change stamps by task or key-task id, from git history (see `stamp` for the fallback)."""
    documents: tuple[SourceDocument, ...] = ()
    """The official texts named by the programmes' `source_document`, read from the content."""
    changes: tuple[Change, ...] = ()
    """Every dated event of every task, oldest first (`load.changes`)."""
    removed: tuple[RemovedTask, ...] = field(default=(), compare=False)
    """Tasks whose events git history shows were published and are gone, sorted by id."""
    updated: dt.datetime | None = field(default=None, compare=False)
    """When what the content says last changed (UTC), from git history; None without it."""

    def stamp(self, record_id: str, programme_id: str) -> TaskStamp:
        """The record's stamp from history, else sequence 0 at its programme's issue date."""
        if (found := self.stamps.get(record_id)) is not None:
            return found
        return TaskStamp(0, self.programme(programme_id).issued_at)

    def task_facts(self, task: Task) -> TaskFacts:
        """What the task's calendar event shows (the one rule for feeds and history alike)."""
        lead = self._units_by_id.get(task.lead_unit_id or "")
        if lead is not None:  # events never show a unit's other spellings
            lead = replace(lead, aliases=())
        return TaskFacts(task, lead, self.programme(task.programme_id).title, self.ward.id)

    def meeting_facts(self, programme: Programme, key: KeyTask) -> MeetingFacts:
        """What the key task's review-meeting event shows."""
        return MeetingFacts(key, programme.title, programme.year, self.ward.id)

    def programme(self, programme_id: str) -> Programme:
        return next(p for p in self.programmes if p.id == programme_id)

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
        return tuple(task for task in self.tasks if self.carries(unit, task.lead_unit_id))

    def carries(self, unit: Unit, lead_unit_id: str | None) -> bool:
        """Whether a task led by `lead_unit_id` is the unit's: the one rule for its pages, its
        calendar and its changes feed."""
        return lead_unit_id == unit.id or lead_unit_id in self._shared_units

    @cached_property
    def _shared_units(self) -> frozenset[str]:
        return frozenset(u.id for u in self.units if u.is_all)
