"""The ready files written by a forked child while mkdocs renders the pages (engine/writer.py)."""

from __future__ import annotations

import os

import pytest

from generator.engine.writer import ChildWriter, ReadyFiles, WriteFailed, write_all
from tests.conftest import EPOCH, MINI, build_into


def _listing(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_child_writes_texts_bytes_and_copies(tmp_path):
    source = tmp_path / "bundle.js"
    source.write_bytes(b"\x00js")
    files = ReadyFiles(
        tmp_path / "site",
        {"lich/tat-ca.ics": b"BEGIN:VCALENDAR\r\n", "du-lieu/a.csv": "Tên,Hạn\n"},
        {"admin/bundle.js": source},
    )
    writer = ChildWriter(files)
    writer.start()
    writer.wait()
    assert _listing(tmp_path / "site") == {
        "admin/bundle.js": b"\x00js",
        "du-lieu/a.csv": "Tên,Hạn\n".encode(),
        "lich/tat-ca.ics": b"BEGIN:VCALENDAR\r\n",
    }


def test_child_failure_is_one_line_for_the_build(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "lich").write_text("a file where a folder should be")
    writer = ChildWriter(ReadyFiles(tmp_path / "site", {"lich/tat-ca.ics": b"x"}))
    writer.start()
    with pytest.raises(WriteFailed, match="không ghi được .*lich") as failed:
        writer.wait()
    assert "\n" not in str(failed.value)


def test_never_replaces_a_file_already_written(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.js").write_text("mkdocs' own")
    with pytest.raises(FileExistsError):
        write_all(ReadyFiles(tmp_path, {"assets/x.js": b"ours"}))
    assert (tmp_path / "assets" / "x.js").read_text() == "mkdocs' own"


@pytest.mark.parametrize("path", ["../out.txt", "/etc/x", "a/../../b", "a\\b", ""])
def test_paths_stay_inside_the_site(tmp_path, path):
    with pytest.raises(WriteFailed, match="không hợp lệ"):
        write_all(ReadyFiles(tmp_path / "site", {path: b"x"}))
    assert not (tmp_path / "out.txt").exists()


def test_cancel_stops_and_reaps_the_child(tmp_path):
    many = {f"d/{i}.txt": b"x" * 1000 for i in range(3000)}
    writer = ChildWriter(ReadyFiles(tmp_path / "site", many))
    writer.start()
    pid = writer.pid
    writer.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left behind
    writer.wait()  # nothing left to wait for


def test_site_is_the_same_written_by_the_child_or_by_mkdocs(tmp_path, monkeypatch):
    env = {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": "https://example.org/ctct/"}
    forked = build_into(tmp_path / "forked", MINI, env)
    monkeypatch.delattr(os, "fork")  # as on a system without fork: mkdocs writes them
    serial = build_into(tmp_path / "serial", MINI, env)
    assert _listing(forked) == _listing(serial)
    assert any(name.startswith("admin/") for name in _listing(forked))
