"""Attack class: hostile or careless text in content. Each ends in a located Vietnamese error
or in safe output, never a traceback."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator.common.errors import Severity
from generator.contentformat import records as fmt
from generator.load.content import check_content, load_content
from generator.opendata.csvdata import to_csv
from generator.opendata.export import to_json
from generator.output import SiteInfo

from ..conftest import AS_OF, copy_fixture
from ..helpers import edit_file

SITE = SiteInfo("https://example.org/", AS_OF)


def errors_of(content_dir):
    _, problems = check_content(content_dir, AS_OF, history=False)
    return [p for p in problems if p.severity is Severity.ERROR]


def replace(path, old, new):
    return edit_file(path, old, new)


@pytest.mark.parametrize("name", ['X" /><img src=x onerror=alert(1)>', "A & B", "O'Hara", "`x`"])
def test_markup_in_the_ward_name_is_refused_at_its_line(tmp_path, name):
    content = copy_fixture(tmp_path)
    replace(content / "ward.yaml", "name: An Biên", "name: " + json.dumps(name))
    errors = errors_of(content)
    assert [(e.file, e.line, e.field) for e in errors] == [("content/ward.yaml", 2, "name")]


def test_ward_kind_is_one_of_the_known_kinds(tmp_path):
    content = copy_fixture(tmp_path)
    replace(content / "ward.yaml", "kind: phường", 'kind: "<b>phường</b>"')
    assert [(e.line, e.field) for e in errors_of(content)] == [(3, "kind")]


@pytest.mark.parametrize(
    "char", ["\x07", "\x1b", "\u202e", "\x00", "\x85", "\u200e", "\u200f", "\u061c"]
)
def test_control_characters_are_refused_with_their_line(tmp_path, char):
    content = copy_fixture(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    text = replace(programme, "content: Kế hoạch tiêm chủng mở rộng", f"content: Kế hoạch{char}x")
    line = text[: text.index(f"Kế hoạch{char}")].count("\n") + 1
    errors = errors_of(content)
    assert [(e.file, e.line) for e in errors] == [("content/programmes/2026.yaml", line)]
    assert f"U+{ord(char):04X}" in errors[0].message


@pytest.mark.parametrize(
    "link", ["http://x.vn", "https://", "https://a b.vn", "javascript:alert(1)", 'https://x.vn/"x']
)
def test_progress_link_must_be_a_plain_https_address(tmp_path, link):
    content = copy_fixture(tmp_path)
    programme = content / "reports" / "2026-01-01--2026-01-14.yaml"
    text = programme.read_text(encoding="utf-8")
    assert "link:" in text
    start = text.index("link:")
    end = text.index("\n", start)
    programme.write_text(text[:start] + "link: " + json.dumps(link) + text[end:], encoding="utf-8")
    errors = errors_of(content)
    assert [e.field for e in errors] == ["link"]


def test_csv_cells_that_look_like_formulas_are_neutralised_and_json_keeps_the_text(tmp_path):
    content_dir = copy_fixture(tmp_path)
    formula = '=HYPERLINK("https://evil.example","bấm")'
    replace(
        content_dir / "programmes" / "2026.yaml",
        "content: Kế hoạch tiêm chủng mở rộng",
        "content: " + json.dumps(formula, ensure_ascii=False),
    )
    replace(
        content_dir / "programmes" / "2026.yaml",
        "content: Chăm sóc sức khỏe Nhân dân",
        'content: "- Chăm sóc sức khỏe"',
    )
    content = load_content(content_dir, AS_OF, history=False)
    rows = list(csv.reader(io.StringIO(to_csv(content, SITE).decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + formula in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    exported = json.loads(to_json(content))
    assert formula in [task["content"] for task in exported["tasks"]]


def test_a_task_cannot_be_its_own_parent(tmp_path):
    content = copy_fixture(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    text = programme.read_text(encoding="utf-8")
    start = text.index("parent: ")
    end = text.index("\n", start)
    task_id = text[:start].rsplit("- id: ", 1)[1].split("\n", 1)[0]
    programme.write_text(text[:start] + f"parent: {task_id}" + text[end:], encoding="utf-8")
    assert any("chính nó" in e.message for e in errors_of(content))


@pytest.mark.parametrize("escape", ["\\e", "\\x07", "\\u202e", "\\0"])
def test_control_characters_written_as_yaml_escapes_are_refused_too(tmp_path, escape):
    content = copy_fixture(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    text = replace(
        programme, "content: Kế hoạch tiêm chủng mở rộng", f'content: "Kế hoạch{escape}x"'
    )
    line = text[: text.index("Kế hoạch" + escape)].count("\n") + 1
    assert [(e.file, e.line) for e in errors_of(content)] == [
        ("content/programmes/2026.yaml", line)
    ]


def test_report_refuses_a_control_character_in_its_arguments(tmp_path, monkeypatch, capsys):
    from generator.cli import main

    content = copy_fixture(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769212800")
    code = main(["report", "2026-01-02", "--status", "in_progress", "--note", "x\x1b[31m",
                 "--content", str(content)])  # fmt: skip
    assert code == 1 and "U+001B" in capsys.readouterr().err
    assert not list((content / "reports").glob("2026-01-02--*"))


@pytest.mark.parametrize(
    "old, field, limit",
    [
        ("content: Kế hoạch tiêm chủng mở rộng", "content", 2000),
        ("title: Chương trình công tác năm 2026", "title", 500),
        ("  - Căn cứ Quy chế làm việc của Ủy ban nhân dân phường;", "legal_bases", 2000),
    ],
)
def test_a_text_longer_than_its_field_allows_is_refused_at_its_line(tmp_path, old, field, limit):
    content = copy_fixture(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    assert {f.limit for r in fmt.RECORDS for f in r.fields if f.name == field} == {limit}
    text = replace(programme, old, old + " x" * limit)
    line = text[: text.index(old)].count("\n") + 1
    errors = errors_of(content)
    assert [(e.line, e.field) for e in errors] == [(line, field)]
    assert f"quá giới hạn {limit} ký tự" in errors[0].message
