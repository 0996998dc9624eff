"""Readers for the records nested in programmes (corrections, meetings, the signer) and for
progress reports.

Also the signer of a programme. Each turns one located YAML mapping into a model value and
reports what is wrong through the `FileReader`.
"""

from __future__ import annotations

import datetime as dt

from generator.contentformat import records as fmt
from generator.domain.model import (
    Correction,
    MeetingSchedule,
    Progress,
    Report,
    Signer,
    Source,
    Status,
)
from generator.load.fields import FileReader
from generator.load.yamlsrc import Mapping

STATUS_VALUES = {s.value: s for s in Status}


def read_corrections(
    rec: Mapping, r: FileReader, allowed: tuple[str, ...]
) -> tuple[Correction, ...]:
    corrections = []
    for item, line in r.records(rec, "corrections"):
        c = r.record(item, line, fmt.CORRECTION)
        if c is None:
            continue
        field = r.choice(c, "field", {name: name for name in allowed})
        read_as = r.text(c, "read_as", allow_empty=True) if c.get("read_as") is not None else None
        corrections.append(
            Correction(
                field or "", r.text(c, "as_written", allow_empty=True), read_as, r.text(c, "reason")
            )
        )
    return tuple(corrections)


def check_correction(c: Correction, written: str, r: FileReader, line: int) -> None:
    """A correction must quote the document: a stale one would hide what the text says."""
    matches = c.as_written in written if c.field == "content" else c.as_written == written
    if not matches:
        r.error(
            line,
            "corrections",
            f"đính chính cho '{c.field}' ghi as_written '{c.as_written}' "
            f"nhưng văn bản ghi '{written}'; sửa as_written cho khớp đúng từng chữ",
        )


def read_signer(rec: Mapping, r: FileReader) -> Signer:
    s = r.record(rec.get("signer"), r.line_of(rec, "signer"), fmt.SIGNER)
    if s is None:
        return Signer("", "", "")
    return Signer(r.text(s, "on_behalf"), r.text(s, "title"), r.text(s, "name"))


def read_meeting(rec: Mapping, r: FileReader) -> MeetingSchedule | None:
    m = r.record(rec["meeting"], r.line_of(rec, "meeting"), fmt.MEETING)
    if m is None:
        return None
    first, until = r.date(m, "first"), r.date(m, "until")
    try:
        start_time = dt.time.fromisoformat(r.text(m, "time"))
    except ValueError:
        r.error(r.line_of(m, "time"), "time", 'giờ họp viết dạng HH:MM, ví dụ "14:00"')
        return None
    duration = r.integer(m, "duration_minutes", 5, 24 * 60)
    if first is None or duration is None:
        return None
    if until and until < first:
        r.error(r.line_of(m, "until"), "until", "ngày kết thúc lịch họp trước ngày họp đầu tiên")
    return MeetingSchedule(
        first, start_time, duration, until, r.text(m, "location", allow_empty=True)
    )


def read_report(doc: Mapping, r: FileReader) -> Report | None:
    """One report file: the task, the day, the status and what came of it."""
    p = r.record(doc, doc.line, fmt.REPORT)
    if p is None:
        return None
    task_id, reported_on = r.identifier(p, "task"), r.date(p, "reported_on")
    status = r.choice(p, "status", STATUS_VALUES)
    link = r.https_url(p, "link")
    if status is None or reported_on is None or not task_id:
        return None
    progress = Progress(
        status,
        r.date(p, "done_on"),
        r.text(p, "document", allow_empty=True),
        link,
        r.text(p, "note", allow_empty=True),
    )
    by = r.text(p, "reported_by", allow_empty=True)
    return Report(task_id, reported_on, progress, by, Source(r.label, doc.line))
