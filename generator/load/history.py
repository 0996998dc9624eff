"""When each task last changed, from the git history of the content directory.

Calendar clients only take an update when an event's SEQUENCE rises and its DTSTAMP moves, and
the feeds must never read the clock. So each record's stamp comes from the commits that touched
`programmes/`: walked oldest to newest, a task's sequence rises by one each time its effective
dates (after corrections) change, and its time is that of the last commit that changed anything
in its record. Uncommitted edits count as a change at the newest commit's time.

Every past version is read by the same located reader and record rules as the present content
(`parse_yaml`, `read_programme`), so reformatting or reordering the YAML changes nothing, and a
version that cannot be read (even one already reverted) is skipped with a notice, never fatal.
Without git (or outside a repository) the history is empty and `Content.stamp` falls back.
CI must check out the full history (`fetch-depth: 0`): a shallow clone sees one commit only.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.errors import Problems
from generator.load.fields import FileReader
from generator.load.gitlog import Version, programme_versions
from generator.load.records import read_programme
from generator.load.units import UnitIndex
from generator.load.yamlsrc import parse_yaml
from generator.model import KeyTask, Source, Task, TaskStamp

_NOWHERE = Source("", 0)


@dataclasses.dataclass(frozen=True)
class _Record:
    dates: object
    """The effective dates; a change raises the sequence."""
    whole: object
    """The whole record, without its line; a change moves the time."""


def task_stamps(content_dir: Path, units: UnitIndex, problems: Problems) -> dict[str, TaskStamp]:
    """A stamp for every task and key task that git has seen, by id."""
    records: dict[str, dict[str, _Record]] = {}
    seen: dict[str, tuple[_Record, TaskStamp]] = {}
    for version in programme_versions(content_dir, problems):
        for path, text in version.changed.items():
            if text is None:
                records.pop(path, None)
            elif (parsed := _records(version, path, text, units, problems)) is not None:
                records[path] = parsed  # an unreadable version keeps the last readable one
        for path in version.changed:
            for key, record in records.get(path, {}).items():
                before = seen.get(key)
                if before is None:
                    seen[key] = (record, TaskStamp(0, version.when))
                elif record.whole != before[0].whole:
                    bump = record.dates != before[0].dates
                    seen[key] = (record, TaskStamp(before[1].sequence + bump, version.when))
    return {key: stamp for key, (_, stamp) in seen.items()}


def _records(
    version: Version, path: str, text: str, units: UnitIndex, problems: Problems
) -> dict[str, _Record] | None:
    """The task and key-task records of one version of a programme file."""
    scratch = Problems()
    label = f"{path} (commit {version.commit[:10]})"
    doc = parse_yaml(text, label, scratch)
    programme = read_programme(doc, FileReader(label, scratch), units) if doc else None
    if programme is None:
        problems.warn(
            path,
            1,
            "lịch sử",
            f"bỏ qua phiên bản trong commit {version.commit[:10]} vì không đọc được "
            f"({scratch.sorted()[0].message if scratch.items else 'tệp rỗng'})",
        )
        return None
    found = {k.id: _key_task_record(k) for k in programme.key_tasks}
    found.update({t.id: _task_record(t) for t in programme.tasks})
    return found


def _task_record(task: Task) -> _Record:
    dates = (task.deadline.start, task.deadline.end)
    return _Record(dates, dataclasses.replace(task, source=_NOWHERE))


def _key_task_record(key: KeyTask) -> _Record:
    return _Record((key.cadence, key.meeting), dataclasses.replace(key, source=_NOWHERE))
