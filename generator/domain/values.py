"""The model's value types: enumerations and small records that hold no other record.

A leaf module; `generator.domain.model` re-exports every name, so both imports work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


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
class SourceDocument:
    """An official text kept in the content folder, published beside the data."""

    name: str
    """File name, published at 'van-ban/<name>'."""
    data: bytes
    file: str = ""
    """The programme file that names it, for error messages."""
    line: int = 0
