"""What is checked of content/ itself: rules that hold for any ward's content, so that a ward's
own copy of this repository passes them (README, "Phường, xã khác dùng công cụ này").

Every count comes from the official document, never from a constant. The same checks run on
the whole-year fixture; `tests/siterepo/test_adopt.py` runs this file in a copy whose content/ is
another ward's.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.common.errors import Severity
from generator.common.wording import ward_place
from generator.domain.model import Content, Task
from generator.importer.run import run_import
from generator.load.content import check_content, load_content

from ..conftest import REAL_CONTENT, ROOT
from ..helpers import PACKAGE, amended, source_rows, sources

"""The official documents the importer reads: each programme's tasks are traced back to them."""


def _load(folder: Path) -> Content:
    return load_content(folder, history=False)


def row(task: Task) -> tuple:
    return (task.id, task.number, task.parent_id, task.content, task.lead_as_written)


def test_the_content_checks_without_errors(ward_content):
    content, problems = check_content(ward_content)
    assert content is not None, [str(p) for p in problems]
    assert [p for p in problems if p.severity is Severity.ERROR] == []


def test_every_task_traces_to_a_row_of_its_official_document(ward_content, tmp_path):
    """The faithful-data check: the document imported again gives the committed tasks, one per
    numbered row, as written (a task adjusted by a recorded amendment keeps only its id)."""
    content = _load(ward_content)
    found = sources(content, ward_content)
    if not found:
        pytest.skip("no programme names a .txt or .docx official document")
    for programme, path in found:
        out = tmp_path / programme.id
        problems = run_import(path, out, year=programme.year)
        assert [p for p in problems if p.severity is Severity.ERROR] == [], problems
        fresh = _load(out)
        assert len(fresh.tasks) == len(source_rows(path)), path.name
        changed = amended(programme)
        assert [t.id for t in fresh.tasks if t.id not in changed] == [
            t.id for t in programme.tasks if t.id not in changed
        ]
        committed = {t.id: t for t in programme.tasks}
        for new in fresh.tasks:
            if new.id in changed:
                continue
            old = committed[new.id]
            assert row(new) == row(old), new.id
            assert new.deadline.as_written == old.deadline.as_written, new.id
            fixed = old.correction_for("deadline")
            if fixed is None or fixed.read_as is None:
                assert (new.deadline.start, new.deadline.end) == (
                    old.deadline.start,
                    old.deadline.end,
                ), new.id


def test_the_ward_is_the_one_its_documents_name(ward_content, tmp_path):
    content = _load(ward_content)
    for programme, path in sources(content, ward_content):
        run_import(path, tmp_path / programme.id, year=programme.year)
        fresh = _load(tmp_path / programme.id)
        assert ward_place(fresh.ward) == ward_place(content.ward), path.name


def test_the_official_text_is_the_shared_one():
    """Where the shared official documents lie beside this checkout, content/ holds them
    unchanged."""
    shared = ROOT.parent / "shared" / "source"
    content = _load(REAL_CONTENT)
    pairs = [(p, shared / p.name) for _, p in sources(content, REAL_CONTENT)]
    pairs = [(mine, theirs) for mine, theirs in pairs if theirs.is_file()]
    if not pairs:
        pytest.skip("no shared official document beside this checkout")
    for mine, theirs in pairs:
        assert mine.read_bytes() == theirs.read_bytes(), mine.name


def tracked_files() -> list[str]:
    done = subprocess.run(
        ["git", "-c", "core.quotepath=off", "ls-files", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return [name for name in done.stdout.decode("utf-8").split("\0") if name]


def test_the_generator_and_its_theme_name_no_ward():
    """The package every ward's site is made with (`PACKAGE`) takes the ward from
    content/ward.yaml and names none, so another ward's copy shows nothing of this one. A
    ward's own files may name it: content/, its README, the colours it declares."""
    ward = _load(REAL_CONTENT).ward
    by_id = re.compile(rf"(?<![a-z0-9]){re.escape(ward.id)}(?![a-z0-9])")
    offending = []
    for name in tracked_files():
        if not name.startswith(PACKAGE):
            continue
        path = ROOT / name
        if by_id.search(name):
            offending.append(f"{name}: tên tệp có '{ward.id}'")
        if path.is_symlink() or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        named = [n for n in (ward.name, ward.name.upper()) if n in text] + by_id.findall(text)
        offending += [f"{name}: '{n}'" for n in sorted(set(named))]
    assert offending == []
