"""The programme as plain JSON data: the `export` command and the open-data download.

The schema is documented in `generator/opendata/schema/chuong-trinh.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from generator.domain.model import (
    Content,
    Correction,
    Deadline,
    KeyTask,
    Programme,
    Progress,
    Task,
    Unit,
    Ward,
)
from generator.opendata.history import amendment_data, history_data, report_data

SCHEMA_VERSION = "1.2"


def content_to_data(content: Content) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "ward": ward_data(content.ward),
        "units": [unit_data(unit) for unit in content.units],
        "programmes": [programme_data(p) for p in content.programmes],
        "tasks": [task_export(task, content) for task in content.tasks],
        "reports": [report_data(r) for t in content.tasks for r in t.reports],
        "history": history_data(content),
    }


def to_json(content: Content) -> str:
    """Deterministic, human-readable JSON (UTF-8, not ASCII-escaped)."""
    return json.dumps(content_to_data(content), ensure_ascii=False, indent=2) + "\n"


def ward_data(ward: Ward) -> dict[str, Any]:
    """The ward's fields, as in ward.yaml."""
    return {
        "id": ward.id,
        "name": ward.name,
        "kind": ward.kind,
        "city": ward.city,
        "issuer": ward.issuer,
        "code": ward.code or None,
    }


def unit_data(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "name": unit.name,
        "short": unit.short,
        "all_units": unit.is_all,
        "aliases": list(unit.aliases),
    }


def programme_data(p: Programme) -> dict[str, Any]:
    return {
        "id": p.id,
        "year": p.year,
        "title": p.title,
        "issuer": p.issuer,
        "document_number": p.document_number or None,
        "issued_on": p.issued_on.isoformat() if p.issued_on else None,
        "source_document": p.source_document,
        "legal_bases": list(p.legal_bases),
        "key_tasks": [key_task_data(k) for k in p.key_tasks],
        "months": [
            {
                "month": m.number,
                "heading": m.heading,
                "corrections": [correction_data(c) for c in m.corrections],
            }
            for m in p.months
        ],
        "organisation": list(p.organisation),
        "recipients": list(p.recipients),
        "signer": {"on_behalf": p.signer.on_behalf, "title": p.signer.title, "name": p.signer.name},
        "amendments": [amendment_data(a) for a in p.amendments],
    }


def key_task_data(k: KeyTask) -> dict[str, Any]:
    meeting = None
    if k.meeting is not None:
        m = k.meeting
        meeting = {
            "first": m.first.isoformat(),
            "time": m.start_time.strftime("%H:%M"),
            "duration_minutes": m.duration_minutes,
            "until": m.until.isoformat() if m.until else None,
            "location": m.location or None,
        }
    return {
        "id": k.id,
        "number": k.number,
        "content": k.content,
        "cadence": k.cadence.value,
        "cadence_as_written": k.cadence_as_written or None,
        "meeting": meeting,
        "corrections": [correction_data(c) for c in k.corrections],
    }


def task_export(task: Task, content: Content) -> dict[str, Any]:
    lead = None
    if task.lead_unit_id is not None:
        unit = content.unit(task.lead_unit_id)
        lead = {"id": unit.id, "name": unit.name}
    return {
        "id": task.id,
        "programme": int(task.programme_id) if task.programme_id.isdigit() else task.programme_id,
        "month": task.month,
        "number": task.number,
        "parent": task.parent_id,
        "content": task.content,
        "lead_unit": lead,
        "lead_as_written": task.lead_as_written,
        "deadline": deadline_data(task.deadline),
        "corrections": [correction_data(c) for c in task.corrections],
        "progress": progress_data(task.progress),
    }


def deadline_data(d: Deadline) -> dict[str, Any]:
    return {
        "kind": d.kind.value,
        "start": d.start.isoformat() if d.start else None,
        "end": d.end.isoformat() if d.end else None,
        "as_written": d.as_written,
    }


def correction_data(c: Correction) -> dict[str, Any]:
    return {"field": c.field, "as_written": c.as_written, "read_as": c.read_as, "reason": c.reason}


def progress_data(p: Progress | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "status": p.status.value,
        "done_on": p.done_on.isoformat() if p.done_on else None,
        "document": p.document or None,
        "link": p.link or None,
        "note": p.note or None,
    }
