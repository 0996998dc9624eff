"""`python -m generator report`: write one progress report, checked like `check`, or nothing.

The report goes to `reports/<task>--<YYYY-MM-DD>.yaml` (a `-2`, `-3` … suffix when the task
already has a report that day); the programme file is never touched.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.common.dates import format_date
from generator.common.errors import Problem, Problems, unwritable
from generator.common.safewrite import UnsafeWrite, write_inside
from generator.common.yamlwrite import dump
from generator.contentformat import layout
from generator.contentformat import records as fmt
from generator.load.content import check_content
from generator.load.fields import FileReader, is_identifier
from generator.load.reports import check_reports
from generator.load.subrecords import read_report
from generator.load.yamlsrc import parse_yaml


def report_text(task_id: str, on: dt.date, fields: dict[str, str]) -> str:
    """The report as YAML, fields in the declared order, empty ones left out."""
    data = {"task": task_id, "reported_on": format_date(on), **fields}
    return dump({name: data[name] for name in fmt.REPORT.names if data.get(name)})


def write_report(
    content_dir: Path, task_id: str, on: dt.date, fields: dict[str, str]
) -> tuple[Path | None, list[Problem]]:
    """Check, then write the report; (its path, problems) or (None, problems) with errors."""
    content, problems = check_content(content_dir, on, history=False)
    if content is None:
        return None, problems
    path = _free_path(content_dir / layout.REPORTS, task_id, on)
    label = f"{content_dir.name}/{layout.REPORTS}/{path.name}"
    found = Problems()
    text = report_text(task_id, on, fields)
    doc = parse_yaml(text, label, found)
    report = read_report(doc, FileReader(label, found)) if doc is not None else None
    if report is not None:
        check_reports([report], content, on, found)
    if report is None or found.has_errors:
        return None, found.sorted()
    try:
        write_inside(content_dir, f"{layout.REPORTS}/{path.name}", text.encode("utf-8"))
    except UnsafeWrite as exc:
        found.error(label, 1, "tệp", str(exc))
        return None, found.sorted()
    except OSError as exc:
        found.error(label, 1, "tệp", unwritable(path.parent, exc))
        return None, found.sorted()
    return path, found.sorted()


def _free_path(folder: Path, task_id: str, on: dt.date) -> Path:
    stem = f"{task_id}--{on.isoformat()}" if is_identifier(task_id) else "bao-cao"
    path, n = folder / f"{stem}.yaml", 2
    while path.exists() or path.is_symlink():
        path, n = folder / f"{stem}-{n}.yaml", n + 1
    return path
