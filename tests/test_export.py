"""`python -m generator export`: every row of the official document, as JSON (the counts come
from the documents; the fields are checked on the whole-year fixture)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from generator.load.content import load_content

from .conftest import CONTENT, ROOT
from .helpers import FOLDERS, source_rows, sources


def exported(folder=CONTENT) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "export", "--content", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("folder", FOLDERS)
def test_export_lists_every_row_of_the_source(folder):
    """Every row of each official document, in order, as written: counted from the document."""
    found = sources(load_content(folder, history=False), folder)
    if not found:
        pytest.skip("no programme names a .txt or .docx official document")
    data = exported(folder)
    for programme, path in found:
        tasks = [t for t in data["tasks"] if t["programme"] == programme.year]
        rows = source_rows(path)
        assert len(tasks) == len(rows) == len(programme.tasks)
        for task, row in zip(tasks, rows, strict=True):
            number = re.sub(r"</?u>", "", row[0]).strip()
            assert task["number"] == number
            assert task["deadline"]["as_written"] == row[3].strip()
            assert task["lead_as_written"] == row[2].strip()
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
