"""Importer, write stage: the model as content YAML, readable and byte-for-byte stable.

Keys follow the declared order (`contentformat`, as `content/README.md` shows it); the text
is written by `yamlwrite`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.common.dates import format_date
from generator.common.safewrite import write_inside
from generator.common.yamlwrite import dump
from generator.contentformat import layout
from generator.contentformat import records as fmt
from generator.domain.model import Correction, KeyTask, Month, Programme, Task, Unit, Ward


def ward_data(ward: Ward) -> dict[str, Any]:
    """ward.yaml: every declared field, where the declaration says the model holds it, the
    optional ones only when given."""
    values = {f.name: held_value(ward, f.attribute) for f in fmt.WARD.fields}
    return {f.name: values[f.name] for f in fmt.WARD.fields if f.required or values[f.name]}


def held_value(record: object, attribute: str) -> Any:
    """The value at a declared model path (`info_contact.name`); None where a record on the
    way is absent (a ward that names no focal point)."""
    for name in attribute.split("."):
        if record is None:
            return None
        record = getattr(record, name)
    return record


def units_data(units: tuple[Unit, ...]) -> dict[str, Any]:
    items = []
    for unit in units:
        item: dict[str, Any] = {"id": unit.id, "name": unit.name, "short": unit.short}
        if unit.aliases:
            item["aliases"] = list(unit.aliases)
        if unit.is_all:
            item["all"] = True
        items.append(item)
    return {"units": items}


def correction_data(corrections: tuple[Correction, ...]) -> list[dict[str, Any]]:
    return [
        {"field": c.field, "as_written": c.as_written, "read_as": c.read_as, "reason": c.reason}
        for c in corrections
    ]


def key_task_data(task: KeyTask) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": task.id,
        "number": task.number,
        "content": task.content,
        "cadence": task.cadence.value,
    }
    if task.cadence_as_written:
        item["cadence_as_written"] = task.cadence_as_written
    if task.corrections:
        item["corrections"] = correction_data(task.corrections)
    return item


def task_yaml(task: Task) -> dict[str, Any]:
    item: dict[str, Any] = {"id": task.id, "number": task.number}
    if task.parent_id is not None:
        item["parent"] = task.parent_id
    item.update(content=task.content, lead=task.lead_as_written, deadline=task.deadline.as_written)
    if task.corrections:
        item["corrections"] = correction_data(task.corrections)
    return item


def month_data(month: Month) -> dict[str, Any]:
    item: dict[str, Any] = {"month": month.number, "heading": month.heading}
    if month.corrections:
        item["corrections"] = correction_data(month.corrections)
    item["tasks"] = [task_yaml(task) for task in month.tasks]
    return item


def programme_data(p: Programme) -> dict[str, Any]:
    data: dict[str, Any] = {"id": p.id, "year": p.year, "title": p.title, "issuer": p.issuer}
    if p.document_number:
        data["document_number"] = p.document_number
    if p.issued_on is not None:
        data["issued_on"] = format_date(p.issued_on)
    data.update(source_document=p.source_document, legal_bases=list(p.legal_bases))
    if p.preamble:
        data["preamble"] = p.preamble
    data["key_tasks"] = [key_task_data(task) for task in p.key_tasks]
    data["months"] = [month_data(month) for month in p.months]
    data["organisation"] = list(p.organisation)
    if p.closing:
        data["closing"] = p.closing
    data["recipients"] = list(p.recipients)
    data["signer"] = {
        "on_behalf": p.signer.on_behalf,
        "title": p.signer.title,
        "name": p.signer.name,
    }
    if p.read_by_ocr:
        data["read_by_ocr"] = p.read_by_ocr
    if p.corrections:
        data["corrections"] = correction_data(p.corrections)
    return data


def render(ward: Ward, units: tuple[Unit, ...], programme: Programme) -> dict[str, str | bytes]:
    """Relative path → file text, for the three files the importer writes."""
    return {
        layout.WARD_YAML: dump(ward_data(ward)),
        layout.UNITS_YAML: dump(units_data(units), spaced=("  - id:",)),
        f"{layout.PROGRAMMES}/{programme.year}.yaml": dump(
            programme_data(programme), spaced=("  - month:",)
        ),
    }


def write_files(out: Path, files: dict[str, str | bytes]) -> None:
    """Write every file under `out`, never through a symlink (`safewrite`); all contents are
    built before the first write, and a file already holding the same bytes is left alone."""
    out.mkdir(parents=True, exist_ok=True)
    for relative, data in files.items():
        raw = data.encode("utf-8") if isinstance(data, str) else data
        path = out / relative
        if not path.is_symlink() and path.is_file() and path.read_bytes() == raw:
            continue
        write_inside(out, relative, raw, replace=True)
