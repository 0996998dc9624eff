"""Attack class: a careless clerk. Whatever the build would trip on, `check` reports first,
at its line; the importer never overwrites; the command line never tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from generator.cli import main
from generator.common.errors import Severity
from generator.importer.run import run_import
from generator.load.content import check_content

from ..conftest import AS_OF, ROOT, copy_fixture
from ..helpers import FIXTURE


def errors_at(content_dir):
    _, problems = check_content(content_dir, AS_OF, history=False)
    return [(p.line, p.field) for p in problems if p.severity is Severity.ERROR]


def edit_first(path, pattern, replacement):
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text, re.M)
    path.write_text(text[: match.start()] + replacement + text[match.end() :], encoding="utf-8")
    return text[: match.start()].count("\n") + 1


def test_an_overlong_id_is_refused_at_its_line(tmp_path):
    content = copy_fixture(tmp_path)
    line = edit_first(
        content / "programmes" / "2026.yaml", r"^      - id: \S+$", "      - id: " + "a" * 250
    )
    assert errors_at(content) == [(line, "id")]


@pytest.mark.parametrize("deadline", ["31/12/9999", "01/01/0001", "15/01/1800"])
def test_a_date_outside_the_supported_years_is_refused_at_its_line(tmp_path, deadline):
    content = copy_fixture(tmp_path)
    line = edit_first(
        content / "programmes" / "2026.yaml", r"deadline: \S+$", f"deadline: {deadline}"
    )
    assert errors_at(content) == [(line, "deadline")]


@pytest.mark.parametrize("epoch", ["", "abc", "1.5"])
def test_check_with_a_bad_source_date_epoch_says_so(monkeypatch, capsys, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["check", "--content", str(ROOT / "tests" / "fixtures" / "mini")]) == 1
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err


def test_the_importer_changes_no_existing_file_without_force(tmp_path):
    out = tmp_path / "content"
    assert not [p for p in run_import(FIXTURE, out) if p.severity is Severity.ERROR]
    for name in ("ward.yaml", "units.yaml"):  # corrections added by hand since
        (out / name).write_text((out / name).read_text(encoding="utf-8") + "# sửa tay\n")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    problems = run_import(FIXTURE, out)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert len(errors) == 1 and "ward.yaml" in errors[0].message and "--force" in errors[0].message
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_the_importer_copies_the_official_text_beside_the_programme(tmp_path):
    out = tmp_path / "new"
    problems = run_import(FIXTURE, out)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    assert (out / "sources" / FIXTURE.name).read_bytes() == FIXTURE.read_bytes()
    loaded, problems = check_content(out, AS_OF, history=False)
    assert loaded is not None and loaded.documents[0].name == FIXTURE.name


@pytest.mark.parametrize("drop, flag", [("Hải Phòng|Bắc Ninh", "--city"), ("năm 2027", "--year")])
def test_a_document_without_city_or_year_names_the_option(tmp_path, drop, flag):
    text = FIXTURE.read_text(encoding="utf-8")
    text = (
        re.sub(rf"(thành phố|tỉnh) ({drop})", "", text, flags=re.I)
        if flag == "--city"
        else (re.sub(r"[Nn]ăm 2027", "", text))
    )
    source = tmp_path / FIXTURE.name
    source.write_text(text, encoding="utf-8")
    problems = run_import(source, tmp_path / "out")
    assert any(flag in p.message for p in problems if p.severity is Severity.ERROR), problems


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--content", "/nonexistent"],
        ["check", "--as-of", "hôm qua"],
        ["import", "/nonexistent.txt", "--out", "/tmp/x"],
        ["export", "--content", "/nonexistent"],
        ["build", "--config", "/nonexistent.yml"],
    ],
)
def test_the_command_line_never_tracebacks(args):
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr


def test_a_number_written_with_a_trailing_dot_is_not_a_sub_item(tmp_path):
    content = copy_fixture(tmp_path)
    edit_first(
        content / "programmes" / "2026.yaml", r'^        number: "1"$', '        number: "1."'
    )
    assert errors_at(content) == []


def test_an_out_folder_that_is_a_file_is_one_clear_error(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    problems = run_import(FIXTURE, tmp_path / "out")
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert len(errors) == 1 and "không ghi được" in errors[0].message
