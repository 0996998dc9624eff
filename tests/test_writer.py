"""The ready files written by a forked child while mkdocs renders the pages (engine/writer.py)."""

from __future__ import annotations

import os

import pytest
from mkdocs.exceptions import PluginError

from generator.engine.mkdocs_plugin import ProgrammePlugin
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


def test_what_no_page_needs_is_made_in_the_child(tmp_path):
    parent = os.getpid()
    files = ReadyFiles(tmp_path, {"a.txt": b"a"}, make=lambda: {"pid.txt": str(os.getpid())})
    writer = ChildWriter(files)
    writer.start()
    assert writer.wait() == ["a.txt", "pid.txt"]
    assert (tmp_path / "pid.txt").read_text() not in ("", str(parent))


class _Done:
    def __init__(self, written=(), failure=""):
        self.written, self.failure = list(written), failure

    def wait(self):
        if self.failure:
            raise WriteFailed(self.failure)
        return self.written


def test_the_build_fails_when_the_child_failed_or_took_a_place_of_mkdocs():
    plugin = ProgrammePlugin()
    plugin.writer, plugin.mkdocs_paths = _Done(failure="không ghi được x: hết chỗ"), set()
    with pytest.raises(PluginError, match="không ghi được x"):
        plugin.on_post_build(config=None)
    plugin.writer = _Done(["assets/app.js", "lich/a.ics"])
    plugin.mkdocs_paths = {"assets/app.js", "index.html"}
    with pytest.raises(PluginError, match="trùng đường dẫn.*assets/app.js"):
        plugin.on_post_build(config=None)
    plugin.writer = _Done(["lich/a.ics"])
    plugin.on_post_build(config=None)  # no clash: the build goes on


def test_child_failure_is_one_line_for_the_build(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "lich").write_text("a file where a folder should be")
    writer = ChildWriter(ReadyFiles(tmp_path / "site", {"lich/tat-ca.ics": b"x"}))
    writer.start()
    with pytest.raises(WriteFailed, match="không ghi được .*lich") as failed:
        writer.wait()
    assert "\n" not in str(failed.value)


def test_two_files_for_one_path_are_refused_not_merged(tmp_path):
    source = tmp_path / "x.js"
    source.write_bytes(b"copy")
    for files in (
        ReadyFiles(tmp_path / "a", {"p/x.js": b"text"}, make=lambda: {"p/x.js": b"made"}),
        ReadyFiles(tmp_path / "b", {}, {"p/x.js": source}, make=lambda: {"p/x.js": b"made"}),
    ):
        with pytest.raises(WriteFailed, match="cùng một đường dẫn: p/x.js"):
            write_all(files)
        assert not files.root.exists()


def test_never_replaces_a_file_already_written(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.js").write_text("mkdocs' own")
    with pytest.raises(WriteFailed, match="trùng đường dẫn.*: assets/x.js$"):
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
    # Earlier tests (the browser's) may have left threads running in this process.
    monkeypatch.setattr("generator.engine.mkdocs_plugin.threading.active_count", lambda: 1)
    forks = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    forked = build_into(tmp_path / "forked", MINI, env)
    assert forks == [1]
    monkeypatch.delattr(os, "fork")  # as on a system without fork: mkdocs writes them
    serial = build_into(tmp_path / "serial", MINI, env)
    assert _listing(forked) == _listing(serial)
    assert any(name.startswith("admin/") for name in _listing(forked))


def test_failures_name_the_site_path_in_one_line(tmp_path):
    def broken():
        raise ValueError("first line\nsecond line")

    writer = ChildWriter(ReadyFiles(tmp_path / "site", make=broken))
    writer.start()
    with pytest.raises(WriteFailed, match="ValueError: first line second line$"):
        writer.wait()
    writer = ChildWriter(ReadyFiles(tmp_path / "site", {}, {"admin/x.js": tmp_path / "missing"}))
    writer.start()
    with pytest.raises(WriteFailed, match="^không ghi được admin/x.js: "):
        writer.wait()


def test_dirty_builds_and_serve_hand_the_files_to_mkdocs():
    plugin = ProgrammePlugin()
    plugin.on_startup(command="build", dirty=True)
    assert not plugin.fork_writes  # `mkdocs build --dirty` keeps the last build's files
    plugin.on_startup(command="serve", dirty=False)
    assert not plugin.fork_writes
    plugin.on_startup(command="build", dirty=False)
    assert plugin.fork_writes


def test_shutdown_stops_the_child_after_ctrl_c(tmp_path):
    many = {f"d/{i}.txt": b"x" * 1000 for i in range(3000)}
    plugin = ProgrammePlugin()
    plugin.writer = ChildWriter(ReadyFiles(tmp_path / "site", many))
    plugin.writer.start()
    pid = plugin.writer.pid
    plugin.on_shutdown()  # mkdocs skips on_build_error for a KeyboardInterrupt
    assert plugin.writer is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_mkdocs_theme_templates_count_as_its_own_paths(tmp_path, monkeypatch):
    """404.html and sitemap.xml(.gz) are written by mkdocs but are not among its files."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from tests.conftest import ROOT

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(ROOT)
    # Earlier tests (the browser's) may have left threads running in this process.
    monkeypatch.setattr("generator.engine.mkdocs_plugin.threading.active_count", lambda: 1)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins["ctct"].config.content = str(MINI)
    config.site_dir = str(tmp_path / "site")
    config = config.plugins.on_config(config)
    plugin = config.plugins["ctct"]
    plugin.on_startup(command="build", dirty=False)
    plugin.on_files(Files([]), config)
    try:
        assert {"404.html", "sitemap.xml", "sitemap.xml.gz"} <= plugin.mkdocs_paths
    finally:
        plugin.on_shutdown()
