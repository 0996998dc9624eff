"""Checks against the paper: one file each under `content/confirmations/`, for a programme read
by OCR.

Until a person checks a row of a scanned programme against the signed paper, every page that
shows it says the text was read by a machine. A confirmation file names the programme, the day,
who checked and the rows (task and key-task ids, or `all`); the rows it names lose the notice.
The programme file stays as the importer wrote it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from generator.common.errors import Problems
from generator.contentformat import records as fmt
from generator.domain.model import ALL_ROWS, Confirmation, Programme, Source
from generator.load.fields import FileReader
from generator.load.yamlsrc import Mapping


def read_confirmation(doc: Mapping, r: FileReader) -> Confirmation | None:
    """One confirmation file; its rows are checked against the programme in `attach`."""
    c = r.record(doc, doc.line, fmt.CONFIRMATION)
    if c is None:
        return None
    checked_on = r.date(c, "checked_on")
    rows = r.texts(c, "rows")
    if ALL_ROWS in rows and len(rows) > 1:
        r.error(
            r.line_of(c, "rows"),
            "rows",
            f"`{ALL_ROWS}` là cả văn bản: ghi riêng `{ALL_ROWS}`, hoặc chỉ mã các nhiệm vụ",
        )
    if checked_on is None or not rows:
        return None
    return Confirmation(
        r.identifier(c, "programme"),
        checked_on,
        r.text(c, "checked_by"),
        rows,
        Source(r.label, r.line_of(c, "rows")),
    )


def attach(
    programmes: Iterable[Programme],
    confirmations: Iterable[Confirmation],
    as_of: dt.date,
    problems: Problems,
) -> list[Programme]:
    """The programmes with their confirmations, oldest check first; a confirmation naming an
    unknown programme or row, or dated in the future, is an error at its line."""
    programmes = list(programmes)
    by_id = {p.id: p for p in programmes}
    found: dict[str, list[Confirmation]] = {}
    for c in confirmations:
        where = (c.source.file, c.source.line)
        programme = by_id.get(c.programme_id)
        if programme is None:
            known = ", ".join(f"'{pid}'" for pid in sorted(by_id))
            problems.error(
                *where, "programme", f"không có chương trình '{c.programme_id}' (có: {known})"
            )
            continue
        unknown = set(c.rows) - _row_ids(programme) - {ALL_ROWS}
        for row in sorted(unknown):
            problems.error(
                *where,
                "rows",
                f"chương trình '{programme.id}' không có nhiệm vụ '{row}'; ghi đúng mã nhiệm vụ "
                f"(`id`) trong tệp chương trình, hoặc `{ALL_ROWS}`",
            )
        if c.checked_on > as_of:
            problems.error(*where, "checked_on", f"ngày {c.checked_on:%d/%m/%Y} ở tương lai")
        elif c.checked_on < programme.first_day:
            problems.error(
                *where,
                "checked_on",
                f"ngày {c.checked_on:%d/%m/%Y} trước khi ban hành chương trình",
            )
        if not programme.read_by_ocr:
            problems.warn(
                *where,
                "programme",
                f"chương trình '{programme.id}' không được đọc bằng OCR (không có `read_by_ocr`): "
                "không cần đối chiếu",
            )
        found.setdefault(programme.id, []).append(c)
    return [
        dataclasses.replace(p, confirmations=_oldest_first(found[p.id])) if p.id in found else p
        for p in programmes
    ]


def _row_ids(programme: Programme) -> set[str]:
    return {t.id for t in programme.tasks} | {k.id for k in programme.key_tasks}


def _oldest_first(confirmations: list[Confirmation]) -> tuple[Confirmation, ...]:
    return tuple(sorted(confirmations, key=lambda c: (c.checked_on, c.source.file)))
