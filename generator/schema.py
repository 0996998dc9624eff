"""Turn located YAML records into the typed model, normalising once: dates, units, text."""

from __future__ import annotations

import datetime as dt

from .dates import DateError, parse_deadline
from .fields import FileReader
from .model import (
    Cadence,
    Correction,
    Deadline,
    DeadlineKind,
    KeyTask,
    MeetingSchedule,
    Month,
    Programme,
    Progress,
    Signer,
    Source,
    Status,
    Task,
    Unit,
    Ward,
)
from .units import UnitIndex
from .yamlsrc import Mapping

CORRECTABLE = ("deadline", "lead", "number", "content", "heading", "cadence")
CADENCES = {c.value: c for c in Cadence}
STATUSES = {s.value: s for s in Status}
_NO_DEADLINE = Deadline(DeadlineKind.PER_PLAN, None, None, "")


def read_ward(doc: Mapping, r: FileReader) -> Ward:
    r.record(doc, doc.line, "phường", ("id", "name", "kind", "city", "issuer"))
    return Ward(
        r.identifier(doc),
        r.text(doc, "name"),
        r.text(doc, "kind"),
        r.text(doc, "city"),
        r.text(doc, "issuer"),
    )


def read_units(doc: Mapping, r: FileReader) -> tuple[Unit, ...]:
    r.record(doc, doc.line, "danh mục đơn vị", ("units",))
    units = []
    for item, line in r.records(doc, "units"):
        rec = r.record(item, line, "đơn vị", ("id", "name", "short"), ("aliases", "all"))
        if rec is None:
            continue
        units.append(
            Unit(
                r.identifier(rec),
                r.text(rec, "name"),
                r.text(rec, "short"),
                r.texts(rec, "aliases"),
                r.boolean(rec, "all"),
            )
        )
    return tuple(units)


def read_corrections(
    rec: Mapping, r: FileReader, allowed: tuple[str, ...]
) -> tuple[Correction, ...]:
    corrections = []
    for item, line in r.records(rec, "corrections"):
        c = r.record(item, line, "đính chính", ("field", "as_written", "reason"), ("read_as",))
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


def read_programme(doc: Mapping, r: FileReader, units: UnitIndex) -> Programme | None:
    rec = r.record(
        doc,
        doc.line,
        "chương trình",
        (
            "id",
            "year",
            "title",
            "issuer",
            "source_document",
            "legal_bases",
            "key_tasks",
            "months",
            "organisation",
            "recipients",
            "signer",
        ),
        ("document_number", "issued_on", "preamble", "closing", "corrections"),
    )
    year = r.integer(rec, "year", 2000, 2200)
    if year is None:
        return None
    pid = r.identifier(rec)
    key_tasks = tuple(
        t
        for item, line in r.records(rec, "key_tasks")
        if (t := read_key_task(item, line, r)) is not None
    )
    months = tuple(
        m
        for item, line in r.records(rec, "months")
        if (m := read_month(item, line, r, units, pid)) is not None
    )
    return Programme(
        id=pid,
        year=year,
        title=r.text(rec, "title"),
        issuer=r.text(rec, "issuer"),
        document_number=r.text(rec, "document_number", allow_empty=True),
        issued_on=r.date(rec, "issued_on"),
        source_document=r.text(rec, "source_document"),
        legal_bases=r.texts(rec, "legal_bases"),
        preamble=r.text(rec, "preamble", allow_empty=True),
        key_tasks=key_tasks,
        months=months,
        organisation=r.texts(rec, "organisation"),
        closing=r.text(rec, "closing", allow_empty=True),
        recipients=r.texts(rec, "recipients"),
        signer=read_signer(rec, r),
        source=Source(r.label, rec.line),
    )


def read_signer(rec: Mapping, r: FileReader) -> Signer:
    s = r.record(
        rec.get("signer"), r.line_of(rec, "signer"), "người ký", ("on_behalf", "title", "name")
    )
    if s is None:
        return Signer("", "", "")
    return Signer(r.text(s, "on_behalf"), r.text(s, "title"), r.text(s, "name"))


def read_key_task(item: object, line: int, r: FileReader) -> KeyTask | None:
    rec = r.record(
        item,
        line,
        "nhiệm vụ trọng tâm",
        ("id", "number", "content", "cadence"),
        ("cadence_as_written", "meeting", "corrections"),
    )
    if rec is None:
        return None
    corrections = read_corrections(rec, r, ("content", "cadence"))
    content = r.text(rec, "content")
    for c in corrections:
        check_correction(
            c,
            content
            if c.field == "content"
            else r.text(rec, "cadence_as_written", allow_empty=True),
            r,
            line,
        )
    meeting = read_meeting(rec, r) if rec.get("meeting") is not None else None
    return KeyTask(
        r.identifier(rec),
        r.integer(rec, "number", 1, 99) or 0,
        content,
        r.choice(rec, "cadence", CADENCES) or Cadence.NONE,
        r.text(rec, "cadence_as_written", allow_empty=True),
        meeting,
        corrections,
        Source(r.label, line),
    )


def read_meeting(rec: Mapping, r: FileReader) -> MeetingSchedule | None:
    m = r.record(
        rec["meeting"],
        r.line_of(rec, "meeting"),
        "lịch giao ban",
        ("first", "time", "duration_minutes"),
        ("until", "location"),
    )
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


def read_month(item: object, line: int, r: FileReader, units: UnitIndex, pid: str) -> Month | None:
    rec = r.record(item, line, "tháng", ("month", "heading", "tasks"), ("corrections",))
    if rec is None:
        return None
    number = r.integer(rec, "month", 1, 12)
    heading = r.text(rec, "heading")
    corrections = read_corrections(rec, r, ("heading",))
    for c in corrections:
        check_correction(c, heading, r, line)
    if number is None:
        return None
    tasks = tuple(
        t
        for task_item, task_line in r.records(rec, "tasks")
        if (t := read_task(task_item, task_line, r, units, pid, number)) is not None
    )
    return Month(number, heading, corrections, tasks, Source(r.label, line))


def read_task(
    item: object, line: int, r: FileReader, units: UnitIndex, pid: str, month: int
) -> Task | None:
    rec = r.record(
        item,
        line,
        "nhiệm vụ",
        ("id", "number", "content", "lead", "deadline"),
        ("parent", "corrections", "progress"),
    )
    if rec is None:
        return None
    corrections = read_corrections(rec, r, ("deadline", "lead", "number", "content"))
    written = {
        "number": r.text(rec, "number"),
        "content": r.text(rec, "content"),
        "lead": r.text(rec, "lead", allow_empty=True),
        "deadline": r.text(rec, "deadline"),
    }
    for c in corrections:
        if c.field in written:
            check_correction(c, written[c.field], r, r.line_of(rec, "corrections"))

    def effective(field: str) -> str:
        c = next((c for c in corrections if c.field == field and c.read_as is not None), None)
        return c.read_as if c else written[field]

    return Task(
        id=r.identifier(rec),
        programme_id=pid,
        month=month,
        number=written["number"],
        parent_id=r.identifier(rec, "parent") if "parent" in rec else None,
        content=written["content"],
        lead_as_written=written["lead"],
        lead_unit_id=resolve_lead(effective("lead"), r, r.line_of(rec, "lead"), units),
        deadline=read_deadline(
            effective("deadline"), written["deadline"], r, r.line_of(rec, "deadline")
        ),
        corrections=corrections,
        progress=read_progress(rec, r) if rec.get("progress") is not None else None,
        source=Source(r.label, line),
    )


def resolve_lead(name: str, r: FileReader, line: int, units: UnitIndex) -> str | None:
    if not name:
        return None
    unit = units.resolve(name)
    if unit is not None:
        return unit.id
    near = units.nearest(name)
    hint = (
        (
            f"; gần nhất là '{near.name}' (mã {near.id}) — sửa lại tên hoặc thêm '{name}' vào "
            "aliases của đơn vị đó trong units.yaml"
        )
        if near
        else "; thêm đơn vị này vào units.yaml"
    )
    r.error(line, "lead", f"đơn vị chủ trì '{name}' không có trong danh mục đơn vị{hint}")
    return None


def read_deadline(text: str, as_written: str, r: FileReader, line: int) -> Deadline:
    if not text:
        return _NO_DEADLINE
    try:
        return parse_deadline(text, as_written)
    except DateError as exc:
        r.error(line, "deadline", str(exc))
        return _NO_DEADLINE


def read_progress(rec: Mapping, r: FileReader) -> Progress | None:
    p = r.record(
        rec["progress"],
        r.line_of(rec, "progress"),
        "tiến độ",
        ("status",),
        ("done_on", "document", "link", "note"),
    )
    if p is None:
        return None
    status = r.choice(p, "status", STATUSES)
    link = r.text(p, "link", allow_empty=True)
    if link and not link.startswith("https://"):
        r.error(r.line_of(p, "link"), "link", "đường dẫn phải bắt đầu bằng https://")
        link = ""
    if status is None:
        return None
    return Progress(
        status,
        r.date(p, "done_on"),
        r.text(p, "document", allow_empty=True),
        link,
        r.text(p, "note", allow_empty=True),
    )
