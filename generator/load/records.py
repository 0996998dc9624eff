"""Turn located YAML records into the typed model, normalising once: dates, units, text."""

from __future__ import annotations

import re

from generator.common.dates import FIRST_YEAR, LAST_YEAR, DateError, parse_date, parse_deadline
from generator.contentformat import choices
from generator.contentformat import records as fmt
from generator.domain.model import (
    Cadence,
    Correction,
    Deadline,
    DeadlineKind,
    InfoContact,
    KeyTask,
    Month,
    Programme,
    Source,
    Task,
    Unit,
    Ward,
)
from generator.load.fields import FileReader
from generator.load.subrecords import (
    check_correction,
    read_corrections,
    read_meeting,
    read_signer,
)
from generator.load.unit_spellings import UnitIndex
from generator.load.yamlsrc import Mapping

CADENCE_VALUES = {c.value: c for c in Cadence}
_WARD_KINDS = {kind: kind for kind in choices.WARD_KINDS}
_NO_DEADLINE = Deadline(DeadlineKind.PER_PLAN, None, None, "")


def read_ward(doc: Mapping, r: FileReader) -> Ward:
    r.record(doc, doc.line, fmt.WARD)
    return Ward(
        r.identifier(doc),
        r.plain_name(doc, "name"),
        r.choice(doc, "kind", _WARD_KINDS) or "",
        r.plain_name(doc, "city"),
        r.plain_name(doc, "issuer"),
        _admin_code(doc, r),
        r.plain_name(doc, "address"),
        r.phone(doc, "phone"),
        r.email(doc, "email"),
        r.https_url(doc, "feedback_link"),
        province_portal=r.https_url(doc, "province_portal"),
        public_service_portal=r.https_url(doc, "public_service_portal"),
        formed_from=tuple(
            name
            for item, line in r.records(doc, "formed_from")
            if (rec := r.record(item, line, fmt.FORMER_UNIT)) is not None
            and (name := r.plain_name(rec, "name"))
        ),
        formed_by=r.text(doc, "formed_by"),
        info_contact=_info_contact(doc, r),
    )


def _info_contact(doc: Mapping, r: FileReader) -> InfoContact | None:
    """The focal point for requests for information, checked like the ward's own contacts."""
    found = InfoContact(
        r.plain_name(doc, "info_contact_name"),
        r.plain_name(doc, "info_contact_title"),
        r.phone(doc, "info_contact_phone"),
        r.email(doc, "info_contact_email"),
    )
    return found if found != InfoContact() else None


ADMIN_CODE = re.compile(r"^[0-9]{5}$")
"""A commune-level code of the national list of administrative units: five digits."""


def _admin_code(doc: Mapping, r: FileReader) -> str:
    """The optional official code; '' (with an error) when it is not five digits."""
    value = r.text(doc, "code", allow_empty=True)
    if value and not ADMIN_CODE.match(value):
        r.error(
            r.line_of(doc, "code"),
            "code",
            f"mã đơn vị hành chính '{value}' phải gồm đúng 5 chữ số, như trong danh mục của "
            "Tổng cục Thống kê (ví dụ 11311); bỏ trường này nếu chưa biết mã",
        )
        return ""
    return value


def read_units(doc: Mapping, r: FileReader) -> tuple[Unit, ...]:
    r.record(doc, doc.line, fmt.UNITS_FILE)
    units = []
    for item, line in r.records(doc, "units"):
        rec = r.record(item, line, fmt.UNIT)
        if rec is None:
            continue
        units.append(
            Unit(
                r.identifier(rec),
                r.text(rec, "name"),
                r.text(rec, "short"),
                r.texts(rec, "aliases"),
                r.boolean(rec, "all"),
                Source(r.label, line),
                r.plain_name(rec, "name_en"),
            )
        )
    return tuple(units)


def read_programme(doc: Mapping, r: FileReader, units: UnitIndex) -> Programme | None:
    rec = r.record(doc, doc.line, fmt.PROGRAMME)
    if rec is None:
        return None
    year = r.integer(rec, "year", FIRST_YEAR, LAST_YEAR)
    if year is None:
        return None
    pid = r.identifier(rec)
    corrections = read_corrections(rec, r, choices.PROGRAMME_CORRECTABLE)
    for c in corrections:
        written = r.text(rec, c.field, allow_empty=True) if c.field in rec else ""
        check_correction(c, written, r, r.line_of(rec, "corrections"))
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
        issued_on=_corrected_date(rec, r, corrections),
        source_document=r.text(rec, "source_document"),
        legal_bases=r.texts(rec, "legal_bases"),
        preamble=r.text(rec, "preamble", allow_empty=True),
        key_tasks=key_tasks,
        months=months,
        organisation=r.texts(rec, "organisation"),
        closing=r.text(rec, "closing", allow_empty=True),
        recipients=r.texts(rec, "recipients"),
        signer=read_signer(rec, r),
        read_by_ocr=r.text(rec, "read_by_ocr", allow_empty=True),
        source=Source(r.label, rec.line),
        corrections=corrections,
    )


def _corrected_date(rec: Mapping, r: FileReader, corrections: tuple[Correction, ...]):
    """The issue date, as a correction reads it when there is one."""
    fix = next((c for c in corrections if c.field == "issued_on" and c.read_as), None)
    if fix is None:
        return r.date(rec, "issued_on")
    try:
        return parse_date(fix.read_as)
    except DateError as exc:
        r.error(r.line_of(rec, "corrections"), "read_as", str(exc))
        return None


def read_key_task(item: object, line: int, r: FileReader) -> KeyTask | None:
    rec = r.record(item, line, fmt.KEY_TASK)
    if rec is None:
        return None
    corrections = read_corrections(rec, r, choices.KEY_TASK_CORRECTABLE)
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
    cadence = r.choice(rec, "cadence", CADENCE_VALUES) or Cadence.NONE
    if meeting and cadence in (Cadence.MONTHLY, Cadence.QUARTERLY) and meeting.first.day > 28:
        day = meeting.first.day
        r.warn(
            r.line_of(rec["meeting"], "first"),
            "meeting",
            f"họp ngày {day} hằng tháng: tháng nào không có ngày {day} thì lịch ghi họp vào ngày "
            "cuối tháng; nếu không muốn thế, chọn ngày họp đầu tiên từ ngày 1 đến ngày 28",
        )
    return KeyTask(
        r.identifier(rec),
        r.integer(rec, "number", 1, 99) or 0,
        content,
        cadence,
        r.text(rec, "cadence_as_written", allow_empty=True),
        meeting,
        corrections,
        Source(r.label, line),
    )


def read_month(item: object, line: int, r: FileReader, units: UnitIndex, pid: str) -> Month | None:
    rec = r.record(item, line, fmt.MONTH)
    if rec is None:
        return None
    number = r.integer(rec, "month", 1, 12)
    heading = r.text(rec, "heading")
    corrections = read_corrections(rec, r, choices.MONTH_CORRECTABLE)
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
    rec = r.record(item, line, fmt.TASK)
    if rec is None:
        return None
    corrections = read_corrections(rec, r, choices.TASK_CORRECTABLE)
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
        progress=None,
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
