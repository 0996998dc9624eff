"""A ward's part of the province's open data, made once, when the ward is built.

The province's `du-lieu/tinh.csv` and `du-lieu/tinh.json` list every ward's tasks: each ward's
lines of the one and items of the other are made here, as text, by the worker that built the
ward, and kept in its digest; the portal joins them as they are (`portal_data.data_files`), so
an incremental build re-reads no unchanged ward's tasks. Pure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable

from generator.domain.model import Content, Status, Task
from generator.domain.standing import Standing, standing
from generator.opendata.csvdata import CsvField, csv_row, spreadsheet_safe
from generator.opendata.export import task_export
from generator.output import SiteInfo

WARD_FIELDS = (
    CsvField("Mã phường", "string", "Mã phường, cũng là thư mục trang", "ward id"),
    CsvField("Mã đơn vị hành chính", "string", "Mã ĐVHC 5 chữ số, nếu phường đã ghi",
             "official administrative unit code, when given"),
    CsvField("Phường, xã", "string", "Tên phường, xã", "ward or commune"),
)  # fmt: skip
"""The columns naming the ward, first in every row of the province's CSV files."""


def ward_cells(ward_id: str, code: str, place: str) -> tuple[str, ...]:
    return (ward_id, code, place)


def csv_lines(rows: Iterable[tuple[str, ...]]) -> str:
    """Rows as CSV lines (the province's dialect: Python's default, CRLF), every cell made
    safe for spreadsheets."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


def json_text(value: object) -> str:
    """Compact JSON, UTF-8 as written: the province's data files."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def well_formed_lines(text: object) -> bool:
    """`text` is CSV lines as `csv_lines` writes them: no cell that a spreadsheet runs."""
    if not isinstance(text, str):
        return False
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return False
    return all(spreadsheet_safe(cell) == cell for row in rows for cell in row)


def well_formed_items(text: object) -> bool:
    """`text` is items of a JSON list, each an object, as `ward_task_items` writes them."""
    if not isinstance(text, str):
        return False
    try:
        items = json.loads(f"[{text}]")
    except ValueError:
        return False
    return all(isinstance(item, dict) for item in items)


def ward_task_lines(content: Content, ward_id: str, place: str, site: SiteInfo) -> str:
    """The ward's tasks as lines of `tinh.csv`: its cells, then the ward's own CSV columns."""
    cells = ward_cells(ward_id, content.ward.code, place)
    return csv_lines(
        cells + tuple(csv_row(task, p, content, site))
        for p in content.programmes
        for task in p.tasks
    )


def ward_task_items(content: Content, ward_id: str, as_of: dt.date) -> str:
    """The ward's tasks as items of `tinh.json`'s `tasks`, comma-separated: each names its
    ward and the ward's official code (null when not given), then the task as the ward's own
    JSON gives it and where it stands on `as_of` (`task_standing`)."""
    code = content.ward.code or None
    return ",".join(
        json_text(
            {"ward": ward_id, "ward_code": code}
            | task_export(task, content)
            | task_standing(task, as_of)
        )
        for task in content.tasks
    )


def task_standing(task: Task, as_of: dt.date) -> dict[str, object]:
    """`overdue`: past its deadline on `as_of` and not reported done (`progress.standing`,
    as the portal's counts and the ward's /tien-do/ count it); `last_report`: the date of its
    newest progress report; `done_on`: the day it was reported done (ISO dates, or null)."""
    reported = [r.reported_on for r in task.reports]
    done = task.progress if task.progress and task.progress.status is Status.DONE else None
    return {
        "overdue": standing(task, as_of) is Standing.OVERDUE,
        "last_report": max(reported).isoformat() if reported else None,
        "done_on": done.done_on.isoformat() if done and done.done_on else None,
    }
