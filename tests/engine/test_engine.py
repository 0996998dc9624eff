"""The engine layer: mkdocs gets the output as it is; a file of ours never takes mkdocs' place;
ProperDocs, the maintained fork of mkdocs 1.x, builds the same site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

from generator.engine.siteconfig import load_site_config, site_options
from generator.engine.sitedir import MARK

from ..conftest import CONTENT, EPOCH, MINI, REAL_SITE_ENV, ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="(mkdocs-(?:ProperDocs)?)[^"]*">')
"""Material's line naming the engine and its version: the one difference between the engines."""
ENV = {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": "https://example.org/ctct/"}


def _plugin_with_config(monkeypatch, tmp_path):
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(ROOT)
    config = load_site_config(ROOT / "mkdocs.yml")
    config.plugins["ctct"].config.content = str(MINI)
    config.site_dir = str(tmp_path / "site")
    config = config.plugins.on_config(config)
    return config.plugins["ctct"], config


def _mkdocs_files(config):
    """What mkdocs hands the plugins' on_files: content/'s files and the theme's."""
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return files


@pytest.mark.parametrize(
    "path", ["404.html", "sitemap.xml", "sitemap.xml.gz", "assets/javascripts/ctct.js"]
)
def test_a_file_of_ours_in_a_place_of_mkdocs_fails_the_build(monkeypatch, tmp_path, path):
    """404.html and sitemap.xml(.gz) are written by mkdocs but are not among its files."""
    plugin, config = _plugin_with_config(monkeypatch, tmp_path)
    plugin.output.add_file(path, b"ours")
    with pytest.raises(PluginError, match=f"hai tệp cùng một đường dẫn.*{path}"):
        plugin.on_files(_mkdocs_files(config), config)


def test_mkdocs_is_handed_every_page_file_and_copy(monkeypatch, tmp_path):
    plugin, config = _plugin_with_config(monkeypatch, tmp_path)
    files = plugin.on_files(_mkdocs_files(config), config)
    output = plugin.output
    by_path = {f.src_uri: f for f in files}
    assert {p.path for p in output.pages} | output.files.keys() | output.copies.keys() <= set(
        by_path
    )
    assert by_path["lich/tat-ca.ics"].content_bytes == output.files["lich/tat-ca.ics"]
    copy = by_path["admin/ctct-editor.js"]
    assert copy.abs_src_path == str(output.copies["admin/ctct-editor.js"])
    assert not any(f.src_uri.endswith(".yaml") for f in files)  # content/ is data, not pages


def _listing(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_site(real_site, tmp_path):
    """The same mkdocs.yml, theme, plugin and content under ProperDocs. The one difference:
    Material's `<meta name="generator">` names the engine and its version, on every HTML page."""
    properdocs = shutil.which("properdocs", path=str(Path(sys.executable).parent))
    assert properdocs, "ProperDocs is pinned in the test extras (pyproject.toml)"
    theirs = tmp_path / "site"
    # The configuration `generator build` uses (the defaults and this site's own settings),
    # written out whole, on the content real_site is built from.
    config = tmp_path / "mkdocs.yml"
    options = site_options(ROOT / "mkdocs.yml")
    options.update(docs_dir=str(CONTENT), watch=[], site_url=REAL_SITE_ENV["SITE_URL"])
    options["plugins"][1]["ctct"]["content"] = str(CONTENT)
    config.write_text(yaml.safe_dump(options, allow_unicode=True), encoding="utf-8")
    done = subprocess.run(
        [properdocs, "build", "--strict", "-q", "-f", str(config), "-d", str(theirs)],
        cwd=ROOT,
        env={**os.environ, **REAL_SITE_ENV, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    a, b = _listing(real_site), _listing(theirs)
    assert a.pop(MARK) and MARK not in b  # our build command marks the folders it makes
    assert a.keys() == b.keys()
    rendered = sorted(name for name in a if GENERATOR.search(a[name]))  # Material's pages
    assert {"index.html", "404.html", "lich/index.html"} <= set(rendered)
    assert sorted(name for name in a if a[name] != b[name]) == rendered
    assert {GENERATOR.search(b[name])[1] for name in rendered} == {b"mkdocs-ProperDocs"}
    assert {GENERATOR.search(a[name])[1] for name in rendered} == {b"mkdocs-"}
    assert [n for n in rendered if GENERATOR.sub(b"", a[n]) != GENERATOR.sub(b"", b[n])] == []


def test_serve_previews_a_wards_thin_repository(tmp_path):
    """`python -m generator serve` in a folder holding content/ and a short mkdocs.yml only:
    the page and the theme's files, from the installed generator's defaults."""
    import socket
    import time
    import urllib.request

    shutil.copytree(MINI, tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text("theme:\n  palette:\n    primary: teal\n")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env={
            **os.environ,
            **ENV,
            "SITE_URL": f"http://127.0.0.1:{port}/",
            "NO_MKDOCS_2_WARNING": "1",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline, page = time.monotonic() + 60, None
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    page = answer.read().decode("utf-8")
            except OSError:
                time.sleep(0.3)
        assert page is not None, server.stderr.read().decode() if server.poll() else "no answer"
        assert 'data-md-color-primary="teal"' in page and "<title>" in page
        css = f"http://127.0.0.1:{port}/assets/stylesheets/ctct.css"
        with urllib.request.urlopen(css, timeout=5) as answer:
            assert answer.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_frame_parts_are_shared_only_by_leaves_of_one_folder():
    from types import SimpleNamespace as Page

    from generator.engine.mkdocs_plugin import SharedParts

    urls = ["", "thang/2026-01/", "nhiem-vu/a/", "nhiem-vu/b/", "tim-kiem/", "tim-kiem/x.json"]
    shared = SharedParts([Page(url=url) for url in urls])
    listed = Page(url="thang/2026-01/", toc=[], meta={})
    nav = Page(pages=[listed])
    task = Page(url="nhiem-vu/a/", toc=[], meta={})
    assert shared.folder(task) == shared.sidebars(task, nav) == "nhiem-vu"
    assert shared.folder(Page(url="tim-kiem/")) is None  # a file below it: its links are its own
    assert shared.folder(Page(url="")) is None  # the home page
    assert shared.folder(None) is None  # 404.html
    assert shared.sidebars(listed, nav) is None  # its own link is active
    assert shared.sidebars(Page(url="nhiem-vu/b/", toc=["h2"], meta={}), nav) is None
    assert shared.sidebars(Page(url="nhiem-vu/b/", toc=[], meta={"hide": ["toc"]}), nav) is None
    calls = []
    render = lambda: calls.append(1) or "<nav>"  # noqa: E731
    for key in (("sidebars", "nhiem-vu"), ("sidebars", "nhiem-vu"), ("config", None)) * 2:
        assert shared.once(*key, caller=render) == "<nav>"
    assert len(calls) == 3  # once for the folder, every time for a page of its own
