"""The content format is declared once (generator/contentformat/) and everything follows it."""

from __future__ import annotations

import os
import re

import pytest

from generator.common.wording import FIELD_LABELS
from generator.contentformat import layout
from generator.contentformat import records as fmt
from generator.contentformat.vocabulary import markdown_table
from generator.importer.write import programme_data, units_data
from generator.load.content import check_content

from ..conftest import ROOT, copy_fixture
from ..helpers import replaced

README = ROOT / "content" / "README.md"
BLOCK = re.compile(r"(<!-- fields: (\w+) -->\n)(.*?)(<!-- /fields -->)", re.S)
LAYOUT = re.compile(r"^```\ncontent/\n(.*?)^```", re.S | re.M)
"""The drawing of content/ in content/README.md: one entry a line, indented by two spaces."""


def _filled(text: str) -> str:
    by_key = {record.key: record for record in fmt.RECORDS}
    return BLOCK.sub(lambda m: m[1] + markdown_table(by_key[m[2]]) + m[4], text)


def test_readme_field_tables_come_from_the_declaration():
    text = README.read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        README.write_text(_filled(text), encoding="utf-8")
        text = README.read_text(encoding="utf-8")
    assert _filled(text) == text, "run UPDATE_GOLDEN=1 pytest tests/load/test_content_format.py"
    documented = {m[2] for m in BLOCK.finditer(text)}
    assert documented == {r.key for r in fmt.RECORDS} - {"units"}


def test_readme_draws_the_declared_layout():
    drawing = LAYOUT.search(README.read_text(encoding="utf-8"))[1]
    entries = [line.split()[0] for line in drawing.splitlines() if line[2:3].strip()]
    drawn = {entry.split("/")[0] for entry in entries}
    assert drawn == {*layout.FILES, *layout.FOLDERS, layout.SOURCES}, entries


def test_every_correctable_field_has_a_label():
    correctable = re.findall(r"`(\w+)`", " ".join(
        f.vi for r in fmt.RECORDS for f in r.fields if f.name == "corrections"
    ))  # fmt: skip
    assert set(correctable) <= set(FIELD_LABELS)


def test_the_importer_writes_only_declared_fields_in_declared_order(mini_content):
    content = mini_content

    def check(data: dict, record: fmt.Record) -> None:
        keys = list(data)
        assert set(keys) <= set(record.names), (record.key, keys)
        assert keys == [n for n in record.names if n in data], (record.key, keys)

    programme = content.programmes[0]
    data = programme_data(programme)
    check(data, fmt.PROGRAMME)
    for item in data["key_tasks"]:
        check(item, fmt.KEY_TASK)
    for month in data["months"]:
        check(month, fmt.MONTH)
        for task in month["tasks"]:
            check(task, fmt.TASK)
            for correction in task.get("corrections", []):
                check(correction, fmt.CORRECTION)
    check(data["signer"], fmt.SIGNER)
    for unit in units_data(content.units)["units"]:
        check(unit, fmt.UNIT)


@pytest.mark.parametrize("field", ["bogus", "deadline"])
def test_programme_level_correction_with_unknown_field_is_an_error_at_its_line(tmp_path, field):
    content_dir = copy_fixture(tmp_path)
    path = content_dir / "programmes" / "2026.yaml"
    text = path.read_text(encoding="utf-8")
    text += f"corrections:\n  - field: {field}\n    as_written: x\n    read_as: y\n    reason: z\n"
    path.write_text(text, encoding="utf-8")
    line = text.count("\n") - 3  # the '- field:' line
    _, problems = check_content(content_dir, history=False)
    errors = [p for p in problems if p.field == "field"]
    assert errors and errors[0].line == line and errors[0].file.endswith("2026.yaml")


def test_programme_level_correction_is_read_checked_and_shown(tmp_path):
    content_dir = copy_fixture(tmp_path)
    path = content_dir / "programmes" / "2026.yaml"
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M)[1]
    text += (
        f"corrections:\n  - field: title\n    as_written: {title}\n    read_as: null\n"
        "    reason: Tên ghi thiếu năm.\n"
    )
    path.write_text(text, encoding="utf-8")
    content, problems = check_content(content_dir, history=False)
    assert content is not None, problems
    assert [c.reason for c in content.programmes[0].corrections] == ["Tên ghi thiếu năm."]
    stale = replaced(text, f"as_written: {title}", "as_written: Không khớp")
    path.write_text(stale, encoding="utf-8")
    content, problems = check_content(content_dir, history=False)
    assert content is None and any("as_written" in p.message for p in problems)
