"""The life of every task, from git: issued, added, amended field by field, removed, reported.

Each version of the content is read like the present one (`load.versions`), so reordering or
reformatting the YAML changes nothing: tasks are matched by id and compared on what they mean
(content, lead unit, dates, number, month, parent). An adjustment recorded in the same commit
(`amendments`, listing the task) explains the change; a change without one is kept and shown
as such. A typo fix is a minor change (`typo_only`). Progress reports are dated by their own
`reported_on`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from generator.common.dates import format_deadline, vietnam_midnight
from generator.domain.model import Amendment, Change, ChangeKind, FieldChange, Report, Task
from generator.load.versions import ContentVersion

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below
_WORDS = re.compile(r"[^\W_]+")


def task_changes(
    versions: Iterable[ContentVersion], reports: Iterable[Report], present: dict[str, Task]
) -> tuple[Change, ...]:
    """Every event, oldest first; `present` holds today's tasks, by id, for the reports."""
    tasks: dict[str, dict[str, Task]] = {}
    known: dict[str, set[str]] = {}
    events: list[Change] = []
    stripped: dict[int, tuple[Task, Task]] = {}  # each task object stripped once

    def as_issued(task: Task) -> Task:
        if id(task) not in stripped:
            stripped[id(task)] = (task, _as_issued(task))
        return stripped[id(task)][1]

    for version in versions:
        programmes = {p.id: p for p in version.content.programmes}
        for pid in sorted(programmes.keys() | tasks.keys()):
            programme = programmes.get(pid)
            now = {t.id: as_issued(t) for t in programme.tasks} if programme else {}
            amendments = programme.amendments if programme else ()
            fresh = [a for a in amendments if a.id not in known.get(pid, set())]
            issued = programme.issued_on if programme else None
            events += _compare(tasks.get(pid), now, fresh, version.when, issued)
            tasks[pid], known[pid] = now, {a.id for a in amendments}
    for report in reports:
        day = vietnam_midnight(report.reported_on)
        task = present[report.task_id]
        events.append(
            Change(
                task.id, task.programme_id, ChangeKind.REPORTED, day, task.content, report=report
            )
        )
    return tuple(sorted(events, key=lambda e: e.order))


def _as_issued(task: Task) -> Task:
    """The task without its reports: those are events of their own."""
    if task.progress is None and not task.reports:
        return task
    return dataclasses.replace(task, progress=None, reports=())


def _compare(
    before: dict[str, Task] | None,
    now: dict[str, Task],
    fresh: list[Amendment],
    when: dt.datetime,
    issued: dt.date | None,
) -> list[Change]:
    def why(task_id: str) -> Amendment | None:
        return next((a for a in fresh if task_id in a.task_ids), None)

    if before is None:  # the programme's first version: as issued, on its issue date if known
        kind, since = (
            (ChangeKind.ISSUED, vietnam_midnight(issued))
            if issued
            else (ChangeKind.PUBLISHED, when)
        )
        return [Change(t.id, t.programme_id, kind, since, t.content) for t in now.values()]
    events = [
        Change(t.id, t.programme_id, ChangeKind.ADDED, when, t.content, amendment=why(t.id))
        for i, t in now.items()
        if i not in before
    ]
    events += [
        Change(t.id, t.programme_id, ChangeKind.REMOVED, when, t.content, amendment=why(t.id))
        for i, t in before.items()
        if i not in now
    ]
    for task_id in sorted(now.keys() & before.keys()):
        old, new = before[task_id], now[task_id]
        fields = field_changes(old, new) if old != new else ()
        if fields:
            kind = ChangeKind.MINOR if _minor(old, new) else ChangeKind.AMENDED
            amendment = why(task_id) if kind is ChangeKind.AMENDED else None
            events.append(
                Change(task_id, new.programme_id, kind, when, new.content, fields, amendment)
            )
    return events


def field_changes(old: Task, new: Task) -> tuple[FieldChange, ...]:
    """What a reader would see differ between two versions of a task, before → after."""
    pairs = (
        ("content", old.content, new.content),
        ("lead", _lead(old), _lead(new)),
        ("deadline", format_deadline(old.deadline), format_deadline(new.deadline)),
        ("number", old.number, new.number),
        ("month", str(old.month), str(new.month)),
        ("parent", old.parent_id or "", new.parent_id or ""),
    )
    return tuple(FieldChange(name, a, b) for name, a, b in pairs if a != b)


def _minor(old: Task, new: Task) -> bool:
    """Only a typo fix: same dates, lead unit, number, month and parent, and content equal but
    for punctuation, spaces, case or where a tone mark sits."""
    return _meaning(old) == _meaning(new) and typo_only(old.content, new.content)


def _meaning(task: Task) -> tuple[object, ...]:
    """What a task commits the ward to, beside its words."""
    d = task.deadline
    return (d.start, d.end, task.lead_unit_id, task.number, task.month, task.parent_id)


def typo_only(a: str, b: str) -> bool:
    """True when two texts have the same words, letter for letter and tone for tone, and may
    differ only in punctuation, spacing, case or tone-mark placement ('hoá' / 'hóa')."""
    return _word_keys(a) == _word_keys(b)


def _word_keys(text: str) -> list[tuple[str, tuple[str, ...]]]:
    keys = []
    for word in _WORDS.findall(unicodedata.normalize("NFC", text).casefold()):
        marks = unicodedata.normalize("NFD", word)
        base = "".join(c for c in marks if c not in _TONES)
        keys.append(
            (unicodedata.normalize("NFC", base), tuple(sorted(c for c in marks if c in _TONES)))
        )
    return keys


def _lead(task: Task) -> str:
    fix = task.correction_for("lead")
    return fix.read_as if fix and fix.read_as else task.lead_as_written
