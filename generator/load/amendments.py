"""Amendments: one file each under `content/amendments/`, applied over the programme as issued.

An amendment file names the programme, the decision (date, text, reason, link) and, for each
task it adjusts, the fields it sets (content, lead, deadline). The programme file stays byte
for byte as issued; the load stage applies the amendments, oldest decision first, so pages,
feeds, open data and the history all read the programme as amended. A task edited in the
programme file itself is still a change without a record. The file's name is the amendment's
id (the editor makes it from the decision's date and words).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from generator.common.errors import Problems
from generator.contentformat import records as fmt
from generator.domain.model import Amendment, Programme, Source, Task, TaskAmendment
from generator.load.fields import MAX_ID, FileReader, is_identifier
from generator.load.records import read_deadline, resolve_lead
from generator.load.unit_spellings import UnitIndex
from generator.load.yamlsrc import Mapping

CHANGEABLE = fmt.AMENDED_TASK.optional
"""The fields of a task an amendment may set: those its declaration adds to the task's id."""


def read_amendment(
    doc: Mapping, r: FileReader, amendment_id: str, units: UnitIndex
) -> Amendment | None:
    """One amendment file; `amendment_id` is its name without `.yaml`."""
    if not is_identifier(amendment_id) or len(amendment_id) > MAX_ID:
        r.error(
            1,
            "tệp",
            f"tên tệp '{amendment_id[:80]}' phải là một mã: chữ thường không dấu, số và '-', "
            f"tối đa {MAX_ID} ký tự (ví dụ 2026-03-10-lui-han-nhiem-vu-3-5.yaml)",
        )
    a = r.record(doc, doc.line, fmt.AMENDMENT)
    if a is None:
        return None
    changes = _changes(a, r, units)
    if "tasks" in a and not changes:
        r.error(r.line_of(a, "tasks"), "tasks", "cần ít nhất một nhiệm vụ được điều chỉnh")
    decided_on = r.date(a, "decided_on")
    if decided_on is None:
        return None
    return Amendment(
        amendment_id,
        decided_on,
        r.text(a, "decision"),
        r.text(a, "reason"),
        tuple(change.task_id for change in changes),
        r.https_url(a, "link"),
        Source(r.label, a.line),
        r.identifier(a, "programme"),
        changes,
    )


def _changes(a: Mapping, r: FileReader, units: UnitIndex) -> tuple[TaskAmendment, ...]:
    """Each task's entry; a task listed again is an error (the later entry would win)."""
    changes, seen = [], {}
    for item, line in r.records(a, "tasks"):
        change = _read_change(item, line, r, units)
        if change is None:
            continue
        if change.task_id in seen:
            r.error(line, "tasks", f"nhiệm vụ '{change.task_id}' đã có ở dòng "
                    f"{seen[change.task_id]} của tệp này; gộp hai mục làm một")  # fmt: skip
            continue
        seen[change.task_id] = line
        changes.append(change)
    return tuple(changes)


def _read_change(item: object, line: int, r: FileReader, units: UnitIndex) -> TaskAmendment | None:
    c = r.record(item, line, fmt.AMENDED_TASK)
    if c is None:
        return None

    def given(key: str) -> str | None:
        return r.text(c, key, allow_empty=True) or None

    lead, deadline = given("lead"), given("deadline")
    return TaskAmendment(
        r.identifier(c, "task"),
        given("content"),
        lead,
        resolve_lead(lead, r, r.line_of(c, "lead"), units) if lead else None,
        read_deadline(deadline, deadline, r, r.line_of(c, "deadline")) if deadline else None,
        r.line_of(c, "deadline"),
    )


def apply_amendments(
    programmes: Iterable[Programme], amendments: Iterable[Amendment], problems: Problems
) -> list[Programme]:
    """The programmes as amended; an amendment naming no known programme or task is reported."""
    programmes = list(programmes)
    known = {p.id for p in programmes}
    by_programme: dict[str, list[Amendment]] = defaultdict(list)
    for a in amendments:
        if a.programme_id in known:
            by_programme[a.programme_id].append(a)
        else:
            problems.error(
                a.source.file,
                a.source.line,
                "programme",
                f"không có chương trình mã '{a.programme_id}' (có: {', '.join(sorted(known))})",
            )
    return [
        _amended(p, sorted(by_programme[p.id], key=lambda a: (a.decided_on, a.id)), problems)
        if p.id in by_programme
        else p
        for p in programmes
    ]


def _amended(programme: Programme, amendments: list[Amendment], problems: Problems) -> Programme:
    tasks = {t.id: t for t in programme.tasks}
    _same_day_conflicts(amendments, problems)
    for a in amendments:
        for change in a.changes:
            _check_deadline_year(programme, a, change, problems)
            if change.task_id in tasks:
                tasks[change.task_id] = amended_task(tasks[change.task_id], change)
            elif _sets_fields(change):
                problems.error(
                    a.source.file,
                    a.source.line,
                    "tasks",
                    f"chương trình {programme.id} không có nhiệm vụ mã '{change.task_id}'",
                )
    months = tuple(
        dataclasses.replace(m, tasks=tuple(tasks[t.id] for t in m.tasks)) for m in programme.months
    )
    return dataclasses.replace(programme, months=months, amendments=tuple(amendments))


def _same_day_conflicts(amendments: list[Amendment], problems: Problems) -> None:
    """Two decisions of one day setting one field of a task: which came later is unknown (the
    file names' order would decide it silently), so it is an error."""
    setters: dict[tuple[str, str], Amendment] = {}
    for a in amendments:
        for change in a.changes:
            for name in (n for n in CHANGEABLE if getattr(change, n) is not None):
                other = setters.setdefault((change.task_id, name), a)
                if other is not a and other.decided_on == a.decided_on:
                    problems.error(
                        a.source.file,
                        a.source.line,
                        "tasks",
                        f"quyết định này và {other.source.file}:{other.source.line} cùng ngày "
                        f"{a.decided_on:%d/%m/%Y} cùng đặt '{name}' của nhiệm vụ "
                        f"'{change.task_id}', không rõ quyết định nào sau; gộp hai quyết định "
                        "vào một tệp hoặc sửa ngày cho đúng",
                    )
                setters[(change.task_id, name)] = a


def _check_deadline_year(
    programme: Programme, a: Amendment, change: TaskAmendment, problems: Problems
) -> None:
    """A new deadline before the programme's year is a typed year, never a decision."""
    due = change.deadline.end if change.deadline is not None else None
    if due is not None and due.year < programme.year:
        problems.error(
            a.source.file,
            change.deadline_line or a.source.line,
            "deadline",
            f"thời hạn mới '{change.deadline.as_written}' ở năm {due.year}, trước năm "
            f"{programme.year} của chương trình; viết đúng năm, ví dụ "
            f"{due.day:02d}/{due.month:02d}/{programme.year}",
        )


def amended_task(task: Task, change: TaskAmendment) -> Task:
    """The task with the fields the amendment sets; a correction of such a field is dropped
    (the decision's words replace the document's)."""
    fields: dict[str, object] = {}
    if change.content is not None:
        fields["content"] = change.content
    if change.lead is not None:
        fields.update(lead_as_written=change.lead, lead_unit_id=change.lead_unit_id)
    if change.deadline is not None:
        fields["deadline"] = change.deadline
    replaced = {name for name in CHANGEABLE if getattr(change, name) is not None}
    corrections = tuple(c for c in task.corrections if c.field not in replaced)
    return dataclasses.replace(task, corrections=corrections, **fields)


def _sets_fields(change: TaskAmendment) -> bool:
    return any(getattr(change, name) is not None for name in CHANGEABLE)
