"""Adding a field is a declared path: each field the content format declares for a task or a
report reaches the model, the open data and its JSON Schema (the web editor's forms are made
from the same declaration: tests/editor/test_editor.py). A field declared and left unwired fails
here, by name; docs/pages/architecture.md lists what remains by hand (a template, a golden file).
"""

from __future__ import annotations

import dataclasses
import json
from functools import reduce

import pytest

from generator.contentformat import records as fmt
from generator.contentformat.vocabulary import Field, Record
from generator.load.content import load_content
from generator.opendata.export import task_export
from generator.opendata.history import report_data

from ..conftest import AS_OF, CONTENT, MINI, ROOT

SCHEMA = json.loads(
    (ROOT / "generator" / "opendata" / "schema" / "chuong-trinh.schema.json").read_text("utf-8")
)


def unwired(record: Record, held: object, exported: dict, schema: dict) -> list[str]:
    """Each declared field of `record` that does not reach the model object `held`, the
    exported item `exported` or the schema's properties `schema`: 'name: where'."""
    missing = []
    for declared in record.fields:
        where = []
        try:
            reduce(getattr, declared.attribute.split("."), held)
        except AttributeError:
            where.append("model")
        if declared.exported not in exported:
            where.append("export")
        if declared.exported not in schema["properties"]:
            where.append("schema")
        if where:
            missing.append(f"{declared.name}: {', '.join(where)}")
    return missing


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT, as_of=AS_OF, history=False)


def test_every_task_field_reaches_the_model_the_export_and_the_schema(content):
    task = content.tasks[0]
    assert unwired(fmt.TASK, task, task_export(task, content), SCHEMA["$defs"]["task"]) == []


def test_every_report_field_reaches_the_model_the_export_and_the_schema():
    reported = load_content(MINI, as_of=AS_OF, history=False)
    report = next(t for t in reported.tasks if t.reports).reports[-1]
    schema = SCHEMA["$defs"]["report"]
    assert unwired(fmt.REPORT, report, report_data(report), schema) == []


def test_a_declared_field_left_unwired_is_named(content):
    task = content.tasks[0]
    priority = Field("priority", "text", "mức ưu tiên", "priority", False)
    grown = dataclasses.replace(fmt.TASK, fields=(*fmt.TASK.fields, priority))
    found = unwired(grown, task, task_export(task, content), SCHEMA["$defs"]["task"])
    assert found == ["priority: model, export, schema"]
    held_only = dataclasses.replace(priority, model="content")  # in the model, nowhere else
    grown = dataclasses.replace(fmt.TASK, fields=(*fmt.TASK.fields, held_only))
    assert unwired(grown, task, task_export(task, content), SCHEMA["$defs"]["task"]) == [
        "priority: export, schema"
    ]


def test_every_ward_field_reaches_the_model_and_back_into_ward_yaml():
    """ward.yaml as the importer writes it takes each declared field where the model holds it
    (the focal point's fields one record down, in `info_contact`)."""
    from generator.domain.model import InfoContact
    from generator.importer.write import ward_data

    ward = load_content(MINI, as_of=AS_OF, history=False).ward
    contact = InfoContact("Nguyễn Văn A", "Chánh Văn phòng", "0225 3800 000", "vp@example.vn")
    data = ward_data(dataclasses.replace(ward, info_contact=contact))
    assert data["info_contact_name"] == "Nguyễn Văn A"
    assert data["info_contact_email"] == "vp@example.vn"
    assert "info_contact_name" not in ward_data(dataclasses.replace(ward, info_contact=None))
