"""Progress reports: one file each under `content/reports/`, read, checked and attached.

A report says, on a day, where a task stands. Reports accumulate: the latest one (by
`reported_on`, then as recorded that day: `Report.recorded`) is the task's standing; the
earlier ones stay as its history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable
from pathlib import Path

from generator.common.errors import Problems
from generator.domain.model import Content, Programme, Report, Status, Task
from generator.load.fields import FileReader
from generator.load.subrecords import read_report
from generator.load.yamlsrc import Mapping

_REFERENCE = re.compile(r"\bsố\s+\d+[\w/.-]*", re.IGNORECASE)

Reader = Callable[[Path], tuple[FileReader, Mapping | None]]


def read_reports(paths: list[Path], read: Reader) -> list[Report]:
    """The reports in `paths` (the files of `reports/`, in name order)."""
    reports = []
    for path in paths:
        r, doc = read(path)
        if doc is not None and (report := read_report(doc, r)) is not None:
            reports.append(report)
    return reports


def check_reports(
    reports: list[Report], content: Content, as_of: dt.date, problems: Problems
) -> None:
    """Each report names a task that exists, with dates that can be true."""
    tasks = {task.id: task for task in content.tasks}
    programmes = {p.id: p for p in content.programmes}
    for report in reports:
        task = tasks.get(report.task_id)
        if task is None:
            near = difflib.get_close_matches(report.task_id, list(tasks), n=1)
            hint = f"; có phải '{near[0]}'?" if near else ""
            _error(report, problems, "task", f"không có nhiệm vụ mã '{report.task_id}'{hint}")
            continue
        check_dates(report, programmes[task.programme_id], as_of, problems)


def check_dates(report: Report, programme: Programme, as_of: dt.date, problems: Problems) -> None:
    progress, start = report.progress, programme_start(programme)
    for field, day in (("reported_on", report.reported_on), ("done_on", progress.done_on)):
        if day is not None and day > as_of:
            future = f"ngày {day:%d/%m/%Y} ở tương lai (hôm nay là {as_of:%d/%m/%Y})"
            _error(report, problems, field, future + "; chỉ báo cáo điều đã xảy ra")
        elif day is not None and day < start:
            early = f"ngày {day:%d/%m/%Y} trước khi có chương trình ({start:%d/%m/%Y})"
            _error(report, problems, field, early)
    if progress.status is Status.DONE and progress.done_on is None:
        _error(report, problems, "done_on", "đã hoàn thành (done) cần ngày hoàn thành done_on")
    if progress.done_on is not None and progress.done_on > report.reported_on:
        _error(report, problems, "done_on", "ngày hoàn thành sau ngày báo cáo")
    if progress.done_on is not None and progress.status is not Status.DONE:
        problems.warn(
            *_where(report), "done_on", "có ngày hoàn thành nhưng trạng thái chưa là done"
        )
    if progress.document and not _REFERENCE.search(progress.document):
        problems.warn(
            *_where(report),
            "document",
            f"văn bản kết quả '{progress.document}' nên ghi theo dạng thường dùng, "
            "ví dụ 'Kế hoạch số 12/KH-UBND ngày 14/01/2026'",
        )


def programme_start(programme: Programme) -> dt.date:
    """The first day a report may speak of: the issue date, else 1 January of its year."""
    return programme.first_day


def attach(content: Content, reports: list[Report]) -> Content:
    """The content with each task's reports (oldest first) and its latest progress."""
    by_task: dict[str, list[Report]] = {}
    for report in sorted(reports, key=lambda r: r.recorded):
        by_task.setdefault(report.task_id, []).append(report)

    def with_reports(task: Task) -> Task:
        found = tuple(by_task.get(task.id, ()))
        if found == task.reports:  # the same object: history compares versions by identity
            return task
        return dataclasses.replace(
            task, reports=found, progress=found[-1].progress if found else None
        )

    def with_tasks(p: Programme) -> Programme:
        months = tuple(
            dataclasses.replace(m, tasks=tasks)
            if (tasks := tuple(with_reports(t) for t in m.tasks)) != m.tasks
            else m
            for m in p.months
        )
        return p if months == p.months else dataclasses.replace(p, months=months)

    programmes = tuple(with_tasks(p) for p in content.programmes)
    return dataclasses.replace(content, programmes=programmes)


def _where(report: Report) -> tuple[str, int]:
    return report.source.file, report.source.line


def _error(report: Report, problems: Problems, field: str, message: str) -> None:
    problems.error(*_where(report), field, message)
