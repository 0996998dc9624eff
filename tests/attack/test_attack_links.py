"""Attack class: symlinks committed in the content folder. None is followed when writing.

A pull request may add a dangling link `content/sources/ctct-2027.docx → .venv/…/x.pth`; if the
importer or `report` wrote through it, the next Python start would run what an emailed file
holds. `check` names every link, and every writer refuses to write through one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.common.safewrite import UnsafeWrite, write_inside
from generator.importer.run import run_import
from generator.load.content import check_content

from ..conftest import AS_OF, FIXTURES, copy_fixture

DOCUMENT = FIXTURES / "import" / "ctct-2027-xa-an-hoa.txt"


@pytest.mark.parametrize(
    "where", ["sources/ctct.txt", "reports/2026-01-02--2026-01-20.yaml", "a/b/c/deep.txt"]
)
@pytest.mark.parametrize("target", ["units.yaml", "/nowhere/x.pth"])
def test_check_names_every_symlink_at_any_depth(tmp_path, where, target):
    content = copy_fixture(tmp_path)
    link = content / where
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)
    loaded, problems = check_content(content, AS_OF, history=False)
    assert loaded is None
    named = [p for p in problems if p.file == f"{content.name}/{where}"]
    assert [(p.line, p.field) for p in named] == [(1, "tệp")]
    assert "liên kết (symlink)" in named[0].message


def test_check_names_a_linked_folder(tmp_path):
    content = copy_fixture(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", content / "sources")
    loaded, problems = check_content(content, AS_OF, history=False)
    assert loaded is None
    assert [p.file for p in problems] == [f"{content.name}/sources"]


def test_import_refuses_a_dangling_link_where_it_would_copy_the_document(tmp_path):
    out = tmp_path / "content"
    (out / "sources").mkdir(parents=True)
    victim = tmp_path / "venv" / "x.pth"
    victim.parent.mkdir()
    os.symlink(victim, out / "sources" / DOCUMENT.name)
    for force in (False, True):
        problems = run_import(DOCUMENT, out, force=force)
        errors = [p for p in problems if p.severity == "lỗi"]
        assert [p.field for p in errors] == ["out"]
        assert "symlink" in errors[0].message
        assert not victim.exists()
        assert not (out / "ward.yaml").exists()  # nothing written at all


def test_import_refuses_a_linked_folder(tmp_path):
    out = tmp_path / "content"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", out / "programmes")
    problems = run_import(DOCUMENT, out)
    assert "symlink" in [p for p in problems if p.severity == "lỗi"][0].message
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_report_never_writes_through_a_link(tmp_path, monkeypatch, capsys):
    content = copy_fixture(tmp_path)
    victim = tmp_path / "victim.pth"
    os.symlink(victim, content / "reports" / "2026-01-02--2026-01-24.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769212800")
    code = main(["report", "2026-01-02", "--status", "in_progress", "--content", str(content)])
    assert code == 1
    assert "symlink" in capsys.readouterr().err
    assert not victim.exists()


def test_write_inside_refuses_links_on_the_way_and_at_the_name(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "out", root / "linked")
    os.symlink(tmp_path / "out" / "f", root / "f")
    with pytest.raises(UnsafeWrite, match="không phải thư mục thật"):
        write_inside(root, "linked/x.yaml", b"x")
    with pytest.raises(UnsafeWrite, match="liên kết"):
        write_inside(root, "f", b"x", replace=True)
    with pytest.raises(UnsafeWrite):
        write_inside(root, "../escape", b"x")
    assert list((tmp_path / "out").iterdir()) == []
    assert write_inside(root, "new/deep/x.yaml", b"ok").read_bytes() == b"ok"
    with pytest.raises(UnsafeWrite, match="không ghi đè"):
        write_inside(root, "new/deep/x.yaml", b"again")
    write_inside(root, "new/deep/x.yaml", b"again", replace=True)
    assert (root / "new/deep/x.yaml").read_bytes() == b"again"
    assert sorted(p.name for p in (root / "new/deep").iterdir()) == ["x.yaml"]


def test_write_inside_refuses_a_linked_root(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "root")
    with pytest.raises(UnsafeWrite, match="symlink"):
        write_inside(Path(tmp_path / "root"), "x", b"x")
