"""Attack class: files from outside the content folder. Only files inside it are ever read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.load.content import check_content

from ..conftest import AS_OF, copy_fixture
from ..helpers import replaced


def with_source(tmp_path: Path, value: str) -> tuple[Path, int]:
    content = copy_fixture(tmp_path)
    programme = content / "programmes" / "2026.yaml"
    text = programme.read_text(encoding="utf-8")
    old = "source_document: Bản giấy lưu tại Văn phòng HĐND và UBND phường"
    programme.write_text(replaced(text, old, f"source_document: {value}"), encoding="utf-8")
    return content, text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    "value",
    ["/etc/passwd.txt", "../secret.txt", "sources/../../secret.txt", "sources\\x.txt"],
)
def test_a_source_document_outside_the_content_folder_is_refused(tmp_path, value):
    (tmp_path / "secret.txt").write_text("bí mật")
    content, line = with_source(tmp_path, value)
    loaded, problems = check_content(content, AS_OF, history=False)
    assert loaded is None
    assert [(p.file, p.line, p.field) for p in problems if p.severity == "lỗi"] == [
        ("content/programmes/2026.yaml", line, "source_document")
    ]


@pytest.mark.parametrize("target", ["/proc/self/environ", "../secret.txt"])
def test_a_symlink_that_leaves_the_content_folder_is_refused(tmp_path, target):
    (tmp_path / "secret.txt").write_text("TOKEN=abc")
    content, line = with_source(tmp_path, "sources/ctct.txt")
    (content / "sources").mkdir()
    os.symlink(target, content / "sources" / "ctct.txt")
    loaded, problems = check_content(content, AS_OF, history=False)
    assert loaded is None
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("content/programmes/2026.yaml", line, "source_document"),
        ("content/sources/ctct.txt", 1, "tệp"),
    ]
    assert "TOKEN" not in " ".join(p.message for p in problems)


def test_a_file_inside_is_read_and_published_by_name(tmp_path):
    content, _ = with_source(tmp_path, "sources/ctct-2026.txt")
    (content / "sources").mkdir()
    (content / "sources" / "ctct-2026.txt").write_text("Văn bản", encoding="utf-8")
    loaded, problems = check_content(content, AS_OF, history=False)
    assert loaded is not None, problems
    assert [(d.name, d.data) for d in loaded.documents] == [("ctct-2026.txt", "Văn bản".encode())]


def test_two_programmes_cannot_publish_one_file_name(tmp_path):
    content, _ = with_source(tmp_path, "sources/ctct.txt")
    (content / "sources").mkdir()
    (content / "sources" / "ctct.txt").write_text("x")
    first = (content / "programmes" / "2026.yaml").read_text(encoding="utf-8")
    second = replaced(replaced(first, 'id: "2026"', 'id: "2027"'), "year: 2026", "year: 2027")
    second = replaced(second, "2026", "2027", None)
    (content / "programmes" / "2027.yaml").write_text(second, encoding="utf-8")
    loaded, problems = check_content(content, AS_OF, history=False)
    assert loaded is None
    assert any("ctct.txt" in p.message and p.file.endswith("2027.yaml") for p in problems)


def test_a_content_file_that_is_a_symlink_out_is_refused(tmp_path):
    content = copy_fixture(tmp_path)
    (tmp_path / "units.yaml").write_text((content / "units.yaml").read_text(encoding="utf-8"))
    (content / "units.yaml").unlink()
    os.symlink(tmp_path / "units.yaml", content / "units.yaml")
    loaded, problems = check_content(content, AS_OF, history=False)
    assert loaded is None and any("liên kết" in p.message for p in problems)


@pytest.mark.parametrize("path", ["programmes/2027.yml", "reports/2026-01-02--2026-01-20.yml"])
def test_a_yml_file_is_reported_not_ignored(tmp_path, path):
    content = copy_fixture(tmp_path)
    (content / path).write_text("id: x\n")
    _, problems = check_content(content, AS_OF, history=False)
    assert [p.file for p in problems if ".yaml" in p.message] == [f"content/{path}"]
