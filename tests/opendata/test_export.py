"""`python -m generator export`: every row of the official document, as JSON (the counts come
from the documents, so the rule holds for any ward's data; the fields are checked on the
whole-year fixture)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from generator.importer.run import run_import
from generator.load.content import load_content

from ..conftest import CONTENT, ROOT
from ..helpers import amended, errors, source_rows, sources


def exported(folder=CONTENT) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "export", "--content", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_export_lists_every_row_of_the_source(ward_content, tmp_path):
    """Every task of each programme, in order, and each row of its official document as
    written: the rows and their ids come from the document imported again. A task a recorded
    amendment adjusts shows the decision's fields, so only its number is the document's."""
    found = sources(load_content(ward_content, history=False), ward_content)
    if not found:
        pytest.skip("no programme names a .txt or .docx official document")
    data = exported(ward_content)
    for programme, path in found:
        tasks = [t for t in data["tasks"] if str(t["programme"]) == programme.id]
        assert [t["id"] for t in tasks] == [t.id for t in programme.tasks]
        by_id = {t["id"]: t for t in tasks}
        changed = amended(programme)
        assert errors(run_import(path, tmp_path / programme.id, year=programme.year)) == []
        fresh = load_content(tmp_path / programme.id, history=False).tasks
        for new, row in zip(fresh, source_rows(path), strict=True):
            task = by_id.get(new.id)
            if task is None:
                assert new.id in changed, f"{new.id}: removed without an amendment"
                continue
            assert task["number"] == re.sub(r"</?u>", "", row[0]).strip()
            if new.id not in changed:
                assert task["deadline"]["as_written"] == row[3].strip(), new.id
                assert task["lead_as_written"] == row[2].strip(), new.id
            assert set(task) >= {
                "id",
                "programme",
                "month",
                "number",
                "parent",
                "content",
                "lead_unit",
                "deadline",
                "corrections",
            }


def test_export_fields_for_ranges_per_plan_and_missing_lead():
    tasks = {t["id"]: t for t in exported()["tasks"]}
    election = tasks["2026-03-05"]
    assert election["deadline"] == {
        "kind": "range",
        "start": "2026-03-10",
        "end": "2026-03-20",
        "as_written": "10-20/3/2026",
    }
    assert election["lead_unit"] == {"id": "phong-van-hoa-xa-hoi", "name": "Phòng Văn hóa - Xã hội"}
    assert tasks["2026-01-06"]["deadline"]["kind"] == "per_plan"
    assert tasks["2026-02-07"]["lead_unit"] is None
    assert tasks["2026-01-10-1"]["parent"] == "2026-01-10"
    corrected = tasks["2026-04-01"]
    assert corrected["deadline"]["as_written"] == "02/04/2025"
    assert corrected["deadline"]["end"] == "2026-04-02"
    assert corrected["corrections"][0]["read_as"] == "02/04/2026"
    spelled = [t for t in tasks.values() if t["lead_as_written"] == "Phòng Văn hóa – Xã hội"]
    assert spelled and all(t["lead_unit"]["id"] == "phong-van-hoa-xa-hoi" for t in spelled)
